export type Bounds = { minLat: number; minLon: number; maxLat: number; maxLon: number };

export function isInBounds(lat: number, lon: number, b: Bounds): boolean {
  return lat >= b.minLat && lat <= b.maxLat && lon >= b.minLon && lon <= b.maxLon;
}
