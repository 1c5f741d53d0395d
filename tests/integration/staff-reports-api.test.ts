/**
 * The staff report API (GET /api/staff/reports, GET/PATCH /api/staff/reports/{ref}) called as
 * route handlers with real sessions: who gets what, conflicts, field errors, and the error shape.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getDetail, PATCH as patchReport } from '@/app/api/staff/reports/[ref]/route';
import { GET as getInbox } from '@/app/api/staff/reports/route';
import type { StaffRole } from '@/lib/auth/roles';
import { auditLog } from '@/lib/db/schema';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { createReport } from '@/lib/reports/service';
import { createStaff, ORIGIN, sessionCookieFor } from '../helpers/staff';

const roles: StaffRole[] = ['triage', 'police', 'coordinator', 'admin'];

describe.each(testDatabaseKinds())('staff report API on %s', (kind) => {
  let database: TestDatabase;
  const cookie = new Map<StaffRole, string>();
  let ref: string;
  let other: string;

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    for (const role of roles) {
      await createStaff(database.db, `api-${role}@stadt.example`, [role]);
      cookie.set(role, await sessionCookieFor(`api-${role}@stadt.example`));
    }
    const input = {
      lat: 51.6139,
      lon: 7.5231,
      category: 'poor-lighting',
      feeling: 4,
      when: { always: true },
      description: 'Am Kiosk von Frau Schmidt ist es dunkel.',
      email: 'bewohnerin@example.org',
      locale: 'de',
    } as const;
    const a = await createReport(database.db, input as never);
    const b = await createReport(database.db, { ...input, lat: 51.61392 } as never);
    if (!a.ok || !b.ok) throw new Error('fixture');
    ref = a.ref;
    other = b.ref;
  });
  afterAll(async () => {
    await database.drop();
  });

  const list = (query = '', role?: StaffRole, headers: Record<string, string> = {}) =>
    getInbox(new Request(`${ORIGIN}/api/staff/reports${query}`, { headers: { cookie: role ? cookie.get(role)! : '', ...headers } }));
  const detail = (r: string, role?: StaffRole, query = '') =>
    getDetail(new Request(`${ORIGIN}/api/staff/reports/${r}${query}`, { headers: { cookie: role ? cookie.get(role)! : '' } }), {
      params: Promise.resolve({ ref: r }),
    });
  const patch = (r: string, body: unknown, role: StaffRole | null = 'triage', headers: Record<string, string> = {}) =>
    patchReport(
      new Request(`${ORIGIN}/api/staff/reports/${r}`, {
        method: 'PATCH',
        headers: { cookie: role ? cookie.get(role)! : '', 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
      { params: Promise.resolve({ ref: r }) },
    );

  it('answers 401 without a session and 403 without an inbox role, in the API error shape', async () => {
    for (const response of [await list(), await detail(ref), await patch(ref, { version: 1, note: 'x' }, null)]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'unauthenticated', message: 'Bitte melden Sie sich zuerst an.', fields: {} });
    }
    for (const response of [await list('', 'coordinator'), await detail(ref, 'coordinator'), await patch(ref, { version: 1, note: 'x' }, 'coordinator')]) {
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: 'forbidden' });
    }
  });

  it('lets triage, police and admin read the inbox; police may not change anything', async () => {
    for (const role of ['triage', 'police', 'admin'] as const) {
      const response = await list('?status=new', role);
      expect(response.status, role).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = await response.json();
      expect(body.items.map((i: { ref: string }) => i.ref).sort()).toEqual([ref, other].sort());
      expect(body.nextCursor).toBeNull();
      expect(JSON.stringify(body)).not.toContain('Schmidt');
      expect(JSON.stringify(body)).not.toContain('bewohnerin');
      expect((await detail(ref, role)).status).toBe(200);
    }
    const refused = await patch(ref, { version: 1, status: 'in_review' }, 'police');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'forbidden' });
    expect((await (await detail(ref, 'police')).json()).status).toBe('new');
  });

  it('shows the resident\'s words and e-mail to triage and admin only, and audits such API reads', async () => {
    const triage = await (await detail(ref, 'triage')).json();
    expect(triage).toMatchObject({ ref, description: 'Am Kiosk von Frau Schmidt ist es dunkel.', contactEmail: 'bewohnerin@example.org', canEdit: true });
    const police = await (await detail(ref, 'police')).json();
    expect(police).not.toHaveProperty('description');
    expect(police).not.toHaveProperty('contactEmail');
    expect(police).toMatchObject({ hasDescription: true, hasContactEmail: true, canEdit: false });
    const reads = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'report.personal_data_read'), eq(auditLog.entityId, String(triage.id))));
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(reads.every((r) => JSON.stringify(r).indexOf('Schmidt') === -1)).toBe(true);
  });

  it('changes a report and answers with its new state', async () => {
    const response = await patch(ref, { version: 1, status: 'in_review', note: 'Schaue ich mir an' });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ ref, status: 'in_review', version: 2 });
    expect(body.history.map((h: { kind: string }) => h.kind)).toEqual(['created', 'status_changed', 'note']);
    expect(body.history[1].actor.name).toBe('api-triage');
  });

  it('answers a stale version with 409 and the current state; two PATCHes with one version: one wins', async () => {
    const [a, b] = await Promise.all([
      patch(ref, { version: 2, status: 'confirmed' }),
      patch(ref, { version: 2, category: 'drugs' }, 'admin'),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    const body = await loser.json();
    expect(body).toMatchObject({ error: 'conflict', message: expect.stringContaining('inzwischen geändert'), current: { ref, version: 3 } });
    const now = await (await detail(ref, 'triage')).json();
    expect(now.version).toBe(3);
    expect(now).toEqual(body.current);
  });

  it('audits the resident\'s words in a PATCH answer too, the 409 included', async () => {
    const reads = async () =>
      (await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'report.personal_data_read'), eq(auditLog.entity, 'report')))).length;
    const before = await reads();
    const stale = await patch(ref, { version: 99, note: 'x' });
    expect(stale.status).toBe(409);
    expect((await stale.json()).current).toMatchObject({ description: 'Am Kiosk von Frau Schmidt ist es dunkel.' });
    expect(await reads()).toBe(before + 1);
  });

  it('answers 422 with a message per field, in the caller\'s language', async () => {
    const version = (await (await detail(other, 'triage')).json()).version;
    const cases: [unknown, Record<string, string>][] = [
      [{ status: 'in_review' }, { version: 'Bitte füllen Sie dieses Feld aus.' }],
      [{ version: 'drei', status: 'in_review' }, { version: 'Dieser Wert ist nicht gültig.' }],
      [{ version, status: 'resolved' }, { status: 'Dieser Statuswechsel ist vom aktuellen Status aus nicht möglich.' }],
      [{ version, status: 'dismissed' }, { reason: 'Bitte begründen Sie, warum die Meldung verworfen wird.' }],
      [{ version, category: 'nope' }, { category: 'Bitte wählen Sie eine Kategorie aus der Liste.' }],
      [{ version, mergeInto: other }, { mergeInto: 'Eine Meldung kann nicht mit sich selbst zusammengeführt werden.' }],
      [{ version, lat: 40, lon: 7.5 }, { lat: 'Diese Position liegt außerhalb der Stadt.', lon: 'Diese Position liegt außerhalb der Stadt.' }],
      [{ version, colour: 'red' }, { colour: 'Dieses Feld ist unbekannt.' }],
      // PostgreSQL's text cannot hold U+0000: refused, not a failed query.
      [{ version, note: 'a\u0000b' }, { note: 'Dieser Wert ist nicht gültig.' }],
      [{ version, category: 'drugs\u0000' }, { category: 'Bitte wählen Sie eine Kategorie aus der Liste.' }],
      [{ version }, { form: 'Es würde sich nichts ändern.' }],
    ];
    for (const [body, fields] of cases) {
      const response = await patch(other, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      const answer = await response.json();
      expect(answer).toEqual({ error: 'validation_failed', message: 'Die Änderung ist nicht gültig.', fields });
    }
    const english = await patch(other, { version, status: 'dismissed' }, 'triage', { 'accept-language': 'en-GB' });
    expect((await english.json()).fields).toEqual({ reason: 'Please give a reason for dismissing the report.' });
  });

  it('refuses bodies that are not JSON, and unknown references', async () => {
    expect((await patch(other, 'not json')).status).toBe(400);
    const wrongType = await patch(other, { version: 1 }, 'triage', { 'content-type': 'text/plain' });
    expect(wrongType.status).toBe(415);
    expect(await wrongType.json()).toMatchObject({ error: 'unsupported_media_type' });
    expect((await patch('LUN-ZZZZZZ', { version: 1, note: 'x' })).status).toBe(404);
    expect((await patch('nonsense', { version: 1, note: 'x' })).status).toBe(404);
    const missing = await detail('LUN-ZZZZZZ', 'police');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not_found' });
  });

  it('refuses an invalid inbox query with 400 and says which parameter', async () => {
    const response = await list('?status=open&from=2026-13-01&cursor=abc', 'police');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_query',
      message: 'Die Abfrage ist nicht gültig.',
      fields: {
        status: 'Unbekannter Status.',
        from: 'Bitte geben Sie ein Datum als JJJJ-MM-TT ein.',
        cursor: 'Dieser Seitenlink ist veraltet. Die erste Seite wird angezeigt.',
      },
    });
    // A date no report can have, and a search text with U+0000, which PostgreSQL cannot compare.
    const odd = await list('?to=9999-12-31&q=LUN-%00', 'police');
    expect(odd.status).toBe(400);
    expect((await odd.json()).fields).toEqual({
      to: 'Bitte geben Sie ein Datum als JJJJ-MM-TT ein.',
      q: 'Der Suchtext enthält ein Steuerzeichen, nach dem nicht gesucht werden kann.',
    });
  });

  it('refuses a category or district that does not exist instead of answering an empty list', async () => {
    const response = await list('?category=nope&district=atlantis', 'police');
    expect(response.status).toBe(400);
    expect((await response.json()).fields).toEqual({ category: 'Unbekannter Wert.', district: 'Unbekannter Wert.' });
    expect((await list('?category=poor-lighting', 'police')).status).toBe(200);
  });

  it('pages with the cursor it hands out', async () => {
    const first = await (await list('?sort=nearby', 'triage')).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeNull();
    expect(first.items[0]).toMatchObject({ nearby: 2 });
  });
});
