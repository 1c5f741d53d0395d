import { and, asc, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { getCityConfig } from '@/lib/city/config';
import type { Db } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/unnest';
import { categories, cellStats, districts, reports, type ReportStatus } from '@/lib/db/schema';
import type { StaffRole } from '@/lib/auth/roles';
import { PUBLIC_RESOLUTION } from '@/lib/geo/cells';
import { localize } from '@/lib/i18n/localize';
import type { Locale } from '@/lib/i18n/routing';
import { nextDay, startOfLocalDay } from '@/lib/time/zone';
import { uncountedStatuses } from './cell-stats';
import { INBOX_PAGE_SIZE, encodeCursor, type InboxCursor, type InboxFilters, type InboxQuery, type ParsedInboxQuery } from './inbox-query';
import { normalizeRef } from './ref-format';
import { canReadPersonalData } from './workflow';

/** One row of the inbox. No personal data: the description and e-mail are read on the detail page. */
export type InboxItem = {
  id: number;
  ref: string;
  version: number;
  status: ReportStatus;
  createdAt: string;
  category: { slug: string; label: string };
  district: { slug: string; name: string } | null;
  feeling: number;
  lat: number;
  lon: number;
  /** Counted reports in the same public hexagon (H3 resolution 9, about 350 m across), this one included. */
  nearby: number;
  hasDescription: boolean;
  /** Staff have written the public description (the review step of DESIGN.md, "Privacy rules"). */
  reviewed: boolean;
};

export type InboxPage = { items: InboxItem[]; nextCursor: string | null };

export type InboxViewer = { roles: readonly StaffRole[] };

type InboxOptions = { viewer: InboxViewer; locale: Locale; timeZone: string; pageSize?: number };

/** The cursor position of a row: created_at to the microsecond, as text (JavaScript dates keep milliseconds only). */
const cursorTime = sql<string>`to_char(${reports.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The public hexagon's count from the aggregates: one index lookup per row, never a scan. */
const nearbyCount = sql<number>`coalesce((
  select sum(${cellStats.reportCount}) from ${cellStats}
  where ${cellStats.resolution} = ${PUBLIC_RESOLUTION} and ${cellStats.timeOfDay} = 'all' and ${cellStats.cell} = ${reports.h3r9}
), 0)::int`;

const itemColumns = {
  id: reports.id,
  ref: reports.ref,
  version: reports.version,
  status: reports.status,
  createdAt: reports.createdAt,
  cursorTime,
  h3r9: reports.h3r9,
  feeling: reports.feeling,
  lat: reports.lat,
  lon: reports.lon,
  hasDescription: sql<boolean>`${reports.description} is not null`,
  reviewed: sql<boolean>`${reports.publicDescription} is not null`,
  nearby: nearbyCount,
  categorySlug: categories.slug,
  categoryLabel: categories.label,
  districtSlug: districts.slug,
  districtName: districts.name,
};

type ItemRow = {
  id: number;
  ref: string;
  version: number;
  status: ReportStatus;
  createdAt: Date;
  cursorTime: string;
  h3r9: string;
  feeling: number;
  lat: number;
  lon: number;
  hasDescription: boolean;
  reviewed: boolean;
  nearby: number;
  categorySlug: string;
  categoryLabel: Parameters<typeof localize>[0];
  districtSlug: string | null;
  districtName: string | null;
};

function toItem(row: ItemRow, locale: Locale): InboxItem {
  return {
    id: row.id,
    ref: row.ref,
    version: row.version,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    category: { slug: row.categorySlug, label: localize(row.categoryLabel, locale) },
    district: row.districtSlug && row.districtName ? { slug: row.districtSlug, name: row.districtName } : null,
    feeling: row.feeling,
    lat: row.lat,
    lon: row.lon,
    nearby: Number(row.nearby),
    hasDescription: Boolean(row.hasDescription),
    reviewed: Boolean(row.reviewed),
  };
}

function selectItems(db: Db, where: SQL | undefined, limit: number) {
  return db
    .select(itemColumns)
    .from(reports)
    .innerJoin(categories, eq(categories.id, reports.categoryId))
    .leftJoin(districts, eq(districts.id, reports.districtId))
    .where(where)
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(limit) as Promise<ItemRow[]>;
}

/** LIKE patterns match the staff's text literally: %, _ and \ are not wildcards here. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The filters as one condition. A category or district is matched through its slug in the same
 * statement (one that names none matches nothing; withKnownFilters says so beforehand). Text is
 * either a reference (exact, through its unique index) or words looked up in the public
 * description and — only for those who may read it, so a search cannot reveal what it says — the
 * resident's own description, both through trigram indexes (pg_trgm).
 */
function filterCondition(db: Db, filters: InboxFilters, options: InboxOptions): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filters.statuses.length > 0) conditions.push(inArray(reports.status, filters.statuses));
  if (filters.category) conditions.push(inArray(reports.categoryId, db.select({ id: categories.id }).from(categories).where(eq(categories.slug, filters.category))));
  if (filters.district) conditions.push(inArray(reports.districtId, db.select({ id: districts.id }).from(districts).where(eq(districts.slug, filters.district))));
  if (filters.from) conditions.push(gte(reports.createdAt, startOfLocalDay(filters.from, options.timeZone)));
  if (filters.to) conditions.push(lt(reports.createdAt, startOfLocalDay(nextDay(filters.to), options.timeZone)));
  if (filters.text) {
    // A reference of this city is looked up as one; other text, even if shaped like one
    // ("Kanaltreppe" reads as KANAL-TREPPE), is searched for in the descriptions.
    const ref = normalizeRef(filters.text);
    if (ref?.startsWith(`${getCityConfig().refPrefix}-`)) conditions.push(eq(reports.ref, ref));
    else {
      const pattern = containsPattern(filters.text);
      conditions.push(
        or(ilike(reports.publicDescription, pattern), canReadPersonalData(options.viewer.roles) ? ilike(reports.description, pattern) : undefined),
      );
    }
  }
  return and(...conditions);
}

/**
 * The parsed query without a category or district filter that names none (a stale link, a typed
 * address), which is reported in `fields` like a malformed one: the API refuses it, the page says it
 * showed all. Left in, it would show no reports, as if none matched.
 */
export async function withKnownFilters(db: Db, { query, fields }: ParsedInboxQuery): Promise<ParsedInboxQuery> {
  const [category, district] = await Promise.all([
    query.category ? db.select({ id: categories.id }).from(categories).where(eq(categories.slug, query.category)) : [],
    query.district ? db.select({ id: districts.id }).from(districts).where(eq(districts.slug, query.district)) : [],
  ]);
  const known = { ...query };
  const unknown = { ...fields };
  if (query.category && category.length === 0) {
    delete known.category;
    unknown.category = 'invalid_slug';
  }
  if (query.district && district.length === 0) {
    delete known.district;
    unknown.district = 'invalid_slug';
  }
  return { query: known, fields: unknown };
}

/** (created_at, id) strictly after the cursor in newest-first order: one index range condition. */
function before(cursor: { t: string; i: number }): SQL {
  return sql`(${reports.createdAt}, ${reports.id}) < (${cursor.t}::timestamptz, ${cursor.i})`;
}

/**
 * A page of the inbox, newest first or by the number of reports nearby, continued from a cursor
 * (keyset pagination: no OFFSET, so page 1 and page 20,000 cost the same).
 */
export async function listInbox(db: Db, query: InboxQuery, options: InboxOptions): Promise<InboxPage> {
  const size = options.pageSize ?? INBOX_PAGE_SIZE;
  const where = filterCondition(db, query, options);

  let rows: { row: ItemRow; cursor: InboxCursor }[];
  if (query.sort === 'nearby') {
    rows = await listByNearby(db, where, query.cursor?.sort === 'nearby' ? query.cursor : undefined, size + 1);
  } else {
    const cursor = query.cursor?.sort === 'newest' ? query.cursor : undefined;
    const found = await selectItems(db, and(where, cursor ? before(cursor) : undefined), size + 1);
    rows = found.map((row) => ({ row, cursor: { sort: 'newest', t: row.cursorTime, i: row.id } }));
  }
  const page = rows.slice(0, size);
  return {
    items: page.map(({ row }) => toItem(row, options.locale)),
    nextCursor: rows.length > size ? encodeCursor(page[page.length - 1].cursor) : null,
  };
}

type Cell = { cell: string; n: number };

/** Hexagons in the order of the "nearby" sort: most counted reports first, ties by cell id. */
function cellOrder(a: Cell, b: Cell) {
  return b.n - a.n || (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0);
}

/**
 * The "most reports nearby" order. Phase 1 walks the hexagons that have aggregates, most reports
 * first, and takes each one's reports newest first through the (h3_r9, created_at, id) index —
 * in growing batches of hexagons, so a page needs a few index range scans, not a sort of every
 * report. Phase 2 lists the rest: reports whose hexagon has no aggregates at all (only possible
 * for dismissed and merged reports after a rebuild of cell_stats), newest first.
 * Counts change as reports arrive; a page boundary then may repeat or skip a report of the
 * hexagon whose count changed. The newest-first order has no such caveat.
 */
async function listByNearby(
  db: Db,
  where: SQL | undefined,
  cursor: Extract<InboxCursor, { sort: 'nearby' }> | undefined,
  limit: number,
): Promise<{ row: ItemRow; cursor: InboxCursor }[]> {
  const found: { row: ItemRow; cursor: InboxCursor }[] = [];
  if (!cursor || cursor.p === 1) {
    const count = sql<number>`sum(${cellStats.reportCount})::int`;
    const cells: Cell[] = (
      await db
        .select({ cell: cellStats.cell, n: count })
        .from(cellStats)
        .where(and(eq(cellStats.resolution, PUBLIC_RESOLUTION), eq(cellStats.timeOfDay, 'all')))
        .groupBy(cellStats.cell)
        .orderBy(desc(count), asc(cellStats.cell))
    ).map((c) => ({ cell: c.cell, n: Number(c.n) }));
    // Start at the cursor's hexagon, or where it would stand if its count has changed since.
    let start = 0;
    if (cursor) {
      const at = { cell: cursor.c, n: cursor.n };
      start = cells.findIndex((c) => cellOrder(c, at) >= 0);
      if (start < 0) start = cells.length;
    }
    for (let batch = 16; start < cells.length && found.length < limit; start += batch, batch *= 4) {
      const slice = cells.slice(start, start + batch);
      const first = slice[0];
      const resume = cursor && first.cell === cursor.c ? before(cursor) : undefined;
      const picked = rowsOf<{ id: number; cell: string }>(
        await db.execute(sql`
          select r.id, c.cell
          from unnest(array[${sql.join(
            slice.map((c) => sql`${c.cell}`),
            sql`, `,
          )}]::text[]) with ordinality as c(cell, ord)
          cross join lateral (
            select ${reports.id} as id, ${reports.createdAt} as created_at
            from ${reports}
            where ${reports.h3r9} = c.cell
              ${where ? sql`and ${where}` : sql``}
              ${resume ? sql`and (c.ord > 1 or ${resume})` : sql``}
            order by ${reports.createdAt} desc, ${reports.id} desc
            limit ${limit - found.length}
          ) r
          order by c.ord, r.created_at desc, r.id desc
          limit ${limit - found.length}`),
      );
      if (picked.length === 0) continue;
      const byId = new Map(
        (await selectItems(db, inArray(reports.id, picked.map((p) => Number(p.id))), picked.length)).map((row) => [row.id, row]),
      );
      const nOf = new Map(slice.map((c) => [c.cell, c.n]));
      for (const p of picked) {
        const row = byId.get(Number(p.id));
        if (!row) continue;
        found.push({ row, cursor: { sort: 'nearby', p: 1, n: nOf.get(p.cell)!, c: p.cell, t: row.cursorTime, i: row.id } });
      }
    }
  }
  if (found.length < limit) {
    const resume = cursor?.p === 2 ? before(cursor) : undefined;
    const withoutAggregates = sql`not exists (
      select 1 from ${cellStats}
      where ${cellStats.resolution} = ${PUBLIC_RESOLUTION} and ${cellStats.timeOfDay} = 'all' and ${cellStats.cell} = ${reports.h3r9}
    )`;
    // A counted report always has its hexagon's rows, so only uncounted ones can be here.
    const rest = await selectItems(
      db,
      and(where, inArray(reports.status, [...uncountedStatuses]), withoutAggregates, resume),
      limit - found.length,
    );
    for (const row of rest) found.push({ row, cursor: { sort: 'nearby', p: 2, t: row.cursorTime, i: row.id } });
  }
  return found;
}
