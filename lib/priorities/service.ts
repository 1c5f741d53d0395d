/**
 * Patrol priorities on the database: the aggregates kept current with every report change
 * (`onReportChanged`), their full rebuild (`recomputePriorityStats`) and the ranking from them
 * (`rankPriorities`), which the priorities page and the patrol planner call.
 *
 * The ranking is `rankCells` (rank.ts) computed from `priority_cell_stats` instead of from every
 * report: the sums it needs factor into per-cell rows (aggregates.ts has the algebra). What the rows
 * cannot give exactly is listed in NOTES.md, "Stored aggregates"; tests/integration/priorities.test.ts
 * checks that both rankings agree on the same reports.
 */
import { and, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { cellToLatLng, gridDisk, polygonToCells } from 'h3-js';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Db } from '@/lib/db/client';
import { categories, priorityCellStats, priorityOverrides, priorityStatsMeta, reports, type Report } from '@/lib/db/schema';
import { findDistrict, type DistrictShape } from '@/lib/geo/districts';
import { SCORING_RESOLUTION } from '@/lib/geo/cells';
import { columnList, unnestRows } from '@/lib/db/unnest';
import { loadDistricts } from '@/lib/reports/service';
import { getSetting } from '@/lib/settings/queries';
import { runExclusively } from '@/lib/jobs/exclusive';
import { aggregateReports, anchoredExponent, forEachContribution, needsReanchor, writeParamsEqual, type AggregateRow, type WriteParams } from './aggregates';
import { CellTable } from './cell-table';
import { hotspotsOver, type CellPriority } from './rank';
import { DAY_MS, defaultScoreParams, feelingFactor, prepareReports, type ScoreParams, type ScoringReport } from './score';
import { SLOT_COUNT, fromSlotRecord, slotShareArray, toSlotRecord, type SlotId } from './slots';

/** What the aggregates depend on of a report: a row of `reports` (before or after a change). */
export type ReportState = Pick<
  Report,
  'id' | 'lat' | 'lon' | 'h3r10' | 'categoryId' | 'feeling' | 'when' | 'createdAt' | 'reporterHash' | 'duplicateOf' | 'status'
>;

type CategoryInfo = { id: number; slug: string; weight: number };

async function loadCategories(db: Db): Promise<CategoryInfo[]> {
  return db.select({ id: categories.id, slug: categories.slug, weight: categories.weight }).from(categories);
}

/** The scoring parameters: the settings (defaults in lib/settings/defaults.ts) and the categories' weights. */
export async function getScoreParams(db: Db): Promise<ScoreParams> {
  const [halfLifeDays, bandwidthMetres, reporterWindowDays, trendDays, minSupport, minZ, fdrAlpha, cats] = await Promise.all([
    getSetting(db, 'priorities.halfLifeDays'),
    getSetting(db, 'priorities.bandwidthMetres'),
    getSetting(db, 'priorities.reporterWindowDays'),
    getSetting(db, 'priorities.trendDays'),
    getSetting(db, 'priorities.minSupport'),
    getSetting(db, 'priorities.minZ'),
    getSetting(db, 'priorities.fdrAlpha'),
    loadCategories(db),
  ]);
  return {
    ...defaultScoreParams,
    halfLifeDays,
    bandwidthMetres,
    reporterWindowDays,
    trendDays,
    minSupport,
    minZ,
    fdrAlpha,
    categoryWeights: Object.fromEntries(cats.map((c) => [c.slug, c.weight])),
  };
}

export function writeParamsOf(params: ScoreParams): WriteParams {
  return {
    bandwidthMetres: params.bandwidthMetres,
    halfLifeDays: params.halfLifeDays,
    reporterWindowDays: params.reporterWindowDays,
    feelingFloor: params.feelingFloor,
  };
}

type Meta = { anchor: number; params: WriteParams };

function metaOf(row: typeof priorityStatsMeta.$inferSelect): Meta {
  return { anchor: row.anchorAt.getTime(), params: row.params as WriteParams };
}

