import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { cellToLatLng } from 'h3-js';
import type { Db } from '@/lib/db/client';
import { upsertAdding } from '@/lib/db/unnest';
import { cellStats, reports } from '@/lib/db/schema';
import { PUBLIC_RESOLUTION } from '@/lib/geo/cells';
import { shownParts } from './disclosure';
import { timesOfDay, type ReportStatus, type TimeOfDay, type WhenProfile } from './types';

/** Dismissed reports and merged duplicates never count in public aggregates (a merge counts once). */
export const uncountedStatuses: readonly ReportStatus[] = ['dismissed', 'duplicate'];

export function isCounted(status: ReportStatus): boolean {
  return !uncountedStatuses.includes(status);
}

export function timesOf(when: WhenProfile): readonly TimeOfDay[] {
  return 'always' in when ? timesOfDay : when.times;
}

type Counted = { h3r9: string; categoryId: number; when: WhenProfile };

/**
 * Adds (+1) or removes (−1) reports from the aggregates. Call it inside the transaction that
 * changes the reports, so the aggregates are never out of step with the rows. Many reports cost
 * one statement: their counts are summed per row of cell_stats first, and `upsertAdding` writes the
 * rows in key order, so that concurrent transactions lock them in the same order and never deadlock.
 */
export async function adjustCellStats(tx: Db, report: Counted | readonly Counted[], delta: 1 | -1) {
  const counts = new Map<string, { cell: string; categoryId: number; timeOfDay: string; reportCount: number }>();
  for (const r of Array.isArray(report) ? report : [report as Counted]) {
    for (const timeOfDay of ['all', ...timesOf(r.when)]) {
      const key = `${r.h3r9} ${r.categoryId} ${timeOfDay}`;
      const entry = counts.get(key);
      if (entry) entry.reportCount += delta;
      else counts.set(key, { cell: r.h3r9, categoryId: r.categoryId, timeOfDay, reportCount: delta });
    }
  }
  const centres = new Map<string, number[]>();
  const rows = [...counts.values()].map((entry) => {
    let centre = centres.get(entry.cell);
    if (!centre) centres.set(entry.cell, (centre = cellToLatLng(entry.cell)));
    return [PUBLIC_RESOLUTION, entry.cell, entry.categoryId, entry.timeOfDay, entry.reportCount, centre[0], centre[1]];
  });
  const columns = [
    ['resolution', 'smallint'],
    ['cell', 'text'],
    ['category_id', 'integer'],
    ['time_of_day', 'text'],
    ['report_count', 'integer'],
    ['lat', 'real'],
    ['lon', 'real'],
  ] as const;
  await upsertAdding(tx, 'cell_stats', ['resolution', 'cell', 'category_id', 'time_of_day'], columns, ['report_count'], rows);
}

/** Every time of day, for reports that did not say when (`{ "always": true }`). */
const ALL_TIMES = sql.raw(`'${JSON.stringify(timesOfDay)}'::jsonb`);

/** The rows `t(time_of_day)` a report with this `when` counts in, 'all' first: for a lateral join. */
function countedTimes(when: SQL): SQL {
  return sql`lateral (
    select 'all' as time_of_day
    union all
    select jsonb_array_elements_text(case when (${when} ->> 'always') = 'true' then ${ALL_TIMES} else ${when} -> 'times' end)
  ) t`;
}

/**
 * Adds new reports to the aggregates within the statement that inserts them (insertReports in
 * service.ts): `source` is a query of their h3_r9, category_id and "when", with their cell's centre
 * as centre_lat and centre_lon. The rows go in key order, as upsertAdding writes them for
 * adjustCellStats, so that concurrent writers lock them alike and never deadlock.
 */
