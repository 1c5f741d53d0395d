import { and, eq, notInArray } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { categories, districts, reports } from '@/lib/db/schema';
import { rankCells, type CellPriority } from '@/lib/priorities/rank';
import { defaultScoreParams, type ScoringReport } from '@/lib/priorities/score';
import type { SlotId } from '@/lib/priorities/slots';
import { cityCells } from './city-area';

/*
 * Where patrol plans get their priorities. A stand-in with the signature of rankPriorities in
 * lib/priorities/service.ts (built in parallel): it loads the reports and ranks them with rankCells,
 * without manual overrides or cached aggregates. When that service lands, this file re-exports it;
 * every caller in lib/patrols goes through here, so nothing else changes.
 */

export type RankPrioritiesOptions = {
  now?: Date;
  slotWeights?: Partial<Record<SlotId, number>>;
  district?: string;
  category?: string;
  limit?: number;
};

export async function rankPriorities(db: Db, options: RankPrioritiesOptions = {}): Promise<CellPriority[]> {
  const categoryRows = await db.select({ slug: categories.slug, weight: categories.weight }).from(categories);
  const conditions = [notInArray(reports.status, ['dismissed', 'duplicate'])];
  if (options.category) conditions.push(eq(categories.slug, options.category));
  if (options.district) conditions.push(eq(districts.slug, options.district));
  const rows = await db
    .select({
      id: reports.id,
      lat: reports.lat,
      lon: reports.lon,
      cell: reports.h3r10,
      category: categories.slug,
      feeling: reports.feeling,
      when: reports.when,
      createdAt: reports.createdAt,
      reporterHash: reports.reporterHash,
      duplicateOf: reports.duplicateOf,
      status: reports.status,
    })
    .from(reports)
    .innerJoin(categories, eq(categories.id, reports.categoryId))
    .leftJoin(districts, eq(districts.id, reports.districtId))
    .where(and(...conditions));
  const params = { ...defaultScoreParams, categoryWeights: Object.fromEntries(categoryRows.map((c) => [c.slug, c.weight])) };
  return rankCells(rows satisfies ScoringReport[], params, options.now ?? new Date(), {
    slotWeights: options.slotWeights,
    studyArea: await cityCells(db),
    limit: options.limit,
  });
}
