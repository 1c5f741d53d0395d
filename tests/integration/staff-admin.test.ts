/**
 * The admin's domain functions (users, categories, settings, page texts, feedback) and the audit
 * API, on PGlite and PostgreSQL. The pages and server actions only parse, authorise and call these.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getAudit } from '@/app/api/staff/audit/route';
import { GET as getMe } from '@/app/api/staff/me/route';
import { GET as getCategories } from '@/app/api/categories/route';
import { auditFilterSchema, listAuditEntries } from '@/lib/audit/queries';
import { verifyPassword } from '@/lib/auth/password';
import { createStaffUser, newUserSchema, resetStaffUserPassword, setStaffUserActive, updateStaffUser } from '@/lib/auth/user-admin';
import { categoryFormSchema, createCategory, updateCategory } from '@/lib/categories/admin';
import { auditLog, categories, feedback, settings, users } from '@/lib/db/schema';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { createFeedback, listFeedback, setFeedbackHandled } from '@/lib/feedback/feedback';
import { getPageContent } from '@/lib/pages/content';
import { normalizeEmbedOrigin } from '@/lib/embed/origins';
import { getAdminSettings, pageTextSchema, settingsFormSchema, updatePageText, updateSettings } from '@/lib/settings/admin';
import { getSetting } from '@/lib/settings/queries';
import { errorValuesOf } from '@/lib/zod-checks';
import { createStaff, ORIGIN, sessionCookieFor } from '../helpers/staff';

const NEW_PASSWORD = 'Laternen am Kanal leuchten';

describe('settings validation', () => {
  const form = (values: Partial<Record<'privacyK' | 'retentionDays' | 'embedOrigins', string>>) =>
    settingsFormSchema.safeParse({ privacyK: '3', retentionDays: '180', embedOrigins: '', ...values });
  const problems = (values: Parameters<typeof form>[0]) => {
    const result = form(values);
    return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path[0], i.message]));
  };

  it('refuses a privacy threshold k below 3, and anything but a whole number', () => {
    expect(problems({ privacyK: '2' })).toEqual({ privacyK: 'k_too_low' });
    expect(problems({ privacyK: '0' })).toEqual({ privacyK: 'k_too_low' });
    expect(problems({ privacyK: '-5' })).toEqual({ privacyK: 'k_too_low' });
    expect(problems({ privacyK: '3.5' })).toEqual({ privacyK: 'k_invalid' });
    expect(problems({ privacyK: 'drei' })).toEqual({ privacyK: 'k_invalid' });
    expect(problems({ privacyK: '51' })).toEqual({ privacyK: 'k_too_high' });
    expect(form({ privacyK: ' 5 ' })).toMatchObject({ success: true, data: { privacyK: 5 } });
  });

  it('checks retention days and embed origins', () => {
    expect(problems({ retentionDays: '0' })).toEqual({ retentionDays: 'retention_invalid' });
    expect(problems({ retentionDays: '4000' })).toEqual({ retentionDays: 'retention_too_high' });
    expect(problems({ embedOrigins: 'http://www.luenen.de' })).toEqual({ embedOrigins: 'origin_invalid' });
    expect(form({ embedOrigins: 'https://www.luenen.de/\nhttps://WWW.Luenen.de, https://karte.luenen.de:8443' })).toMatchObject({
      success: true,
      data: { embedOrigins: ['https://www.luenen.de', 'https://karte.luenen.de:8443'] },
    });
    for (const bad of ['https://www.luenen.de/widget', 'https://*.luenen.de', 'https://user:pw@luenen.de', 'javascript:alert(1)', 'https://intranet', 'http://127.0.0.2:8080', 'luenen.de']) {
      expect(normalizeEmbedOrigin(bad), bad).toBeNull();
    }
    // Trying the snippet on one's own machine: localhost, over http too.
    expect(form({ embedOrigins: 'http://localhost:8080\nhttps://127.0.0.1:8443' })).toMatchObject({ data: { embedOrigins: ['http://localhost:8080', 'https://127.0.0.1:8443'] } });
  });

  it('checks the patrol dwell time and start points', () => {
    const patrol = (values: Record<string, string>) => {
      const result = settingsFormSchema.safeParse({ privacyK: '3', retentionDays: '180', embedOrigins: '', ...values });
      return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path[0], i.message]));
    };
    expect(patrol({ patrolDwellMinutes: '4' })).toEqual({ patrolDwellMinutes: 'dwell_invalid' });
    expect(patrol({ patrolDwellMinutes: '61' })).toEqual({ patrolDwellMinutes: 'dwell_invalid' });
    expect(patrol({ patrolDwellMinutes: '15' })).toEqual({});
    expect(patrol({ patrolStartPoints: 'Rathaus; 51.6139' })).toEqual({ patrolStartPoints: 'start_points_invalid' });
    expect(patrol({ patrolStartPoints: 'Berlin; 52.52; 13.40' })).toEqual({ patrolStartPoints: 'start_point_outside' });
    expect(patrol({ patrolStartPoints: 'Rathaus; nord; 7.5' })).toEqual({ patrolStartPoints: 'start_points_invalid' });
    expect(patrol({ patrolStartPoints: '' })).toEqual({});
    const tooMany = Array.from({ length: 11 }, (_, i) => `Punkt ${i}; 51.61; 7.52`).join('\n');
    expect(patrol({ patrolStartPoints: tooMany })).toEqual({ patrolStartPoints: 'start_points_too_many' });
  });

  it('names the line of a wrong embed origin or start point, blank lines counted as the admin sees them', () => {
    const valuesOf = (values: Record<string, string>) => {
      const result = settingsFormSchema.safeParse({ privacyK: '3', retentionDays: '180', embedOrigins: '', ...values });
      return result.success ? null : errorValuesOf(result.error);
    };
    expect(valuesOf({ embedOrigins: 'https://www.luenen.de\n\nhttps://karte.luenen.de, htp://tippfehler.de' })).toEqual({ originLine: 3, origin: 'htp://tippfehler.de' });
    expect(valuesOf({ patrolStartPoints: 'Rathaus; 51.6139; 7.5231\r\n\r\nWache; 51,6152; 7.5215\nBerlin; 52.52; 13.40' })).toEqual({ startPointLine: 4, startPoint: 'Berlin; 52.52; 13.40' });
  });

  it('insists that a page text starts with its title', () => {
    expect(pageTextSchema.safeParse({ page: 'impressum', lang: 'de', markdown: 'Kein Titel' }).success).toBe(false);
    expect(pageTextSchema.safeParse({ page: 'agb', lang: 'de', markdown: '# Titel' }).success).toBe(false);
    expect(pageTextSchema.parse({ page: 'impressum', lang: 'en', markdown: '# Legal notice\r\n\r\nText  ' }).markdown).toBe('# Legal notice\n\nText');
  });

  it('reads a weight with a decimal comma and refuses zero', () => {
    const category = (weight: string) =>
      categoryFormSchema.safeParse({ labelDe: 'Test', weight, active: true, sortOrder: '1' });
    expect(category('1,5')).toMatchObject({ success: true, data: { weight: 1.5 } });
    expect(category('0').error?.issues[0].message).toBe('weight_too_low');
    expect(category('-1').error?.issues[0].message).toBe('weight_too_low');
    // Positive, but too small for the column (real): refused, not a database error.
    expect(category('0,000001').error?.issues[0].message).toBe('weight_too_low');
    expect(category('0,005').error?.issues[0].message).toBe('weight_too_low');
    expect(category('0,01').success).toBe(true);
    expect(category('viel').error?.issues[0].message).toBe('weight_invalid');
    // Notations that JavaScript reads as numbers but a person does not type are not numbers here.
    expect(category('1e0').error?.issues[0].message).toBe('weight_invalid');
    expect(category('0x5').error?.issues[0].message).toBe('weight_invalid');
  });
});

describe.each(testDatabaseKinds())('staff administration on %s', (kind) => {
  let database: TestDatabase;
  let admin: { id: number };
  let adminCookie: string;
  let triageCookie: string;

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    admin = await createStaff(database.db, 'chief@stadt.example', ['admin']);
    await createStaff(database.db, 'desk@stadt.example', ['triage']);
    adminCookie = await sessionCookieFor('chief@stadt.example');
    triageCookie = await sessionCookieFor('desk@stadt.example');
  });
  afterAll(async () => {
    await database.drop();
  });

  const auditOf = (action: string, entityId?: string) =>
    database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), entityId ? eq(auditLog.entityId, entityId) : undefined));

  describe('users', () => {
    it('creates a user with an initial password that the policy accepts, and audits it', async () => {
      const input = { name: 'Neu', email: 'neu@stadt.example', roles: ['police'], signIn: 'password' };
      const problems = (values: object) => newUserSchema.safeParse({ ...input, ...values }).error?.issues.map((i) => [i.path.join('.'), i.message]);
      expect(problems({ password: 'password1234' })).toEqual([['password', 'password_common']]);
      expect(problems({ password: 'kurz' })).toEqual([['password', 'password_too_short']]);
      // A character that turns the direction of text would scramble every sentence the name appears in.
      expect(problems({ name: 'Zoë \u202eRTL', password: NEW_PASSWORD })).toEqual([['name', 'name_invalid_characters']]);
      expect(problems({ name: 'Zoë Ünal-Šimić 👮‍♀️', password: NEW_PASSWORD })).toBeUndefined();
      expect(problems({ password: 'Neu@Stadt.example ist mein Passwort' })).toEqual([['password', 'password_contains_email']]);
      // Every problem at once, so that the form names them together.
      expect(problems({ name: 'N'.repeat(101), password: 'kurz' })).toEqual([
        ['name', 'name_too_long'],
        ['password', 'password_too_short'],
      ]);

      const weak = newUserSchema.parse({ ...input, password: NEW_PASSWORD });
      const result = await createStaffUser(database.db, admin, { ...weak, email: 'Neu@Stadt.example', password: NEW_PASSWORD });
      expect(result).toMatchObject({ ok: true, user: { email: 'neu@stadt.example', name: 'Neu', roles: ['police'] } });
      if (!result.ok) return;
      expect(await verifyPassword(result.user.passwordHash!, NEW_PASSWORD)).toBe(true);
      const [entry] = await auditOf('user.created', String(result.user.id));
      expect(entry).toMatchObject({ actorId: admin.id, after: { email: 'neu@stadt.example', roles: ['police'], hasPassword: true } });
      expect(JSON.stringify(entry)).not.toContain(NEW_PASSWORD);

      expect(await createStaffUser(database.db, admin, { ...weak, password: NEW_PASSWORD })).toEqual({ ok: false, fields: { email: 'email_taken' } });
      expect(newUserSchema.safeParse({ name: 'X', email: 'x@stadt.example', roles: [], signIn: 'password' }).error?.issues[0]).toMatchObject({
        path: ['password'],
        message: 'password_required',
      });
    });

    it('creates an OIDC-only user without a password', async () => {
      const result = await createStaffUser(database.db, admin, { name: 'SSO', email: 'sso@stadt.example', roles: ['coordinator'], signIn: 'oidc' });
      expect(result).toMatchObject({ ok: true, user: { passwordHash: null } });
    });

    it('changes roles with an audit entry; the change applies at the next request', async () => {
      const user = await createStaff(database.db, 'roles@stadt.example', ['triage']);
      const cookie = await sessionCookieFor('roles@stadt.example');
      const result = await updateStaffUser(database.db, admin, user.id, { name: 'Rollen Test', roles: ['police', 'triage'] });
      expect(result).toMatchObject({ ok: true, user: { name: 'Rollen Test', roles: ['triage', 'police'] } });
      const [entry] = await auditOf('user.roles_changed', String(user.id));
      expect(entry).toMatchObject({ before: { roles: ['triage'] }, after: { roles: ['triage', 'police'] } });
      expect(await (await getMe(new Request(`${ORIGIN}/api/staff/me`, { headers: { cookie } }))).json()).toMatchObject({ roles: ['triage', 'police'] });
    });

    it('deactivates a user, who is out at the next request, and reactivates them', async () => {
      const user = await createStaff(database.db, 'leaves@stadt.example', ['police']);
      const cookie = await sessionCookieFor('leaves@stadt.example');
      const me = () => getMe(new Request(`${ORIGIN}/api/staff/me`, { headers: { cookie } }));
      expect((await me()).status).toBe(200);
      expect(await setStaffUserActive(database.db, admin, user.id, false)).toMatchObject({ ok: true, user: { active: false } });
      expect((await me()).status).toBe(401);
      expect(await setStaffUserActive(database.db, admin, user.id, true)).toMatchObject({ ok: true, user: { active: true } });
      // The old session stays ended: the session version moved on.
      expect((await me()).status).toBe(401);
      expect((await auditOf('user.deactivated', String(user.id))).length).toBe(1);
      expect((await auditOf('user.reactivated', String(user.id))).length).toBe(1);
    });

    it('resets a password (ending sessions) and can remove it for sign-in by OIDC only', async () => {
      const user = await createStaff(database.db, 'forgot@stadt.example', ['triage']);
      const cookie = await sessionCookieFor('forgot@stadt.example');
      expect(await resetStaffUserPassword(database.db, admin, user.id, 'forgot@stadt.example')).toMatchObject({ ok: false });
      expect(await resetStaffUserPassword(database.db, admin, user.id, NEW_PASSWORD)).toMatchObject({ ok: true });
      expect((await getMe(new Request(`${ORIGIN}/api/staff/me`, { headers: { cookie } }))).status).toBe(401);
      expect(await sessionCookieFor('forgot@stadt.example', NEW_PASSWORD)).toContain('authjs.session-token');
      const [entry] = await auditOf('user.password_reset', String(user.id));
      expect(entry.after).toEqual({ hasPassword: true });
      expect(await resetStaffUserPassword(database.db, admin, user.id, null)).toMatchObject({ ok: true, user: { passwordHash: null } });
      expect((await auditOf('user.password_removed', String(user.id))).length).toBe(1);
    });

    it('never leaves the portal without an active admin, and no admin demotes or deactivates themselves', async () => {
      expect(await updateStaffUser(database.db, admin, admin.id, { name: 'Chief', roles: ['triage'] })).toEqual({ ok: false, fields: { roles: 'own_admin_role' } });
      expect(await setStaffUserActive(database.db, admin, admin.id, false)).toEqual({ ok: false, fields: { form: 'own_account' } });
      // Another admin may not remove the last one either.
      const second = await createStaff(database.db, 'deputy@stadt.example', ['admin']);
      expect(await setStaffUserActive(database.db, second, admin.id, false)).toMatchObject({ ok: true });
      expect(await updateStaffUser(database.db, admin, second.id, { name: 'Deputy', roles: ['police'] })).toEqual({ ok: false, fields: { roles: 'last_admin' } });
      expect(await setStaffUserActive(database.db, admin, second.id, false)).toEqual({ ok: false, fields: { form: 'last_admin' } });
      await setStaffUserActive(database.db, second, admin.id, true);
      adminCookie = await sessionCookieFor('chief@stadt.example');
    });
  });

  describe('categories', () => {
    const form = (values: Record<string, unknown>) =>
      categoryFormSchema.parse({ labelDe: 'Falschparker', labelEn: 'Illegal parking', weight: '0,5', active: true, sortOrder: '20', ...values });

    it('adds a category that residents can choose at once, and audits it', async () => {
      const result = await createCategory(database.db, admin, 'parking', form({}));
      expect(result).toMatchObject({ ok: true, category: { slug: 'parking', label: { de: 'Falschparker', en: 'Illegal parking' }, weight: 0.5 } });
      expect(await createCategory(database.db, admin, 'parking', form({}))).toEqual({ ok: false, fields: { slug: 'slug_taken' } });
      const list = await (await getCategories(new Request(`${ORIGIN}/api/categories?locale=en`))).json();
      expect(list).toContainEqual(expect.objectContaining({ slug: 'parking', label: 'Illegal parking' }));
      expect((await auditOf('category.created', 'parking')).length).toBe(1);
    });

    it('edits labels, weight and active, logging only what changed', async () => {
      await updateCategory(database.db, admin, 'parking', form({ labelTr: 'Hatalı park', weight: '1,2345', active: false }));
      const [row] = await database.db.select().from(categories).where(eq(categories.slug, 'parking'));
      // The column is single precision, and reads back the decimal that was typed.
      expect(row).toMatchObject({ label: { de: 'Falschparker', en: 'Illegal parking', tr: 'Hatalı park' }, weight: 1.2345, active: false });
      const [entry] = await auditOf('category.updated', 'parking');
      expect(entry.before).toEqual({ label: { de: 'Falschparker', en: 'Illegal parking' }, weight: 0.5, active: true });
      expect(entry.after).toEqual({ label: { de: 'Falschparker', en: 'Illegal parking', tr: 'Hatalı park' }, weight: 1.2345, active: false });
      const list = await (await getCategories(new Request(`${ORIGIN}/api/categories`))).json();
      expect(list.map((c: { slug: string }) => c.slug)).not.toContain('parking');
    });
  });

  describe('settings and page texts', () => {
    it('saves k, retention and embed origins, auditing each change with before and after', async () => {
      const input = settingsFormSchema.parse({ privacyK: '5', retentionDays: '90', embedOrigins: 'https://www.luenen.de' });
      expect(await updateSettings(database.db, admin, input)).toEqual(['privacy.k', 'retention.emailDays', 'embed.origins']);
      expect(await getSetting(database.db, 'privacy.k')).toBe(5);
      expect(await getAdminSettings(database.db)).toEqual({
        'privacy.k': 5,
        'retention.emailDays': 90,
        'embed.origins': ['https://www.luenen.de'],
        'patrol.dwellMinutes': 15,
        'patrol.startPoints': [],
      });
      const [entry] = await auditOf('setting.changed', 'privacy.k');
      expect(entry).toMatchObject({ actorId: admin.id, before: { value: 3 }, after: { value: 5 } });
      // Saving the same values again changes and logs nothing.
      expect(await updateSettings(database.db, admin, input)).toEqual([]);
      expect((await auditOf('setting.changed')).length).toBe(3);
    });

    it('saves the patrol dwell time and start points; a form without them leaves them as they are', async () => {
      const input = settingsFormSchema.parse({
        privacyK: '5',
        retentionDays: '90',
        embedOrigins: 'https://www.luenen.de',
        patrolDwellMinutes: '12',
        patrolStartPoints: 'Wache Mitte; 51,6152; 7,5215\n\nRathaus; 51.6139; 7.5231',
      });
      expect(await updateSettings(database.db, admin, input)).toEqual(['patrol.dwellMinutes', 'patrol.startPoints']);
      expect(await getSetting(database.db, 'patrol.startPoints')).toEqual([
        { name: 'Wache Mitte', lat: 51.6152, lon: 7.5215 },
        { name: 'Rathaus', lat: 51.6139, lon: 7.5231 },
      ]);
      expect(await updateSettings(database.db, admin, settingsFormSchema.parse({ privacyK: '5', retentionDays: '90', embedOrigins: 'https://www.luenen.de' }))).toEqual([]);
      expect(await getSetting(database.db, 'patrol.dwellMinutes')).toBe(12);
      expect((await auditOf('setting.changed', 'patrol.dwellMinutes'))[0]).toMatchObject({ before: { value: 15 }, after: { value: 12 } });
    });

    it('even a value written past the form never lowers k below 3', async () => {
      await database.db.update(settings).set({ value: 1 }).where(eq(settings.key, 'privacy.k'));
      expect(await getSetting(database.db, 'privacy.k')).toBe(3);
    });

    it('replaces a legal page’s text per language and goes back to the city’s default', async () => {
      const db = database.db;
      const original = await getPageContent(db, 'impressum', 'en');
      expect(await updatePageText(db, admin, 'impressum', 'en', '# Legal notice\n\nNew text.')).toBe(true);
      expect(await getPageContent(db, 'impressum', 'en')).toEqual({ title: 'Legal notice', body: 'New text.', locale: 'en' });
      expect(await updatePageText(db, admin, 'impressum', 'en', null)).toBe(true);
      expect(await getPageContent(db, 'impressum', 'en')).toEqual(original);
      expect((await auditOf('page.changed', 'page.impressum.en'))[0].after).toEqual({ markdown: '# Legal notice\n\nNew text.' });
      expect((await auditOf('page.reset', 'page.impressum.en')).length).toBe(1);
    });
  });

  describe('accessibility feedback', () => {
    it('lists open messages and marks them handled, audited without the text', async () => {
      const id = await createFeedback(database.db, { topic: 'barrier', message: 'Der Kontrast ist zu schwach.', email: 'leser@example.org', locale: 'de' });
      expect((await listFeedback(database.db, { handled: false })).map((f) => f.id)).toContain(id);
      expect(await setFeedbackHandled(database.db, admin, id, true)).toBe(true);
      expect(await setFeedbackHandled(database.db, admin, id, true)).toBe(false);
      expect((await listFeedback(database.db, { handled: false })).map((f) => f.id)).not.toContain(id);
      const [row] = await database.db.select().from(feedback).where(eq(feedback.id, id));
      expect(row.handledAt).toBeInstanceOf(Date);
      const [entry] = await auditOf('feedback.handled', String(id));
      expect(JSON.stringify(entry)).not.toMatch(/Kontrast|leser@/);
    });
  });

  describe('audit log API', () => {
    const audit = (query: string, cookie = adminCookie) => getAudit(new Request(`${ORIGIN}/api/staff/audit${query}`, { headers: { cookie } }));

    it('answers 401 without a session and 403 to a triage user', async () => {
      expect((await audit('', '')).status).toBe(401);
      const forbidden = await audit('', triageCookie);
      expect(forbidden.status).toBe(403);
      expect(await forbidden.json()).toMatchObject({ error: 'forbidden' });
    });

    it('filters by actor, action and entity and pages with a cursor, newest first', async () => {
      // Every setting the tests above changed, newest first, as the database holds them.
      const changed = (await database.db.select().from(auditLog).where(eq(auditLog.action, 'setting.changed')))
        .sort((a, b) => b.id - a.id)
        .map((e) => e.entityId);
      expect(changed).toEqual(expect.arrayContaining(['embed.origins', 'retention.emailDays', 'privacy.k']));
      const all = await (await audit(`?actor=${admin.id}&action=setting.changed`)).json();
      expect(all.entries.map((e: { entityId: string }) => e.entityId)).toEqual(changed);
      const embed = all.entries.find((e: { entityId: string }) => e.entityId === 'embed.origins');
      expect(embed).toMatchObject({ actor: { id: admin.id, email: 'chief@stadt.example' }, entity: 'setting', after: { value: ['https://www.luenen.de'] } });
      expect(all.nextCursor).toBeNull();

      // Pages of two, following the cursor, give the same entries in the same order.
      const paged: string[] = [];
      let cursor = '';
      do {
        const page = await (await audit(`?entity=setting&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
        expect(page.entries.length).toBeLessThanOrEqual(2);
        paged.push(...page.entries.map((e: { entityId: string }) => e.entityId));
        cursor = page.nextCursor ?? '';
      } while (cursor);
      expect(paged).toEqual(changed);

      // Entries without a staff user: the test helper created users as the system.
      const system = await (await audit('?actor=system&action=user.created')).json();
      expect(system.entries.length).toBeGreaterThan(0);
      expect(system.entries.every((e: { actor: unknown }) => e.actor === null)).toBe(true);
    });

    it('filters by period in the city’s time zone and refuses filters it cannot read', async () => {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
      const inPeriod = await (await audit(`?from=${today}&to=${today}&action=setting.changed`)).json();
      const changedToday = await database.db.select().from(auditLog).where(eq(auditLog.action, 'setting.changed'));
      expect(changedToday.length).toBeGreaterThanOrEqual(3);
      expect(inPeriod.entries).toHaveLength(changedToday.length);
      const before = await (await audit(`?to=2020-01-01&action=setting.changed`)).json();
      expect(before.entries).toEqual([]);

      const bad = await audit('?from=gestern&limit=500&actor=jemand&locale=en');
      expect(bad.status).toBe(422);
      expect(await bad.json()).toMatchObject({
        error: 'invalid_filter',
        fields: { from: 'date_invalid', limit: 'limit_invalid', actor: 'actor_invalid' },
      });
      expect((await audit('?from=2026-05-02&to=2026-05-01')).status).toBe(422);
      // A day that does not exist, one no entry can have, and U+0000, which PostgreSQL's text cannot hold.
      const odd = await audit('?from=2026-02-30&to=9999-12-31&action=%00&entityId=a%00');
      expect(odd.status).toBe(422);
      expect((await odd.json()).fields).toEqual({ from: 'date_invalid', to: 'date_invalid', action: 'text_invalid', entityId: 'text_invalid' });
    });

    it('is what the admin page reads too', async () => {
      const page = await listAuditEntries(database.db, auditFilterSchema.parse({ entity: 'category' }));
      expect(page.entries.map((e) => e.action)).toEqual(['category.updated', 'category.created']);
      const [user] = await database.db.select().from(users).where(eq(users.email, 'neu@stadt.example'));
      const forUser = await listAuditEntries(database.db, auditFilterSchema.parse({ entity: 'user', entityId: String(user.id) }));
      expect(forUser.entries.map((e) => e.action)).toEqual(['user.created']);
    });
  });
});
