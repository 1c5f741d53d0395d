/**
 * How fast the report inbox pages at scale: fills a fresh database with N reports (default
 * 1,000,000) and times the first and a deep page of each order, a few filters, and a report's
 * detail with its duplicate suggestions.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx scripts/bench-inbox.ts [--n 1000000] [--json FILE]
 *   npx tsx scripts/bench-inbox.ts --n 100000          # on an in-memory PGlite
 *
 * Prints {"inbox": {"<n>": {"firstPageP95Ms", "deepPageP95Ms", …}}, "db"} — the "inbox" part of
 * `npm run bench`'s contract (../shared/DESIGN.md, "Machine-readable results").
 */
import { writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '@/lib/db/testing';
import { cellsFor } from '@/lib/geo/cells';
import { rebuildCellStats } from '@/lib/reports/cell-stats';
import { listInbox } from '@/lib/reports/inbox';
import { decodeCursor, type InboxQuery } from '@/lib/reports/inbox-query';
import { getReportDetail } from '@/lib/reports/report-detail';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const n = Number(option('n') ?? 1_000_000);
const jsonFile = option('json');
const RUNS = 20;

async function main() {
  const kind = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
  const database = await createTestDatabase(kind);
  const { db } = database;
  try {
    // A pool of places in Lünen with their hexagons (H3 is computed here, not in SQL), reused by index.
    const pool = Array.from({ length: 5000 }, (_, i) => {
      const lat = 51.57 + ((i * 7919) % 5000) / 5000 * 0.08;
      const lon = 7.44 + ((i * 104_729) % 5000) / 5000 * 0.16;
      return { lat, lon, ...cellsFor(lat, lon) };
    });
    const started = Date.now();
    const batch = 200_000;
    for (let from = 0; from < n; from += batch) {
      const to = Math.min(n, from + batch) - 1;
      await db.execute(sql`
        insert into reports (ref, lat, lon, h3_r10, h3_r9, category_id, feeling, "when", description, status, created_at, updated_at)
        select 'B-' || lpad(g::text, 9, '0'), p.lat, p.lon, p.r10, p.r9, 1 + g % 8, 1 + g % 5, '{"always":true}'::jsonb,
               case when g % 3 = 0 then 'Beschreibung ' || g end,
               (array['new','in_review','confirmed','in_patrol','resolved','dismissed','duplicate'])[1 + g % 7],
               timestamptz '2023-01-01' + g * interval '90 seconds', now()
        from generate_series(${from}::int, ${to}::int) g
        join (select * from unnest(
          array[${sql.join(pool.map((p) => sql`${p.lat}`), sql`, `)}]::real[],
          array[${sql.join(pool.map((p) => sql`${p.lon}`), sql`, `)}]::real[],
          array[${sql.join(pool.map((p) => sql`${p.h3r10}`), sql`, `)}]::text[],
          array[${sql.join(pool.map((p) => sql`${p.h3r9}`), sql`, `)}]::text[]
        ) with ordinality as p(lat, lon, r10, r9, i)) p on p.i = 1 + g % ${pool.length}`);
    }
    await rebuildCellStats(db);
    await db.execute(sql`analyze`);
    console.error(`${n} reports in ${((Date.now() - started) / 1000).toFixed(0)} s (${kind})`);

    const options = { viewer: { roles: ['triage' as const] }, locale: 'de' as const, timeZone: 'Europe/Berlin' };
    const time = async (query: InboxQuery) => {
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await listInbox(db, query, options);
        samples.push(performance.now() - t0);
      }
      samples.sort((a, b) => a - b);
      return Math.round(samples[Math.ceil(samples.length * 0.95) - 1] * 10) / 10;
    };
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
    const answer = (await db.execute(sql`
      select id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as t
      from reports order by created_at desc, id desc offset ${Math.floor(n / 2)} limit 1`)) as unknown;
    // postgres.js answers with an array of rows, PGlite with { rows }.
    const midRow = (Array.isArray(answer) ? answer : (answer as { rows: unknown[] }).rows)[0] as { id: number; t: string };
    const deepCursor = { sort: 'newest' as const, t: midRow.t, i: Number(midRow.id) };

    const result = {
      firstPageP95Ms: await time(newest),
      deepPageP95Ms: await time({ ...newest, cursor: deepCursor }),
      statusFirstPageP95Ms: await time({ ...newest, statuses: ['new'] }),
      statusDeepPageP95Ms: await time({ ...newest, statuses: ['new'], cursor: deepCursor }),
      twoStatusesDeepPageP95Ms: await time({ ...newest, statuses: ['new', 'in_review'], cursor: deepCursor }),
      categoryDeepPageP95Ms: await time({ ...newest, category: 'drugs', cursor: deepCursor }),
      periodFirstPageP95Ms: await time({ ...newest, from: '2024-03-01', to: '2024-03-31' }),
      rareWordP95Ms: await time({ ...newest, text: 'Beschreibung 424242' }),
      commonWordP95Ms: await time({ ...newest, text: 'Beschreibung' }),
      nearbyFirstPageP95Ms: await time(nearby),
      nearbyDeepPageP95Ms: await time({ ...nearby, cursor: await cursorAfter(nearby, 20) }),
      detailP95Ms: 0,
    };
    const detailSamples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await getReportDetail(db, `B-${String(Math.floor(n / 2) + i).padStart(9, '0')}`, { viewer: { roles: ['triage'] }, locale: 'de' });
      detailSamples.push(performance.now() - t0);
    }
    detailSamples.sort((a, b) => a - b);
    result.detailP95Ms = Math.round(detailSamples[Math.ceil(RUNS * 0.95) - 1] * 10) / 10;

    const output = { inbox: { [String(n)]: result }, db: kind };
    console.log(JSON.stringify(output, null, 2));
    if (jsonFile) writeFileSync(jsonFile, JSON.stringify(output, null, 2));
  } finally {
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
