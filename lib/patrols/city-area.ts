import { polygonToCells } from 'h3-js';
import type { MultiPolygon, Polygon } from 'geojson';
import { getCityConfig } from '@/lib/city/config';
import type { Db } from '@/lib/db/client';
import { cellsInBounds, SCORING_RESOLUTION } from '@/lib/geo/cells';
import { loadDistricts } from '@/lib/reports/service';

/**
 * The city's scoring cells (H3 resolution 10 inside its districts; its map bounds when no districts
 * are loaded): the study area of Gi* and the "city's area" of the 5 % cap on a plan.
 */
export async function cityCells(db: Db): Promise<string[]> {
  const rows = await loadDistricts(db);
  const cells = new Set<string>();
  for (const district of rows) {
    const geometry = district.geometry as Polygon | MultiPolygon;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
    for (const polygon of polygons) for (const cell of polygonToCells(polygon, SCORING_RESOLUTION, true)) cells.add(cell);
  }
  return cells.size > 0 ? [...cells] : cellsInBounds(getCityConfig().bounds);
}
