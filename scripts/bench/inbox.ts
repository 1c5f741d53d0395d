// Staff inbox at scale: the first and a deep page (keyset cursor from the middle of the table) of
// each order, a few filters and a report's detail, through lib/reports/inbox.ts as the page calls it.
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { listInbox } from '@/lib/reports/inbox';
import { decodeCursor, type InboxQuery } from '@/lib/reports/inbox-query';
import { getReportDetail } from '@/lib/reports/report-detail';
import { rowsOf } from './seed';
import { p95 } from './timing';

const RUNS = 20;

export async function benchInbox(db: Db, n: number) {
  const options = { viewer: { roles: ['triage' as const] }, locale: 'de' as const, timeZone: 'Europe/Berlin' };
  const time = (query: InboxQuery) => p95(() => listInbox(db, query, options), RUNS, 2);
  /** The cursor after `pages` pages, walked the way a client would. */
  const cursorAfter = async (query: InboxQuery, pages: number) => {
    let cursor = query.cursor;
    for (let i = 0; i < pages; i++) {
      const page = await listInbox(db, { ...query, cursor }, { ...options, pageSize: 500 });
      if (!page.nextCursor) break;
      cursor = decodeCursor(page.nextCursor) ?? undefined;
    }
    return cursor;
  };
  const newest: InboxQuery = { statuses: [], sort: 'newest' };
  const nearby: InboxQuery = { statuses: [], sort: 'nearby' };
  // Deep: the middle of the table, reached with a cursor built from a real row (as a link would carry it).
  const [mid] = rowsOf<{ id: number; t: string }>(
    await db.execute(sql`
      select id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as t
      from reports order by created_at desc, id desc offset ${Math.floor(n / 2)} limit 1`),
  );
  const deepCursor = { sort: 'newest' as const, t: mid.t, i: Number(mid.id) };
  let detail = 0;
  return {
    firstPageP95Ms: await time(newest),
    deepPageP95Ms: await time({ ...newest, cursor: deepCursor }),
    statusDeepPageP95Ms: await time({ ...newest, statuses: ['new'], cursor: deepCursor }),
    categoryDeepPageP95Ms: await time({ ...newest, category: 'drugs', cursor: deepCursor }),
    rareWordP95Ms: await time({ ...newest, text: `Beschreibung ${3 * Math.floor(n / 7)}` }),
    nearbyFirstPageP95Ms: await time(nearby),
    nearbyDeepPageP95Ms: await time({ ...nearby, cursor: await cursorAfter(nearby, 20) }),
    detailP95Ms: await p95(
      () => getReportDetail(db, `B-${String(Math.floor(n / 2) + detail++).padStart(9, '0')}`, { viewer: { roles: ['triage'] }, locale: 'de' }),
      RUNS,
      2,
    ),
  };
}
