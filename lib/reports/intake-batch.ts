import { inArray } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { databaseErrorCode } from '@/lib/db/errors';
import { reports } from '@/lib/db/schema';
import { hitRateLimitsEach, rateLimitStatement, sweepRateLimits } from '@/lib/http/rate-limit';
import { applySoon } from '@/lib/priorities/pending';
import { reportFingerprint } from './fingerprint';
import {
  answerForStored,
  draftReports,
  insertReports,
  REF_ATTEMPTS,
  type GateRow,
  withRefs,
  type CreateReportResult,
  type ReportDraft,
  type ReportRequest,
} from './service';

/**
 * The web intake's writer. When many residents report at once, their reports are written together:
 * each flush reads what the batch needs at once (stored Idempotency-Keys, categories, retention),
 * then writes in one statement — the rate limit's hits, all rows, their events, cell_stats and the
 * priorities' queue — instead of a transaction each. Two round trips per batch: each one waits for
 * the server's busy event loop, so their number, more than the database's work, set how long a
 * batch took. Nothing waits for a timer: a report that arrives while the database is idle is
 * written at once (on the next tick, with whatever arrived in the same tick); reports that arrive
 * while MAX_IN_FLIGHT flushes are running queue up and go in the next.
 *
 * Each request still gets its own answer, and only after the statement that holds its row has
 * committed; if it fails, every request in it gets the error (and the API a 503), none a 201.
 * Idempotency stays exact: duplicates of one key within a batch share one row, and a key taken by
 * an earlier or concurrent transaction (another instance, too) is answered with that row's
 * reference by the unique index, as in createReport.
 */
const MAX_BATCH = 128;
/** Flushes at once per database; a few keep the connection pool busy while one commits. */
const MAX_IN_FLIGHT = 3;
const DEADLOCK = '40P01';

export type SubmitRequest = ReportRequest & {
  /** Counted once per request (not per retry of a stored report), in the statement that writes the batch. */
  rateLimit?: { key: string; perHour: number };
};

/** As createReport answers, or refused by the rate limit. */
export type SubmitResult = CreateReportResult | { ok: false; retryAfterSeconds: number };

type Pending = {
  /** With its fingerprint when it has an Idempotency-Key: compared with a stored report's and twins', then stored. */
  request: SubmitRequest;
  /** Its rate-limit hit is in: a retry after a reference collision does not count again. */
  counted?: boolean;
  /** Further requests with the same Idempotency-Key in this batch: they get this one's report. */
  twins: Pending[];
  attempts: number;
  resolve: (result: SubmitResult) => void;
  reject: (error: unknown) => void;
};

class ReportBatcher {
  private queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(private readonly db: Db) {}

