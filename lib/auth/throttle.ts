import { createHmac } from 'node:crypto';
import type { Db } from '@/lib/db/client';
import { serverSecret } from '@/lib/env';
import { clientKey } from '@/lib/http/client-key';
import { clearRateLimit, hitRateLimitsEach, releaseRateLimitHit } from '@/lib/http/rate-limit';

/** After this many failed sign-ins in one window, an account or a client is refused until the window ends. */
export const SIGN_IN_MAX_FAILURES = 5;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

export type SignInThrottleKeys = { account: string; client: string };

/**
 * The counters' keys: a keyed hash of the e-mail as typed (so an unknown address is counted like a
 * known one, and the table reveals no address) and the client's daily-salted address hash.
 */
export function signInThrottleKeys(email: string, headers: Headers, now = new Date()): SignInThrottleKeys {
  const account = createHmac('sha256', serverSecret())
    .update(`sign-in-account:${email.trim().toLowerCase()}`)
    .digest('base64url')
    .slice(0, 32);
  return { account: `sign-in:account:${account}`, client: `sign-in:client:${clientKey(headers, now)}` };
}

export type ThrottleState = { throttled: false } | { throttled: true; retryAfterSeconds: number };

/**
 * Counts a sign-in attempt against the account and the client, in one statement, before the
 * password is checked: attempts sent at the same moment cannot all pass a check made before any
 * of them was counted. Throttled once either has had its failures in the window; a successful
 * attempt is taken back afterwards (signInSucceeded), so the counters count failures.
 */
export async function countSignInAttempt(db: Db, keys: SignInThrottleKeys, now = new Date()): Promise<ThrottleState> {
  const results = await hitRateLimitsEach(
    db,
    [
      { key: keys.account, limit: SIGN_IN_MAX_FAILURES },
      { key: keys.client, limit: SIGN_IN_MAX_FAILURES },
    ],
    { windowMs: SIGN_IN_WINDOW_MS, now },
  );
  const refused = results.filter((r) => !r.ok);
  if (refused.length === 0) return { throttled: false };
  return { throttled: true, retryAfterSeconds: Math.max(...refused.map((r) => r.retryAfterSeconds)) };
}

/**
 * A successful sign-in forgets the account's failures (only someone who knows the password can
 * do that), but not the client's: one valid account must not unlock guessing at others. Its own
 * attempt is taken back from the client's count.
 */
export async function signInSucceeded(db: Db, keys: SignInThrottleKeys, now = new Date()) {
  const options = { windowMs: SIGN_IN_WINDOW_MS, now };
  await clearRateLimit(db, keys.account, options);
  await releaseRateLimitHit(db, keys.client, options);
}
