import { and, eq, lt, sql } from 'drizzle-orm';
import { databaseKey, type Db } from '@/lib/db/client';
import { rateLimits } from '@/lib/db/schema';
import { columnList, rowsOf, unnestRows } from '@/lib/db/unnest';
import { env } from '@/lib/env';
import { redisClear, redisCount, redisHits } from './rate-limit-redis';

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
  if (limit <= 0 || keys.length === 0) return keys.map(() => ({ ok: true }));
  const window = windowOf(options);
  const hits = new Map<string, number>();
  for (const key of keys) hits.set(key, (hits.get(key) ?? 0) + 1);
  const redisUrl = env().REDIS_URL;
  const after = redisUrl ? await redisHits(redisUrl, hits, window.start, window.end.getTime() - window.now.getTime()) : await postgresHits(db, hits, window);
  const seen = new Map<string, number>();
  return keys.map((key) => {
    const nth = (seen.get(key) ?? 0) + 1;
    seen.set(key, nth);
    const count = after.get(key)! - hits.get(key)! + nth;
    return count <= limit ? { ok: true } : { ok: false, retryAfterSeconds: window.retryAfterSeconds };
  });
}

/** The counters in PostgreSQL: one statement for all keys; expired windows are cleared as we go. */
async function postgresHits(db: Db, hits: ReadonlyMap<string, number>, window: ReturnType<typeof windowOf>): Promise<Map<string, number>> {
  // In one order, so that concurrent batches lock the counters alike and never deadlock.
  const values = [...hits].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, count]) => [key, window.start, count]);
  const columns = [
    ['key', 'text'],
    ['window_start', 'timestamptz'],
    ['count', 'integer'],
  ] as const;
  const rows = rowsOf<{ key: string; count: number }>(
    await db.execute(sql`
      insert into rate_limits ${columnList(columns)} ${unnestRows(columns, values)}
      on conflict (key, window_start) do update set count = rate_limits.count + excluded.count
      returning key, count`),
  );
  if (rows.some((row) => row.count === hits.get(row.key)) && sweepDue(db, window.now)) {
    // First hit of a key in this window: a cheap moment to clear expired windows — at most once
    // a minute, since under a rush every hit is a first one (residents each report once).
    await db.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(window.now.getTime() - MAX_WINDOW_MS)));
  }
  return new Map(rows.map((row) => [row.key, row.count]));
}

/** Whether the key has already used up its window, without counting a hit. */
export async function peekRateLimit(db: Db, key: string, limit: number, options: RateLimitOptions = {}): Promise<RateLimitResult> {
  if (limit <= 0) return { ok: true };
  const window = windowOf(options);
  const redisUrl = env().REDIS_URL;
  const count = redisUrl ? await redisCount(redisUrl, key, window.start) : await postgresCount(db, key, window.start);
  if (count < limit) return { ok: true };
  return { ok: false, retryAfterSeconds: window.retryAfterSeconds };
}

/** Forgets the key's current window, e.g. an account's failed sign-ins once it signs in. */
export async function clearRateLimit(db: Db, key: string, options: RateLimitOptions = {}) {
  const window = windowOf(options);
  const redisUrl = env().REDIS_URL;
  if (redisUrl) await redisClear(redisUrl, key, window.start);
  else await db.delete(rateLimits).where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, window.start)));
}

async function postgresCount(db: Db, key: string, windowStart: Date): Promise<number> {
  const [row] = await db
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, windowStart)));
  return row?.count ?? 0;
}