/** The anchor day: the start of the UTC day, so anchors are round numbers in the table. */
export function anchorFor(now: Date): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
}

/**
 * The meta row, created with the settings' parameters on the first write to a new database. Read
 * with a share lock: writers run side by side, and a recomputation (which takes it for update)
 * waits for them and they for it, so no change falls between its snapshot and its new rows.
 */
async function lockMeta(tx: Db, now: Date): Promise<Meta> {
  const [row] = await tx.select().from(priorityStatsMeta).where(eq(priorityStatsMeta.id, 1)).for('share');
  if (row) return metaOf(row);
  const params = writeParamsOf(await getScoreParams(tx));
  await tx
    .insert(priorityStatsMeta)
    .values({ id: 1, anchorAt: anchorFor(now), params, computedAt: now })
    .onConflictDoNothing();
  const [created] = await tx.select().from(priorityStatsMeta).where(eq(priorityStatsMeta.id, 1)).for('share');
  return metaOf(created);
}

const reportColumns = {
  id: reports.id,
  lat: reports.lat,
  lon: reports.lon,
  h3r10: reports.h3r10,
  categoryId: reports.categoryId,
  feeling: reports.feeling,
  when: reports.when,
  createdAt: reports.createdAt,
  reporterHash: reports.reporterHash,
  duplicateOf: reports.duplicateOf,
  status: reports.status,
};

/** A report row as the scoring core takes it (category by slug). */
export function toScoring(r: ReportState, slugOf: ReadonlyMap<number, string>): ScoringReport {
  return {
    id: r.id,
    lat: r.lat,
    lon: r.lon,
    cell: r.h3r10,
    category: slugOf.get(r.categoryId) ?? String(r.categoryId),
    feeling: r.feeling,
    when: r.when,
    createdAt: r.createdAt,
    reporterHash: r.reporterHash,
    duplicateOf: r.duplicateOf,
    status: r.status,
  };
}

function counts(r: ReportState | null): boolean {
  return r !== null && r.duplicateOf === null && r.status !== 'dismissed' && r.status !== 'duplicate';
}

function sameContribution(a: ReportState, b: ReportState): boolean {
  return (
    a.lat === b.lat &&
    a.lon === b.lon &&
    a.h3r10 === b.h3r10 &&
    a.categoryId === b.categoryId &&
    a.feeling === b.feeling &&
    JSON.stringify(a.when) === JSON.stringify(b.when) &&
    a.createdAt.getTime() === b.createdAt.getTime() &&
    a.reporterHash === b.reporterHash
  );
}

/**
 * Keeps `priority_cell_stats` in step with one report change; call it inside the transaction that
 * writes the change, after the row is written (`before` null: a new report; `after` null: deleted).
 * A report of a known reporter is re-evaluated with all that reporter's reports, as the once-per-
 * reporter rule ties them together; the rows change by the difference.
 */
export async function onReportChanged(tx: Db, before: ReportState | null, after: ReportState | null, options: { now?: Date } = {}): Promise<void> {
  const countsBefore = counts(before);
  const countsAfter = counts(after);
  if (!countsBefore && !countsAfter) return;
  if (countsBefore && countsAfter && sameContribution(before!, after!)) return;
  const meta = await lockMeta(tx, options.now ?? new Date());
  const cats = await loadCategories(tx);
  const slugOf = new Map(cats.map((c) => [c.id, c.slug]));
  const id = (after ?? before)!.id;
  const hashes = [...new Set([before?.reporterHash, after?.reporterHash].filter((h): h is string => Boolean(h)))];
  const others: ReportState[] =
    hashes.length === 0
      ? []
      : (await tx.select(reportColumns).from(reports).where(inArray(reports.reporterHash, hashes))).filter((r) => r.id !== id);
  const group = (r: ReportState | null) => [...others.filter((o) => o.reporterHash === r?.reporterHash), ...(r ? [r] : [])];
  // Reports of the reporter before the change (with `before`) and after it (with `after`); when the
  // reporter changed, both reporters' reports are in play.
  const beforeSet = [...group(before), ...others.filter((o) => o.reporterHash !== before?.reporterHash)];
  const afterSet = [...group(after), ...others.filter((o) => o.reporterHash !== after?.reporterHash)];
  await applyDifference(tx, meta, cats, beforeSet.map((r) => toScoring(r, slugOf)), afterSet.map((r) => toScoring(r, slugOf)));
}

