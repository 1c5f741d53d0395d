/**
 * The authorisation matrix (issue 3, "Tests"): who may call what, stated once here, and checked
 * against what the code really answers. The test finds every staff route handler, every staff page
 * and every server action on disk; one that is not in the tables below fails, so a new route
 * cannot ship without someone deciding — and testing — who may use it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { staffRoles, type StaffRole } from '@/lib/db/schema';
import { seedDemoDialogues } from '@/lib/db/seed/demo-dialogues';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { createPlan } from '@/lib/patrols/service';
import { insertReport } from '../helpers/reports';
import { fileLevelUseServer, filesUnder, loadServerActions, serverActionFiles } from '../helpers/server-actions';
import { createStaff, ORIGIN, sessionCookieFor } from '../helpers/staff';

/** 'any staff': every role (admin included), but not a signed-in user without any role. */
type Access = 'public' | 'any staff' | StaffRole[];
type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

type ApiEntry = {
  access: Exclude<Access, 'public'>;
  /** What an allowed caller gets; 200 unless said otherwise (e.g. 422 for an empty PATCH body). */
  allowedStatus?: number;
  params?: Record<string, string>;
};

/** A report the matrix's database holds (created in beforeAll), for routes and pages with {ref}. */
const MATRIX_REF = 'LUN-MATRX2';

// Every route handler under app/api/staff/ (path relative to the repository root).
const apiMatrix: Record<string, Partial<Record<Method, ApiEntry>>> = {
  'app/api/staff/me/route.ts': { GET: { access: 'any staff' } },
  'app/api/staff/users/route.ts': { GET: { access: ['admin'] } },
  'app/api/staff/audit/route.ts': { GET: { access: ['admin'] } },
  // The report inbox: police read, triage changes (lib/reports/workflow.ts).
  'app/api/staff/reports/route.ts': { GET: { access: ['triage', 'police'] } },
  'app/api/staff/reports/[ref]/route.ts': {
    GET: { access: ['triage', 'police'], params: { ref: MATRIX_REF } },
    // Without a JSON body the allowed get as far as the body check.
    PATCH: { access: ['triage'], allowedStatus: 415, params: { ref: MATRIX_REF } },
  },
  // Patrol plans (issue 4): whoever reads plans downloads them. Plan 1 exists: see beforeAll.
  'app/api/staff/patrols/[id]/plan.gpx/route.ts': { GET: { access: ['police', 'triage', 'coordinator'], params: { id: '1' } } },
  'app/api/staff/patrols/[id]/plan.geojson/route.ts': { GET: { access: ['police', 'triage', 'coordinator'], params: { id: '1' } } },
};

// Every page under app/[locale]/staff/.
const pageMatrix: Record<string, { access: Access; params?: Record<string, string> }> = {
  // The dashboard.
  'app/[locale]/staff/page.tsx': { access: 'any staff' },
  // Dialogues and measures (issue 5). Ids 1 exist: see seedDemoDialogues in beforeAll.
  'app/[locale]/staff/dialogues/page.tsx': { access: ['coordinator'] },
  'app/[locale]/staff/dialogues/new/page.tsx': { access: ['coordinator'] },
  'app/[locale]/staff/dialogues/[id]/page.tsx': { access: ['coordinator'], params: { id: '1' } },
  'app/[locale]/staff/dialogues/[id]/preview/page.tsx': { access: ['coordinator'], params: { id: '1' } },
  'app/[locale]/staff/dialogues/[id]/concerns/new/page.tsx': { access: ['coordinator'], params: { id: '1' } },
  'app/[locale]/staff/dialogues/[id]/concerns/[concernId]/page.tsx': { access: ['coordinator'], params: { id: '1', concernId: '1' } },
  'app/[locale]/staff/measures/page.tsx': { access: ['coordinator'] },
  'app/[locale]/staff/measures/new/page.tsx': { access: ['coordinator'] },
  'app/[locale]/staff/measures/[id]/page.tsx': { access: ['coordinator'], params: { id: '1' } },
  // The administration (DESIGN.md, "Users and roles": admin only).
  'app/[locale]/staff/admin/page.tsx': { access: ['admin'] },
  'app/[locale]/staff/admin/users/page.tsx': { access: ['admin'] },
  'app/[locale]/staff/admin/users/new/page.tsx': { access: ['admin'] },
  // The first user the matrix creates has id 1.
  'app/[locale]/staff/admin/users/[id]/page.tsx': { access: ['admin'], params: { id: '1' } },
  'app/[locale]/staff/admin/categories/page.tsx': { access: ['admin'] },
  'app/[locale]/staff/admin/categories/new/page.tsx': { access: ['admin'] },
  'app/[locale]/staff/admin/categories/[slug]/page.tsx': { access: ['admin'], params: { slug: 'poor-lighting' } },
  'app/[locale]/staff/admin/districts/page.tsx': { access: ['admin'] },
  'app/[locale]/staff/admin/settings/page.tsx': { access: ['admin'] },
  'app/[locale]/staff/admin/settings/texts/[page]/[lang]/page.tsx': { access: ['admin'], params: { page: 'impressum', lang: 'en' } },
  'app/[locale]/staff/admin/audit/page.tsx': { access: ['admin'] },
  'app/[locale]/staff/admin/api-keys/page.tsx': { access: ['admin'] },
  'app/[locale]/staff/admin/outbox/page.tsx': { access: ['admin'] },
  'app/[locale]/staff/admin/feedback/page.tsx': { access: ['admin'] },
  'app/[locale]/staff/reports/page.tsx': { access: ['triage', 'police'] },
  'app/[locale]/staff/reports/[ref]/page.tsx': { access: ['triage', 'police'], params: { ref: MATRIX_REF } },
  // Patrol plans (issue 4): police and triage plan, coordinators read (lib/patrols/team.ts).
  'app/[locale]/staff/patrols/page.tsx': { access: ['police', 'triage', 'coordinator'] },
  'app/[locale]/staff/patrols/new/page.tsx': { access: ['police', 'triage'] },
  'app/[locale]/staff/patrols/effect/page.tsx': { access: ['police', 'triage', 'coordinator'] },
  'app/[locale]/staff/patrols/[id]/page.tsx': { access: ['police', 'triage', 'coordinator'], params: { id: '1' } },
  'app/[locale]/staff/patrols/[id]/print/page.tsx': { access: ['police', 'triage', 'coordinator'], params: { id: '1' } },
  // Patrol priorities (issue 4): everyone who works with patrols or their results reads.
  'app/[locale]/staff/priorities/page.tsx': { access: ['triage', 'police', 'coordinator'] },
  // The way in: it must be reachable without a session.
  'app/[locale]/staff/login/page.tsx': { access: 'public' },
};

