// Rate-limit and sign-in-throttle counters in Redis (REDIS_URL), as several app instances share
// them. Runs when REDIS_TEST_URL names a Redis server (CI: the local one); its keys carry this run's
// prefix and are deleted afterwards.
import { randomUUID } from 'node:crypto';
import { createClient } from '@redis/client';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as health } from '@/app/api/health/route';
import { POST as postReport } from '@/app/api/reports/route';
import { signInThrottleKeys, countSignInAttempt, signInSucceeded, SIGN_IN_MAX_FAILURES } from '@/lib/auth/throttle';
import { rateLimits, reports } from '@/lib/db/schema';
import { useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { resetEnvCache } from '@/lib/env';
import { isDatabaseUnavailable } from '@/lib/http/api';
import { hitRateLimit, hitRateLimits, releaseRateLimitHit } from '@/lib/http/rate-limit';
import { closeRedisClients } from '@/lib/http/rate-limit-redis';
import { createApiKey } from '@/lib/open311/api-keys';
import { expectErrors, formBody, postRequests, validForm } from './open311-helpers';

const redisUrl = process.env.REDIS_TEST_URL;
const servers = redisUrl ? [redisUrl] : [];

describe('rate-limit store without REDIS_URL', () => {
  it('keeps the counters in the database', async () => {
    const database = await useTestDatabase('pglite');
    try {
      delete process.env.REDIS_URL;
      resetEnvCache();
      expect(await hitRateLimit(database.db, 'report:store', 1)).toEqual({ ok: true });
      expect(await hitRateLimit(database.db, 'report:store', 1)).toMatchObject({ ok: false });
      expect(await database.db.select({ key: rateLimits.key, count: rateLimits.count }).from(rateLimits)).toEqual([{ key: 'report:store', count: 2 }]);
      // Hits taken back, several at once, never below zero.
      await releaseRateLimitHit(database.db, 'report:store', {}, 5);
      expect(await database.db.select({ count: rateLimits.count }).from(rateLimits)).toEqual([{ count: 0 }]);
      expect(await hitRateLimit(database.db, 'report:store', 1)).toEqual({ ok: true });
    } finally {
      await database.drop();
    }
  });
});

describe.each(servers)('rate limits in Redis (%s)', (url) => {
  let database: TestDatabase;
  const run = randomUUID().slice(0, 8);
  const key = (name: string) => `test-${run}:${name}`;
  // Addresses of this run only, so a run never meets another's sign-in counters.
  const address = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const inspector = createClient({ url });

  beforeAll(async () => {
    database = await useTestDatabase('pglite');
    await inspector.connect();
  });
  beforeEach(() => {
    process.env.REDIS_URL = url;
    resetEnvCache();
  });
  afterAll(async () => {
    delete process.env.REDIS_URL;
    resetEnvCache();
    await closeRedisClients();
    const keys = await inspector.keys(`sp:rl:test-${run}:*`);
    if (keys.length) await inspector.del(keys);
    // The sign-in counters of this run's addresses expire with their 15-minute window.
    inspector.destroy();
    await database.drop();
  });

  const rowsInDatabase = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(rateLimits))[0].n;

  it('counts hits of two instances against one limit, and nothing in the database', async () => {
    // Two connections to the same server (another host name for it), as two app instances hold.
    const other = url.replace('127.0.0.1', 'localhost');
    const answers = [];
    for (let i = 0; i < 4; i++) {
      process.env.REDIS_URL = i % 2 ? other : url;
      resetEnvCache();
      answers.push(await hitRateLimit(database.db, key('shared'), 3));
    }
    expect(answers.slice(0, 3)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(answers[3]).toMatchObject({ ok: false });
    expect(await rowsInDatabase()).toBe(0);
  });

  it('answers a batch as hits one after another would, and expires the counter with its window', async () => {
    const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 45 * 60_000);
    const answers = await hitRateLimits(database.db, [key('a'), key('b'), key('a'), key('a')], 2, { now });
    expect(answers).toEqual([{ ok: true }, { ok: true }, { ok: true }, { ok: false, retryAfterSeconds: 15 * 60 }]);
    const [counter] = await inspector.keys(`sp:rl:${key('a')}:*`);
    expect(await inspector.get(counter)).toBe('3');
    const ttl = await inspector.pTTL(counter);
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
  });

  it('takes back several hits at once, never below zero', async () => {
    await hitRateLimits(database.db, [key('back'), key('back'), key('back')], 5);
    await releaseRateLimitHit(database.db, key('back'), {}, 2);
    const [counter] = await inspector.keys(`sp:rl:${key('back')}:*`);
    expect(await inspector.get(counter)).toBe('1');
    await releaseRateLimitHit(database.db, key('back'), {}, 4);
    expect(await inspector.get(counter)).toBe('0');
  });

  it('throttles sign-ins across instances and forgets an account after a success', async () => {
    const keys = signInThrottleKeys(`${run}@stadt.example`, new Headers({ 'x-forwarded-for': address() }));
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) expect((await countSignInAttempt(database.db, keys)).throttled).toBe(false);
    expect((await countSignInAttempt(database.db, keys)).throttled).toBe(true);
    await signInSucceeded(database.db, keys);
    // The success took back its own attempt from the client: one more, then the client is throttled.
    const [clientCounter] = await inspector.keys(`sp:rl:${keys.client}:*`);
    expect(await inspector.get(clientCounter)).toBe(String(SIGN_IN_MAX_FAILURES));
    const sameAccountElsewhere = signInThrottleKeys(`${run}@stadt.example`, new Headers({ 'x-forwarded-for': address() }));
    expect((await countSignInAttempt(database.db, sameAccountElsewhere)).throttled).toBe(false);
    expect(await rowsInDatabase()).toBe(0);
  });

  it('answers 503 with Retry-After and stores nothing while Redis is unreachable', async () => {
    process.env.REDIS_URL = 'redis://127.0.0.1:1';
    resetEnvCache();
    const error = await hitRateLimit(database.db, key('down'), 3).catch((e: unknown) => e);
    expect(isDatabaseUnavailable(error)).toBe(true);

    const before = (await database.db.select({ n: sql<number>`count(*)::int` }).from(reports))[0].n;
    const response = await postReport(
      new Request('http://localhost/api/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.11' },
        body: JSON.stringify({ lat: 51.6139, lon: 7.5231, category: 'poor-lighting', feeling: 3, when: { always: true }, locale: 'de' }),
      }),
    );
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await response.json()).error).toBe('rate_limit_store_unavailable');
    // Open311 clients are told the same, in the spec's error format.
    const { key: apiKey } = await createApiKey(database.db, { name: 'Redis fehlt' });
    process.env.OPEN311_RATE_LIMIT_PER_HOUR = '100';
    resetEnvCache();
    const open311 = await postRequests('json', formBody({ api_key: apiKey, ...validForm })).finally(() => {
      process.env.OPEN311_RATE_LIMIT_PER_HOUR = '0';
    });
    expect(open311.headers.get('retry-after')).not.toBeNull();
    expect(await expectErrors(open311, 'json', 503)).toEqual([expect.stringContaining('Anfragegrenzen')]);
    expect((await database.db.select({ n: sql<number>`count(*)::int` }).from(reports))[0].n).toBe(before);

    // The health check says so, so that a load balancer sends no requests there.
    const down = await health();
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', db: 'pglite', rateLimits: 'redis', error: 'rate_limit_store_unavailable' });
    process.env.REDIS_URL = url;
    resetEnvCache();
    expect(await (await health()).json()).toEqual({ status: 'ok', db: 'pglite', rateLimits: 'redis' });
  });
});
