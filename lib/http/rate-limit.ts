import { lt, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { rateLimits } from '@/lib/db/schema';

const WINDOW_MS = 60 * 60 * 1000;

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * A fixed one-hour window per key, counted in the database so that every app instance shares it.
 * Finished windows are deleted as we go, so no entry is kept once its hour is over.
 */
export async function hitRateLimit(
  db: Db,
  key: string,
  limitPerHour: number,
  now = new Date(),
): Promise<RateLimitResult> {
  if (limitPerHour <= 0) return { ok: true };
  const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.windowStart],
      set: { count: sql`${rateLimits.count} + 1` },
    })
    .returning({ count: rateLimits.count });
  if (row.count === 1) {
    // First hit of this key in this window: a cheap moment to clear finished windows.
    await db.delete(rateLimits).where(lt(rateLimits.windowStart, windowStart));
  }
  if (row.count <= limitPerHour) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.ceil((windowStart.getTime() + WINDOW_MS - now.getTime()) / 1000) };
}