// Every exported function of every 'use server' file in app/, components/ and lib/.
const actionMatrix: Record<string, Record<string, Access>> = {
  // Acts only on the caller's own session.
  'app/[locale]/staff/actions.ts': { signOutAction: 'public' },
  // Starting a sign-in needs no session.
  'app/[locale]/staff/login/actions.ts': { signInWithPassword: 'public', signInWithIdentityProvider: 'public' },
  // The report inbox's changes: triage (and admin); police only read (lib/reports/workflow.ts).
  'app/[locale]/staff/reports/actions.ts': {
    changeStatus: ['triage'],
    recategorise: ['triage'],
    movePin: ['triage'],
    redactDescription: ['triage'],
    mergeReport: ['triage'],
    addNote: ['triage'],
    replyToReporter: ['triage'],
    bulkChange: ['triage'],
  },
  // Boosting or suppressing a priority: police and triage (and admin); coordinators only read.
  'app/[locale]/staff/priorities/actions.ts': { setOverrideAction: ['triage', 'police'], endOverrideAction: ['triage', 'police'] },
  // Residents' accessibility feedback (BITV 2.0): open to everyone, rate-limited.
  'app/[locale]/barrierefreiheit/actions.ts': { sendFeedback: 'public' },
  // Following a district or measure by e-mail: open to everyone, rate-limited; the tokens in the
  // e-mails are what authorises confirming and unsubscribing.
  'app/[locale]/follow/actions.ts': { requestFollowAction: 'public', confirmFollowAction: 'public', unsubscribeAction: 'public' },
  // Recording and publishing dialogues and measures (issue 5).
  'app/[locale]/staff/dialogues/actions.ts': {
    saveDialogue: ['coordinator'],
    changeDialogueStatusAction: ['coordinator'],
    saveConcern: ['coordinator'],
    removeConcernAction: ['coordinator'],
    moveConcernAction: ['coordinator'],
  },
  'app/[locale]/staff/measures/actions.ts': {
    saveMeasure: ['coordinator'],
    addMeasureUpdate: ['coordinator'],
    setMeasurePublication: ['coordinator'],
  },
  // Patrol plans: police and triage change and log; coordinators only read.
  'app/[locale]/staff/patrols/actions.ts': {
    createPlanAction: ['police', 'triage'],
    changeStopsAction: ['police', 'triage'],
    addStopAction: ['police', 'triage'],
    changePlanStatusAction: ['police', 'triage'],
    logVisitAction: ['police', 'triage'],
  },
  // The administration.
  'app/[locale]/staff/admin/users/actions.ts': {
    createUserAction: ['admin'],
    updateUserAction: ['admin'],
    setUserActiveAction: ['admin'],
    resetPasswordAction: ['admin'],
  },
  'app/[locale]/staff/admin/categories/actions.ts': { createCategoryAction: ['admin'], updateCategoryAction: ['admin'] },
  'app/[locale]/staff/admin/districts/actions.ts': { importDistrictsAction: ['admin'] },
  'app/[locale]/staff/admin/settings/actions.ts': { saveSettingsAction: ['admin'], savePageTextAction: ['admin'], savePrioritySettingsAction: ['admin'] },
  'app/[locale]/staff/admin/api-keys/actions.ts': { createApiKeyAction: ['admin'], revokeApiKeyAction: ['admin'] },
  'app/[locale]/staff/admin/outbox/actions.ts': { retryOutboxAction: ['admin'] },
  'app/[locale]/staff/admin/feedback/actions.ts': { setFeedbackHandledAction: ['admin'] },
};

