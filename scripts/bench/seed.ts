// Fills a database with realistic reports fast: generate_series in SQL over a pool of places in
// Lünen whose H3 cells are computed here (the database has no H3), then cell_stats recomputed
// the way the app does after a bulk import (rebuildCellStats).
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { cellsFor } from '@/lib/geo/cells';
import { rebuildCellStats } from '@/lib/reports/cell-stats';

/** 5,000 places over Lünen (51.56–51.65 N, 7.45–7.60 E), a fifth of them crowded round a few hotspots. */
function placePool() {
  const hotspots = [
    [51.6139, 7.5231],
    [51.6162, 7.5308],
    [51.5891, 7.4952],
    [51.6285, 7.5612],
    [51.6001, 7.5455],
  ];
  return Array.from({ length: 5000 }, (_, i) => {
    let lat: number;
    let lon: number;
    if (i % 5 === 0) {
      const [hLat, hLon] = hotspots[i % hotspots.length];
      lat = hLat + ((((i * 7919) % 1000) / 1000) - 0.5) * 0.006;
      lon = hLon + ((((i * 104_729) % 1000) / 1000) - 0.5) * 0.009;
    } else {
      lat = 51.56 + (((i * 7919) % 5000) / 5000) * 0.09;
      lon = 7.45 + (((i * 104_729) % 5000) / 5000) * 0.15;
    }
    return { lat, lon, ...cellsFor(lat, lon) };
  });
}

/** Rows from..to-1 (references B-000000001 …), then cell_stats rebuilt and statistics refreshed. */
export async function seedReports(db: Db, from: number, to: number) {
  const pool = placePool();
  const ids = rowsOf<{ id: number }>(await db.execute(sql`select id from categories order by id`)).map((r) => Number(r.id));
  const batch = 200_000;
  for (let start = from; start < to; start += batch) {
    const end = Math.min(to, start + batch) - 1;
    await db.execute(sql`
      insert into reports (ref, lat, lon, h3_r10, h3_r9, category_id, feeling, "when", description, status, reporter_hash, created_at, updated_at)
      select 'B-' || lpad(g::text, 9, '0'), p.lat, p.lon, p.r10, p.r9,
             (array[${sql.raw(ids.join(','))}])[1 + g % ${ids.length}], 1 + g % 5,
             case when g % 3 = 0 then '{"times":["evening","night"],"days":["fri","sat"]}'::jsonb else '{"always":true}'::jsonb end,
             case when g % 3 = 0 then 'Beschreibung ' || g end,
             (array['new','in_review','confirmed','in_patrol','resolved','dismissed','duplicate'])[1 + g % 7],
             case when g % 4 = 0 then md5(g::text) end,
             timestamptz '2023-01-01' + g * interval '90 seconds', now()
      from generate_series(${start}::int, ${end}::int) g
      join (select * from unnest(
        array[${sql.join(pool.map((p) => sql`${p.lat}`), sql`, `)}]::real[],
        array[${sql.join(pool.map((p) => sql`${p.lon}`), sql`, `)}]::real[],
        array[${sql.join(pool.map((p) => sql`${p.h3r10}`), sql`, `)}]::text[],
        array[${sql.join(pool.map((p) => sql`${p.h3r9}`), sql`, `)}]::text[]
      ) with ordinality as p(lat, lon, r10, r9, i)) p on p.i = 1 + (g * 2654435761::bigint) % ${pool.length}`);
  }
  await rebuildCellStats(db);
  await db.execute(sql`analyze`);
}

/** Rows of a raw query, whichever driver answered (postgres.js: an array; PGlite: { rows }). */
export function rowsOf<T>(answer: unknown): T[] {
  return (Array.isArray(answer) ? answer : (answer as { rows: T[] }).rows) as T[];
}
