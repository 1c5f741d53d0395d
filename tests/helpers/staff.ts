import { NextRequest } from 'next/server';
import { GET as authGet, POST as authPost } from '@/app/api/auth/[...nextauth]/route';
import { hashPassword } from '@/lib/auth/password';
import { saveUser } from '@/lib/auth/users';
import type { Db } from '@/lib/db/client';
import type { StaffRole } from '@/lib/db/schema';

export const ORIGIN = 'http://localhost';
export const PASSWORD = 'Streife am Kanal 2026';

let hash: Promise<string> | undefined;

/** A staff user with the shared test password (hashed once per run: argon2id is slow on purpose). */
export async function createStaff(db: Db, email: string, roles: StaffRole[], options: { active?: boolean } = {}) {
  hash ??= hashPassword(PASSWORD);
  const { user } = await saveUser(db, null, { email, name: email.split('@')[0], roles, passwordHash: await hash, ...options });
  return user;
}

let nextClient = 1;
/** A fresh client address (TEST-NET-2), so the per-client throttle bites only where a test wants it. */
export function newClientAddress(): string {
  const n = nextClient++;
  return `198.51.${Math.floor(n / 250) % 250}.${n % 250}`;
}

/** Cookies as a browser would keep them: name → value, deleted when expired. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }
}

export type SignInAttempt = { response: Response; location: URL; jar: CookieJar };

/**
 * Signs in the way scripts do: GET /api/auth/csrf, then a form-encoded POST to
 * /api/auth/callback/credentials, both through the route handlers.
 */
export async function signInThroughRoutes(
  email: string,
  password: string,
  options: { client?: string; origin?: string; jar?: CookieJar } = {},
): Promise<SignInAttempt> {
  const origin = options.origin ?? ORIGIN;
  const client = options.client ?? newClientAddress();
  const jar = options.jar ?? new CookieJar();
  const csrf = await authGet(new NextRequest(`${origin}/api/auth/csrf`, { headers: { 'x-forwarded-for': client } }));
  jar.store(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await authPost(
    new NextRequest(`${origin}/api/auth/callback/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header(), 'x-forwarded-for': client },
      body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${origin}/staff` }),
    }),
  );
  jar.store(response);
  return { response, location: new URL(response.headers.get('location') ?? '', origin), jar };
}

/** A signed-in user's cookie header, for calling route handlers and pages as them. */
export async function sessionCookieFor(email: string, password = PASSWORD): Promise<string> {
  const { jar, location } = await signInThroughRoutes(email, password);
  if (location.searchParams.has('error')) throw new Error(`Sign-in of ${email} failed: ${location.search}`);
  return jar.header();
}

export async function readSession(cookie: string, origin = ORIGIN) {
  const response = await authGet(new NextRequest(`${origin}/api/auth/session`, { headers: { cookie } }));
  return { response, body: (await response.json()) as { user?: { id: string; email: string; name: string; roles: string[] } } | null };
}
