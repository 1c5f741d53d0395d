import { cellToParent, latLngToCell, polygonToCells } from 'h3-js';

/** Scoring works on H3 resolution 10 (≈ 130 m across); the public map on resolution 9 for privacy. */
export const SCORING_RESOLUTION = 10;
export const PUBLIC_RESOLUTION = 9;

/**
 * The public cell is the parent of the scoring cell (not the res-9 cell containing the point, which
 * can differ near edges), so public counts are exact sums of the scoring cells inside them.
 */
export function cellsFor(lat: number, lon: number) {
  const r10 = latLngToCell(lat, lon, SCORING_RESOLUTION);
  return { h3r10: r10, h3r9: cellToParent(r10, PUBLIC_RESOLUTION) };
}

/** Scoring cells whose centre lies inside a lat/lon box: a study area for Gi* when no districts are loaded. */
export function cellsInBounds(bounds: { minLat: number; minLon: number; maxLat: number; maxLon: number }): string[] {
  const ring = [
    [bounds.minLat, bounds.minLon],
    [bounds.minLat, bounds.maxLon],
    [bounds.maxLat, bounds.maxLon],
    [bounds.maxLat, bounds.minLon],
  ];
  return polygonToCells(ring, SCORING_RESOLUTION);
}
