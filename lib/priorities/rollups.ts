/**
 * The two rollups of `priority_cell_stats` that make ranking cost grow with the city's cells, not
 * with its reports: `priority_cell_category_totals` (per cell and category, summed over slot masks)
 * and `priority_cell_totals` (per cell, summed over categories with their weights applied). Kept in
 * step with the rows per slot mask by the statement that adds to them (`rollupDeltaInserts`), rebuilt
 * from them by SQL (`rebuildPriorityRollups`, `rebuildPriorityCellTotals`).
 *
 * A window's score needs no slot mask: slot_s of a row is 0 outside its mask, so Σ_s weight_s · slot_s
 * over all rows equals the same sum over the rows whose mask meets the window. Only the counts depend
 * on the mask; `reports_in_s` (contributions whose mask reaches slot s) tells whether a cell has any
 * report in a window, and the counts of the few cells a ranking describes come from the rows per mask.
 */
import { eq, inArray, lte, and, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { addingInsert } from '@/lib/db/unnest';
import { priorityCellCategoryTotals, priorityCellTotals, priorityStatsMeta } from '@/lib/db/schema';
import { SLOT_COUNT } from './slots';

export type RollupCategory = { id: number; slug: string; weight: number };

const slotList = (prefix: string) => Array.from({ length: SLOT_COUNT }, (_, s) => `${prefix}_${s}`);
const ROLLUP_COLUMNS = ['district_id', ...slotList('slot'), ...slotList('own'), ...slotList('reports_in'), 'reports', 'reporters', 'feeling_sum', 'time_sum', 'newest_at'];
const SUMMED = ROLLUP_COLUMNS.filter((c) => c !== 'district_id' && c !== 'newest_at');

/**
 * The select list of a rollup row over rows of `priority_cell_stats` (or deltas of them), in the
 * order of ROLLUP_COLUMNS; with `weight` (a SQL expression), the sums of slot and own weighted.
 */
function rollupSelect(weight?: string): string {
  const summed = (c: string) => (weight ? `sum(${weight} * ${c})` : `sum(${c})`);
  return [
    'max(district_id)',
    ...[...slotList('slot'), ...slotList('own')].map(summed),
    ...Array.from({ length: SLOT_COUNT }, (_, s) => `sum(case when slot_mask & ${1 << s} <> 0 then reports else 0 end)::int`),
    'sum(reports)::int',
    'sum(reporters)::int',
    'sum(feeling_sum)',
    'sum(time_sum)',
    'max(newest_at)',
  ].join(', ');
}

/**
 * The statements that add the deltas of `priority_cell_stats` rows in `source` (a table or CTE of
 * that shape, `applyDifference` in service.ts) to both rollups: one row per touched cell and
 * category, and one per touched cell. Run in the statement that writes the deltas, they cost the
 * intake no rows of their own. The per-cell rollup takes the categories' current weights; if they
 * differ from the weights it was built with, ranking does not read it until it is rebuilt, so a mix
 * never shows. Rows are written in key order, so concurrent writers do not deadlock.
 */
export function rollupDeltaInserts(source: string, cats: readonly RollupCategory[]): SQL[] {
  const weight = weightCase(cats, 'category_id');
  return [
    addingInsert(
      'priority_cell_category_totals',
      ['category_id', 'cell'],
      ['category_id', 'cell', ...ROLLUP_COLUMNS],
      SUMMED,
      sql.raw(`select category_id, cell, ${rollupSelect()} from ${source} group by category_id, cell order by category_id, cell`),
    ),
    // Ranking leaves categories of weight 0 out altogether, counts included.
    addingInsert(
      'priority_cell_totals',
      ['cell'],
      ['cell', ...ROLLUP_COLUMNS],
      SUMMED,
      sql.raw(`select cell, ${rollupSelect(weight)} from ${source} where ${weight} > 0 group by cell order by cell`),
    ),
  ];
}

/** After deltas that removed contributions: the rollup rows of these cells that nothing supports any more go. */
export async function deleteEmptyRollups(tx: Db, cells: readonly string[]): Promise<void> {
  await tx
    .delete(priorityCellCategoryTotals)
    .where(and(inArray(priorityCellCategoryTotals.cell, cells), lte(priorityCellCategoryTotals.reports, 0), lte(priorityCellCategoryTotals.reporters, 0)));
  await tx
    .delete(priorityCellTotals)
    .where(and(inArray(priorityCellTotals.cell, cells), lte(priorityCellTotals.reports, 0), lte(priorityCellTotals.reporters, 0)));
}

/** The category weights as stored in `priority_stats_meta.weights`. */
export function weightsRecord(cats: readonly RollupCategory[]): Record<string, number> {
  return Object.fromEntries([...cats].sort((a, b) => a.id - b.id).map((c) => [String(c.id), c.weight]));
}

/**
 * The category weight of `column` as a SQL expression with the weights as JavaScript reads them, so
 * SQL sums use the same doubles as the writers and `rankCells` (a \`real\` column widened in SQL
 * would not: 0.3 becomes 0.30000001…). Unknown categories weigh 1, as in `weightLookup`.
 */
export function weightCase(cats: readonly RollupCategory[], column: string): string {
  if (cats.length === 0) return '1::float8';
  const cases = cats.map((c) => `when ${Math.trunc(c.id)} then ${Number(c.weight)}::float8`).join(' ');
  return `(case ${column} ${cases} else 1::float8 end)`;
}

/** True when `priority_cell_totals` was built with exactly these category weights. */
export function cellTotalsCurrent(stored: Record<string, number> | null, cats: readonly RollupCategory[]): boolean {
  if (!stored) return false;
  const current = weightsRecord(cats);
  const keys = Object.keys(current);
  return keys.length === Object.keys(stored).length && keys.every((k) => stored[k] === current[k]);
}

/**
 * Rebuilds `priority_cell_totals` from `priority_cell_category_totals` with the categories' weights
 * and records them; one statement over at most (cells × categories) rows. Call it with the meta row
 * locked for update (a weight change, the recomputation), so no writer adds to the old rows meanwhile.
 */
export async function rebuildPriorityCellTotals(tx: Db, cats: readonly RollupCategory[]): Promise<void> {
  const weight = weightCase(cats, 't.category_id');
  const weighted = (column: string) => `sum(${weight} * t.${column})`;
  const select = [
    'max(t.district_id)',
    ...slotList('slot').map(weighted),
    ...slotList('own').map(weighted),
    ...[...slotList('reports_in'), 'reports', 'reporters'].map((c) => `sum(t.${c})::int`),
    'sum(t.feeling_sum)',
    'sum(t.time_sum)',
    'max(t.newest_at)',
  ];
  await tx.delete(priorityCellTotals);
  await tx.execute(
    sql.raw(`insert into priority_cell_totals (cell, ${ROLLUP_COLUMNS.join(', ')})
      select t.cell, ${select.join(', ')}
      from priority_cell_category_totals t
      where ${weight} > 0
      group by t.cell`),
  );
  await tx.update(priorityStatsMeta).set({ weights: weightsRecord(cats) }).where(eq(priorityStatsMeta.id, 1));
}

/** Rebuilds both rollups from `priority_cell_stats` (after the recomputation wrote it). */
export async function rebuildPriorityRollups(tx: Db, cats: readonly RollupCategory[]): Promise<void> {
  await tx.delete(priorityCellCategoryTotals);
  await tx.execute(
    sql.raw(`insert into priority_cell_category_totals (category_id, cell, ${ROLLUP_COLUMNS.join(', ')})
      select category_id, cell, ${rollupSelect()}
      from priority_cell_stats
      group by category_id, cell`),
  );
  await rebuildPriorityCellTotals(tx, cats);
}
