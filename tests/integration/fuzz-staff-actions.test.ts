/**
 * Property-based fuzzing of every server action (issue 7, "Security"): each is called as a
 * signed-in admin — who passes every role check, so the input reaches the code behind it — with
 * hundreds of arbitrary forms and argument shapes (anything the Next.js action protocol can
 * deliver: FormData with unicode, control characters, huge values, odd field names, files; plain
 * strings, numbers, objects, nothing). Every call must end in a returned state, a redirect or a
 * 404 — never an unexpected error (a 500) — and must store nothing, on PGlite and PostgreSQL.
 *
 * The actions are found on disk (tests/helpers/server-actions.ts, as the authorisation matrix
 * does): one without an entry in `fuzzEntries` fails the first test. Each entry names the fields
 * the action reads and its "poisons": changes of which any one alone makes the form refused
 * (an id of nothing, a field no validation accepts), so a random form can never be a valid one.
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { feedback, outbox, reports } from '@/lib/db/schema';
import { seedDemoDialogues } from '@/lib/db/seed/demo-dialogues';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { loadServerActions, serverActionFiles, type ServerAction } from '../helpers/server-actions';
import { insertReport } from '../helpers/reports';
import { createStaff, sessionCookieFor } from '../helpers/staff';

/** Calls per action and database; FUZZ_RUNS=2000 for a longer hunt. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

// Server actions read the session through next/headers; here the test decides whose it is.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
}));
vi.mock('next-intl/server', () => ({ getLocale: async () => 'de' }));
// Outside a Next.js request these would throw; a refused input never gets to them anyway.
vi.mock('next/cache', () => ({ revalidatePath: () => {}, refresh: () => {}, revalidateTag: () => {} }));

// --- What the fuzzer sends ------------------------------------------------------------------

/** Ids that exist in no table: zero, negative, beyond PostgreSQL's integer, or not numbers at all. */
const idOfNothing = fc.constantFrom('0', '-1', '999999', '2147483647', '2147483648', '99999999999', '1e3', '0x10', '1.5', ' 999998 ', '١', 'NaN', '');
/** References in the right shape that no report has, and refs in every wrong shape. */
const refOfNothing = fc.constantFrom('LUN-ZZZZZZ', 'lun-zzzzzz', 'XXX-222222', 'LUN-ZZZZZ', 'LUN-0OIL1U', 'LUN-ZZZZZZ\u0000', '');

const controlChars = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 20 });
/** Any text a browser (or an attacker) could put in a form field. */
const junkText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: controlChars },
  { weight: 1, arbitrary: idOfNothing },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'true',
      'false',
      'on',
      '1',
      'null',
      'undefined',
      '[]',
      '{}',
      '{"type":"FeatureCollection","features":[]}',
      '<script>alert(1)</script>',
      "' or 1=1 --",
      '\uD800',
      '\uFEFF',
      '2026-02-30',
      '2026-11-26',
      'poor-lighting',
      'admin',
      'publish',
      'up',
      'https://example.org',
    ),
  },
  // Huge values: beyond every field's maximum.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', 'ä', '😀', '\u0000', '9'), fc.integer({ min: 5_000, max: 200_000 })).map(([c, n]) => c.repeat(n)) },
);
/** Field names beyond the ones an action reads, including ones that try to reach prototypes. */
const junkName = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('__proto__', '__proto__.polluted', 'constructor.prototype.polluted', 'title.__proto__.polluted', 'prototype', '$ACTION_ID_x', '$ACTION_REF_1', '', ' ', 'id[]', 'roles[]'),
);
const junkFile = fc.tuple(fc.string({ maxLength: 200 }), fc.string({ maxLength: 30 }), fc.constantFrom('', 'application/json', 'application/geo+json', 'image/png')).map(
  ([content, name, type]) => new File([content], name, { type }),
);

type Entry = [name: string, value: string | File];
type Poison = fc.Arbitrary<Entry[]>;

/** A form with any subset of the action's fields (each possibly repeated) plus unknown ones. */
function formOf(fields: readonly string[]) {
  const field = fields.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fields) }, { weight: 1, arbitrary: junkName }) : junkName;
  const value = fc.oneof({ weight: 12, arbitrary: junkText }, { weight: 1, arbitrary: junkFile });
  return fc.array(fc.tuple(field, value), { maxLength: 12 });
}

