import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import type { BBox } from '@/lib/db/schema';

export type DistrictShape = { id: number; slug: string; name: string; geometry: unknown; bbox: BBox };

/** The district a point lies in, by point-in-polygon with a bounding-box pre-check; null outside all. */
export function findDistrict<T extends DistrictShape>(districts: readonly T[], lat: number, lon: number): T | null {
  for (const district of districts) {
    const [minLon, minLat, maxLon, maxLat] = district.bbox;
    if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) continue;
    const geometry = district.geometry as Polygon | MultiPolygon;
    if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') continue;
    if (booleanPointInPolygon([lon, lat], geometry)) return district;
  }
  return null;
}