// ---------------------------------------------------------------------------------------------

const root = process.cwd();
const httpMethods: Method[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

const routeFiles = filesUnder('app/api/staff', (p) => /\/route\.(ts|tsx|js)$/.test(p));
const pageFiles = filesUnder('app/[locale]/staff', (p) => /\/page\.(ts|tsx|js|jsx)$/.test(p));
const actionFiles = serverActionFiles();

type Subject = { name: string; roles: StaffRole[] | null };
const subjects: Subject[] = [
  { name: 'anonymous', roles: null },
  { name: 'signed in without a role', roles: [] },
  ...staffRoles.map((role) => ({ name: role, roles: [role] })),
];

function allowed(access: Access, roles: StaffRole[] | null): boolean {
  if (access === 'public') return true;
  if (roles === null || roles.length === 0) return false;
  if (roles.includes('admin')) return true;
  return access === 'any staff' || access.some((role) => roles.includes(role));
}

describe('the authorisation matrix covers everything on disk', () => {
  it('lists every staff route handler and each method it exports', async () => {
    expect(routeFiles.length).toBeGreaterThan(0);
    expect(Object.keys(apiMatrix).sort()).toEqual(routeFiles);
    for (const file of routeFiles) {
      const loaded = (await import(/* @vite-ignore */ join(root, file))) as Record<string, unknown>;
      const exported = httpMethods.filter((m) => typeof loaded[m] === 'function');
      expect(exported, file).toEqual(Object.keys(apiMatrix[file]).sort((a, b) => httpMethods.indexOf(a as Method) - httpMethods.indexOf(b as Method)));
    }
  });

  it('lists every staff page', () => {
    expect(Object.keys(pageMatrix).sort()).toEqual(pageFiles);
  });

  it('lists every server action, each declared at the top of its file', async () => {
    expect(Object.keys(actionMatrix).sort()).toEqual(actionFiles);
    for (const file of actionFiles) {
      // Inline 'use server' functions could not be found here: keep actions in 'use server' files.
      expect(fileLevelUseServer.test(readFileSync(join(root, file), 'utf8')), `${file}: 'use server' must open the file`).toBe(true);
      const exported = Object.keys(await loadServerActions(file)).sort();
      expect(exported, file).toEqual(Object.keys(actionMatrix[file]).sort());
    }
  });
});

// Pages and actions read the request through next/headers; here the test decides what it holds.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {} }),
}));
// Pages translate through next-intl's request config, which only Next.js provides: keys are enough here.
vi.mock('next-intl/server', () => ({
  getLocale: async () => 'de',
  getTranslations: async () => Object.assign((key: string) => key, { rich: (key: string) => key, has: () => true }),
  getFormatter: async () => ({ dateTime: (d: Date) => d.toISOString(), number: String, list: (items: string[]) => items.join(', ') }),
  setRequestLocale: () => {},
}));

type Outcome = { kind: 'rendered' } | { kind: 'redirect'; to: string } | { kind: 'forbidden' } | { kind: 'error'; error: unknown };

async function outcomeOf(run: () => unknown): Promise<Outcome> {
  try {
    await run();
    return { kind: 'rendered' };
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? '');
    if (digest.startsWith('NEXT_REDIRECT;')) return { kind: 'redirect', to: digest.split(';')[2] };
    if (digest === 'NEXT_HTTP_ERROR_FALLBACK;403') return { kind: 'forbidden' };
    return { kind: 'error', error };
  }
}

