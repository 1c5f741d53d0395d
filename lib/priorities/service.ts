/**
 * Patrol priorities on the database: the aggregates kept current with every staff change to a report
 * (`onReportChanged`) and with new reports through a queue (`applyPendingPriorities`, pending.ts),
 * their full rebuild (`recomputePriorityStats`) and the ranking from them (`rankPriorities`), which
 * the priorities page and the patrol planner call.
 *
 * The ranking is `rankCells` (rank.ts) computed from `priority_cell_stats` instead of from every
 * report: the sums it needs factor into per-cell rows (aggregates.ts has the algebra). What the rows
 * cannot give exactly is listed in NOTES.md, "Stored aggregates"; tests/integration/priorities.test.ts
 * checks that both rankings agree on the same reports.
 */
import { createHash } from 'node:crypto';
import { and, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { polygonToCells } from 'h3-js';
import type { MultiPolygon, Polygon } from 'geojson';
import { databaseKind, type Db } from '@/lib/db/client';
import { databaseErrorCode } from '@/lib/db/errors';
import { addingInsert, columnList, mapRows, rowsOf, unnestRows, type UnnestColumn } from '@/lib/db/unnest';
import { categories, priorityCellDays, priorityCellStats, priorityOverrides, priorityPending, priorityStatsMeta, reports, type Report } from '@/lib/db/schema';
import type { DistrictShape } from '@/lib/geo/districts';
import { SCORING_RESOLUTION } from '@/lib/geo/cells';
import { loadDistricts } from '@/lib/reports/service';
import { getSetting } from '@/lib/settings/queries';
import { runExclusively } from '@/lib/jobs/exclusive';
import { aggregateReports, anchoredExponent, needsReanchor, writeParamsEqual, type AggregateRow, type DayRow, type WriteParams } from './aggregates';
import { CellTable } from './cell-table';
import { cellTotalsCurrent, deleteEmptyRollups, rollupDeltaInserts, rebuildPriorityCellTotals, rebuildPriorityRollups, weightCase, weightsRecord } from './rollups';
import { hotspotsOver, type CellPriority } from './rank';
import { DAY_MS, dayOf, defaultScoreParams, prepareReports, type ScoreParams, type ScoringReport } from './score';
import { SLOT_COUNT, fromSlotRecord, toSlotRecord, type SlotId } from './slots';

/** What the aggregates depend on of a report: a row of `reports` (before or after a change). */
export type ReportState = Pick<
  Report,
  'id' | 'lat' | 'lon' | 'h3r10' | 'categoryId' | 'feeling' | 'when' | 'createdAt' | 'reporterHash' | 'duplicateOf' | 'status'
>;

type CategoryInfo = { id: number; slug: string; weight: number };

async function loadCategories(db: Db): Promise<CategoryInfo[]> {
  return db.select({ id: categories.id, slug: categories.slug, weight: categories.weight }).from(categories);
}

/**
 * The scoring parameters: the settings (defaults in lib/settings/defaults.ts) and the categories'
 * weights (from `cats` when the caller has loaded them already).
 */
export async function getScoreParams(db: Db, cats?: readonly CategoryInfo[]): Promise<ScoreParams> {
  const [halfLifeDays, bandwidthMetres, reporterWindowDays, trendDays, minSupport, minZ, fdrAlpha, loaded] = await Promise.all([
    getSetting(db, 'priorities.halfLifeDays'),
    getSetting(db, 'priorities.bandwidthMetres'),
    getSetting(db, 'priorities.reporterWindowDays'),
    getSetting(db, 'priorities.trendDays'),
    getSetting(db, 'priorities.minSupport'),
    getSetting(db, 'priorities.minZ'),
    getSetting(db, 'priorities.fdrAlpha'),
    cats ?? loadCategories(db),
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
    categoryWeights: Object.fromEntries(loaded.map((c) => [c.slug, c.weight])),
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
  return new Date(dayOf(now.getTime()) * DAY_MS);
}

/**
 * The meta row, created with the settings' parameters on the first write to a new database. Read
 * with a share lock: a recomputation (which takes it for update) waits for the writers and they
 * for it, so no change falls between its snapshot and its new rows. `noWait`: fail at once (55P03)
 * instead of waiting for a recomputation.
 */
async function lockMeta(tx: Db, now: Date, options: { noWait?: boolean } = {}): Promise<Meta> {
  const [row] = await tx
    .select()
    .from(priorityStatsMeta)
    .where(eq(priorityStatsMeta.id, 1))
    .for('share', options.noWait ? { noWait: true } : {});
  if (row) return metaOf(row);
  const cats = await loadCategories(tx);
  const params = writeParamsOf(await getScoreParams(tx, cats));
  // No rows yet: the per-cell rollup is current for any weights, so record today's.
  const weights = weightsRecord(cats);
  await tx
    .insert(priorityStatsMeta)
    .values({ id: 1, anchorAt: anchorFor(now), params, weights, computedAt: now })
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

/** The writers' advisory lock (see lockWriters). */
const WRITERS_LOCK_ID = 7_418_304;

/**
 * Takes the writers' lock for the rest of the transaction. The aggregates' writers — a staff change
 * to a report, the application of the queued ones — run one at a time, across instances: the
 * once-per-reporter rule ties a reporter's reports together, and two writers reading them side by
 * side would each miss the other's change. The recomputation is kept apart by the meta row's lock,
 * which writers take first (so none holds this lock while it waits for a recomputation).
 */
function lockWriters(tx: Db) {
  return tx.execute(sql`select pg_advisory_xact_lock(${WRITERS_LOCK_ID})`);
}

/** The reports whose contribution is in the aggregates: all but those still queued (pending.ts). */
const notQueued = sql`not exists (select 1 from ${priorityPending} p where p.report_id = ${reports.id})`;

/** All reports of these reporters that are in the aggregates (none for no reporter, e.g. anonymous reports). */
function appliedReportsOf(tx: Db, reporterHashes: readonly (string | null | undefined)[]): Promise<ReportState[]> {
  const hashes = [...new Set(reporterHashes.filter((h): h is string => Boolean(h)))];
  if (hashes.length === 0) return Promise.resolve([]);
  return tx.select(reportColumns).from(reports).where(and(inArray(reports.reporterHash, hashes), notQueued));
}

/**
 * Keeps `priority_cell_stats` in step with one report change; call it inside the transaction that
 * writes the change, after the row is written (`before` null: a new report; `after` null: deleted).
 * A report of a known reporter is re-evaluated with all that reporter's reports, as the once-per-
 * reporter rule ties them together; the rows change by the difference. A report still queued is
 * not in the aggregates yet: it goes in as it is when the queue is applied, so nothing changes now.
 */
export async function onReportChanged(tx: Db, before: ReportState | null, after: ReportState | null, options: { now?: Date } = {}): Promise<void> {
  const countsBefore = counts(before);
  const countsAfter = counts(after);
  if (!countsBefore && !countsAfter) return;
  if (countsBefore && countsAfter && sameContribution(before!, after!)) return;
  const id = (after ?? before)!.id;
  // Issued together: one round trip on PostgreSQL, which pipelines a transaction's concurrent
  // queries (and runs them in order, so the reads come after the locks).
  const [meta, , cats, queued, reportersReports] = await Promise.all([
    lockMeta(tx, options.now ?? new Date()),
    lockWriters(tx),
    loadCategories(tx),
    tx.select({ id: priorityPending.reportId }).from(priorityPending).where(eq(priorityPending.reportId, id)),
    appliedReportsOf(tx, [before?.reporterHash, after?.reporterHash]),
  ]);
  if (queued.length > 0) return;
  const slugOf = new Map(cats.map((c) => [c.id, c.slug]));
  const others = reportersReports.filter((r) => r.id !== id);
  const group = (r: ReportState | null) => [...others.filter((o) => o.reporterHash === r?.reporterHash), ...(r ? [r] : [])];
  // Reports of the reporter before the change (with `before`) and after it (with `after`); when the
  // reporter changed, both reporters' reports are in play.
  const beforeSet = [...group(before), ...others.filter((o) => o.reporterHash !== before?.reporterHash)];
  const afterSet = [...group(after), ...others.filter((o) => o.reporterHash !== after?.reporterHash)];
  await applyDifference(tx, meta, cats, beforeSet.map((r) => toScoring(r, slugOf)), afterSet.map((r) => toScoring(r, slugOf)));
}

/**
 * Queued reports added per transaction: bounds its rows, the server's memory and how long the
 * aggregation holds the server's event loop (a few milliseconds per ten reports). PGlite takes
 * fewer: its database runs in the server's process and keeps the memory its largest statement
 * needed (with 200, the intake bench's peak RSS passed 400 MB); PostgreSQL takes more, or the
 * per-transaction work would not keep up with a busy intake (with 50 it fell behind by 3,000).
 */
function applyBatchSize(db: Db): number {
  return databaseKind(db) === 'pglite' ? 50 : 200;
}

/**
 * Adds the queued reports (pending.ts) to the aggregates, applyBatchSize per transaction, until none is
 * left; answers how many it took. Each transaction deletes the queue rows it takes, so a report is
 * added exactly once, however many instances apply at once (they wait for each other's lock). A
 * report goes in as it is now (staff may have changed it while it waited); the reporter rule compares
 * it with the reporter's reports already in the aggregates. The reporter rule couples only reports of
 * the same reporter, so the difference of the two aggregates is the sum of the per-report ones.
 *
 * `ifNoRecomputation`: while a recomputation runs (minutes at a million reports), apply nothing and
 * answer 0 at once instead of waiting for it; a ranking then shows the rows as they were.
 */
export async function applyPendingPriorities(db: Db, options: { now?: Date; ifNoRecomputation?: boolean } = {}): Promise<number> {
  // Nothing queued (a ranking's usual case): no transaction, so no wait for a writer's lock either.
  if (!(await anythingQueued(db))) return 0;
  const batch = applyBatchSize(db);
  let applied = 0;
  for (;;) {
    let taken: number;
    try {
      taken = await db.transaction((tx) => applyQueuedBatch(tx, batch, options.now ?? new Date(), options.ifNoRecomputation));
    } catch (error) {
      if (options.ifNoRecomputation && databaseErrorCode(error) === LOCK_NOT_AVAILABLE) return applied;
      throw error;
    }
    applied += taken;
    if (taken < batch) return applied;
  }
}

const LOCK_NOT_AVAILABLE = '55P03';

async function anythingQueued(db: Db): Promise<boolean> {
  const [row] = rowsOf<{ queued: boolean }>(await db.execute(sql`select exists (select 1 from priority_pending) as queued`));
  return row.queued;
}

/** One transaction of applyPendingPriorities: answers how many queued reports it took. */
async function applyQueuedBatch(tx: Db, batch: number, now: Date, noWait = false): Promise<number> {
  // Without waiting, the meta row goes first on its own: its refusal aborts the transaction, and
  // statements sent behind it would fail with that instead.
  const ready = noWait ? await lockMeta(tx, now, { noWait }) : null;
  const [meta, , cats, queued] = await Promise.all([ready ?? lockMeta(tx, now), lockWriters(tx), loadCategories(tx), takeQueued(tx, batch)]);
  const counted = queued.filter(counts);
  if (counted.length === 0) return queued.length;
  const ids = new Set(queued.map((r) => r.id));
  const others = (await appliedReportsOf(tx, counted.map((r) => r.reporterHash))).filter((r) => !ids.has(r.id));
  const slugOf = new Map(cats.map((c) => [c.id, c.slug]));
  const scoring = (rows: readonly ReportState[]) => rows.map((r) => toScoring(r, slugOf));
  await applyDifference(tx, meta, cats, scoring(others), scoring([...others, ...counted]));
  return queued.length;
}

/** The columns of `reportColumns` for a raw select from `reports r`. */
const reportColumnsSql = sql.raw(
  Object.values(reportColumns)
    .map((column) => `r."${column.name}"`)
    .join(', '),
);

/** Deletes up to `limit` rows of the queue, oldest first, and answers their reports as they are now. */
async function takeQueued(tx: Db, limit: number): Promise<ReportState[]> {
  const answer = await tx.execute(sql`
    with taken as (
      delete from priority_pending
      where report_id in (select report_id from priority_pending order by report_id limit ${limit})
      returning report_id
    )
    select ${reportColumnsSql} from reports r join taken on taken.report_id = r.id`);
  return mapRows<ReportState>(reportColumns, answer);
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
  const aggregate = (set: ScoringReport[], days: Map<string, DayRow>) =>
    set.length ? aggregateReports(prepareReports(set, writerCellTable()), meta.params, meta.anchor, weightOf, days) : new Map<string, AggregateRow>();
  const daysBefore = new Map<string, DayRow>();
  const daysAfter = new Map<string, DayRow>();
  const rowsBefore = aggregate(beforeSet, daysBefore);
  const rowsAfter = aggregate(afterSet, daysAfter);
  const idOf = new Map(cats.map((c) => [c.slug, c.id]));
  const days = dayDeltas(daysBefore, daysAfter, idOf);
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
  if (deltas.length === 0 && days.length === 0) return;
  const districtOf = deltas.length > 0 ? await districtsOfCells(tx) : new Map<string, number>();
  await addDeltas(
    tx,
    deltas.map((d) => statsValues(d, idOf, districtOf)),
    days,
    cats,
  );
  // Rows nothing supports any more go; the others keep their (possibly older) newest_at. A new
  // report only adds, so the intake skips this.
  if (days.some((v) => v.reports < 0)) {
    await tx.delete(priorityCellDays).where(and(inArray(priorityCellDays.cell, [...new Set(days.map((v) => v.cell))]), lte(priorityCellDays.reports, 0)));
  }
  if (!deltas.some((d) => d.reports < 0 || d.reporters < 0)) return;
  const cells = [...new Set(deltas.map((d) => d.cell))];
  await deleteEmptyRollups(tx, cells);
  await tx.delete(priorityCellStats).where(and(inArray(priorityCellStats.cell, cells), lte(priorityCellStats.reports, 0), lte(priorityCellStats.reporters, 0)));
}

/**
 * Adds the deltas to `priority_cell_stats`, its two rollups and `priority_cell_days` in one
 * statement: the rollups are summed from the deltas in the database, so they cost the writer (the
 * intake above all) neither rows to build and send nor round trips. Each table's rows are written
 * in key order, so that concurrent writers lock them alike and do not deadlock each other.
 */
async function addDeltas(tx: Db, stats: unknown[][], days: ReturnType<typeof dayValues>[], cats: CategoryInfo[]) {
  const parts: SQL[] = [];
  if (stats.length > 0) {
    parts.push(sql`deltas as (${unnestRows(STATS_COLUMNS, stats)})`);
    const ordered = sql.raw('select * from deltas order by cell, category_id, slot_mask');
    parts.push(sql`stats as (${addingInsert('priority_cell_stats', ['cell', 'category_id', 'slot_mask'], STATS_NAMES, STATS_SUMMED, ordered)})`);
    rollupDeltaInserts('deltas', cats).forEach((insert, i) => parts.push(sql`${sql.raw(`rollup${i}`)} as (${insert})`));
  }
  if (days.length > 0) {
    const ordered = sql`${unnestRows(DAY_COLUMNS, days.map((v) => DAY_KEYS.map((key) => v[key])))} order by cell, day, category_id`;
    parts.push(sql`days as (${addingInsert('priority_cell_days', ['cell', 'day', 'category_id'], DAY_NAMES, DAY_SUMMED, ordered)})`);
  }
  await tx.execute(sql`with ${sql.join(parts, sql`, `)} select 1`);
}

/** The difference of two sets of day rows, as rows of `priority_cell_days` to add. */
function dayDeltas(before: Map<string, DayRow>, after: Map<string, DayRow>, idOf: Map<string, number>) {
  const values = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(key);
    const a = after.get(key);
    if (a && b && JSON.stringify(a) === JSON.stringify(b)) continue;
    const base = (a ?? b)!;
    values.push(dayValues({ ...base, slots: base.slots.map((_, s) => (a?.slots[s] ?? 0) - (b?.slots[s] ?? 0)), reports: (a?.reports ?? 0) - (b?.reports ?? 0), newest: a?.newest ?? -Infinity }, idOf));
  }
  return values;
}

function dayValues(row: DayRow, idOf: Map<string, number>) {
  const values = {
    cell: row.cell,
    day: row.day,
    categoryId: idOf.get(row.category) ?? Number(row.category),
    reports: row.reports,
    newestAt: Number.isFinite(row.newest) ? new Date(row.newest) : null,
  } as Record<(typeof SLOT_KEYS)[number], number> & { cell: string; day: number; categoryId: number; reports: number; newestAt: Date | null };
  for (let s = 0; s < SLOT_COUNT; s++) values[SLOT_KEYS[s]] = row.slots[s];
  return values;
}

function weightLookup(cats: CategoryInfo[]) {
  const weights = new Map(cats.map((c) => [c.slug, c.weight]));
  return (slug: string) => weights.get(slug) ?? 1;
}

const SLOT_KEYS = ['slot0', 'slot1', 'slot2', 'slot3', 'slot4', 'slot5', 'slot6', 'slot7'] as const;
const OWN_KEYS = ['own0', 'own1', 'own2', 'own3', 'own4', 'own5', 'own6', 'own7'] as const;

// Columns of the write path's upserts (addDeltas): key, its column and type, and what is summed.
const STATS_KEYS = ['cell', 'categoryId', 'slotMask', 'districtId', ...SLOT_KEYS, ...OWN_KEYS, 'reports', 'reporters', 'feelingSum', 'timeSum', 'newestAt'] as const;
const STATS_COLUMNS: UnnestColumn[] = STATS_KEYS.map((key) => {
  const column = priorityCellStats[key];
  return [column.name, column.getSQLType()];
});
const STATS_NAMES = STATS_COLUMNS.map(([name]) => name);
const STATS_SUMMED = STATS_NAMES.filter((name) => !['cell', 'category_id', 'slot_mask', 'district_id', 'newest_at'].includes(name));
const DAY_KEYS = ['cell', 'day', 'categoryId', ...SLOT_KEYS, 'reports', 'newestAt'] as const;
const DAY_COLUMNS: UnnestColumn[] = DAY_KEYS.map((key) => {
  const column = priorityCellDays[key];
  return [column.name, column.getSQLType()];
});
const DAY_NAMES = DAY_COLUMNS.map(([name]) => name);
const DAY_SUMMED = DAY_NAMES.filter((name) => !['cell', 'day', 'category_id', 'newest_at'].includes(name));

/**
 * A row of `priority_cell_stats` as the values of STATS_COLUMNS, in their order (STATS_KEYS), with
 * the district of the cell's centre (`districtOf`: the study area's, `districtsOfCells`).
 */
function statsValues(row: AggregateRow, idOf: Map<string, number>, districtOf: ReadonlyMap<string, number>): unknown[] {
  return [
    row.cell,
    idOf.get(row.category) ?? Number(row.category),
    row.slotMask,
    districtOf.get(row.cell) ?? null,
    ...row.slots,
    ...row.own,
    row.reports,
    row.reporters,
    row.feelingSum,
    row.timeSum,
    Number.isFinite(row.newest) ? new Date(row.newest) : null,
  ];
}


/**
 * Rebuilds `priority_cell_stats` from all reports with the settings' parameters and a new anchor, in
 * one transaction: readers see the old rows until it commits, writers wait for the meta row's lock
 * and then apply their change on top. Returns the number of rows written.
 */
export async function recomputePriorityStats(
  db: Db,
  options: {
    now?: Date;
    /** Aggregate these instead of the table's reports: for scripts/bench-rank-db.ts `--aggregates-only`, never the app. */
    reports?: readonly ScoringReport[];
  } = {},
): Promise<{ rows: number; reports: number }> {
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
    // The queue is emptied in the statement that reads the reports, so in the same snapshot: what
    // it held is in the new rows, and reports stored after the snapshot stay queued.
    const rows =
      options.reports ??
      mapRows<ReportState>(
        reportColumns,
        await tx.execute(sql`
          with cleared as (delete from priority_pending)
          select ${reportColumnsSql} from reports r
          where r.duplicate_of is null and r.status not in ('dismissed', 'duplicate')
          order by r.id`),
      ).map((r) => toScoring(r, slugOf));
    const set = prepareReports(rows);
    const days = new Map<string, DayRow>();
    const aggregated = aggregateReports(set, write, anchorAt.getTime(), weightLookup(cats), days);
    await tx.delete(priorityCellStats);
    await tx.delete(priorityCellDays);
    const idOf = new Map(cats.map((c) => [c.slug, c.id]));
    const dayRows = [...days.values()].map((row) => dayValues(row, idOf));
    await insertAll(tx, 'priority_cell_days', DAY_COLUMNS, dayRows.map((v) => DAY_KEYS.map((key) => v[key])));
    const districtOf = await districtsOfCells(tx);
    const values = [...aggregated.values()].map((row) => statsValues(row, idOf, districtOf));
    await insertAll(tx, 'priority_cell_stats', STATS_COLUMNS, values);
    await rebuildPriorityRollups(tx, cats);
    return { rows: values.length, reports: rows.length };
  });
}

/** Plain inserts of many rows, 5,000 per statement with one parameter per column (`unnestRows`). */
async function insertAll(tx: Db, table: string, columns: UnnestColumn[], rows: readonly (readonly unknown[])[]) {
  for (let i = 0; i < rows.length; i += 5000) {
    await tx.execute(sql`insert into ${sql.identifier(table)} ${columnList(columns)} ${unnestRows(columns, rows.slice(i, i + 5000))}`);
  }
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
    if (options.force || (await priorityStatsOutdated(tx, now))) return { ...(await recomputePriorityStats(tx, { now })), skipped: false };
    // Weights changed outside the categories form (a seed, the city config): only the per-cell rollup.
    return { rows: 0, reports: 0, skipped: !(await refreshPriorityCellTotals(tx)) };
  });
}

