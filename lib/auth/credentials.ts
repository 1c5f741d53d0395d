import { CredentialsSignin } from 'next-auth';
import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import type { StaffRole } from '@/lib/db/schema';
import { PASSWORD_MAX_LENGTH, hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './password';
import { countSignInAttempt, signInSucceeded, signInThrottleKeys, type SignInThrottleKeys } from './throttle';
import { findUserByEmail, replacePasswordHash } from './users';

/**
 * Refused because of too many failures. It reaches the sign-in page as `code=throttled`, for
 * known and unknown addresses alike, so it says nothing about whether the account exists.
 */
export class SignInThrottledError extends CredentialsSignin {
  code = 'throttled';
}

/** What Auth.js carries from a successful sign-in into the session token. */
export type SignedInUser = { id: string; email: string; name: string; roles: StaffRole[]; sessionVersion: number };

const credentialsSchema = z.object({
  email: z.string().trim().min(3).max(320),
  // Longer than any valid password, so an over-long one fails like a wrong one, without hashing megabytes.
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH * 4),
});

type FailureReason = 'unknown_account' | 'wrong_password' | 'no_password' | 'inactive' | 'throttled';

/**
 * One line per refused sign-in, for the operator: the reason and the first characters of the keyed
 * hashes (enough to see one account or client being tried repeatedly), never the e-mail address.
 */
function logFailure(reason: FailureReason, keys: SignInThrottleKeys) {
  const short = (key: string) => key.slice(key.lastIndexOf(':') + 1, key.lastIndexOf(':') + 11);
  console.warn(`[auth] sign-in refused: ${reason} (account ${short(keys.account)}, client ${short(keys.client)})`);
}

/**
 * The e-mail + password check behind the Credentials provider. Returns the user, null for any
 * wrong combination (the same answer, and about the same time, whether or not the account
 * exists), or throws SignInThrottledError after too many failures.
 */
export async function authorizeCredentials(
  db: Db,
  input: unknown,
  headers: Headers,
  now = new Date(),
): Promise<SignedInUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const keys = signInThrottleKeys(email, headers, now);

  const throttle = await countSignInAttempt(db, keys, now);
  if (throttle.throttled) {
    logFailure('throttled', keys);
    throw new SignInThrottledError();
  }

  const user = await findUserByEmail(db, email);
  let failure: FailureReason | null = null;
  if (!user) failure = 'unknown_account';
  else if (!user.passwordHash) failure = 'no_password';
  if (!user?.passwordHash) await verifyAgainstDummy(password);
  else if (!(await verifyPassword(user.passwordHash, password))) failure = 'wrong_password';
  else if (!user.active) failure = 'inactive';

  if (failure || !user) {
    logFailure(failure ?? 'unknown_account', keys);
    return null;
  }

  await signInSucceeded(db, keys, now);
  if (needsRehash(user.passwordHash!)) await replacePasswordHash(db, user.id, await hashPassword(password));
  return { id: String(user.id), email: user.email, name: user.name, roles: user.roles, sessionVersion: user.sessionVersion };
}