export function addReportsStatement(source: SQL): SQL {
  return sql`
    insert into cell_stats (resolution, cell, category_id, time_of_day, report_count, lat, lon)
    select ${PUBLIC_RESOLUTION}::smallint, r.h3_r9, r.category_id, t.time_of_day, count(*)::int, min(r.centre_lat), min(r.centre_lon)
    from ${source} r cross join ${countedTimes(sql`r."when"`)}
    group by r.h3_r9, r.category_id, t.time_of_day
    order by r.h3_r9 collate "C", r.category_id, t.time_of_day collate "C"
    on conflict (resolution, cell, category_id, time_of_day) do update set report_count = cell_stats.report_count + excluded.report_count`;
}

/**
 * Recomputes the aggregates from the reports, e.g. after a bulk import. Safe while the app serves:
 * the table lock makes concurrent writers wait, and they then apply their change on top.
 */
export async function rebuildCellStats(db: Db) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`lock table cell_stats in exclusive mode`);
    await tx.delete(cellStats).where(eq(cellStats.resolution, PUBLIC_RESOLUTION));
    const grouped = await tx
      .select({
        cell: reports.h3r9,
        categoryId: reports.categoryId,
        timeOfDay: sql<string>`t.time_of_day`,
        count: sql<number>`count(*)::int`,
      })
      .from(reports)
      .innerJoin(countedTimes(sql`${reports.when}`), sql`true`)
      .where(sql`${reports.status} not in ('dismissed', 'duplicate')`)
      .groupBy(reports.h3r9, reports.categoryId, sql`t.time_of_day`);
    const centres = new Map<string, [number, number]>();
    const rows = grouped.map((g) => {
      let centre = centres.get(g.cell);
      if (!centre) centres.set(g.cell, (centre = cellToLatLng(g.cell) as [number, number]));
      return {
        resolution: PUBLIC_RESOLUTION,
        cell: g.cell,
        categoryId: g.categoryId,
        timeOfDay: g.timeOfDay,
        reportCount: g.count,
        lat: centre[0],
        lon: centre[1],
      };
    });
    for (let i = 0; i < rows.length; i += 1000) await tx.insert(cellStats).values(rows.slice(i, i + 1000));
  });
}

export type BBoxQuery = { minLon: number; minLat: number; maxLon: number; maxLat: number };

/** A category's reports in one hexagon: over the whole day, and in the time of day asked for. */
export type CellCategoryCounts = { categoryId: number; all: number; slice: number };

/**
 * The categories of one hexagon that the map filtered by category shows over the whole day: the
 * public sees the hexagon's total too, so the categories are parts of it (shownParts).
 */
function shownOverDay(counts: readonly Omit<CellCategoryCounts, 'slice'>[], k: number): Set<number> {
  const whole = counts.reduce((sum, c) => sum + c.all, 0);
  return shownParts(counts.map((c) => ({ key: c.categoryId, counts: [c.all] })), [whole], k);
}

/**
 * A category's figure in one hexagon for the map filtered by it (and perhaps a time of day), or
 * null where it is withheld. With a time of day, each category's figure over the whole day is known
 * too, and so is its remainder at other times: a category counts there only if it is shown over the
 * whole day, and both its time of day and the other times are parts that must not leave 1 to k − 1
 * (e.g. 10 reports, 6 of them vandalism with 3 at night, 4 drugs with 3 at night: vandalism's 3 at
 * night would leave the other times' 4 minus vandalism's 3, the one report of drugs).
 */
export function categoryFigure(counts: readonly CellCategoryCounts[], k: number, categoryId: number, time?: TimeOfDay): number | null {
  const overDay = shownOverDay(counts, k);
  const mine = counts.find((c) => c.categoryId === categoryId);
  if (!mine || !overDay.has(categoryId)) return null;
  if (time === undefined) return mine.all;
  const whole = counts.reduce((sum, c) => sum + c.all, 0);
  const inSlice = counts.reduce((sum, c) => sum + c.slice, 0);
  const shown = shownParts(
    counts.filter((c) => overDay.has(c.categoryId)).map((c) => ({ key: c.categoryId, counts: [c.slice, c.all - c.slice] })),
    [inSlice, whole - inSlice],
    k,
  );
  return shown.has(categoryId) ? mine.slice : null;
}

