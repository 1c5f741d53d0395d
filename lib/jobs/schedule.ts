import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { errorForLog } from '@/lib/log';
import { applyPendingPriorities, recomputePrioritiesExclusively } from '@/lib/priorities/service';
import { runRetention } from './retention';

/**
 * Background work of the server process. Each job guards itself against running on two instances
 * at once (lib/jobs/exclusive.ts); a failure is logged and retried at the next tick.
 */
export function startBackgroundJobs() {
  const tick = async () => {
    try {
      await runRetention(await getDb());
    } catch (error) {
      console.error(`Retention job failed: ${errorForLog(error)}`);
    }
    try {
      // Reports queued for the priorities by an instance that stopped before it applied them.
      await applyPendingPriorities(await getDb());
    } catch (error) {
      console.error(`Applying queued reports to the patrol priorities failed: ${errorForLog(error)}`);
    }
    try {
      // Cheap unless the priority parameters changed or the decay anchor is due to move.
      const result = await recomputePrioritiesExclusively(await getDb());
      if (result && !result.skipped) console.log(`[priorities] recomputed ${result.rows} aggregate rows from ${result.reports} reports`);
    } catch (error) {
      console.error(`Priority recomputation failed: ${errorForLog(error)}`);
    }
  };
  // All hourly by default (RETENTION_INTERVAL_SECONDS); the first run a minute after start, or sooner with a shorter interval.
  const intervalMs = env().RETENTION_INTERVAL_SECONDS * 1000;
  setTimeout(tick, Math.min(60_000, intervalMs)).unref();
  setInterval(tick, intervalMs).unref();
}
