import { createHmac } from 'node:crypto';
import type { Db } from '@/lib/db/client';
import { serverSecret } from '@/lib/env';
import { clientKey } from '@/lib/http/client-key';
import { clearRateLimit, hitRateLimit, peekRateLimit } from '@/lib/http/rate-limit';

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

/** Whether the account or the client has used up its failures; counts nothing. */
export async function checkSignInThrottle(db: Db, keys: SignInThrottleKeys, now = new Date()): Promise<ThrottleState> {
  const options = { windowMs: SIGN_IN_WINDOW_MS, now };
  const results = await Promise.all([
    peekRateLimit(db, keys.account, SIGN_IN_MAX_FAILURES, options),
    peekRateLimit(db, keys.client, SIGN_IN_MAX_FAILURES, options),
  ]);
  const refused = results.filter((r) => !r.ok);
  if (refused.length === 0) return { throttled: false };
  return { throttled: true, retryAfterSeconds: Math.max(...refused.map((r) => r.retryAfterSeconds)) };
}

export async function recordSignInFailure(db: Db, keys: SignInThrottleKeys, now = new Date()) {
  const options = { windowMs: SIGN_IN_WINDOW_MS, now };
  await hitRateLimit(db, keys.account, SIGN_IN_MAX_FAILURES, options);
  await hitRateLimit(db, keys.client, SIGN_IN_MAX_FAILURES, options);
}

/**
 * A successful sign-in forgets the account's failures (only someone who knows the password can
 * do that), but not the client's: one valid account must not unlock guessing at others.
 */
export async function forgetAccountFailures(db: Db, keys: SignInThrottleKeys, now = new Date()) {
  await clearRateLimit(db, keys.account, { windowMs: SIGN_IN_WINDOW_MS, now });
}
