// Ranking as staff and the patrol planner get it: rankPriorities (lib/priorities/service.ts) from the
// stored aggregates (the rollups per cell, see lib/priorities/NOTES.md "Speed"), for the whole week and
// for a window ("Fri 20–24 h").
// The harness seeds reports with bulk SQL, past the app's write path, so the aggregates are rebuilt
// once first (timed apart, as `recomputeMs`: what `npm run priorities:recompute` costs at that size).
// scripts/bench-rank-db.ts does the same on the synthetic city of the evaluation.
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { rankPriorities, recomputePriorityStats } from '@/lib/priorities/service';
import { windowSlotWeights } from '@/lib/priorities/slots';
import { rowsOf } from './seed';

const friday = windowSlotWeights({ days: ['fri'], from: 20, to: 24 });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** Median of three rankings (one at a million reports and more); "ms" is the whole week, the top 100 described. */
export async function benchRank(db: Db, n: number) {
  const [{ newest }] = rowsOf<{ newest: string | Date }>(await db.execute(sql`select max(created_at) as newest from reports`));
  const now = new Date(newest);
  const recomputeMs = await timed(() => recomputePriorityStats(db, { now }));
  await rankPriorities(db, { now, limit: 100 }); // warm-up: study area, query plans
  const runs = n >= 1_000_000 ? 1 : 3;
  const week: number[] = [];
  const window: number[] = [];
  for (let i = 0; i < runs; i++) {
    week.push(await timed(() => rankPriorities(db, { now, limit: 100 })));
    window.push(await timed(() => rankPriorities(db, { now, limit: 100, slotWeights: friday })));
  }
  return { ms: Math.round(median(week)), windowMs: Math.round(median(window)), recomputeMs: Math.round(recomputeMs) };
}
