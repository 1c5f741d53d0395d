import { and, eq, gt, lt, sql, type SQL } from 'drizzle-orm';
import { databaseKey, type Db } from '@/lib/db/client';
import { rateLimits } from '@/lib/db/schema';
import { columnList, rowsOf, unnestRows } from '@/lib/db/unnest';
import { env } from '@/lib/env';
import { redisClear, redisHits, redisRelease } from './rate-limit-redis';

const HOUR_MS = 60 * 60 * 1000;
/**
 * The longest window a caller may ask for. Rows are deleted once they are this old, so that
 * windows of different lengths can share one table: no entry outlives its window by more than an hour
 * (and the minute between two clean-ups).
 */
const MAX_WINDOW_MS = HOUR_MS;

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export type RateLimitOptions = {
  /** Length of the fixed window; one hour unless given, at most one hour. */
  windowMs?: number;
  now?: Date;
};

function windowOf({ windowMs = HOUR_MS, now = new Date() }: RateLimitOptions) {
  if (!(windowMs > 0 && windowMs <= MAX_WINDOW_MS)) throw new RangeError(`windowMs must be in (0, ${MAX_WINDOW_MS}]`);
  const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const end = new Date(start.getTime() + windowMs);
  return { start, end, now, retryAfterSeconds: Math.ceil((end.getTime() - now.getTime()) / 1000) };
}

const SWEEP_EVERY_MS = 60_000;
const lastSweep = new WeakMap<object, number>();

/** Whether this process has not cleared expired windows for a minute (by the clock the caller passes). */
function sweepDue(db: Db, now: Date): boolean {
  const last = lastSweep.get(databaseKey(db));
  if (last !== undefined && Math.abs(now.getTime() - last) < SWEEP_EVERY_MS) return false;
  lastSweep.set(databaseKey(db), now.getTime());
  return true;
}

/**
 * Counts one hit in a fixed window per key (one hour unless `windowMs` says otherwise), in the
 * database so that every app instance shares it — or in Redis when REDIS_URL is set. Windows that
 * began over an hour ago are deleted as we go (at most once a minute), so no counter outlives the
 * hour by more than a minute; Redis expires its counters at the window's end.
 */
export async function hitRateLimit(db: Db, key: string, limit: number, options: RateLimitOptions = {}): Promise<RateLimitResult> {
  const [result] = await hitRateLimits(db, [key], limit, options);
  return result;
}

/**
 * One hit for each entry of `keys` (a key may occur more than once) in one statement, as the
 * intake's batches count theirs; the answers are those the hits one after another would get.
 */
export async function hitRateLimits(
  db: Db,
  keys: readonly string[],
  limit: number,
  options: RateLimitOptions = {},
): Promise<RateLimitResult[]> {
  if (limit <= 0) return keys.map(() => ({ ok: true }));
  return hitRateLimitsEach(
    db,
    keys.map((key) => ({ key, limit })),
    options,
  );
}

/** As hitRateLimits, with a limit of its own for each hit (each above 0). */
export async function hitRateLimitsEach(
  db: Db,
  entries: readonly { key: string; limit: number }[],
  options: RateLimitOptions = {},
): Promise<RateLimitResult[]> {
  if (entries.length === 0) return [];
  const batch = hitBatch(entries, options);
  const redisUrl = env().REDIS_URL;
  const { window } = batch;
  const after = redisUrl ? await redisHits(redisUrl, batch.hits, window.start, window.end.getTime() - window.now.getTime()) : await postgresHits(db, batch);
  return batch.allowances.map((allowance, i) => (after.get(entries[i].key)! <= allowance ? { ok: true } : { ok: false, retryAfterSeconds: window.retryAfterSeconds }));
}

/**
 * Hits counted together: how many each key gets, and for each hit its allowance, the highest count
 * its key may reach with all of them for this one to pass. The n-th of a key's h hits passes when
 * the count before them plus n is within its limit, as if they came one after another: when the
 * count after them is at most limit + h − n.
 */
type HitBatch = { window: ReturnType<typeof windowOf>; hits: Map<string, number>; allowances: number[] };

