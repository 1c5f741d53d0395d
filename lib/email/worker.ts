import { getDb } from '@/lib/db/client';
import { errorForLog } from '@/lib/log';
import { processOutbox } from './outbox';
import { senderFromEnv } from './smtp';

export const OUTBOX_INTERVAL_MS = 30_000;

type WorkerState = { timer?: NodeJS.Timeout };
const state: WorkerState = ((globalThis as { __sicherheitsportalOutbox?: WorkerState }).__sicherheitsportalOutbox ??= {});

/**
 * The outbox loop of one server process (started by instrumentation.ts): every 30 s it sends what
 * is due, in batches until none is left. Several instances may run it at once (see
 * claimDueMessages). Does nothing without SMTP settings; returns whether it started.
 */
export function startOutboxWorker(intervalMs = OUTBOX_INTERVAL_MS): boolean {
  if (state.timer) return true; // already running in this process (e.g. after a dev reload)
  const sender = senderFromEnv();
  if (!sender) return false;
  let running = false;
  const tick = async () => {
    if (running) return; // a slow SMTP server: never two rounds at once in one process
    running = true;
    try {
      const db = await getDb();
      for (;;) {
        const run = await processOutbox(db, { sender, batch: 20 });
        if (run.sent + run.retrying + run.failed > 0) {
          console.log(`[outbox] sent ${run.sent}, retrying ${run.retrying}, failed ${run.failed}`);
        }
        if (run.claimed < 20) break;
      }
    } catch (error) {
      // The database may be away; the next round tries again.
      console.error(`[outbox] round failed: ${errorForLog(error)}`);
    } finally {
      running = false;
    }
  };
  state.timer = setInterval(tick, intervalMs);
  state.timer.unref();
  void tick();
  return true;
}

export function stopOutboxWorker() {
  if (state.timer) clearInterval(state.timer);
  state.timer = undefined;
}
