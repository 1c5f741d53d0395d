/**
 * The queue between the intake and the patrol priorities' aggregates. A new report's contribution
 * reaches about eight cells, each with rows in four tables; written in the report's own transaction,
 * that was a quarter of the intake's cost. Instead the report's id goes into `priority_pending` in
 * the statement that inserts it, and `applyPendingPriorities` (service.ts) adds the waiting reports
 * later, many at once: soon after they arrive (applySoon, in the background), before any ranking is
 * read (rankPriorities), and in the server's periodic jobs (for reports an instance left when it
 * stopped).
 */
import { sql, type SQL } from 'drizzle-orm';
import { databaseClosed, type Db } from '@/lib/db/client';
import { errorForLog } from '@/lib/log';
import { applyPendingPriorities } from './service';

/** Queues new reports for the aggregates, within the statement that inserts them: `inserted` is a query of their ids. */
export function queueStatement(inserted: SQL): SQL {
  return sql`insert into priority_pending (report_id) select id from ${inserted}`;
}

/**
 * How long the queue may fill before the background applies it: under load, one application then
 * takes the reports of many intake batches, and a cell they share is written once for all of them.
 * Nobody waits for it: a ranking applies what is pending before it reads.
 */
const APPLY_DELAY_MS = 250;

type Applier = { timer: NodeJS.Timeout | null; running: boolean; again: boolean };
const appliers = new WeakMap<Db, Applier>();

/** Applies the queue in the background within APPLY_DELAY_MS; one application per database at a time. */
export function applySoon(db: Db): void {
  let applier = appliers.get(db);
  if (!applier) appliers.set(db, (applier = { timer: null, running: false, again: false }));
  if (applier.running) {
    applier.again = true;
    return;
  }
  if (applier.timer) return;
  const self = applier;
  self.timer = setTimeout(async () => {
    self.timer = null;
    // Closed meanwhile (a test's database, a stopping server): the queue waits for the next start.
    if (databaseClosed(db)) return;
    self.running = true;
    try {
      await applyPendingPriorities(db);
    } catch (error) {
      // The reports stay queued: the next application (or ranking) takes them.
      if (!databaseClosed(db)) console.error(`Applying queued reports to the patrol priorities failed: ${errorForLog(error)}`);
    } finally {
      self.running = false;
      if (self.again) {
        self.again = false;
        applySoon(db);
      }
    }
  }, APPLY_DELAY_MS);
  // A stopping process leaves the queue to the next one.
  self.timer.unref();
}
