/**
 * Places of concerns and measures, as the editor handles them (lat/lon, corners) and as they are
 * stored (GeoJSON, longitude first). No server-only imports: the editor's client components use it.
 */
export type LatLon = { lat: number; lon: number };

export const placeKinds = ['none', 'point', 'area'] as const;
export type PlaceKind = (typeof placeKinds)[number];

/** "51.61,7.52; 51.62,7.53; …" — how the area field travels in a form. */
export function parseCorners(text: string): LatLon[] | null {
  const corners: LatLon[] = [];
  for (const part of text.split(';')) {
    if (part.trim() === '') continue;
    const [lat, lon, ...rest] = part.split(',').map((s) => Number(s.trim()));
    if (rest.length > 0 || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
    corners.push({ lat, lon });
  }
  return corners;
}

export function formatCorners(corners: readonly LatLon[]): string {
  return corners.map((c) => `${c.lat.toFixed(6)},${c.lon.toFixed(6)}`).join('; ');
}

export type ConcernGeometry = { type: 'Point'; coordinates: [number, number] } | { type: 'Polygon'; coordinates: [number, number][][] };

/** The other way round, for the editor: what kind of place, and its point or corners. */
export function describeGeometry(geometry: unknown): { kind: PlaceKind; point: LatLon | null; corners: LatLon[] } {
  const g = geometry as { type?: string; coordinates?: unknown } | null;
  if (g?.type === 'Point' && Array.isArray(g.coordinates)) {
    const [lon, lat] = g.coordinates as number[];
    return { kind: 'point', point: { lat, lon }, corners: [] };
  }
  if (g?.type === 'Polygon' && Array.isArray(g.coordinates)) {
    const ring = ((g.coordinates as number[][][])[0] ?? []).map(([lon, lat]) => ({ lat, lon }));
    // The ring repeats its first corner at the end (GeoJSON); the editor lists each corner once.
    const corners = ring.length > 1 && ring[0].lat === ring.at(-1)!.lat && ring[0].lon === ring.at(-1)!.lon ? ring.slice(0, -1) : ring;
    return { kind: 'area', point: null, corners };
  }
  return { kind: 'none', point: null, corners: [] };
}

