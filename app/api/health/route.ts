import { NextResponse } from 'next/server';
import { checkDatabase } from '@/lib/db/health';
import { env } from '@/lib/env';
import { redisReachable } from '@/lib/http/rate-limit-redis';

export const dynamic = 'force-dynamic';

/**
 * GET /api/health — 200 after a real query, 503 when the database does not answer. With REDIS_URL
 * also Redis, which every submission and sign-in needs for its rate limits (`rateLimits: "redis"`):
 * a load balancer must not send requests to an instance that would answer them all with 503.
 */
export async function GET() {
  const redisUrl = env().REDIS_URL;
  const [database, redis] = await Promise.all([checkDatabase(), redisUrl ? redisReachable(redisUrl) : null]);
  const body = { db: database.kind, ...(redis === null ? {} : { rateLimits: 'redis' }) };
  const error = !database.ok ? 'database_unavailable' : redis === false ? 'rate_limit_store_unavailable' : null;
  if (!error) return NextResponse.json({ status: 'ok', ...body }, { headers: { 'Cache-Control': 'no-store' } });
  return NextResponse.json({ status: 'unavailable', ...body, error }, { status: 503, headers: { 'Retry-After': '5', 'Cache-Control': 'no-store' } });
}
