// npx tsx scripts/bench-rank-db.ts [--sizes 10000,100000,1000000] [--kinds pglite,postgres] [--json FILE] [--aggregates-only]
// Benchmark of the stored ranking (lib/priorities/service.ts rankPriorities): milliseconds to rank
// all cells and to rank a window ("Fri 20–24 h") from the stored aggregates, with 10k / 100k / 1M
// synthetic reports, on PGlite and on PostgreSQL (TEST_DATABASE_URL or BENCH_DATABASE_URL: a fresh
// database is created and dropped there). Not a test. Loading the reports and the full
// recomputation are timed separately and shown, not part of `ms`.
//
// --aggregates-only: the reports are not loaded into the database; the recomputation aggregates the
// same synthetic reports in memory and writes the same priority tables. Ranking never reads the
// reports table, so the timed rankings see what they would see with the reports loaded; this is for
// PGlite at 1M, where loading a million rows and recomputing from them takes hours on this machine.
//
// `benchRank` is exported for the `npm run bench` harness: { "<n>": { ms, windowMs, … } } per kind.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { cellToParent } from 'h3-js';
import type { Db, DbKind } from '@/lib/db/client';
import { categories, reports } from '@/lib/db/schema';
import { createTestDatabase } from '@/lib/db/testing';
import { PUBLIC_RESOLUTION } from '@/lib/geo/cells';
import { rankPriorities, recomputePriorityStats } from '@/lib/priorities/service';
import { windowSlotWeights } from '@/lib/priorities/slots';
import type { ScoringReport } from '@/lib/priorities/score';
import { generateSyntheticCity } from '@/lib/priorities/synthetic-city';

export type BenchRankOptions = {
  kind: DbKind;
  sizes?: number[];
  /** Timed rankings per size (the median is reported). */
  repeats?: number;
  /** Cells described per ranking (the page shows 25, the planner asks for its candidates). */
  limit?: number;
  log?: (line: string) => void;
  /** Write the aggregates of the synthetic reports without loading the reports (see above). */
  aggregatesOnly?: boolean;
};

/** `load1`: the machine's 1-minute load average right after the timed rankings (the machine is shared). */
export type BenchRankResult = Record<
  string,
  { ms: number; windowMs: number; loadMs: number; recomputeMs: number; rows: number; gated: number; load1: number }
>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function syntheticReports(size: number) {
  return generateSyntheticCity({ expectedReports: size / 1.05, seed: 7 }).reports.slice(0, size);
}

/** The synthetic reports as loadReports stores them (unknown categories as "other", no merges). */
async function inMemoryReports(db: Db, size: number): Promise<{ now: Date; reports: ScoringReport[] }> {
  const rows = syntheticReports(size);
  const known = new Set((await db.select().from(categories)).map((c) => c.slug));
  const reports = rows.map((r, i) => ({
    id: i + 1,
    lat: r.lat,
    lon: r.lon,
    cell: r.cell,
    category: known.has(r.category) ? r.category : 'other',
    feeling: r.feeling,
    when: r.when,
    createdAt: r.createdAt,
    reporterHash: r.reporterHash,
  }));
  return { now: new Date(rows[rows.length - 1].createdAt), reports };
}

async function loadReports(db: Db, size: number) {
  const rows = syntheticReports(size);
  const categoryIds = new Map((await db.select().from(categories)).map((c) => [c.slug, c.id]));
  const fallback = categoryIds.get('other')!;
  const chunk = 2000;
  for (let i = 0; i < rows.length; i += chunk) {
    await db.insert(reports).values(
      rows.slice(i, i + chunk).map((r, k) => ({
        ref: `BENCH-${i + k}`,
        lat: r.lat,
        lon: r.lon,
        h3r10: r.cell!,
        h3r9: cellToParent(r.cell!, PUBLIC_RESOLUTION),
        categoryId: categoryIds.get(r.category) ?? fallback,
        feeling: r.feeling,
        when: r.when,
        reporterHash: r.reporterHash,
        source: 'demo' as const,
        createdAt: new Date(r.createdAt),
        updatedAt: new Date(r.createdAt),
      })),
    );
  }
  return new Date(rows[rows.length - 1].createdAt as number);
}

/** Ranks from the stored aggregates at each size on one kind of database; a fresh database per size. */
export async function benchRank(options: BenchRankOptions): Promise<BenchRankResult> {
  const sizes = options.sizes ?? [10_000, 100_000, 1_000_000];
  const repeats = options.repeats ?? 5;
  const limit = options.limit ?? 100;
  const log = options.log ?? (() => {});
  const slotWeights = windowSlotWeights({ days: ['fri'], from: 20, to: 24 });
  const result: BenchRankResult = {};
  for (const size of sizes) {
    const database = await createTestDatabase(options.kind);
    try {
      const db = database.db;
      let started = performance.now();
      const memory = options.aggregatesOnly ? await inMemoryReports(db, size) : null;
      const now = memory ? memory.now : await loadReports(db, size);
      const loadMs = performance.now() - started;
      started = performance.now();
      const { rows } = await recomputePriorityStats(db, { now, reports: memory?.reports });
      const recomputeMs = performance.now() - started;
      await rankPriorities(db, { now, limit }); // warm-up: caches, study area, query plans
      const all: number[] = [];
      const windowed: number[] = [];
      let gated = 0;
      for (let r = 0; r < repeats; r++) {
        started = performance.now();
        const ranked = await rankPriorities(db, { now, limit });
        all.push(performance.now() - started);
        gated = ranked.filter((p) => p.gated).length;
        started = performance.now();
        await rankPriorities(db, { now, limit, slotWeights });
        windowed.push(performance.now() - started);
      }
      const load1 = loadavg()[0];
      result[size] = { ms: median(all), windowMs: median(windowed), loadMs, recomputeMs, rows, gated, load1 };
      log(
        [options.aggregatesOnly ? `${options.kind}*` : options.kind, size, rows, loadMs, recomputeMs, median(all), median(windowed), gated, load1.toFixed(1)]
          .map((v) => (typeof v === 'number' ? Math.round(v).toLocaleString('en') : v).toString().padStart(12))
          .join(''),
      );
    } finally {
      await database.drop();
    }
  }
  return result;
}

async function main() {
  const argument = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const sizes = (argument('--sizes') ?? '10000,100000,1000000').split(',').map(Number);
  if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  const kinds = (argument('--kinds') ?? (process.env.TEST_DATABASE_URL ? 'pglite,postgres' : 'pglite')).split(',') as DbKind[];
  console.log(`Node ${process.version}; median of 5 rankings (top 100 described); ms\n`);
  console.log(['db', 'reports', 'rows', 'load', 'recompute', 'rank', 'window', 'gated', 'load avg'].map((h) => h.padStart(12)).join(''));
  const out: Record<string, BenchRankResult> = {};
  const aggregatesOnly = process.argv.includes('--aggregates-only');
  if (aggregatesOnly) console.log('* reports aggregated in memory, not loaded (--aggregates-only)');
  for (const kind of kinds) out[kind] = await benchRank({ kind, sizes, log: console.log, aggregatesOnly });
  const file = argument('--json');
  if (file) writeFileSync(file, `${JSON.stringify({ rankDb: out }, null, 2)}\n`);
}

// Run as a script, not when imported by the bench harness.
if (/bench-rank-db\.ts$/.test(process.argv[1] ?? '')) {
  main().catch((error: Error) => {
    console.error(error);
    process.exit(1);
  });
}