/**
 * Rebuilds `priority_cell_totals` when the category weights differ from those it was built with
 * (true: rebuilt). Call it in the transaction that changes a weight, after the change: it locks the
 * meta row for update, so writers wait and then add with the new weights. Until it runs, ranking
 * sums the per-category rollup instead (correct, a little slower).
 */
export async function refreshPriorityCellTotals(tx: Db): Promise<boolean> {
  const [row] = await tx.select().from(priorityStatsMeta).where(eq(priorityStatsMeta.id, 1)).for('update');
  if (!row) return false;
  const cats = await loadCategories(tx);
  if (cellTotalsCurrent(row.weights, cats)) return false;
  await rebuildPriorityCellTotals(tx, cats);
  return true;
}

/** True when the stored aggregates were built with other parameters than the settings hold, or need a new anchor. */
export async function priorityStatsOutdated(db: Db, now = new Date()): Promise<boolean> {
  const [row] = await db.select().from(priorityStatsMeta).where(eq(priorityStatsMeta.id, 1));
  if (!row) return true;
  // No weights: stored before the rollups and day rows existed (migration 0012); rebuild them all.
  if (!row.weights) return true;
  const meta = metaOf(row);
  return !writeParamsEqual(writeParamsOf(await getScoreParams(db)), meta.params) || needsReanchor(now.getTime(), meta.anchor, meta.params.halfLifeDays);
}