/**
 * onReportChanged(tx, null, row) for every report of one intake batch, in one pass: one lock, one
 * look-up of the reporters' other reports, one upsert. The reporter rule couples only reports of the
 * same reporter, and each reporter's reports are all in both sets, so the difference of the two
 * aggregates is the sum of the per-report differences.
 */
export async function onReportsCreated(tx: Db, created: readonly ReportState[], options: { now?: Date } = {}): Promise<void> {
  const counted = created.filter(counts);
  if (counted.length === 0) return;
  const meta = await lockMeta(tx, options.now ?? new Date());
  const cats = await loadCategories(tx);
  const slugOf = new Map(cats.map((c) => [c.id, c.slug]));
  const ids = new Set(counted.map((r) => r.id));
  const hashes = [...new Set(counted.map((r) => r.reporterHash).filter((h): h is string => Boolean(h)))];
  const others: ReportState[] =
    hashes.length === 0 ? [] : (await tx.select(reportColumns).from(reports).where(inArray(reports.reporterHash, hashes))).filter((r) => !ids.has(r.id));
  const scoring = (rows: readonly ReportState[]) => rows.map((r) => toScoring(r, slugOf));
  await applyDifference(tx, meta, cats, scoring(others), scoring([...others, ...counted]));
}

/**
 * The cells the writers have met, with their centres and kernel candidates: kept between report
 * changes, since the intake would otherwise look up the same H3 geometry for every report. Reports
 * lie within the city's bounds, so it stays small (≈ 10k cells for Lünen); it starts afresh if not.
 */
let writerCells = new CellTable();
const WRITER_CELLS_MAX = 200_000;

function writerCellTable(): CellTable {
  if (writerCells.size > WRITER_CELLS_MAX) writerCells = new CellTable();
  return writerCells;
}

async function applyDifference(tx: Db, meta: Meta, cats: CategoryInfo[], beforeSet: ScoringReport[], afterSet: ScoringReport[]) {
  const weightOf = weightLookup(cats);
  const aggregate = (set: ScoringReport[]) =>
    set.length ? aggregateReports(prepareReports(set, writerCellTable()), meta.params, meta.anchor, weightOf) : new Map<string, AggregateRow>();
  const rowsBefore = aggregate(beforeSet);
  const rowsAfter = aggregate(afterSet);
  const deltas: AggregateRow[] = [];
  for (const key of new Set([...rowsBefore.keys(), ...rowsAfter.keys()])) {
    const b = rowsBefore.get(key);
    const a = rowsAfter.get(key);
    if (a && b && JSON.stringify(a) === JSON.stringify(b)) continue;
    const base = (a ?? b)!;
    deltas.push({
      cell: base.cell,
      category: base.category,
      slotMask: base.slotMask,
      slots: base.slots.map((_, s) => (a?.slots[s] ?? 0) - (b?.slots[s] ?? 0)),
      own: base.own.map((_, s) => (a?.own[s] ?? 0) - (b?.own[s] ?? 0)),
      reports: (a?.reports ?? 0) - (b?.reports ?? 0),
      reporters: (a?.reporters ?? 0) - (b?.reporters ?? 0),
      feelingSum: (a?.feelingSum ?? 0) - (b?.feelingSum ?? 0),
      timeSum: (a?.timeSum ?? 0) - (b?.timeSum ?? 0),
      newest: a?.newest ?? -Infinity,
    });
  }
  if (deltas.length === 0) return;
  await writeAggregateRows(tx, deltas, cats, 'add');
  // Rows nothing supports any more go; the others keep their (possibly older) newest_at. A new
  // report only adds, so the intake skips this.
  if (!deltas.some((d) => d.reports < 0 || d.reporters < 0)) return;
  await tx
    .delete(priorityCellStats)
    .where(
      and(
        inArray(priorityCellStats.cell, [...new Set(deltas.map((d) => d.cell))]),
        lte(priorityCellStats.reports, 0),
        lte(priorityCellStats.reporters, 0),
      ),
    );
}