/** Sets `name` to one of `values`, replacing whatever the form had under that name. */
const set = (name: string, values: fc.Arbitrary<string>): Poison => values.map((value) => [[name, value]]);
/** Removes a field (the form still has anything else). */
const without = (name: string): Poison => fc.constant([[`-${name}`, '']]);

function buildForm(entries: Entry[], poison: Entry[]): FormData {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  for (const [name, value] of poison) {
    if (name.startsWith('-')) form.delete(name.slice(1));
    else form.set(name, value);
  }
  return form;
}

/** What arrives instead of a form: anything React can decode from an action request. */
const notAForm = fc.oneof(fc.constant(undefined), fc.constant(null), fc.string({ maxLength: 30 }), fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 2 }));
const previousState = fc.oneof(fc.constant({ status: 'idle' }), fc.constant(undefined), fc.constant(null), fc.string({ maxLength: 10 }), fc.object({ maxDepth: 1 }));

type FuzzEntry = {
  /** The form fields the action reads. */
  fields: readonly string[];
  /** Changes of which any one alone makes every form refused. At least one is applied to each form. */
  poisons: Poison[];
  /** Tables the action may write even when refusing, and why (e.g. a sign-in failure is counted). */
  mayWrite?: readonly string[];
};

const dialogueTexts = ['title.de', 'title.en', 'title.tr', 'summary.de', 'summary.en', 'summary.tr'];
const dialogueFields = ['id', 'version', 'locale', 'districtId', 'heldOn', 'venue', 'participants', 'organisers', ...dialogueTexts];
const concernFields = ['dialogueId', 'concernId', 'version', 'locale', 'text.de', 'text.en', 'text.tr', 'placeKind', 'lat', 'lon', 'corners', 'cells', 'reports', 'direction'];
const measureFields = [
  'id',
  'version',
  'locale',
  'dialogueId',
  'districtId',
  'title.de',
  'title.en',
  'title.tr',
  'description.de',
  'description.en',
  'description.tr',
  'responsible',
  'responsibleName',
  'lat',
  'lon',
  'dueOn',
  'status',
  'publish',
  'date',
  'text.de',
  'text.en',
  'reason.de',
];
const reportFields = ['ref', 'version', 'status', 'reason', 'category', 'lat', 'lon', 'publicDescription', 'mergeInto', 'note', 'reply'];
/** The one report in the fuzz database (see beforeAll). */
const FUZZ_REF = 'LUN-FZZ222';
// A ref of nothing, or the real report at a version it never had (a conflict, after validation).
const reportPoisons: Poison[] = [set('ref', refOfNothing), fc.constantFrom('0', '99999', '2147483648').map((v): Entry[] => [['ref', FUZZ_REF], ['version', v]])];