/** One entry: the districts change only by admin import. */
let studyAreaCache: { signature: string; area: string[]; table: CellTable; districtOf: Map<string, number> } | null = null;
const signatures = new WeakMap<readonly DistrictShape[], string>();

/**
 * A digest of the districts' ids and geometries, once per list: loadDistricts hands out the same
 * list until its cache expires, and an import may move a boundary without moving a bounding box.
 */
function districtsSignature(districtRows: readonly DistrictShape[]): string {
  let signature = signatures.get(districtRows);
  if (!signature) {
    signature = createHash('sha256')
      .update(JSON.stringify(districtRows.map((d) => [d.id, d.geometry])))
      .digest('base64url');
    signatures.set(districtRows, signature);
  }
  return signature;
}

/**
 * The city's scoring cells and the district each one's centre lies in (the first in the list, as
 * findDistrict answers): ranking scores them, and the writers store that district with each row.
 */
function studyAreaEntry(districtRows: readonly DistrictShape[]) {
  const signature = districtsSignature(districtRows);
  if (studyAreaCache?.signature === signature) return studyAreaCache;
  const districtOf = new Map<string, number>();
  for (const d of districtRows) {
    const geometry = d.geometry as Polygon | MultiPolygon;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
    for (const polygon of polygons) {
      for (const cell of polygonToCells(polygon, SCORING_RESOLUTION, true)) if (!districtOf.has(cell)) districtOf.set(cell, d.id);
    }
  }
  const area = [...districtOf.keys()];
  // The city's cells, centres and ring-1 neighbours, looked up once and kept for every ranking.
  const table = new CellTable();
  for (const cell of area) table.intern(cell);
  studyAreaCache = { signature, area, table, districtOf };
  return studyAreaCache;
}

