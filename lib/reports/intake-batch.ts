import { inArray } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { reports } from '@/lib/db/schema';
import {
  draftReports,
  insertReports,
  REF_ATTEMPTS,
  withRefs,
  type CreateReportResult,
  type ReportDraft,
  type ReportRequest,
} from './service';

/**
 * The web intake's writer. When many residents report at once, their reports are written together:
 * each flush is one transaction with one insert of all rows, one of their events and one update of
 * cell_stats, instead of a transaction each. Nothing waits for a timer: a report that arrives while
 * the database is idle is written at once (on the next tick, with whatever arrived in the same
 * tick); reports that arrive while MAX_IN_FLIGHT flushes are running queue up and go in the next.
 *
 * Each request still gets its own answer, and only after the transaction that holds its row has
 * committed; if that transaction fails, every request in it gets the error (and the API a 503),
 * none a 201. Idempotency stays exact: duplicates of one key within a batch share one row, and a
 * key taken by an earlier or concurrent transaction (another instance, too) is answered with that
 * row's reference by the unique index, as in createReport.
 */
const MAX_BATCH = 128;
/** Flushes at once per database; a few keep the connection pool busy while one commits. */
const MAX_IN_FLIGHT = 3;
const DEADLOCK = '40P01';

type Pending = {
  request: ReportRequest;
  /** Further requests with the same Idempotency-Key in this batch: they get this one's report. */
  twins: Pending[];
  attempts: number;
  resolve: (result: CreateReportResult) => void;
  reject: (error: unknown) => void;
};

class ReportBatcher {
  private queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(private readonly db: Db) {}

  submit(request: ReportRequest): Promise<CreateReportResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, twins: [], attempts: 0, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.inFlight >= MAX_IN_FLIGHT || this.queue.length === 0) return;
    this.scheduled = true;
    // Gather the requests parsed in this turn of the event loop before writing.
    setImmediate(() => {
      this.scheduled = false;
      if (this.inFlight >= MAX_IN_FLIGHT || this.queue.length === 0) return;
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight++;
      this.flush(batch)
        .catch((error) => batch.forEach((p) => settle(p, (q) => q.reject(error))))
        .finally(() => {
          this.inFlight--;
          this.schedule();
        });
      this.schedule();
    });
  }

  private async flush(batch: Pending[]) {
    const unique = mergeTwins(batch);
    const drafted = await draftReports(this.db, unique.map((p) => p.request));
    const valid: { pending: Pending; draft: ReportDraft }[] = [];
    drafted.forEach((d, i) => {
      if (d.ok) valid.push({ pending: unique[i], draft: d.draft });
      else settle(unique[i], (p) => p.resolve(d));
    });
    if (valid.length === 0) return;

    const rows = withRefs(valid.map((v) => v.draft));
    const inserted = await withDeadlockRetry(() => this.db.transaction((tx) => insertReports(tx, rows)));
    const created = new Set(inserted.map((row) => row.ref));

    // Answer the created ones at once: their rows are committed, whatever happens next.
    const skipped: typeof valid = [];
    valid.forEach(({ pending, draft }, i) => {
      const ref = rows[i].ref;
      if (!created.has(ref)) return skipped.push({ pending, draft });
      pending.resolve({ ok: true, ref, created: true });
      pending.twins.forEach((twin) => twin.resolve({ ok: true, ref, created: false }));
    });
    if (skipped.length === 0) return;

    const keys = skipped.map((v) => v.draft.idempotencyKey).filter((k): k is string => k !== null);
    const existing = new Map<string, string>();
    if (keys.length > 0) {
      const found = await this.db
        .select({ key: reports.idempotencyKey, ref: reports.ref })
        .from(reports)
        .where(inArray(reports.idempotencyKey, keys));
      for (const row of found) existing.set(row.key!, row.ref);
    }
    for (const { pending, draft } of skipped) {
      const earlier = draft.idempotencyKey ? existing.get(draft.idempotencyKey) : undefined;
      if (earlier) settle(pending, (p) => p.resolve({ ok: true, ref: earlier, created: false }));
      // Its reference collided with a stored one (rare): again with a new one, in the next batch.
      else if (++pending.attempts >= REF_ATTEMPTS) settle(pending, (p) => p.reject(new Error('Could not allocate a report reference')));
      else this.queue.push(pending);
    }
    this.schedule();
  }
}

/** Applies the outcome to a request and the twins that share its Idempotency-Key. */
function settle(pending: Pending, apply: (p: Pending) => void) {
  apply(pending);
  pending.twins.forEach(apply);
}

/** Keeps the first request per Idempotency-Key; the others ride along as its twins. */
function mergeTwins(batch: Pending[]): Pending[] {
  const byKey = new Map<string, Pending>();
  const unique: Pending[] = [];
  for (const pending of batch) {
    const key = pending.request.idempotencyKey;
    const first = key ? byKey.get(key) : undefined;
    if (first) {
      first.twins.push(pending, ...pending.twins);
      pending.twins = [];
      continue;
    }
    if (key) byKey.set(key, pending);
    unique.push(pending);
  }
  return unique;
}

/** Concurrent batches lock cell_stats rows in one order, but another writer may not: retry a deadlock victim. */
async function withDeadlockRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
      if (code !== DEADLOCK || attempt >= 3) throw error;
    }
  }
}

const batchers = new WeakMap<Db, ReportBatcher>();

/** Creates a report through the database's batcher (see above); answers as createReport does. */
export function submitReport(db: Db, request: ReportRequest): Promise<CreateReportResult> {
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new ReportBatcher(db)));
  return batcher.submit(request);
}
