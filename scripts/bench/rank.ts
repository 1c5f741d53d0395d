// Ranking as staff and the patrol planner get it: rankPriorities (lib/priorities/service.ts) from the
// stored aggregates (the rollups per cell, see lib/priorities/NOTES.md "Speed"), for the whole week and
// for a window ("Fri 20–24 h").
// The harness seeds reports with bulk SQL, past the app's write path, so the aggregates are rebuilt
// once first (timed apart, as `recomputeMs`: what `npm run priorities:recompute` costs at that size).
// scripts/bench-rank-db.ts does the same on the synthetic city of the evaluation.
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { proposePlan } from '@/lib/patrols/service';
import { getPatrolSettings } from '@/lib/patrols/settings';
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

/**
 * What the planner does for a new plan (lib/patrols/service.ts proposePlan; createPlan then inserts
 * it). The shift: the last Friday up to `now`, 17–23 h UTC (18–24 h in Lünen in winter).
 */
async function planShift(db: Db, now: Date) {
  const startsAt = new Date(now);
  startsAt.setUTCDate(startsAt.getUTCDate() - ((startsAt.getUTCDay() + 2) % 7));
  startsAt.setUTCHours(17, 0, 0, 0);
  const endsAt = new Date(startsAt.getTime() + 6 * 3_600_000);
  const settings = await getPatrolSettings(db);
  return (await proposePlan(db, settings, { start: settings.startPoints[0], startsAt, endsAt, seed: 1, now })).proposal;
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
  const plan: number[] = [];
  let planStops = 0;
  for (let i = 0; i < runs; i++) {
    week.push(await timed(() => rankPriorities(db, { now, limit: 100 })));
    window.push(await timed(() => rankPriorities(db, { now, limit: 100, slotWeights: friday })));
    plan.push(await timed(async () => (planStops = (await planShift(db, now)).stops.length)));
  }
  return {
    ms: Math.round(median(week)),
    windowMs: Math.round(median(window)),
    planMs: Math.round(median(plan)),
    planStops,
    recomputeMs: Math.round(recomputeMs),
  };
}