  submit(request: SubmitRequest): Promise<SubmitResult> {
    return new Promise((resolve, reject) => {
      const keyed = request.idempotencyKey ? { ...request, fingerprint: reportFingerprint(request.input) } : request;
      this.queue.push({ request: keyed, twins: [], attempts: 0, resolve, reject });
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
    // Read at once (one round trip): the reports we already have, since a retry of one is answered
    // with its reference and the rate limit does not count it; and the categories, districts and
    // retention that the new rows need.
    const [stored, drafted] = await Promise.all([
      this.storedRefs(unique.map((p) => p.request.idempotencyKey)),
      draftReports(
        this.db,
        unique.map((p) => p.request),
      ),
    ]);
    const fresh: { pending: Pending; draft: ReportDraft }[] = [];
    unique.forEach((pending, i) => {
      const earlier = pending.request.idempotencyKey ? stored.get(pending.request.idempotencyKey) : undefined;
      const draft = drafted[i];
      if (earlier) settle(pending, (p) => p.resolve(answerForStored(earlier, p.request.fingerprint ?? null)));
      else if (!draft.ok) settle(pending, (p) => p.resolve(draft));
      else fresh.push({ pending, draft: draft.draft });
    });
    if (fresh.length === 0) return;

    // The rate limit's hits are counted in the statement that writes the reports: one commit for
    // both, and a batch that fails counts none. In Redis (no statement) they are counted first.
    const limits = fresh.map(({ pending }) => {
      const limit = pending.request.rateLimit;
      return limit && limit.perHour > 0 && !pending.counted ? { key: limit.key, limit: limit.perHour } : null;
    });
    const hits = limits.filter((limit) => limit !== null);
    const counting = rateLimitStatement(hits);
    const countedFirst = counting ? [] : await hitRateLimitsEach(this.db, hits);
    const rows: ((typeof fresh)[number] & { ref: string })[] = [];
    const gated: GateRow[] = [];
    let hit = 0;
    for (const [i, row] of withRefs(fresh).entries()) {
      const limit = limits[i];
      const e = limit ? hit++ : -1;
      const answer = limit && !counting ? countedFirst[e] : null;
      if (answer && !answer.ok) {
        settle(row.pending, (p) => p.resolve(answer));
        continue;
      }
      rows.push(row);
      gated.push(limit && counting ? { key: limit.key, allowance: counting.allowances[e] } : null);
    }
    if (rows.length === 0) return;

    const outcomes = await withDeadlockRetry(() =>
      insertReports(
        this.db,
        rows.map((row) => ({ ...row.draft, ref: row.ref })),
        counting ? { counting: counting.statement, rows: gated } : undefined,
      ),
    );
    rows.forEach((row) => (row.pending.counted = true));

    // Answer the created ones at once: their rows are committed, whatever happens next.
    if (outcomes.some((outcome) => outcome.inserted)) applySoon(this.db);
    const skipped: Pending[] = [];
    rows.forEach(({ pending, ref }, i) => {
      const outcome = outcomes[i];
      if (outcome.refused) settle(pending, (p) => p.resolve({ ok: false, retryAfterSeconds: counting!.retryAfterSeconds }));
      else if (!outcome.inserted) skipped.push(pending);
      else {
        pending.resolve({ ok: true, ref, created: true });
        pending.twins.forEach((twin) => twin.resolve({ ok: true, ref, created: false }));
      }
    });
    // Now and then, expired counters go; one that fails leaves them to the next, a minute later.
    if (counting) sweepRateLimits(this.db).catch(() => {});
    if (skipped.length === 0) return;

    // Not inserted: a concurrent request (perhaps on another instance) stored its key first, or the
    // reference collided with a stored one (rare) and the report goes again with a new one.
    const earlier = await this.storedRefs(skipped.map((p) => p.request.idempotencyKey));
    for (const pending of skipped) {
      const stored = pending.request.idempotencyKey ? earlier.get(pending.request.idempotencyKey) : undefined;
      if (stored) settle(pending, (p) => p.resolve(answerForStored(stored, p.request.fingerprint ?? null)));
      else if (++pending.attempts >= REF_ATTEMPTS) settle(pending, (p) => p.reject(new Error('Could not allocate a report reference')));
      else this.queue.push(pending);
    }
    this.schedule();
  }

  /** The references stored under these Idempotency-Keys, with what their requests said (one query). */
  private async storedRefs(keys: (string | null | undefined)[]): Promise<Map<string, { ref: string; fingerprint: string | null }>> {
    const wanted = keys.filter((k): k is string => Boolean(k));
    if (wanted.length === 0) return new Map();
    const found = await this.db
      .select({ key: reports.idempotencyKey, ref: reports.ref, fingerprint: reports.idempotencyFingerprint })
      .from(reports)
      .where(inArray(reports.idempotencyKey, wanted));
    return new Map(found.map((row) => [row.key!, { ref: row.ref, fingerprint: row.fingerprint }]));
  }
}

/** Applies the outcome to a request and the twins that share its Idempotency-Key. */
function settle(pending: Pending, apply: (p: Pending) => void) {
  apply(pending);
  pending.twins.forEach(apply);
}

/**
 * Keeps the first request per Idempotency-Key; the others ride along as its twins, or are refused
 * when they say something else under the same key.
 */
function mergeTwins(batch: Pending[]): Pending[] {
  const byKey = new Map<string, Pending>();
  const unique: Pending[] = [];
  for (const pending of batch) {
    const key = pending.request.idempotencyKey;
    const first = key ? byKey.get(key) : undefined;
    if (first && first.request.fingerprint !== pending.request.fingerprint) {
      settle(pending, (p) => p.resolve({ ok: false, keyReused: true }));
      continue;
    }
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
      if (databaseErrorCode(error) !== DEADLOCK || attempt >= 3) throw error;
    }
  }
}

const batchers = new WeakMap<Db, ReportBatcher>();

/** Creates a report through the database's batcher (see above); answers as createReport does, or with the rate limit's refusal. */
export function submitReport(db: Db, request: SubmitRequest): Promise<SubmitResult> {
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new ReportBatcher(db)));
  return batcher.submit(request);
}