/** Rows ordered by cell, grouped by it (in that order). */
function byCell<T extends { cell: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.cell);
    if (group) group.push(row);
    else groups.set(row.cell, [row]);
  }
  return groups;
}

/**
 * Every hexagon and category that the map filtered by that category shows (over the whole day),
 * city-wide: what Open311's browsing may list reports of, so that its records cannot be counted
 * into a figure the map withholds.
 */
export async function getShownCategoryCells(db: Db, k: number): Promise<[cell: string, categoryId: number][]> {
  const rows = await db
    .select({ cell: cellStats.cell, categoryId: cellStats.categoryId, all: cellStats.reportCount })
    .from(cellStats)
    .where(and(eq(cellStats.resolution, PUBLIC_RESOLUTION), eq(cellStats.timeOfDay, 'all')))
    .orderBy(cellStats.cell, cellStats.categoryId);
  return [...byCell(rows)].flatMap(([cell, counts]) => [...shownOverDay(counts, k)].map((id): [string, number] => [cell, id]));
}

/**
 * Public hexagons in a bounding box with at least k counted reports. The box is widened by about a
 * cell so hexagons cut by its edge are included.
 *
 * With a time of day, a hexagon is also left out when the reports at other times number 1 to k − 1:
 * subtracting from its figure over the whole day would show that few reports and when they were
 * not. With a category, categoryFigure decides from all of the hexagon's categories.
 */
export async function getPublicCells(
  db: Db,
  options: { bbox: BBoxQuery; k: number; categoryId?: number; time?: TimeOfDay },
): Promise<{ cell: string; count: number }[]> {
  const pad = 0.005;
  const { bbox, k, categoryId, time } = options;
  const inBox = and(
    eq(cellStats.resolution, PUBLIC_RESOLUTION),
    gte(cellStats.lat, bbox.minLat - pad),
    lte(cellStats.lat, bbox.maxLat + pad),
    gte(cellStats.lon, bbox.minLon - pad),
    lte(cellStats.lon, bbox.maxLon + pad),
  );
  const sum = (condition: SQL) => sql<number>`coalesce(sum(${cellStats.reportCount}) filter (where ${condition}), 0)::int`;
  const all = sum(sql`${cellStats.timeOfDay} = 'all'`);
  const slice = sum(sql`${cellStats.timeOfDay} = ${time ?? 'all'}`);
  const times = inArray(cellStats.timeOfDay, ['all', time ?? 'all']);
  if (categoryId === undefined) {
    return db
      .select({ cell: cellStats.cell, count: slice })
      .from(cellStats)
      .where(and(inBox, times))
      .groupBy(cellStats.cell)
      .having(and(sql`${slice} >= ${k}`, sql`(${all} - ${slice} = 0 or ${all} - ${slice} >= ${k})`))
      .orderBy(cellStats.cell);
  }
  // Each hexagon where the category reaches k, with all its categories. One pass over the box: a
  // subquery naming the hexagons got a generic plan from the sixth call on that took seconds.
  const perCategory = db
    .select({
      cell: cellStats.cell,
      categoryId: cellStats.categoryId,
      all: all.as('all'),
      slice: slice.as('slice'),
      candidate: sql<boolean>`bool_or(${cellStats.categoryId} = ${categoryId} and ${slice} >= ${k}) over (partition by ${cellStats.cell})`.as('candidate'),
    })
    .from(cellStats)
    .where(and(inBox, times))
    .groupBy(cellStats.cell, cellStats.categoryId)
    .as('per_category');
  const rows = await db
    .select({ cell: perCategory.cell, categoryId: perCategory.categoryId, all: perCategory.all, slice: perCategory.slice })
    .from(perCategory)
    .where(sql`${perCategory.candidate}`)
    .orderBy(perCategory.cell, perCategory.categoryId);
  return [...byCell(rows)].flatMap(([cell, counts]) => {
    const count = categoryFigure(counts, k, categoryId, time);
    return count === null ? [] : [{ cell, count }];
  });
}
