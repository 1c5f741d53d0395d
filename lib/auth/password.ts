import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Staff passwords (OWASP ASVS 2.1): 12 to 128 characters, any characters, no composition rules,
 * refused when on a list of common passwords. Never logged, never returned: only the hash is stored.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * argon2id with OWASP's Password Storage Cheat Sheet minimum: 19 MiB memory, 2 iterations,
 * 1 lane (≈ 30 ms on this kind of machine). Argon2id is 2 in @node-rs/argon2's `Algorithm` enum,
 * a `const enum` that isolated modules cannot import.
 */
const ARGON2ID = 2;
export const hashOptions = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_email';

/** The same password typed on two keyboards may arrive in two Unicode forms: compare one form. */
function normalize(password: string): string {
  return password.normalize('NFC');
}

/** Counts characters as a person does (code points), not UTF-16 units. */
function length(password: string): number {
  return [...password].length;
}

/**
 * Words that are common here but missing from the international list: the portal's own name, the
 * German for "password", and the demo password, which the README publishes.
 */
const localCommonPasswords = [
  'Demo-Passwort-2026',
  'sicherheitsportal',
  'sicherheitsportal1',
  'sicherheitsportal123',
  'passwort1234',
  'passwort12345',
  'passwort123456',
  'passwortpasswort',
  'hallohallo123',
  'ordnungsamt123',
];

let commonPasswords: Set<string> | undefined;

/**
 * The ≈ 49,000 most common passwords from breach corpora, as shipped by @zxcvbn-ts/language-common
 * (nothing is downloaded at run time). Only entries long enough to pass the length rule matter.
 */
function commonPasswordSet(): Set<string> {
  commonPasswords ??= new Set(
    [...dictionary['passwords-common'], ...localCommonPasswords]
      .map((p) => normalize(p).toLowerCase())
      .filter((p) => length(p) >= PASSWORD_MIN_LENGTH),
  );
  return commonPasswords;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswordSet().has(normalize(password).toLowerCase());
}

/** The first rule the password breaks, or null when it may be used. */
export function checkPasswordPolicy(password: string, context: { email?: string } = {}): PasswordProblem | null {
  const normalized = normalize(password);
  const chars = length(normalized);
  if (chars < PASSWORD_MIN_LENGTH) return 'too_short';
  if (chars > PASSWORD_MAX_LENGTH) return 'too_long';
  if (isCommonPassword(normalized)) return 'common';
  const email = context.email?.trim().toLowerCase();
  const lower = normalized.toLowerCase();
  if (email && (lower.includes(email) || lower === email.split('@')[0])) return 'contains_email';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(normalize(password), hashOptions);
}

/** False for a wrong password and for a hash that cannot be read; never throws on bad input. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (length(password) > PASSWORD_MAX_LENGTH) return false;
  try {
    return await verify(passwordHash, normalize(password));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, so that an unknown e-mail cannot be told
 * from a wrong password by how long the answer takes.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hash(randomBytes(24).toString('base64url'), hashOptions);
  await verifyPassword(await dummyHash, password);
  return false;
}

/** True when the hash was made with weaker settings than today's: it is replaced at the next sign-in. */
export function needsRehash(passwordHash: string): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(passwordHash);
  if (!match) return true;
  const [m, t, p] = match.slice(1).map(Number);
  return m < hashOptions.memoryCost || t < hashOptions.timeCost || p !== hashOptions.parallelism;
}
