/**
 * The two rollups of `priority_cell_stats` that make ranking cost grow with the city's cells, not
 * with its reports: `priority_cell_category_totals` (per cell and category, summed over slot masks)
 * and `priority_cell_totals` (per cell, summed over categories with their weights applied). Kept in
 * step with the rows per slot mask in the same transaction (`applyRollupDeltas`), rebuilt from them
 * by SQL (`rebuildPriorityRollups`, `rebuildPriorityCellTotals`).
 *
 * A window's score needs no slot mask: slot_s of a row is 0 outside its mask, so Σ_s weight_s · slot_s
 * over all rows equals the same sum over the rows whose mask meets the window. Only the counts depend
 * on the mask; `reports_in_s` (contributions whose mask reaches slot s) tells whether a cell has any
 * report in a window, and the counts of the few cells a ranking describes come from the rows per mask.
 */
import { eq, inArray, lte, and, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { upsertAdding, type UnnestColumn } from '@/lib/db/unnest';
import { priorityCellCategoryTotals, priorityCellTotals, priorityStatsMeta } from '@/lib/db/schema';
import type { AggregateRow } from './aggregates';
import { SLOT_COUNT } from './slots';

export type RollupCategory = { id: number; slug: string; weight: number };

type RollupRow = {
  districtId: number | null;
  slots: number[];
  own: number[];
  reportsIn: number[];
  reports: number;
  reporters: number;
  feelingSum: number;
  timeSum: number;
  newest: number;
};

function emptyRollup(districtId: number | null): RollupRow {
  return {
    districtId,
    slots: new Array<number>(SLOT_COUNT).fill(0),
    own: new Array<number>(SLOT_COUNT).fill(0),
    reportsIn: new Array<number>(SLOT_COUNT).fill(0),
    reports: 0,
    reporters: 0,
    feelingSum: 0,
    timeSum: 0,
    newest: -Infinity,
  };
}

/** Adds a delta of `priority_cell_stats` (times `weight` for the sums) to a rollup row. */
function addTo(row: RollupRow, delta: AggregateRow, weight: number) {
  for (let s = 0; s < SLOT_COUNT; s++) {
    row.slots[s] += weight * delta.slots[s];
    row.own[s] += weight * delta.own[s];
    if (delta.slotMask & (1 << s)) row.reportsIn[s] += delta.reports;
  }
  row.reports += delta.reports;
  row.reporters += delta.reporters;
  row.feelingSum += delta.feelingSum;
  row.timeSum += delta.timeSum;
  row.newest = Math.max(row.newest, delta.newest);
}

const slotList = (prefix: string) => Array.from({ length: SLOT_COUNT }, (_, s) => `${prefix}_${s}`);
const ROLLUP_COLUMNS = ['district_id', ...slotList('slot'), ...slotList('own'), ...slotList('reports_in'), 'reports', 'reporters', 'feeling_sum', 'time_sum', 'newest_at'];
const ROLLUP_TYPES: UnnestColumn[] = ROLLUP_COLUMNS.map((name) => [
  name,
  name === 'newest_at' ? 'timestamptz' : name === 'district_id' || name.startsWith('reports') || name === 'reporters' ? 'integer' : 'float8',
]);

function valuesOf(row: RollupRow): unknown[] {
  return [row.districtId, ...row.slots, ...row.own, ...row.reportsIn, row.reports, row.reporters, row.feelingSum, row.timeSum, Number.isFinite(row.newest) ? new Date(row.newest) : null];
}

const SUMMED = ROLLUP_COLUMNS.filter((c) => c !== 'district_id' && c !== 'newest_at');

/**
 * Applies the deltas of `priority_cell_stats` rows (`applyDifference` in service.ts) to both
 * rollups: at most one row per touched cell and category, and one per touched cell. The per-cell
 * rollup takes the categories' current weights; if they differ from the weights it was built with,
 * ranking does not read it until it is rebuilt, so a mix never shows.
 */
export async function applyRollupDeltas(
  tx: Db,
  deltas: readonly AggregateRow[],
  cats: readonly RollupCategory[],
  districtOf: ReadonlyMap<string, number | null>,
): Promise<void> {
  const bySlug = new Map(cats.map((c) => [c.slug, c]));
  const perCategory = new Map<string, { categoryId: number; cell: string; row: RollupRow }>();
  const perCell = new Map<string, RollupRow>();
  for (const delta of deltas) {
    const category = bySlug.get(delta.category);
    const categoryId = category?.id ?? Number(delta.category);
    const districtId = districtOf.get(delta.cell) ?? null;
    const key = `${categoryId}|${delta.cell}`;
    let entry = perCategory.get(key);
    if (!entry) perCategory.set(key, (entry = { categoryId, cell: delta.cell, row: emptyRollup(districtId) }));
    addTo(entry.row, delta, 1);
    const weight = category?.weight ?? 1;
    // Ranking leaves categories of weight 0 out altogether, counts included.
    if (weight <= 0) continue;
    let cellRow = perCell.get(delta.cell);
    if (!cellRow) perCell.set(delta.cell, (cellRow = emptyRollup(districtId)));
    addTo(cellRow, delta, weight);
  }
  await upsertAdding(
    tx,
    'priority_cell_category_totals',
    ['category_id', 'cell'],
    [['category_id', 'integer'], ['cell', 'text'], ...ROLLUP_TYPES],
    SUMMED,
    [...perCategory.values()].map((e) => [e.categoryId, e.cell, ...valuesOf(e.row)]),
  );
  await upsertAdding(tx, 'priority_cell_totals', ['cell'], [['cell', 'text'], ...ROLLUP_TYPES], SUMMED, [...perCell].map(([cell, row]) => [cell, ...valuesOf(row)]));
  // As for the rows per slot mask: what nothing supports any more goes. A new report only adds.
  if (!deltas.some((d) => d.reports < 0 || d.reporters < 0)) return;
  const cells = [...new Set(deltas.map((d) => d.cell))];
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
  const select = [
    'max(district_id)',
    ...[...slotList('slot'), ...slotList('own')].map((c) => `sum(${c})`),
    ...Array.from({ length: SLOT_COUNT }, (_, s) => `sum(case when slot_mask & ${1 << s} <> 0 then reports else 0 end)::int`),
    'sum(reports)::int',
    'sum(reporters)::int',
    'sum(feeling_sum)',
    'sum(time_sum)',
    'max(newest_at)',
  ];
  await tx.delete(priorityCellCategoryTotals);
  await tx.execute(
    sql.raw(`insert into priority_cell_category_totals (category_id, cell, ${ROLLUP_COLUMNS.join(', ')})
      select category_id, cell, ${select.join(', ')}
      from priority_cell_stats
      group by category_id, cell`),
  );
  await rebuildPriorityCellTotals(tx, cats);
}