function weightLookup(cats: CategoryInfo[]) {
  const weights = new Map(cats.map((c) => [c.slug, c.weight]));
  return (slug: string) => weights.get(slug) ?? 1;
}

const SLOT_KEYS = ['slot0', 'slot1', 'slot2', 'slot3', 'slot4', 'slot5', 'slot6', 'slot7'] as const;

const aggregateColumns = [
  ['cell', 'text'],
  ['category_id', 'integer'],
  ['slot_mask', 'smallint'],
  ['district_id', 'integer'],
  ...Array.from({ length: SLOT_COUNT }, (_, s) => [`slot_${s}`, 'double precision'] as const),
  ...Array.from({ length: SLOT_COUNT }, (_, s) => [`own_${s}`, 'double precision'] as const),
  ['reports', 'integer'],
  ['reporters', 'integer'],
  ['feeling_sum', 'double precision'],
  ['time_sum', 'double precision'],
  ['newest_at', 'timestamptz'],
] as const;

/** On a conflict the sums add up and newest_at keeps the later time. */
const addOnConflict = sql.raw(
  `on conflict (cell, category_id, slot_mask) do update set ${aggregateColumns
    .slice(4)
    .map(([name]) =>
      name === 'newest_at'
        ? 'newest_at = greatest(priority_cell_stats.newest_at, excluded.newest_at)'
        : `${name} = priority_cell_stats.${name} + excluded.${name}`,
    )
    .join(', ')}`,
);

/**
 * Writes aggregate rows with one parameter per column (unnestRows): drizzle's multi-row VALUES,
 * 30 parameters a row, cost the intake more CPU than the rest of a report. `add` adds them to the
 * stored rows (rows in key order, so concurrent writers lock them in the same order); `insert`
 * writes a rebuilt table in chunks.
 */
async function writeAggregateRows(tx: Db, rows: readonly AggregateRow[], cats: CategoryInfo[], mode: 'add' | 'insert') {
  const idOf = new Map(cats.map((c) => [c.slug, c.id]));
  const districtRows = await loadDistricts(tx);
  const districtOf = new Map<string, number | null>();
  const ordered = mode === 'add' ? [...rows].sort(byRowKey) : rows;
  const values = ordered.map((row) => {
    let districtId = districtOf.get(row.cell);
    if (districtId === undefined) {
      const [lat, lon] = cellToLatLng(row.cell);
      districtOf.set(row.cell, (districtId = findDistrict(districtRows, lat, lon)?.id ?? null));
    }
    return [
      row.cell,
      idOf.get(row.category) ?? Number(row.category),
      row.slotMask,
      districtId,
      ...row.slots,
      ...row.own,
      row.reports,
      row.reporters,
      row.feelingSum,
      row.timeSum,
      Number.isFinite(row.newest) ? new Date(row.newest) : null,
    ];
  });
  if (mode === 'add') {
    await tx.execute(sql`insert into priority_cell_stats ${columnList(aggregateColumns)} ${unnestRows(aggregateColumns, values)} ${addOnConflict}`);
    return;
  }
  for (let i = 0; i < values.length; i += 5000) {
    await tx.execute(sql`insert into priority_cell_stats ${columnList(aggregateColumns)} ${unnestRows(aggregateColumns, values.slice(i, i + 5000))}`);
  }
}

function byRowKey(a: AggregateRow, b: AggregateRow): number {
  if (a.cell !== b.cell) return a.cell < b.cell ? -1 : 1;
  if (a.category !== b.category) return a.category < b.category ? -1 : 1;
  return a.slotMask - b.slotMask;
}

/**
 * Rebuilds `priority_cell_stats` from all reports with the settings' parameters and a new anchor, in
 * one transaction: readers see the old rows until it commits, writers wait for the meta row's lock
 * and then apply their change on top. Returns the number of rows written.
 */
