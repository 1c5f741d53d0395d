import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimits } from '@/lib/db/schema';
import { createTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { hitRateLimit } from '@/lib/http/rate-limit';
import { SIGN_IN_MAX_FAILURES, SIGN_IN_WINDOW_MS, countSignInAttempt, signInSucceeded, signInThrottleKeys } from './throttle';

const headers = (address: string) => new Headers({ 'x-forwarded-for': address });
// 10:00:00 UTC: the start of a 15-minute window and of an hour.
const T0 = new Date('2026-03-02T10:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe('sign-in throttle', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
  });
  afterAll(async () => {
    await database.drop();
  });

  it('keys accounts by a keyed hash of the e-mail, the same however it is typed', () => {
    const a = signInThrottleKeys('Anna@Stadt.example ', headers('192.0.2.1'), T0);
    const b = signInThrottleKeys('anna@stadt.example', headers('192.0.2.1'), T0);
    expect(a).toEqual(b);
    expect(a.account).not.toContain('anna');
    expect(a.client).not.toContain('192.0.2.1');
    expect(signInThrottleKeys('bob@stadt.example', headers('192.0.2.1'), T0).account).not.toBe(a.account);
  });

  it(`refuses after ${SIGN_IN_MAX_FAILURES} failures within the window and tells when to come back`, async () => {
    const keys = signInThrottleKeys('window@stadt.example', headers('192.0.2.2'), T0);
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) expect(await countSignInAttempt(database.db, keys, at(i))).toEqual({ throttled: false });
    expect(await countSignInAttempt(database.db, keys, at(5))).toEqual({ throttled: true, retryAfterSeconds: 10 * 60 });
    expect(await countSignInAttempt(database.db, keys, at(14.5))).toEqual({ throttled: true, retryAfterSeconds: 30 });
    // The next 15-minute window starts afresh.
    expect(await countSignInAttempt(database.db, keys, at(15))).toEqual({ throttled: false });
    expect(SIGN_IN_WINDOW_MS).toBe(15 * 60_000);
  });

  it('lets through no more attempts than failures are allowed when they arrive at once', async () => {
    const keys = signInThrottleKeys('race@stadt.example', headers('192.0.2.9'), T0);
    const answers = await Promise.all(Array.from({ length: 20 }, () => countSignInAttempt(database.db, keys, at(1))));
    expect(answers.filter((a) => !a.throttled)).toHaveLength(SIGN_IN_MAX_FAILURES);
  });

  it('throttles a client on its own, and forgets only the account after a success', async () => {
    const first = signInThrottleKeys('one@stadt.example', headers('192.0.2.3'), T0);
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) {
      await countSignInAttempt(database.db, signInThrottleKeys(`guess${i}@stadt.example`, headers('192.0.2.3'), T0), at(1));
    }
    expect((await countSignInAttempt(database.db, first, at(2))).throttled).toBe(true);
    const otherClient = signInThrottleKeys('one@stadt.example', headers('192.0.2.4'), T0);
    expect((await countSignInAttempt(database.db, otherClient, at(2))).throttled).toBe(false);

    for (let i = 1; i < SIGN_IN_MAX_FAILURES; i++) await countSignInAttempt(database.db, otherClient, at(3));
    expect((await countSignInAttempt(database.db, otherClient, at(4))).throttled).toBe(true);
    await signInSucceeded(database.db, otherClient, at(4));
    // The account is free again, but this client has used up its failures too.
    expect((await countSignInAttempt(database.db, signInThrottleKeys('one@stadt.example', headers('192.0.2.5'), T0), at(4))).throttled).toBe(false);
    expect((await countSignInAttempt(database.db, otherClient, at(4))).throttled).toBe(true);
  });

  it('does not count a successful sign-in as a failure of its client', async () => {
    const keys = signInThrottleKeys('right@stadt.example', headers('192.0.2.6'), T0);
    for (let i = 1; i < SIGN_IN_MAX_FAILURES; i++) await countSignInAttempt(database.db, keys, at(1));
    // The last attempt left: it succeeds, and is given back.
    expect((await countSignInAttempt(database.db, keys, at(2))).throttled).toBe(false);
    await signInSucceeded(database.db, keys, at(2));
    const sameClient = signInThrottleKeys('other@stadt.example', headers('192.0.2.6'), T0);
    expect((await countSignInAttempt(database.db, sameClient, at(3))).throttled).toBe(false);
    expect((await countSignInAttempt(database.db, sameClient, at(3))).throttled).toBe(true);
  });
});

describe('rate-limit windows of different lengths in one table', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
  });
  afterAll(async () => {
    await database.drop();
  });

  it('keeps the hourly default for existing callers', async () => {
    for (let i = 0; i < 3; i++) expect(await hitRateLimit(database.db, 'report:x', 3, { now: at(i * 10) })).toEqual({ ok: true });
    expect(await hitRateLimit(database.db, 'report:x', 3, { now: at(40) })).toEqual({ ok: false, retryAfterSeconds: 20 * 60 });
    expect(await hitRateLimit(database.db, 'report:x', 3, { now: at(60) })).toEqual({ ok: true });
  });

  it('does not delete a running hourly window when a short window clears old rows', async () => {
    await hitRateLimit(database.db, 'report:y', 2, { now: at(120) });
    await hitRateLimit(database.db, 'report:y', 2, { now: at(121) });
    // A first hit in a new 15-minute window clears rows older than an hour: not report:y's (started at 12:00).
    await hitRateLimit(database.db, 'sign-in:client:z', 5, { windowMs: SIGN_IN_WINDOW_MS, now: at(170) });
    expect(await hitRateLimit(database.db, 'report:y', 2, { now: at(175) })).toMatchObject({ ok: false });
    // …but rows whose window ended over an hour ago are gone.
    const starts = (await database.db.select({ start: rateLimits.windowStart }).from(rateLimits)).map((r) => r.start.getTime());
    expect(Math.min(...starts)).toBe(at(120).getTime());
  });

  it('refuses windows longer than an hour, which the clean-up would cut short', async () => {
    await expect(hitRateLimit(database.db, 'k', 1, { windowMs: 2 * 60 * 60_000 })).rejects.toThrow(RangeError);
  });
});