// Every action on disk, with what to send it. See the file's comment.
const fuzzEntries: Record<string, Record<string, FuzzEntry>> = {
  'app/[locale]/staff/actions.ts': {
    // Ends the caller's own sessions (users.session_version) whatever the form says: that is its job.
    signOutAction: { fields: ['locale'], poisons: [fc.constant([])], mayWrite: ['users'] },
  },
  'app/[locale]/staff/login/actions.ts': {
    // No account has a junk address: every attempt fails, and failures are counted for the throttle.
    signInWithPassword: { fields: ['email', 'password', 'callbackUrl', 'locale'], poisons: [set('password', junkText.map((p) => `${p}?`))], mayWrite: ['rate_limits'] },
    signInWithIdentityProvider: { fields: ['callbackUrl', 'locale'], poisons: [fc.constant([])] },
  },
  'app/[locale]/barrierefreiheit/actions.ts': {
    sendFeedback: { fields: ['topic', 'message', 'email', 'page', 'locale', 'website'], poisons: [set('topic', junkText), without('message')] },
  },
  'app/[locale]/follow/actions.ts': {
    // Junk is never a valid address; junk tokens belong to no follow.
    requestFollowAction: { fields: ['target', 'targetId', 'email', 'locale', 'website'], poisons: [set('email', junkText.filter((e) => !e.includes('@'))), without('email')] },
    confirmFollowAction: { fields: ['token', 'locale'], poisons: [set('token', junkText)] },
    unsubscribeAction: { fields: ['token', 'locale'], poisons: [set('token', junkText)] },
  },
  'app/[locale]/staff/reports/actions.ts': {
    changeStatus: { fields: reportFields, poisons: reportPoisons },
    recategorise: { fields: reportFields, poisons: reportPoisons },
    movePin: { fields: reportFields, poisons: reportPoisons },
    redactDescription: { fields: reportFields, poisons: reportPoisons },
    mergeReport: { fields: reportFields, poisons: reportPoisons },
    addNote: { fields: reportFields, poisons: reportPoisons },
    replyToReporter: { fields: reportFields, poisons: reportPoisons },
    bulkChange: {
      fields: ['selected', 'change', 'status', 'reason', 'category'],
      poisons: [set('selected', fc.tuple(refOfNothing, fc.nat()).map(([ref, v]) => `${ref}:${v}`)), without('selected')],
    },
  },
  'app/[locale]/staff/patrols/actions.ts': {
    createPlanAction: { fields: ['date', 'from', 'to', 'startPoint', 'team', 'locale'], poisons: [set('date', fc.constantFrom('', 'morgen', '2026-13-01', '26.11.2026', '2026-02-30'))] },
    changeStopsAction: { fields: ['id', 'version', 'stopId', 'op', 'locale'], poisons: [set('id', idOfNothing)] },
    addStopAction: { fields: ['id', 'version', 'cell', 'lat', 'lon', 'locale'], poisons: [set('id', idOfNothing)] },
    changePlanStatusAction: { fields: ['id', 'version', 'status', 'locale'], poisons: [set('id', idOfNothing)] },
    logVisitAction: {
      fields: ['id', 'version', 'stopId', 'visitedAt', 'findings', 'note', `report:${FUZZ_REF}`, `reportVersion:${FUZZ_REF}`, 'locale'],
      poisons: [set('id', idOfNothing)],
    },
  },
  'app/[locale]/staff/priorities/actions.ts': {
    // Not a cell of the scoring resolution (10): a resolution-9 cell, fragments, nothing.
    setOverrideAction: { fields: ['cell', 'factor', 'reason', 'until'], poisons: [set('cell', fc.constantFrom('', '891f1d48177ffff', '8a1f0', 'not-a-cell', 'ffffffffffffffff'))] },
    endOverrideAction: { fields: ['cell', 'reason'], poisons: [set('cell', fc.constantFrom('', '891f1d48177ffff', '8a1f0', 'not-a-cell'))] },
  },
  'app/[locale]/staff/dialogues/actions.ts': {
    saveDialogue: { fields: dialogueFields, poisons: [set('id', idOfNothing.filter((id) => id !== '')), set('districtId', idOfNothing)] },
    changeDialogueStatusAction: { fields: [...dialogueFields, 'transition'], poisons: [set('id', idOfNothing)] },
    saveConcern: { fields: concernFields, poisons: [set('dialogueId', idOfNothing), set('concernId', idOfNothing.filter((id) => id !== ''))] },
    removeConcernAction: { fields: concernFields, poisons: [set('concernId', idOfNothing)] },
    moveConcernAction: { fields: concernFields, poisons: [set('concernId', idOfNothing)] },
  },
  'app/[locale]/staff/measures/actions.ts': {
    saveMeasure: {
      fields: measureFields,
      poisons: [set('id', idOfNothing.filter((id) => id !== '')), fc.constant<Entry[]>([['-id', ''], ['title.de', ' ']])],
    },
    addMeasureUpdate: { fields: measureFields, poisons: [set('id', idOfNothing)] },
    setMeasurePublication: { fields: measureFields, poisons: [set('id', idOfNothing)] },
  },
  'app/[locale]/staff/admin/users/actions.ts': {
    createUserAction: {
      fields: ['name', 'email', 'roles', 'signIn', 'password'],
      poisons: [set('email', junkText.filter((e) => !e.includes('@'))), set('signIn', junkText.filter((s) => s !== 'password' && s !== 'oidc'))],
    },
    updateUserAction: { fields: ['id', 'name', 'roles'], poisons: [set('id', idOfNothing), set('roles', junkText.filter((r) => !['triage', 'police', 'coordinator', 'admin'].includes(r)))] },
    setUserActiveAction: { fields: ['id', 'active'], poisons: [set('id', idOfNothing)] },
    resetPasswordAction: { fields: ['id', 'password', 'remove'], poisons: [set('id', idOfNothing)] },
  },
  'app/[locale]/staff/admin/categories/actions.ts': {
    createCategoryAction: {
      fields: ['slug', 'labelDe', 'labelEn', 'labelTr', 'descriptionDe', 'descriptionEn', 'descriptionTr', 'weight', 'active', 'sortOrder'],
      poisons: [set('slug', fc.constantFrom('poor-lighting', 'Poor Lighting', '-x', 'a', '', 'x'.repeat(41))), set('weight', fc.constantFrom('0', '-1', '10.5', 'viel', '', 'NaN'))],
    },
    updateCategoryAction: {
      fields: ['slug', 'labelDe', 'labelEn', 'labelTr', 'descriptionDe', 'descriptionEn', 'descriptionTr', 'weight', 'active', 'sortOrder'],
      poisons: [set('slug', fc.constantFrom('no-such-category', 'ufo', '', '__proto__')), set('weight', fc.constantFrom('0', '-1', '10.5', 'viel', '', 'Infinity'))],
    },
  },
  'app/[locale]/staff/admin/settings/actions.ts': {
    saveSettingsAction: { fields: ['privacyK', 'retentionDays', 'embedOrigins'], poisons: [set('privacyK', fc.constantFrom('2', '0', '-3', '51', '3.5', 'drei', '', '1e1'))] },
    savePrioritySettingsAction: {
      fields: ['halfLifeDays', 'bandwidthMetres', 'reporterWindowDays', 'trendDays', 'minSupport', 'minZ', 'fdrAlpha'],
      poisons: [set('halfLifeDays', fc.constantFrom('0', '366', '1.5', 'dreißig', '', '-1'))],
    },
    savePageTextAction: {
      fields: ['page', 'lang', 'markdown', 'reset'],
      poisons: [set('page', junkText.filter((p) => !['impressum', 'datenschutz', 'barrierefreiheit', 'leichte-sprache'].includes(p))), set('lang', fc.constantFrom('fr', 'DE', '', 'de ', 'toString'))],
    },
  },
  'app/[locale]/staff/admin/districts/actions.ts': {
    importDistrictsAction: {
      fields: ['file', 'geojson'],
      // Junk is never a FeatureCollection of closed polygons in Lünen; an empty collection is refused too.
      poisons: [set('geojson', fc.constantFrom('', '{}', '[]', 'null', '{"type":"FeatureCollection","features":[]}', '{"type":"FeatureCollection","features":[{"type":"Feature"}]}'))],
    },
  },
  'app/[locale]/staff/admin/api-keys/actions.ts': {
    createApiKeyAction: { fields: ['name'], poisons: [set('name', fc.constantFrom('', '   ', '\t\n', 'x'.repeat(101), ` ${'ü'.repeat(101)} `)), without('name')] },
    revokeApiKeyAction: { fields: ['id'], poisons: [set('id', idOfNothing)] },
  },
  'app/[locale]/staff/admin/outbox/actions.ts': { retryOutboxAction: { fields: ['id'], poisons: [set('id', idOfNothing)] } },
  'app/[locale]/staff/admin/feedback/actions.ts': { setFeedbackHandledAction: { fields: ['id', 'handled'], poisons: [set('id', idOfNothing)] } },
};