export async function recomputePriorityStats(db: Db, options: { now?: Date } = {}): Promise<{ rows: number; reports: number }> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const params = await getScoreParams(tx);
    const write = writeParamsOf(params);
    const anchorAt = anchorFor(now);
    await tx
      .insert(priorityStatsMeta)
      .values({ id: 1, anchorAt, params: write, computedAt: now })
      .onConflictDoNothing();
    await tx.select().from(priorityStatsMeta).where(eq(priorityStatsMeta.id, 1)).for('update');
    await tx.update(priorityStatsMeta).set({ anchorAt, params: write, computedAt: now }).where(eq(priorityStatsMeta.id, 1));
    const cats = await loadCategories(tx);
    const slugOf = new Map(cats.map((c) => [c.id, c.slug]));
    const rows = await tx
      .select(reportColumns)
      .from(reports)
      .where(and(isNull(reports.duplicateOf), sql`${reports.status} not in ('dismissed', 'duplicate')`))
      .orderBy(reports.id);
    const set = prepareReports(rows.map((r) => toScoring(r, slugOf)));
    const aggregated = aggregateReports(set, write, anchorAt.getTime(), weightLookup(cats));
    await tx.delete(priorityCellStats);
    await writeAggregateRows(tx, [...aggregated.values()], cats, 'insert');
    return { rows: aggregated.size, reports: rows.length };
  });
}

const RECOMPUTE_LOCK_ID = 7_418_303;

/**
 * `recomputePriorityStats` on one instance at a time (the others skip it: null), and only when needed
 * unless `force`: the settings' parameters differ from the stored ones, or the anchor is so far back
 * that new reports' anchored decay grows towards overflow. Run by `npm run priorities:recompute`, by
 * the settings form after a parameter change, and daily by the server's background jobs.
 */
export async function recomputePrioritiesExclusively(db: Db, options: { now?: Date; force?: boolean } = {}) {
  const now = options.now ?? new Date();
  return runExclusively(db, RECOMPUTE_LOCK_ID, async (tx) => {
    if (!options.force && !(await priorityStatsOutdated(tx, now))) return { rows: 0, reports: 0, skipped: true };
    return { ...(await recomputePriorityStats(tx, { now })), skipped: false };
  });
}

/** True when the stored aggregates were built with other parameters than the settings hold, or need a new anchor. */
export async function priorityStatsOutdated(db: Db, now = new Date()): Promise<boolean> {
  const [row] = await db.select().from(priorityStatsMeta).where(eq(priorityStatsMeta.id, 1));
  if (!row) return true;
  const meta = metaOf(row);
  return !writeParamsEqual(writeParamsOf(await getScoreParams(db)), meta.params) || needsReanchor(now.getTime(), meta.anchor, meta.params.halfLifeDays);
}

/** One entry: the districts change only by admin import. */
let studyAreaCache: { signature: string; area: string[]; table: CellTable } | null = null;

function studyAreaEntry(districtRows: readonly DistrictShape[]) {
  const signature = districtRows.map((d) => `${d.id}:${d.bbox.join(',')}`).join('|');
  if (studyAreaCache?.signature === signature) return studyAreaCache;
  const cells = new Set<string>();
  for (const d of districtRows) {
    const geometry = d.geometry as Polygon | MultiPolygon;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
    for (const polygon of polygons) for (const cell of polygonToCells(polygon, SCORING_RESOLUTION, true)) cells.add(cell);
  }
  const area = [...cells];
  // The city's cells, centres and ring-1 neighbours, looked up once and kept for every ranking.
  const table = new CellTable();
  for (const cell of area) table.intern(cell);
  studyAreaCache = { signature, area, table };
  return studyAreaCache;
}

/** The city's scoring cells: every resolution-10 cell whose centre lies in a district. */
export function studyAreaOf(districtRows: readonly DistrictShape[]): string[] | undefined {
  return districtRows.length === 0 ? undefined : studyAreaEntry(districtRows).area;
}