/** The district of each scoring cell's centre; cells outside every district are not in it. */
async function districtsOfCells(db: Db): Promise<ReadonlyMap<string, number>> {
  return studyAreaEntry(await loadDistricts(db)).districtOf;
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

/** The category a ranking is filtered to: undefined for none, null for a slug no category has. */
type CategoryFilter = CategoryInfo | null | undefined;

function categoryFilter(cats: readonly CategoryInfo[], slug: string | undefined): CategoryFilter {
  return slug === undefined ? undefined : (cats.find((c) => c.slug === slug) ?? null);
}

/** The SQL condition of a category filter on `column` (an unknown category matches no row). */
function categoryCondition(filter: CategoryInfo | null, column: string): string {
  return `${column} = ${filter ? Math.trunc(filter.id) : -1}`;
}

/** `factor * (Σ_s column_s · slotWeight_s)`: a row's per-slot sums (`column` e.g. `t.slot`) weighted by the slot weights (none: 1 each). */
function slotWeightedSum(factor: string, column: string, weights: Float64Array | null): string {
  return `${factor} * (${Array.from({ length: SLOT_COUNT }, (_, s) => `${column}_${s} * ${weights ? weights[s] : 1}`).join(' + ')})`;
}

/** A cell's sums over the city (`citySums`): what the order and Gi* need, nothing per category or mask. */
type CellSums = {
  cell: string;
  districtId: number | null;
  /** Σ w · Σ_s slotWeight_s · slot_s, still anchored (times the decay scale = the score). */
  score: number;
  own: number;
  /** Contributions in the window (over all slots: all); only > 0 matters, for which cells are candidates. */
  reports: number;
};

/**
 * One row per cell of the city with its score, own-cell values and whether it has a report in the
 * window — from the rollups, so the cost grows with the cells, not the reports: `priority_cell_totals`
 * without a category filter (when built with the current weights), else `priority_cell_category_totals`
 * (one category, or all summed with the current weights).
 */
async function citySums(
  db: Db,
  cats: readonly CategoryInfo[],
  builtWith: Record<string, number> | null,
  weights: Float64Array | null,
  windowMask: number,
  filter: CategoryFilter,
): Promise<CellSums[]> {
  const weighted = (prefix: 'slot' | 'own', factor: string) => slotWeightedSum(factor, `t.${prefix}`, weights);
  const inWindow = Array.from({ length: SLOT_COUNT }, (_, s) => s)
    .filter((s) => windowMask & (1 << s))
    .map((s) => `t.reports_in_${s}`)
    .join(' + ');
  const reportsIn = weights ? inWindow : 't.reports';
  let query: string;
  if (filter !== undefined) {
    // Ranking leaves categories of weight 0 out (and an unknown category has no reports).
    if (!filter || !(filter.weight > 0)) return [];
    const w = `${Number(filter.weight)}::float8`;
    query = `select t.cell, t.district_id, ${weighted('slot', w)} as score, ${weighted('own', w)} as own, ${reportsIn} as reports
      from priority_cell_category_totals t where ${categoryCondition(filter, 't.category_id')}`;
  } else if (cellTotalsCurrent(builtWith, cats)) {
    query = `select t.cell, t.district_id, ${weighted('slot', '1')} as score, ${weighted('own', '1')} as own, ${reportsIn} as reports
      from priority_cell_totals t`;
  } else {
    // The per-cell rollup was built with other weights (changed since, not yet rebuilt): sum the
    // categories with the current ones — cells × categories rows, still independent of the reports.
    const w = weightCase(cats, 't.category_id');
    query = `select t.cell, max(t.district_id) as district_id, sum(${weighted('slot', w)})::float8 as score,
        sum(${weighted('own', w)})::float8 as own, sum(${reportsIn})::int as reports
      from priority_cell_category_totals t where ${w} > 0 group by t.cell`;
  }
  return rowsOf<Record<string, unknown>>(await db.execute(sql.raw(query))).map((r) => ({
    cell: String(r.cell),
    districtId: r.district_id === null ? null : Number(r.district_id),
    score: Number(r.score),
    own: Number(r.own),
    reports: Number(r.reports),
  }));
}

/**
 * The ranked cells of the city, best first, from the stored aggregates — the same list `rankCells`
 * gives for the same reports (see the module comment for where it may differ), with manual overrides
 * and the gate. The patrol planner calls this.
 */
export async function rankPriorities(db: Db, options: RankPrioritiesOptions = {}): Promise<CellPriority[]> {
  const now = options.now ?? new Date();
  const at = now.getTime();
  // Every report stored so far counts: the queue's reports go in first (usually none or a few),
  // unless a recomputation runs (its rows include them once it commits).
  await applyPendingPriorities(db, { now, ifNoRecomputation: true });
  const [metaRow] = await db.select().from(priorityStatsMeta).where(eq(priorityStatsMeta.id, 1));
  if (!metaRow) return [];
  const meta = metaOf(metaRow);
  const cats = await loadCategories(db);
  const params = await getScoreParams(db, cats);
  const weights = options.slotWeights ? fromSlotRecord(options.slotWeights) : null;
  let windowMask = 0;
  for (let s = 0; s < SLOT_COUNT; s++) if (!weights || weights[s] > 0) windowMask |= 1 << s;
  const filter = categoryFilter(cats, options.category);

  const sums = await citySums(db, cats, metaRow.weights, weights, windowMask, filter);

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
  const details = await cellDetails(db, cats, chosenCells, weights ? windowMask : null, filter, scale);
  const recent = await trendOf(db, cats, chosenCells, params.trendDays, at, weights, filter);

  return chosen.map((k) => {
    const row = sums[k];
    const c = index[k];
    const t = test.get(c) ?? { z: 0, p: 0.5, significant: false };
    const override = factorOf(k);
    const detail = details.get(row.cell) ?? emptyDetail();
    const reportCount = detail.reports;
    const trend = recent.get(row.cell) ?? { recent: 0, previous: 0, newest: -Infinity };
    const newest = Math.max(trend.newest, detail.newest && trend.newest === -Infinity ? detail.newest.getTime() : -Infinity);
    const total = detail.slots.reduce((a, b) => a + b, 0);
    return {
      cell: row.cell,
      lat: cells.lat[c],
      lon: cells.lon[c],
      score: score[c] * override,
      total,
      slots: toSlotRecord(detail.slots),
      reports: reportCount,
      reporters: detail.reporters,
      newestDays: Number.isFinite(newest) ? (at - newest) / DAY_MS : Infinity,
      meanAgeDays: reportCount > 0 ? (at - meta.anchor) / DAY_MS - detail.timeSum / reportCount : Infinity,
      severity: reportCount > 0 ? detail.feelingSum / reportCount : 0,
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

type CellDetail = {
  slots: number[];
  categories: Record<string, number>;
  reports: number;
  reporters: number;
  feelingSum: number;
  timeSum: number;
  newest: Date | null;
};

function emptyDetail(): CellDetail {
  return { slots: new Array<number>(SLOT_COUNT).fill(0), categories: {}, reports: 0, reporters: 0, feelingSum: 0, timeSum: 0, newest: null };
}

/**
 * The week-by-slot grid S(c, s, now), the category mix and the counts (reports, reporters, feeling,
 * age, newest) of the described cells. Over all slots they come from the per-category rollup; for a
 * window (`windowMask` not null) from the rows per slot mask that meet it, as the counts of a window
 * must — at most categories × masks rows per described cell, however many reports it has.
 */
async function cellDetails(db: Db, cats: readonly CategoryInfo[], cells: string[], windowMask: number | null, filter: CategoryFilter, scale: number) {
  const weight = weightCase(cats, 't.category_id');
  const table = windowMask === null ? 'priority_cell_category_totals' : 'priority_cell_stats';
  const where = [`${weight} > 0`];
  if (windowMask !== null) where.push(`(t.slot_mask & ${windowMask}) <> 0`);
  if (filter !== undefined) where.push(categoryCondition(filter, 't.category_id'));
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`select t.cell, t.category_id, ${sql.raw(SLOT_KEYS.map((_, s) => `sum(${weight} * t.slot_${s})::float8 as slot_${s}`).join(', '))},
        sum(t.reports)::int as reports, sum(t.reporters)::int as reporters, sum(t.feeling_sum)::float8 as feeling_sum,
        sum(t.time_sum)::float8 as time_sum, max(t.newest_at) as newest_at
      from ${sql.identifier(table)} t
      where t.cell in (${sql.join(
        cells.map((c) => sql`${c}`),
        sql`, `,
      )}) and ${sql.raw(where.join(' and '))}
      group by t.cell, t.category_id`,
    ),
  );
  const slugOf = new Map(cats.map((c) => [c.id, c.slug]));
  const details = new Map<string, CellDetail>();
  for (const r of rows) {
    const cell = String(r.cell);
    const entry = details.get(cell) ?? emptyDetail();
    for (let s = 0; s < SLOT_COUNT; s++) entry.slots[s] += Number(r[`slot_${s}`]) * scale;
    const reports = Number(r.reports);
    if (reports > 0) entry.categories[slugOf.get(Number(r.category_id)) ?? String(r.category_id)] = reports;
    entry.reports += reports;
    entry.reporters += Number(r.reporters);
    entry.feelingSum += Number(r.feeling_sum);
    entry.timeSum += Number(r.time_sum);
    const newest = r.newest_at ? new Date(r.newest_at as string) : null;
    if (newest && (!entry.newest || newest > entry.newest)) entry.newest = newest;
    details.set(cell, entry);
  }
  return details;
}

/**
 * The trend of the described cells — undecayed amounts w·f·K·(slot weight) of the last `trendDays`
 * UTC days (today included) and of the days before — and their newest supporting report in that span,
 * from `priority_cell_days`: at most 2 × trendDays rows per cell and category.
 */
async function trendOf(
  db: Db,
  cats: readonly CategoryInfo[],
  cells: string[],
  trendDays: number,
  at: number,
  weights: Float64Array | null,
  filter: CategoryFilter,
) {
  const today = dayOf(at);
  const weight = weightCase(cats, 'd.category_id');
  const amount = slotWeightedSum(weight, 'd.slot', weights);
  const where = [`${weight} > 0`];
  if (filter !== undefined) where.push(categoryCondition(filter, 'd.category_id'));
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select d.cell,
        sum(case when d.day > ${today - trendDays} then d.amount else 0 end)::float8 as recent,
        sum(case when d.day <= ${today - trendDays} then d.amount else 0 end)::float8 as previous,
        max(case when d.amount > 0 then d.newest_at end) as newest_at
      from (
        select d.cell, d.day, d.newest_at, ${sql.raw(amount)} as amount
        from priority_cell_days d
        where d.cell in (${sql.join(
          cells.map((c) => sql`${c}`),
          sql`, `,
        )}) and d.day > ${today - 2 * trendDays} and ${sql.raw(where.join(' and '))}
      ) d
      group by d.cell`),
  );
  const out = new Map<string, { recent: number; previous: number; newest: number }>();
  for (const r of rows) {
    out.set(String(r.cell), {
      recent: Number(r.recent),
      previous: Number(r.previous),
      newest: r.newest_at ? new Date(r.newest_at as string).getTime() : -Infinity,
    });
  }
  return out;
}
