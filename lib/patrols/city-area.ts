import { getCityConfig } from '@/lib/city/config';
import type { Db } from '@/lib/db/client';
import { cellsInBounds } from '@/lib/geo/cells';
import { studyAreaOf } from '@/lib/priorities/service';
import { loadDistricts } from '@/lib/reports/service';

/**
 * The city's scoring cells (H3 resolution 10 inside its districts, as the priorities' Gi* study
 * area; its map bounds when no districts are loaded): the "city's area" of the 5 % cap on a plan.
 */
export async function cityCells(db: Db): Promise<string[]> {
  return studyAreaOf(await loadDistricts(db)) ?? cellsInBounds(getCityConfig().bounds);
}