/** The active manual factor per cell at `now`: the latest override that has not ended or expired. */
export async function activeOverrides(db: Db, now: Date): Promise<Map<string, { id: number; factor: number }>> {
  const rows = await db
    .select({ id: priorityOverrides.id, cell: priorityOverrides.cell, factor: priorityOverrides.factor })
    .from(priorityOverrides)
    .where(
      and(
        isNull(priorityOverrides.endedAt),
        lte(priorityOverrides.createdAt, now),
        or(isNull(priorityOverrides.expiresAt), gte(priorityOverrides.expiresAt, now)),
      ),
    )
    .orderBy(priorityOverrides.createdAt, priorityOverrides.id);
  return new Map(rows.map((r) => [r.cell, { id: r.id, factor: r.factor }]));
}

export type RankPrioritiesOptions = {
  now?: Date;
  /** Weight per slot, e.g. from `windowSlotWeights` or `shiftSlotWeights`; none: all slots alike. */
  slotWeights?: Partial<Record<SlotId, number>>;
  /** Only cells whose centre lies in this district (slug); Gi* still looks at the whole city. */
  district?: string;
  /** Only reports of this category (slug). */
  category?: string;
  limit?: number;
};

type CellSums = {
  cell: string;
  districtId: number | null;
  /** Σ over rows of w · Σ_s slotWeight_s · slot_s, still anchored (times the decay scale = the score). */
  score: number;
  own: number;
  reports: number;
  reporters: number;
  feelingSum: number;
  timeSum: number;
  newest: Date | null;
};

/**
 * The ranked cells of the city, best first, from the stored aggregates — the same list `rankCells`
 * gives for the same reports (see the module comment for where it may differ), with manual overrides
 * and the gate. The patrol planner calls this.
 */
