import { getDb } from '@/lib/db/client';
import { recomputePrioritiesExclusively } from '@/lib/priorities/service';
import { runRetention } from './retention';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Background work of the server process. Each job guards itself against running on two instances
 * at once (lib/jobs/exclusive.ts); a failure is logged and retried at the next tick.
 */
export function startBackgroundJobs() {
  const tick = async () => {
    try {
      await runRetention(await getDb());
    } catch (error) {
      console.error(`Retention job failed: ${(error as Error).message}`);
    }
    try {
      // Cheap unless the priority parameters changed or the decay anchor is due to move.
      await recomputePrioritiesExclusively(await getDb());
    } catch (error) {
      console.error(`Priority recomputation failed: ${(error as Error).message}`);
    }
  };
  setTimeout(tick, 60_000).unref();
  setInterval(tick, HOUR_MS).unref();
}
