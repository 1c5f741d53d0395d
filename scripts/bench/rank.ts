// Ranking: every report loaded from the database, prepared and ranked with the scoring core
// (lib/priorities). HOOK: when the database-backed ranking lands, time it here instead — replace
// rankFromDatabase's body with one call of it; the section's output keys stay ("ms" per size).
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { cellsWithinRadius } from '@/lib/priorities/evaluate';
import { rankCells } from '@/lib/priorities/rank';
import { defaultScoreParams, prepareReports, type ScoringReport } from '@/lib/priorities/score';
import { defaultSyntheticCityOptions } from '@/lib/priorities/synthetic-city';
import type { ReportStatus, WhenProfile } from '@/lib/reports/types';
import { rowsOf } from './seed';

const studyArea = cellsWithinRadius(defaultSyntheticCityOptions.centre, defaultSyntheticCityOptions.radiusMetres);

type Row = {
  id: number;
  lat: number;
  lon: number;
  cell: string;
  category: string;
  feeling: number;
  when: WhenProfile;
  created_at: string | Date;
  reporter_hash: string | null;
  duplicate_of: number | null;
  status: ReportStatus;
};

async function rankFromDatabase(db: Db) {
  const t0 = performance.now();
  const rows = rowsOf<Row>(
    await db.execute(sql`
      select r.id, r.lat, r.lon, r.h3_r10 as cell, c.slug as category, r.feeling, r."when", r.created_at,
             r.reporter_hash, r.duplicate_of, r.status
      from reports r join categories c on c.id = r.category_id
      where r.status not in ('dismissed', 'duplicate')
      order by r.created_at`),
  );
  const reports: ScoringReport[] = rows.map((r) => ({
    id: Number(r.id),
    lat: r.lat,
    lon: r.lon,
    cell: r.cell,
    category: r.category,
    feeling: r.feeling,
    when: typeof r.when === 'string' ? (JSON.parse(r.when) as WhenProfile) : r.when,
    createdAt: new Date(r.created_at),
    reporterHash: r.reporter_hash,
    duplicateOf: r.duplicate_of,
    status: r.status,
  }));
  const t1 = performance.now();
  const now = reports.at(-1)?.createdAt ?? new Date();
  const ranked = rankCells(prepareReports(reports), defaultScoreParams, now, { studyArea, limit: 100 });
  const t2 = performance.now();
  return { loadMs: t1 - t0, rankMs: t2 - t1, reports: reports.length, ranked: ranked.length };
}

/**
 * Median of three runs (one at a million reports and more, where a run takes long enough to be
 * steady): load and rank timed apart; "ms" is the two together, what a request would wait.
 */
export async function benchRank(db: Db, n: number) {
  const runs = [];
  for (let i = 0; i < (n >= 1_000_000 ? 1 : 3); i++) runs.push(await rankFromDatabase(db));
  runs.sort((a, b) => a.loadMs + a.rankMs - (b.loadMs + b.rankMs));
  const median = runs[Math.floor(runs.length / 2)];
  const round = (n: number) => Math.round(n);
  return { ms: round(median.loadMs + median.rankMs), loadMs: round(median.loadMs), rankMs: round(median.rankMs), reports: median.reports };
}
