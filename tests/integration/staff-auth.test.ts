import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as authGet, POST as authPost } from '@/app/api/auth/[...nextauth]/route';
import { GET as getMe } from '@/app/api/staff/me/route';
import { GET as getUsers } from '@/app/api/staff/users/route';
import { oidcProvider, staffUserForOidcProfile } from '@/auth';
import { SIGN_IN_MAX_FAILURES, SIGN_IN_WINDOW_MS } from '@/lib/auth/throttle';
import { endSessions, saveUser } from '@/lib/auth/users';
import { auditLog, rateLimits, users } from '@/lib/db/schema';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { resetEnvCache } from '@/lib/env';
import {
  CookieJar,
  createStaff,
  newClientAddress,
  ORIGIN,
  PASSWORD,
  readSession,
  sessionCookieFor,
  signInThroughRoutes,
} from '../helpers/staff';

const staffGet = (handler: (r: Request) => Promise<Response>, path: string, cookie = '', headers: Record<string, string> = {}) =>
  handler(new Request(`${ORIGIN}${path}`, { headers: { cookie, ...headers } }));

describe.each(testDatabaseKinds())('staff sign-in on %s', (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    await createStaff(database.db, 'triage@stadt.example', ['triage']);
    await createStaff(database.db, 'admin@stadt.example', ['admin']);
  });
  afterAll(async () => {
    await database.drop();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  /**
   * The throttle counts in fixed 15-minute windows (lib/http/rate-limit.ts), so a test that ran
   * across a window's end saw its count start again (it happened in CI at 03:30). These tests stop
   * the clock a minute into the next window.
   */
  function stopClockInsideAWindow() {
    vi.useFakeTimers({ toFake: ['Date'], now: (Math.floor(Date.now() / SIGN_IN_WINDOW_MS) + 1) * SIGN_IN_WINDOW_MS + 60_000 });
  }

  it('signs in through the standard credentials flow and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const { response, location, jar } = await signInThroughRoutes('Triage@Stadt.example', PASSWORD);
    expect(response.status).toBe(302);
    expect(location.href).toBe(`${ORIGIN}/staff`);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('authjs.session-token='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);

    const { body } = await readSession(jar.header());
    expect(body?.user).toMatchObject({ email: 'triage@stadt.example', roles: ['triage'] });
    const me = await staffGet(getMe, '/api/staff/me', jar.header());
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: 'triage@stadt.example', name: 'triage', roles: ['triage'] });

    const [row] = await database.db.select().from(users).where(eq(users.email, 'triage@stadt.example'));
    expect(row.lastLoginAt).not.toBeNull();
  });

  it('marks the session cookie Secure (with the __Secure- prefix) when AUTH_URL is https', async () => {
    vi.stubEnv('AUTH_URL', 'https://portal.stadt.example');
    try {
      const { response, jar } = await signInThroughRoutes('triage@stadt.example', PASSWORD, { origin: 'https://portal.stadt.example' });
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith('__Secure-authjs.session-token='));
      expect(cookie).toMatch(/; Secure/i);
      expect(cookie).toMatch(/HttpOnly/i);
      const me = await getMe(new Request('https://portal.stadt.example/api/staff/me', { headers: { cookie: jar.header() } }));
      expect(me.status).toBe(200);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('refuses a wrong password and an unknown account with the same answer, and logs one line without the e-mail', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const wrong = await signInThroughRoutes('triage@stadt.example', 'not the password at all');
    const unknown = await signInThroughRoutes('nobody@stadt.example', 'not the password at all');
    for (const attempt of [wrong, unknown]) {
      expect(attempt.response.status).toBe(302);
      expect(attempt.location.pathname).toBe('/staff/login');
      expect(Object.fromEntries(attempt.location.searchParams)).toEqual({ error: 'CredentialsSignin', code: 'credentials' });
      expect(attempt.jar.has('authjs.session-token')).toBe(false);
    }
    const lines = [...warn.mock.calls, ...error.mock.calls].map((call) => call.map(String).join(' '));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatch(/^\[auth\] sign-in refused: (wrong_password|unknown_account) \(account \S+, client \S+\)$/);
      expect(line).not.toMatch(/stadt\.example|not the password/);
    }
  });

  it(`throttles an account after ${SIGN_IN_MAX_FAILURES} failures in 15 minutes, with a message that does not tell whether it exists`, async () => {
    stopClockInsideAWindow();
    await createStaff(database.db, 'police@stadt.example', ['police']);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const email of ['police@stadt.example', 'ghost@stadt.example']) {
      for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) {
        const attempt = await signInThroughRoutes(email, `wrong password ${i}`);
        expect(attempt.location.searchParams.get('code')).toBe('credentials');
      }
      // From yet another client, even with the right password: the account is resting.
      const refused = await signInThroughRoutes(email, PASSWORD);
      expect(Object.fromEntries(refused.location.searchParams)).toEqual({ error: 'CredentialsSignin', code: 'throttled' });
      expect(refused.jar.has('authjs.session-token')).toBe(false);
    }
    // Counters are keyed hashes: no e-mail address in the table.
    const keys = (await database.db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key).join(' ');
    expect(keys).not.toContain('stadt.example');
  });

  it('lets no more attempts through than failures are allowed when they arrive at once', async () => {
    stopClockInsideAWindow();
    await createStaff(database.db, 'rushed@stadt.example', ['triage']);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    // Each from its own client: only the account's count can stop them.
    const attempts = await Promise.all(Array.from({ length: 12 }, (_, i) => signInThroughRoutes('rushed@stadt.example', `guess ${i}`)));
    const codes = attempts.map((a) => a.location.searchParams.get('code'));
    expect(codes.filter((c) => c === 'credentials')).toHaveLength(SIGN_IN_MAX_FAILURES);
    expect(codes.filter((c) => c === 'throttled')).toHaveLength(12 - SIGN_IN_MAX_FAILURES);
  });

  it(`throttles a client after ${SIGN_IN_MAX_FAILURES} failures, whichever accounts it tried`, async () => {
    stopClockInsideAWindow();
    await createStaff(database.db, 'coordinator@stadt.example', ['coordinator']);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const client = newClientAddress();
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) {
      await signInThroughRoutes(`guess${i}@stadt.example`, 'some wrong password', { client });
    }
    const refused = await signInThroughRoutes('coordinator@stadt.example', PASSWORD, { client });
    expect(refused.location.searchParams.get('code')).toBe('throttled');
    const elsewhere = await signInThroughRoutes('coordinator@stadt.example', PASSWORD);
    expect(elsewhere.location.href).toBe(`${ORIGIN}/staff`);
  });

  it('forgets an account’s failures once it signs in', async () => {
    stopClockInsideAWindow();
    await createStaff(database.db, 'forgetful@stadt.example', ['triage']);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (let i = 0; i < SIGN_IN_MAX_FAILURES - 1; i++) await signInThroughRoutes('forgetful@stadt.example', `typo ${i}`);
    expect((await signInThroughRoutes('forgetful@stadt.example', PASSWORD)).location.pathname).toBe('/staff');
    for (let i = 0; i < SIGN_IN_MAX_FAILURES - 1; i++) await signInThroughRoutes('forgetful@stadt.example', `typo ${i}`);
    expect((await signInThroughRoutes('forgetful@stadt.example', PASSWORD)).location.pathname).toBe('/staff');
  });

  it('refuses a deactivated user with the same neutral answer', async () => {
    await createStaff(database.db, 'former@stadt.example', ['triage'], { active: false });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const attempt = await signInThroughRoutes('former@stadt.example', PASSWORD);
    expect(attempt.location.searchParams.get('code')).toBe('credentials');
  });

  it('ends a deactivated user’s session at the next request and clears the cookie', async () => {
    await createStaff(database.db, 'leaving@stadt.example', ['triage']);
    const cookie = await sessionCookieFor('leaving@stadt.example');
    expect((await staffGet(getMe, '/api/staff/me', cookie)).status).toBe(200);

    await saveUser(database.db, null, { email: 'leaving@stadt.example', roles: ['triage'], active: false });

    const me = await staffGet(getMe, '/api/staff/me', cookie);
    expect(me.status).toBe(401);
    expect(await me.json()).toMatchObject({ error: 'unauthenticated' });
    const { response, body } = await readSession(cookie);
    expect(body).toBeNull();
    expect(response.headers.getSetCookie().join()).toMatch(/authjs\.session-token=;/);
  });

  it('applies role changes at the next request', async () => {
    await createStaff(database.db, 'promoted@stadt.example', ['police']);
    const cookie = await sessionCookieFor('promoted@stadt.example');
    expect((await staffGet(getUsers, '/api/staff/users', cookie)).status).toBe(403);
    await saveUser(database.db, null, { email: 'promoted@stadt.example', roles: ['police', 'admin'] });
    expect((await staffGet(getUsers, '/api/staff/users', cookie)).status).toBe(200);
    await saveUser(database.db, null, { email: 'promoted@stadt.example', roles: ['police'] });
    expect((await staffGet(getUsers, '/api/staff/users', cookie)).status).toBe(403);
  });

  it('ends the session on the server when the user signs out, so a copied cookie stops working', async () => {
    await createStaff(database.db, 'shift-end@stadt.example', ['police']);
    const { jar } = await signInThroughRoutes('shift-end@stadt.example', PASSWORD);
    const stolen = jar.header();
    const csrf = await authGet(new NextRequest(`${ORIGIN}/api/auth/csrf`, { headers: { cookie: jar.header() } }));
    jar.store(csrf);
    const { csrfToken } = await csrf.json();
    const signOut = await authPost(
      new NextRequest(`${ORIGIN}/api/auth/signout`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
        body: new URLSearchParams({ csrfToken, callbackUrl: `${ORIGIN}/staff/login` }),
      }),
    );
    expect(signOut.status).toBe(302);
    jar.store(signOut);
    expect(jar.has('authjs.session-token')).toBe(false);
    expect((await staffGet(getMe, '/api/staff/me', stolen)).status).toBe(401);
  });

  it('ends every session of a user when their session version is bumped', async () => {
    const user = await createStaff(database.db, 'two-devices@stadt.example', ['triage']);
    const [laptop, phone] = [await sessionCookieFor(user.email), await sessionCookieFor(user.email)];
    await endSessions(database.db, user.id);
    expect((await staffGet(getMe, '/api/staff/me', laptop)).status).toBe(401);
    expect((await staffGet(getMe, '/api/staff/me', phone)).status).toBe(401);
  });

  it('lists users for admins without password hashes or session versions', async () => {
    const cookie = await sessionCookieFor('admin@stadt.example');
    const response = await staffGet(getUsers, '/api/staff/users', cookie);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual(expect.arrayContaining([expect.objectContaining({ email: 'triage@stadt.example', roles: ['triage'], active: true, hasPassword: true })]));
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/argon2|passwordHash|sessionVersion/);
  });

  it('answers 401 and 403 in the API error shape and the request’s language', async () => {
    const anonymous = await staffGet(getUsers, '/api/staff/users', '', { 'accept-language': 'en' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: 'unauthenticated', message: 'Please sign in first.', fields: {} });
    const triage = await staffGet(getUsers, '/api/staff/users', await sessionCookieFor('triage@stadt.example'));
    expect(triage.status).toBe(403);
    expect(await triage.json()).toEqual({ error: 'forbidden', message: 'Ihre Rolle erlaubt diese Anfrage nicht.', fields: {} });
    const forged = await staffGet(getMe, '/api/staff/me', 'authjs.session-token=forged.jwt.value');
    expect(forged.status).toBe(401);
    // A host header that makes no address (only a client talking to the server directly can send one).
    for (const host of ['[', 'a b', '%']) {
      const odd = await staffGet(getMe, '/api/staff/me', 'authjs.session-token=forged.jwt.value', { 'x-forwarded-host': host });
      expect(odd.status).toBe(401);
    }
  });

  it('audits user creation and role changes, never the password hash', async () => {
    const { user } = await saveUser(database.db, { id: (await createStaff(database.db, 'boss@stadt.example', ['admin'])).id }, {
      email: 'Audited@Stadt.example',
      name: 'Audited Person',
      roles: ['police'],
      passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
    });
    await saveUser(database.db, null, { email: 'audited@stadt.example', roles: ['police', 'triage'] });
    await saveUser(database.db, null, { email: 'audited@stadt.example', roles: ['triage', 'police'], passwordHash: '$argon2id$new' });
    const entries = await database.db.select().from(auditLog).where(eq(auditLog.entityId, String(user.id))).orderBy(auditLog.id);
    expect(entries.map((e) => [e.action, e.entity, e.before, e.after])).toEqual([
      ['user.created', 'user', null, { email: 'audited@stadt.example', name: 'Audited Person', roles: ['police'], active: true, hasPassword: true }],
      ['user.roles_changed', 'user', { roles: ['police'] }, { roles: ['triage', 'police'] }],
      ['user.updated', 'user', {}, { passwordChanged: true }],
    ]);
    expect(entries[0].actorId).not.toBeNull();
    expect(entries[1].actorId).toBeNull();
    expect(JSON.stringify(entries)).not.toContain('argon2');
  });

  describe('OpenID Connect', () => {
    afterEach(() => {
      vi.unstubAllEnvs();
      resetEnvCache();
    });

    it('is offered only when the issuer and client are configured', async () => {
      const providers = async () => Object.keys(await (await authGet(new NextRequest(`${ORIGIN}/api/auth/providers`))).json());
      expect(oidcProvider()).toBeNull();
      expect(await providers()).toEqual(['credentials']);
      vi.stubEnv('OIDC_ISSUER', 'https://login.stadt.example/realms/staff');
      vi.stubEnv('OIDC_CLIENT_ID', 'sicherheitsportal');
      vi.stubEnv('OIDC_CLIENT_SECRET', 'client-secret');
      vi.stubEnv('OIDC_NAME', 'Stadt-Login');
      resetEnvCache();
      expect(oidcProvider()).toMatchObject({ id: 'oidc', type: 'oidc', name: 'Stadt-Login', issuer: 'https://login.stadt.example/realms/staff' });
      expect(await providers()).toEqual(['credentials', 'oidc']);
    });

    it('admits only active users the portal already knows, matched by verified e-mail', async () => {
      await createStaff(database.db, 'retired@stadt.example', ['police'], { active: false });
      expect(await staffUserForOidcProfile({ sub: '1', email: 'Triage@Stadt.example', email_verified: true })).toMatchObject({
        email: 'triage@stadt.example',
      });
      expect(await staffUserForOidcProfile({ sub: '2', email: 'stranger@stadt.example' })).toBeNull();
      expect(await staffUserForOidcProfile({ sub: '3', email: 'retired@stadt.example' })).toBeNull();
      expect(await staffUserForOidcProfile({ sub: '4', email: 'triage@stadt.example', email_verified: false })).toBeNull();
      expect(await staffUserForOidcProfile({ sub: '5' })).toBeNull();
    });
  });

  it('keeps the jar honest: an expired cookie is dropped', () => {
    const jar = new CookieJar();
    jar.store(new Response(null, { headers: [['set-cookie', 'a=1; Path=/'], ['set-cookie', 'a=; Max-Age=0']] }));
    expect(jar.has('a')).toBe(false);
  });
});