// --- How a call may end ---------------------------------------------------------------------

type Outcome = { kind: 'state'; state: unknown } | { kind: 'redirect'; to: string } | { kind: 'not found' } | { kind: 'error'; error: unknown };

async function outcomeOf(run: () => unknown): Promise<Outcome> {
  try {
    return { kind: 'state', state: await run() };
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? '');
    if (digest.startsWith('NEXT_REDIRECT;')) return { kind: 'redirect', to: digest.split(';')[2] };
    if (digest === 'NEXT_HTTP_ERROR_FALLBACK;404') return { kind: 'not found' };
    return { kind: 'error', error };
  }
}

const describeError = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error).slice(0, 300));

// --- The test -----------------------------------------------------------------------------

const actionFiles = serverActionFiles();

describe('every server action has a fuzz entry', () => {
  it('lists every action on disk, and nothing that is not there', async () => {
    expect(actionFiles.length).toBeGreaterThan(0);
    expect(Object.keys(fuzzEntries).sort()).toEqual(actionFiles);
    for (const file of actionFiles) expect(Object.keys(await loadServerActions(file)).sort(), file).toEqual(Object.keys(fuzzEntries[file]).sort());
  });
});

const cases = Object.entries(fuzzEntries).flatMap(([file, actions]) => Object.entries(actions).map(([name, entry]) => ({ file, name, entry })));