function hitBatch(entries: readonly { key: string; limit: number }[], options: RateLimitOptions): HitBatch {
  const hits = new Map<string, number>();
  for (const { key } of entries) hits.set(key, (hits.get(key) ?? 0) + 1);
  const seen = new Map<string, number>();
  const allowances = entries.map(({ key, limit }) => {
    const nth = (seen.get(key) ?? 0) + 1;
    seen.set(key, nth);
    return limit + hits.get(key)! - nth;
  });
  return { window: windowOf(options), hits, allowances };
}

/** `insert … returning key, count`: adds a batch's hits to the counters in PostgreSQL, each key's count after them. */
function countingStatement({ hits, window }: HitBatch): SQL {
  // In one order, so that concurrent batches lock the counters alike and never deadlock.
  const values = [...hits].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, count]) => [key, window.start, count]);
  const columns = [
    ['key', 'text'],
    ['window_start', 'timestamptz'],
    ['count', 'integer'],
  ] as const;
  return sql`
    insert into rate_limits ${columnList(columns)} ${unnestRows(columns, values)}
    on conflict (key, window_start) do update set count = rate_limits.count + excluded.count
    returning key, count`;
}

/** The counters in PostgreSQL: one statement for all keys; expired windows are cleared as we go. */
async function postgresHits(db: Db, batch: HitBatch): Promise<Map<string, number>> {
  const rows = rowsOf<{ key: string; count: number }>(await db.execute(countingStatement(batch)));
  // First hit of a key in this window: a cheap moment to clear expired windows.
  if (rows.some((row) => row.count === batch.hits.get(row.key))) await sweepRateLimits(db, batch.window.now);
  return new Map(rows.map((row) => [row.key, row.count]));
}

/**
 * Hits that a writer counts in its own statement, so that they commit with its rows and a write
 * that fails counts none (the intake's batches, lib/reports/service.ts). `statement` adds them to
 * the counters and returns each key's count afterwards as (key, count); the i-th entry's hit passes
 * when its key's count is at most `allowances[i]`. Null when the counters are in Redis, outside any
 * statement: count them with hitRateLimits then.
 */
export function rateLimitStatement(
  entries: readonly { key: string; limit: number }[],
  options: RateLimitOptions = {},
): { statement: SQL; allowances: number[]; retryAfterSeconds: number } | null {
  if (env().REDIS_URL || entries.length === 0) return null;
  const batch = hitBatch(entries, options);
  return { statement: countingStatement(batch), allowances: batch.allowances, retryAfterSeconds: batch.window.retryAfterSeconds };
}

/**
 * Deletes the windows that ended (those that began over an hour ago), at most once a minute, since
 * under a rush every hit is a first one (residents each report once).
 */
export async function sweepRateLimits(db: Db, now = new Date()) {
  if (!sweepDue(db, now)) return;
  await db.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(now.getTime() - MAX_WINDOW_MS)));
}

/**
 * Takes back `hits` hits (one unless given) of the key's current window, never below zero: for hits
 * counted before the outcome was known, as sign-in counts an attempt before checking the password,
 * that turned out not to count.
 */
export async function releaseRateLimitHit(db: Db, key: string, options: RateLimitOptions = {}, hits = 1) {
  if (hits <= 0) return;
  const window = windowOf(options);
  const redisUrl = env().REDIS_URL;
  if (redisUrl) await redisRelease(redisUrl, key, window.start, hits);
  else {
    await db
      .update(rateLimits)
      .set({ count: sql`greatest(${rateLimits.count} - ${hits}, 0)` })
      .where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, window.start), gt(rateLimits.count, 0)));
  }
}

/** Forgets the key's current window, e.g. an account's failed sign-ins once it signs in. */
export async function clearRateLimit(db: Db, key: string, options: RateLimitOptions = {}) {
  const window = windowOf(options);
  const redisUrl = env().REDIS_URL;
  if (redisUrl) await redisClear(redisUrl, key, window.start);
  else await db.delete(rateLimits).where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, window.start)));
}