export async function rankPriorities(db: Db, options: RankPrioritiesOptions = {}): Promise<CellPriority[]> {
  const now = options.now ?? new Date();
  const at = now.getTime();
  const [metaRow] = await db.select().from(priorityStatsMeta).where(eq(priorityStatsMeta.id, 1));
  if (!metaRow) return [];
  const meta = metaOf(metaRow);
  const params = await getScoreParams(db);
  const weights = options.slotWeights ? fromSlotRecord(options.slotWeights) : null;
  let windowMask = 0;
  for (let s = 0; s < SLOT_COUNT; s++) if (!weights || weights[s] > 0) windowMask |= 1 << s;

  // One row per cell with the weighted sums only; the per-slot grid is read for the described cells.
  const weighted = (prefix: 'slot' | 'own') =>
    sql.raw(Array.from({ length: SLOT_COUNT }, (_, s) => `s.${prefix}_${s} * ${weights ? weights[s] : 1}`).join(' + '));
  const where: SQL[] = [sql`(s.slot_mask & ${windowMask}) <> 0`, sql`c.weight > 0`];
  if (options.category !== undefined) where.push(sql`c.slug = ${options.category}`);
  const result = await db.execute(sql`
    select s.cell, max(s.district_id) as district_id,
      sum(c.weight * (${weighted('slot')}))::float8 as score, sum(c.weight * (${weighted('own')}))::float8 as own,
      sum(s.reports)::int as reports, sum(s.reporters)::int as reporters,
      sum(s.feeling_sum)::float8 as feeling_sum, sum(s.time_sum)::float8 as time_sum, max(s.newest_at) as newest_at
    from priority_cell_stats s join categories c on c.id = s.category_id
    where ${sql.join(where, sql` and `)}
    group by s.cell`);
  const raw = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
  const sums: CellSums[] = raw.map((r) => ({
    cell: String(r.cell),
    districtId: r.district_id === null ? null : Number(r.district_id),
    score: Number(r.score),
    own: Number(r.own),
    reports: Number(r.reports),
    reporters: Number(r.reporters),
    feelingSum: Number(r.feeling_sum),
    timeSum: Number(r.time_sum),
    newest: r.newest_at ? new Date(r.newest_at as string) : null,
  }));

  // Decay from the anchor to now, and the slot weights: S(c, s, now) and the ranked score.
  const scale = 2 ** -anchoredExponent(at, meta.anchor, meta.params.halfLifeDays);
  const districtRows = await loadDistricts(db);
  const studyArea = studyAreaOf(districtRows);
  // With districts, the city's cell table is kept between calls; without, a fresh one per call.
  const cells = studyArea ? studyAreaEntry(districtRows).table : new CellTable();
  const index = sums.map((row) => cells.intern(row.cell));
  const n = cells.size;
  const score = new Float64Array(n);
  const own = new Float64Array(n);
  sums.forEach((row, k) => {
    score[index[k]] = row.score * scale;
    own[index[k]] = row.own * scale;
  });

  const hotspots = hotspotsOver(cells, n, score, params.hotspotValues === 'kernel' ? score : own, params, studyArea);
  const test = new Map<number, { z: number; p: number; significant: boolean }>();
  hotspots.cells.forEach((c, i) => test.set(c, { z: hotspots.z[i], p: hotspots.p[i], significant: hotspots.significant[i] === 1 }));

  const overrides = await activeOverrides(db, now);
  const districtId = options.district === undefined ? undefined : (districtRows.find((d) => d.slug === options.district)?.id ?? -1);
  const factorOf = (k: number) => overrides.get(sums[k].cell)?.factor ?? 1;
  const candidates: number[] = [];
  for (let k = 0; k < sums.length; k++) {
    if (sums[k].reports <= 0) continue;
    if (districtId !== undefined && sums[k].districtId !== districtId) continue;
    candidates.push(k);
  }
  const rankScore = (k: number) => score[index[k]] * factorOf(k);
  candidates.sort((a, b) => rankScore(b) - rankScore(a) || sums[a].cell.localeCompare(sums[b].cell));
  const chosen = options.limit === undefined ? candidates : candidates.slice(0, options.limit);
  if (chosen.length === 0) return [];

  const chosenCells = chosen.map((k) => sums[k].cell);
  const details = await cellDetails(db, chosenCells, windowMask, options.category, scale);
  const recent = await recentAmounts(db, chosenCells, params, meta, at, weights, options.category);

  return chosen.map((k) => {
    const row = sums[k];
    const c = index[k];
    const t = test.get(c) ?? { z: 0, p: 0.5, significant: false };
    const override = factorOf(k);
    const reportCount = row.reports;
    const trend = recent.get(row.cell) ?? { recent: 0, previous: 0, newest: -Infinity };
    const newest = Math.max(trend.newest, row.newest && trend.newest === -Infinity ? row.newest.getTime() : -Infinity);
    const detail = details.get(row.cell) ?? { slots: new Array<number>(SLOT_COUNT).fill(0), categories: {} };
    const total = detail.slots.reduce((a, b) => a + b, 0);
    return {
      cell: row.cell,
      lat: cells.lat[c],
      lon: cells.lon[c],
      score: score[c] * override,
      total,
      slots: toSlotRecord(detail.slots),
      reports: reportCount,
      reporters: row.reporters,
      newestDays: Number.isFinite(newest) ? (at - newest) / DAY_MS : Infinity,
      meanAgeDays: reportCount > 0 ? (at - meta.anchor) / DAY_MS - row.timeSum / reportCount : Infinity,
      severity: reportCount > 0 ? row.feelingSum / reportCount : 0,
      categories: detail.categories,
      trend: { recent: trend.recent, previous: trend.previous, ratio: trend.previous > 0 ? trend.recent / trend.previous : null },
      z: t.z,
      p: t.p,
      significant: t.significant,
      override,
      gated: t.significant && reportCount >= params.minSupport && override > 0,
    };
  });
}

