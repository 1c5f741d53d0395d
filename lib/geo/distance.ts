/** Distances on the Earth for scoring and patrol routes. */

/** Mean Earth radius (IUGG), in metres. */
export const EARTH_RADIUS_M = 6_371_008.8;

const RAD = Math.PI / 180;

export type LatLon = { lat: number; lon: number };

/** Great-circle distance in metres (haversine formula). */
export function haversineMetres(a: LatLon, b: LatLon): number {
  return haversineMetresRaw(a.lat, a.lon, b.lat, b.lon);
}

export function haversineMetresRaw(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/**
 * Metres per degree of latitude and of longitude near a latitude, for a local flat projection.
 * Within a few hundred metres it agrees with the haversine distance to well under a millimetre per
 * metre, and costs two multiplications instead of four trigonometric calls per pair: the scoring
 * loop measures millions of report–cell distances.
 */
export function metresPerDegree(lat: number): { lat: number; lon: number } {
  const perDegree = EARTH_RADIUS_M * RAD;
  return { lat: perDegree, lon: perDegree * Math.cos(lat * RAD) };
}

/** The great-circle distance in metres (the name the report code uses). */
export const distanceMetres = haversineMetres;

/**
 * A box that holds every point within `metres` of the centre, for an index-friendly pre-filter
 * before the exact distance. Longitude degrees shrink with the cosine of the latitude.
 */
export function boxAround(centre: LatLon, metres: number) {
  const perDegree = metresPerDegree(centre.lat);
  const dLat = metres / perDegree.lat;
  const dLon = metres / Math.max(perDegree.lon, 1e-6);
  return { minLat: centre.lat - dLat, maxLat: centre.lat + dLat, minLon: centre.lon - dLon, maxLon: centre.lon + dLon };
}
