/**
 * Coordinators record, preview, publish and unpublish a dialogue through the editor's server
 * actions, as the browser calls them, and the public reads (lists, feed) follow. Runs on PGlite
 * and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { changeDialogueStatusAction, saveConcern, saveDialogue } from '@/app/[locale]/staff/dialogues/actions';
import { addMeasureUpdate, saveMeasure, setMeasurePublication } from '@/app/[locale]/staff/measures/actions';
import { GET as getFeed } from '@/app/feed.xml/route';
import { auditLog, dialogues, districts, measures, type StaffRole } from '@/lib/db/schema';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { idleState, type EditorFormState } from '@/lib/dialogues/form-state';
import { getDialogueView, listPublicMeasures, listPublishedDialogues } from '@/lib/dialogues/queries';
import { createStaff, sessionCookieFor } from '../helpers/staff';

// Server actions read the session through next/headers; here the test decides whose it is.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {} }),
}));
vi.mock('next-intl/server', () => ({ getLocale: async () => 'de' }));

type Outcome = { kind: 'state'; state: EditorFormState } | { kind: 'redirect'; to: string } | { kind: 'forbidden' };
type Action = (state: EditorFormState, form: FormData) => Promise<EditorFormState>;

async function submit(action: Action, fields: Record<string, string | number>): Promise<Outcome> {
  const form = new FormData();
  form.set('locale', 'de');
  for (const [name, value] of Object.entries(fields)) form.set(name, String(value));
  try {
    return { kind: 'state', state: await action(idleState, form) };
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? '');
    if (digest.startsWith('NEXT_REDIRECT;')) return { kind: 'redirect', to: digest.split(';')[2] };
    if (digest === 'NEXT_HTTP_ERROR_FALLBACK;403') return { kind: 'forbidden' };
    throw error;
  }
}

function redirectTo(outcome: Outcome): string {
  if (outcome.kind !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(outcome)}`);
  return outcome.to;
}

async function feed(): Promise<string> {
  return (await getFeed(new Request('http://portal.test/feed.xml'))).text();
}

describe.each(testDatabaseKinds())('the dialogue editor on %s', (kind) => {
  let database: TestDatabase;
  const cookies = new Map<StaffRole, string>();
  const ids = new Map<StaffRole, number>();
  let districtId: number;

  const as = (role: StaffRole) => {
    request.headers = new Headers({ cookie: cookies.get(role)!, host: 'localhost' });
  };

  const dialogueFields = (title: string) => ({
    districtId,
    heldOn: '2026-11-12',
    venue: 'Bürgerhaus Brambauer',
    participants: 38,
    organisers: 'Stadt Lünen, Polizei Dortmund',
    'title.de': title,
    'title.en': `${title} (EN)`,
    'title.tr': '',
    'summary.de': 'Viele sprachen über den **Marktplatz** am Abend.',
    'summary.en': '',
    'summary.tr': '',
  });

  beforeAll(async () => {
    // What next.config's experimental.authInterrupts sets in a build: forbidden() works.
    vi.stubEnv('__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS', 'true');
    database = await useTestDatabase(kind);
    for (const role of ['coordinator', 'admin', 'triage', 'police'] as const) {
      const email = `editor-${role}@stadt.example`;
      const user = await createStaff(database.db, email, [role]);
      ids.set(role, user.id);
      cookies.set(role, await sessionCookieFor(email));
    }
    [{ id: districtId }] = await database.db.select({ id: districts.id }).from(districts).where(eq(districts.slug, 'brambauer'));
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await database.drop();
  });

  it('create → preview → publish makes the dialogue and its measures public; an update reaches the feed; unpublish hides it all', async () => {
    as('coordinator');
    const created = redirectTo(await submit(saveDialogue, dialogueFields('Sicherheitsdialog Brambauer')));
    expect(created).toMatch(/^\/staff\/dialogues\/\d+\?saved=created$/);
    const id = Number(/\/dialogues\/(\d+)/.exec(created)![1]);

    expect(redirectTo(await submit(saveConcern, { dialogueId: id, version: 1, 'text.de': 'Der Marktplatz ist abends dunkel.', placeKind: 'point', lat: '51.6005', lon: '7.4725' }))).toBe(
      `/staff/dialogues/${id}?saved=concern#concerns`,
    );
    const lighting = redirectTo(
      await submit(saveMeasure, { dialogueId: id, 'title.de': 'Mehr Licht auf dem Marktplatz', 'title.en': 'More light on the market square', responsible: 'city', lat: '51.6005', lon: '7.4725', dueOn: '2027-03-31' }),
    );
    expect(lighting).toBe(`/staff/dialogues/${id}?saved=measure_created#measures`);
    redirectTo(await submit(saveMeasure, { dialogueId: id, 'title.de': 'Fußstreife freitags', responsible: 'police', responsibleName: 'Bezirksdienst' }));

    // The preview: what the public page will show, while nothing is public yet.
    const [draft] = await database.db.select().from(dialogues).where(eq(dialogues.id, id));
    const preview = await getDialogueView(database.db, draft, { slug: 'brambauer', name: 'Brambauer' }, false);
    expect(preview.concerns.map((c) => c.text.de)).toEqual(['Der Marktplatz ist abends dunkel.']);
    expect(preview.measures.map((m) => [m.title.de, m.dialogue?.id])).toEqual([
      ['Mehr Licht auf dem Marktplatz', id],
      ['Fußstreife freitags', id],
    ]);
    expect((await listPublishedDialogues(database.db)).map((d) => d.id)).not.toContain(id);
    expect(await listPublicMeasures(database.db, { dialogueId: id })).toEqual([]);
    expect(await feed()).not.toContain('Sicherheitsdialog Brambauer');

    redirectTo(await submit(changeDialogueStatusAction, { id, version: 2, transition: 'submit' }));
    expect(redirectTo(await submit(changeDialogueStatusAction, { id, version: 3, transition: 'publish' }))).toBe(`/staff/dialogues/${id}?saved=publish`);

    const published = await listPublishedDialogues(database.db, { districtId });
    expect(published.map((d) => [d.id, d.title.de, d.measureCount])).toEqual([[id, 'Sicherheitsdialog Brambauer', 2]]);
    const publicMeasures = await listPublicMeasures(database.db, { dialogueId: id });
    expect(publicMeasures.map((m) => m.title.de).sort()).toEqual(['Fußstreife freitags', 'Mehr Licht auf dem Marktplatz']);
    expect(await feed()).toContain('<title>Sicherheitsdialog Brambauer</title>');

    // A progress update with a status change appears on the public measures and in the feed.
    const [{ id: measureId, version }] = await database.db
      .select({ id: measures.id, version: measures.version })
      .from(measures)
      .where(and(eq(measures.dialogueId, id), eq(measures.responsible, 'city')));
    expect(
      redirectTo(await submit(addMeasureUpdate, { id: measureId, version, 'text.de': 'Die Leuchten sind bestellt.', 'text.en': 'The lights have been ordered.', statusTo: 'in_progress' })),
    ).toBe(`/staff/measures/${measureId}?saved=progress#progress`);
    const updated = (await listPublicMeasures(database.db, { dialogueId: id })).find((m) => m.id === measureId)!;
    expect(updated.status).toBe('in_progress');
    expect(updated.updates.map((u) => u.text.de)).toEqual(['Die Leuchten sind bestellt.']);
    const xml = await feed();
    expect(xml).toContain('<summary>Die Leuchten sind bestellt.</summary>');
    expect(xml).toContain(`/measures#measure-${measureId}`);
    // Its measures came with the dialogue's entry: none of their own.
    expect(xml).not.toContain(`/feed/measure-${measureId}<`);
    expect((await (await getFeed(new Request('http://portal.test/feed.xml?locale=en'))).text())).toContain('The lights have been ordered.');

    redirectTo(await submit(changeDialogueStatusAction, { id, version: 4, transition: 'unpublish' }));
    expect((await listPublishedDialogues(database.db)).map((d) => d.id)).not.toContain(id);
    expect(await listPublicMeasures(database.db, { dialogueId: id })).toEqual([]);
    const hidden = await feed();
    expect(hidden).not.toContain('Sicherheitsdialog Brambauer');
    expect(hidden).not.toContain('Die Leuchten sind bestellt.');

    // Who did what, with before and after.
    const entries = await database.db.select().from(auditLog).where(inArray(auditLog.entity, ['dialogue', 'dialogue_concern', 'measure'])).orderBy(asc(auditLog.id));
    expect(entries.every((e) => e.actorId === ids.get('coordinator'))).toBe(true);
    expect(entries.map((e) => e.action)).toEqual([
      'dialogue.created',
      'dialogue.concern_added',
      'measure.created',
      'measure.created',
      'dialogue.submitted',
      'dialogue.published',
      'measure.progress_added',
      'dialogue.unpublished',
    ]);
    expect(entries.find((e) => e.action === 'measure.progress_added')).toMatchObject({ before: { status: 'planned' }, after: { status: 'in_progress' } });
  });

  it('a measure published on its own reaches the feed as soon as it is public', async () => {
    as('coordinator');
    const saved = redirectTo(await submit(saveMeasure, { 'title.de': 'Sitzbänke am Seepark beleuchten', 'description.de': 'Vier Leuchten entlang des Rundwegs.', responsible: 'city', districtId }));
    const id = Number(/\/measures\/(\d+)/.exec(saved)![1]);
    expect(await feed()).not.toContain('Sitzbänke am Seepark beleuchten');
    expect(redirectTo(await submit(setMeasurePublication, { id, version: 1, publish: '1' }))).toBe(`/staff/measures/${id}?saved=measure_published`);
    const xml = await feed();
    expect(xml).toContain(`<id>http://portal.test/feed/measure-${id}</id>`);
    expect(xml).toContain('<title>Sitzbänke am Seepark beleuchten</title>');
    expect(xml).toContain('<summary>Vier Leuchten entlang des Rundwegs.</summary>');
    expect(xml).toContain('<category term="measure"/>');
  });

  it('refuses a stale edit with a conflict and keeps what was typed', async () => {
    as('coordinator');
    const id = Number(/\/dialogues\/(\d+)/.exec(redirectTo(await submit(saveDialogue, dialogueFields('Dialog für zwei'))))![1]);
    redirectTo(await submit(saveDialogue, { ...dialogueFields('Dialog für zwei'), id, version: 1, venue: 'Rathaus' }));
    const stale = await submit(saveDialogue, { ...dialogueFields('Dialog für zwei'), id, version: 1, venue: 'Stadtbibliothek' });
    expect(stale).toEqual({ kind: 'state', state: { status: 'conflict', values: expect.objectContaining({ venue: 'Stadtbibliothek', version: '1' }) } });
    const [row] = await database.db.select().from(dialogues).where(eq(dialogues.id, id));
    expect(row).toMatchObject({ venue: 'Rathaus', version: 2 });
  });

  it('answers invalid input with field errors and the values as typed', async () => {
    as('coordinator');
    const outcome = await submit(saveDialogue, { ...dialogueFields(''), heldOn: '2026-13-01', participants: 'viele' });
    expect(outcome).toEqual({
      kind: 'state',
      state: {
        status: 'invalid',
        fields: { heldOn: 'invalid_date', participants: 'not_a_whole_number', 'title.de': 'required' },
        values: expect.objectContaining({ participants: 'viele', 'summary.de': 'Viele sprachen über den **Marktplatz** am Abend.' }),
      },
    });
    // Out of range: the number says which range (its message names it), the date is out of the years a dialogue can have.
    const outside = await submit(saveDialogue, { ...dialogueFields('Zu früh'), heldOn: '1999-12-31', participants: '-5' });
    expect(outside).toMatchObject({ kind: 'state', state: { fields: { heldOn: 'invalid_date', participants: 'participants_out_of_range' } } });
  });

  it('lets coordinators and admins edit; triage and police get 403 and change nothing', async () => {
    as('admin');
    expect(redirectTo(await submit(saveDialogue, dialogueFields('Von der Administration')))).toMatch(/saved=created$/);
    for (const role of ['triage', 'police'] as const) {
      as(role);
      expect(await submit(saveDialogue, dialogueFields(`Von ${role}`))).toEqual({ kind: 'forbidden' });
      expect(await submit(saveMeasure, { 'title.de': 'Heimlich', responsible: 'city' })).toEqual({ kind: 'forbidden' });
    }
    request.headers = new Headers({ host: 'localhost' });
    expect(await submit(saveDialogue, dialogueFields('Anonym'))).toEqual({ kind: 'redirect', to: '/staff/login' });
    const titles = (await database.db.select({ title: dialogues.title }).from(dialogues)).map((d) => d.title.de);
    expect(titles).toContain('Von der Administration');
    expect(titles.filter((t) => t.startsWith('Von t') || t.startsWith('Von p') || t === 'Anonym')).toEqual([]);
  });
});