/** The week-by-slot grid S(c, s, now) and the category mix of the described cells. */
async function cellDetails(db: Db, cells: string[], windowMask: number, category: string | undefined, scale: number) {
  const slotSums = Object.fromEntries(
    SLOT_KEYS.map((key) => [key, sql<number>`sum(${categories.weight} * ${priorityCellStats[key]})::float8`]),
  ) as Record<(typeof SLOT_KEYS)[number], SQL<number>>;
  const rows = await db
    .select({ cell: priorityCellStats.cell, slug: categories.slug, reports: sql<number>`sum(${priorityCellStats.reports})::int`, ...slotSums })
    .from(priorityCellStats)
    .innerJoin(categories, eq(categories.id, priorityCellStats.categoryId))
    .where(
      and(
        inArray(priorityCellStats.cell, cells),
        sql`(${priorityCellStats.slotMask} & ${windowMask}) <> 0`,
        sql`${categories.weight} > 0`,
        category === undefined ? undefined : eq(categories.slug, category),
      ),
    )
    .groupBy(priorityCellStats.cell, categories.slug);
  const details = new Map<string, { slots: number[]; categories: Record<string, number> }>();
  for (const r of rows) {
    const entry = details.get(r.cell) ?? { slots: new Array<number>(SLOT_COUNT).fill(0), categories: {} };
    for (let s = 0; s < SLOT_COUNT; s++) entry.slots[s] += Number(r[SLOT_KEYS[s]]) * scale;
    if (r.reports > 0) entry.categories[r.slug] = r.reports;
    details.set(r.cell, entry);
  }
  return details;
}

/**
 * The trend of the described cells — undecayed amounts of the last `trendDays` and the span before —
 * and their newest supporting report, from the reports of those two spans near them (the same
 * contributions as the aggregates, reporter rule included). Bounded by two trend spans of reports
 * around a few cells, never the whole table.
 */
async function recentAmounts(
  db: Db,
  cells: string[],
  params: ScoreParams,
  meta: Meta,
  at: number,
  weights: Float64Array | null,
  category?: string,
) {
  const table = new CellTable();
  const rings = Math.ceil(meta.params.bandwidthMetres / 100) + 1;
  const near = new Set<string>();
  for (const cell of cells) for (const n of gridDisk(cell, rings)) near.add(n);
  // One reporter window more than the two spans: a report just before them can open the window
  // that decides which of a reporter's reports counts inside them.
  const since = new Date(at - (2 * params.trendDays + meta.params.reporterWindowDays) * DAY_MS);
  const cats = await loadCategories(db);
  const slugOf = new Map(cats.map((c) => [c.id, c.slug]));
  const rows = await db
    .select(reportColumns)
    .from(reports)
    .where(
      and(
        inArray(reports.h3r10, [...near]),
        gte(reports.createdAt, since),
        lte(reports.createdAt, new Date(at)),
        isNull(reports.duplicateOf),
        sql`${reports.status} not in ('dismissed', 'duplicate')`,
      ),
    );
  const out = new Map<string, { recent: number; previous: number; newest: number }>();
  if (rows.length === 0) return out;
  const set = prepareReports(
    rows.map((r) => toScoring(r, slugOf)),
    table,
  );
  const wanted = new Set(cells.map((c) => table.intern(c)));
  const weightOf = weightLookup(cats);
  const factorOf = (i: number) => {
    const shares = slotShareArray(rows[i].when);
    let f = 0;
    for (let s = 0; s < SLOT_COUNT; s++) f += shares[s] * (weights ? weights[s] : 1);
    return f;
  };
  const trendMs = params.trendDays * DAY_MS;
  forEachContribution(
    set,
    meta.params,
    meta.anchor,
    weightOf,
    (c, i, kernel) => {
      if (!wanted.has(c)) return;
      const slug = set.categoryNames[set.category[i]];
      if (category !== undefined && slug !== category) return;
      const factor = factorOf(i);
      if (factor === 0) return;
      const entry = out.get(table.ids[c]) ?? { recent: 0, previous: 0, newest: -Infinity };
      const amount = weightOf(slug) * feelingFactor(set.feeling[i], meta.params.feelingFloor) * kernel * factor;
      const age = at - set.time[i];
      if (age >= 2 * trendMs) return;
      if (age < trendMs) entry.recent += amount;
      else if (age < 2 * trendMs) entry.previous += amount;
      entry.newest = Math.max(entry.newest, set.time[i]);
      out.set(table.ids[c], entry);
    },
    () => {},
  );
  return out;
}