describe.each(testDatabaseKinds())('fuzzing the server actions as an admin on %s', (kind) => {
  let database: TestDatabase;
  let adminCookie: string;
  const adminEmail = 'fuzz-admin@stadt.example';

  /** Every table's content in one digest each: what "nothing stored" is checked against. */
  async function fingerprint(): Promise<Record<string, string>> {
    const tables = await database.db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    );
    const names = (Array.isArray(tables) ? tables : (tables as { rows: unknown[] }).rows).map((row) => (row as { name: string }).name);
    const digests: Record<string, string> = {};
    for (const name of names) {
      const result = await database.db.execute(sql`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${sql.identifier(name)} t`);
      const [row] = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number; digest: string }[];
      digests[name] = `${row.n} rows, ${row.digest}`;
    }
    return digests;
  }

  const without = (digests: Record<string, string>, tables: readonly string[]) => Object.fromEntries(Object.entries(digests).filter(([name]) => !tables.includes(name)));

  beforeAll(async () => {
    vi.stubEnv('__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS', 'true');
    database = await useTestDatabase(kind);
    // Something for every kind of id to miss, or to hit with a poisoned form: dialogue, concern,
    // measure, a report with an address, feedback, an outbox message and the admin.
    await seedDemoDialogues(database.db);
    await insertReport(database.db, { email: 'fuzz@example.org', ref: FUZZ_REF });
    await database.db.insert(feedback).values({ topic: 'other', message: 'Fuzz', locale: 'de' });
    await database.db.insert(outbox).values({ to: 'fuzz@example.org', subject: 'Fuzz', textBody: 'Fuzz', kind: 'reply', status: 'failed' });
    await createStaff(database.db, adminEmail, ['admin']);
    adminCookie = await sessionCookieFor(adminEmail);
    expect((await database.db.select({ n: sql<number>`count(*)::int` }).from(reports))[0].n).toBe(1);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await database.drop();
  });

  it.each(cases.map((c) => [`${c.name} in ${c.file}`, c] as const))('%s refuses arbitrary input without a 500 and stores nothing', async (_, { file, name, entry }) => {
    const action = (await loadServerActions(file))[name];
    const before = without(await fingerprint(), entry.mayWrite ?? []);
    const arguments_ = fc.oneof(
      {
        weight: 8,
        arbitrary: fc.tuple(formOf(entry.fields), fc.oneof(...entry.poisons)).map(([entries, poison]) => ({
          form: () => buildForm(entries, poison),
          // What fast-check prints for a counterexample.
          [fc.toStringMethod]: () => `form ${fc.stringify([...entries, ...poison].map(([n, v]) => [n, typeof v === 'string' && v.length > 100 ? `${v.slice(0, 20)}… (${v.length})` : v]))}`,
        })),
      },
      { weight: 1, arbitrary: fc.tuple(previousState, notAForm).map(([previous, value]) => ({ raw: [previous, value] as unknown[] })) },
      { weight: 1, arbitrary: notAForm.map((value) => ({ raw: [value] as unknown[] })) },
    );
    await fc.assert(
      fc.asyncProperty(arguments_, previousState, async (call, previous) => {
        request.headers = new Headers({ cookie: adminCookie, host: 'localhost', 'x-forwarded-for': '192.0.2.77' });
        const args = 'form' in call ? (action.length >= 2 ? [previous, call.form()] : [call.form()]) : call.raw;
        const outcome = await outcomeOf(() => (action as ServerAction)(...args));
        if (Object.hasOwn(Object.prototype, 'polluted')) {
          // Clean up, so the other actions' runs are not failed by this one's pollution.
          delete (Object.prototype as Record<string, unknown>).polluted;
          throw new Error(`${name} wrote a field into Object.prototype`);
        }
        if (outcome.kind === 'error') throw new Error(`${name} threw ${describeError(outcome.error)}`);
      }),
      { numRuns: RUNS },
    );
    expect(without(await fingerprint(), entry.mayWrite ?? [])).toEqual(before);
    // A sign-out ends the admin's session: the next action needs a fresh one.
    if (entry.mayWrite?.includes('users')) adminCookie = await sessionCookieFor(adminEmail);
  }, 300_000);
});