describe.each(testDatabaseKinds())('authorisation matrix on %s', (kind) => {
  let database: TestDatabase;
  const cookies = new Map<string, string>();

  beforeAll(async () => {
    // What next.config's experimental.authInterrupts sets in a build: forbidden() works.
    vi.stubEnv('__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS', 'true');
    database = await useTestDatabase(kind);
    // Pages that show one record need one: dialogue, concern and measure 1.
    await seedDemoDialogues(database.db);
    await insertReport(database.db, { email: 'matrix@example.org', ref: MATRIX_REF });
    const staff: Partial<Record<string, number>> = {};
    for (const subject of subjects) {
      if (subject.roles === null) continue;
      const email = `matrix-${subject.name.replace(/\W+/g, '-')}@stadt.example`;
      staff[subject.name] = (await createStaff(database.db, email, subject.roles)).id;
      cookies.set(subject.name, await sessionCookieFor(email));
    }
    // Patrol plan 1, for the plan pages and downloads.
    const plan = await createPlan(database.db, { id: staff.police! }, { date: '2026-11-27', from: '20:00', to: '23:00', team: [staff.police, staff.triage], startPoint: 0 });
    if (!plan.ok || plan.value.id !== 1) throw new Error('matrix plan');
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await database.drop();
  });

  const apiCases = Object.entries(apiMatrix).flatMap(([file, methods]) =>
    Object.entries(methods).flatMap(([method, entry]) => subjects.map((subject) => ({ file, method, entry: entry!, subject }))),
  );

  it.each(apiCases.map((c) => [`${c.method} ${c.file} as ${c.subject.name}`, c] as const))('%s', async (_, { file, method, entry, subject }) => {
    const loaded = (await import(/* @vite-ignore */ join(root, file))) as Record<string, (r: Request, ctx: unknown) => Promise<Response>>;
    const path = file.replace(/^app/, '').replace(/\/route\.\w+$/, '').replace(/\[(\w+)\]/g, (_, name: string) => entry.params?.[name] ?? name);
    const response = await loaded[method](
      new Request(`${ORIGIN}${path}`, { method, headers: { cookie: cookies.get(subject.name) ?? '' } }),
      { params: Promise.resolve(entry.params ?? {}) },
    );
    const expected = subject.roles === null ? 401 : allowed(entry.access, subject.roles) ? (entry.allowedStatus ?? 200) : 403;
    expect(response.status).toBe(expected);
    if (expected === 401 || expected === 403) {
      expect(await response.json()).toMatchObject({ error: expected === 401 ? 'unauthenticated' : 'forbidden' });
    }
  });

  const pageCases = Object.entries(pageMatrix).flatMap(([file, entry]) => subjects.map((subject) => ({ file, entry, subject })));

  it.each(pageCases.map((c) => [`${c.file} as ${c.subject.name}`, c] as const))('%s', async (_, { file, entry, subject }) => {
    const loaded = (await import(/* @vite-ignore */ join(root, file))) as {
      default: (props: { params: Promise<Record<string, string>>; searchParams: Promise<Record<string, string>> }) => unknown;
    };
    request.headers = new Headers({ cookie: cookies.get(subject.name) ?? '', host: 'localhost' });
    const outcome = await outcomeOf(() =>
      loaded.default({ params: Promise.resolve({ locale: 'de', ...entry.params }), searchParams: Promise.resolve({}) }),
    );
    if (entry.access === 'public') {
      // A public page renders for everyone (the sign-in page sends signed-in users on to /staff).
      expect(outcome.kind === 'rendered' || (outcome.kind === 'redirect' && outcome.to.startsWith('/staff')), JSON.stringify(outcome)).toBe(true);
    } else if (subject.roles === null) {
      expect(outcome).toEqual({ kind: 'redirect', to: '/staff/login' });
    } else if (allowed(entry.access, subject.roles)) {
      expect(outcome).toEqual({ kind: 'rendered' });
    } else {
      expect(outcome).toEqual({ kind: 'forbidden' });
    }
  });

  const actionCases = Object.entries(actionMatrix).flatMap(([file, actions]) =>
    Object.entries(actions)
      .filter(([, access]) => access !== 'public')
      .flatMap(([name, access]) => subjects.map((subject) => ({ file, name, access, subject }))),
  );

  // Role-checked actions: called with an empty form, they must stop at requireRole() for those
  // without the role; whatever the allowed get back (often a validation error) is not an auth answer.
  // Actions for useActionState take the previous state first.
  it.skipIf(actionCases.length === 0).each(actionCases.map((c) => [`${c.name} in ${c.file} as ${c.subject.name}`, c] as const))(
    '%s',
    async (_, { file, name, access, subject }) => {
      const loaded = (await import(/* @vite-ignore */ join(root, file))) as Record<string, (...args: unknown[]) => unknown>;
      request.headers = new Headers({ cookie: cookies.get(subject.name) ?? '', host: 'localhost' });
      const action = loaded[name];
      const outcome = await outcomeOf(() => (action.length >= 2 ? action({ status: 'idle' }, new FormData()) : action(new FormData())));
      if (subject.roles === null) expect(outcome).toEqual({ kind: 'redirect', to: '/staff/login' });
      else if (allowed(access, subject.roles)) expect(outcome.kind).not.toBe('forbidden');
      else expect(outcome).toEqual({ kind: 'forbidden' });
    },
  );
});
