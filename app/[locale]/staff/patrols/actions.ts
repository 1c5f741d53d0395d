'use server';

import { refresh } from 'next/cache';
import { formValues, type FormState } from '@/lib/admin/form-state';
import { requireRole } from '@/lib/auth/require';
import { getDb } from '@/lib/db/client';
import { formLocale, idFrom, stringFrom } from '@/lib/dialogues/actions-support';
import { isDatabaseUnavailable } from '@/lib/http/api';
import { formDataOf } from '@/lib/http/form-data';
import { redirect } from '@/lib/i18n/navigation';
import { addStop, changePlanStatus, createPlan, dropStop, logVisit, moveStop, reorderRoute, type PlanResult } from '@/lib/patrols/service';
import { planEditors } from '@/lib/patrols/team';
import type { FieldErrors } from '@/lib/patrols/validation';

// Police and triage (and admins) plan and log; coordinators only read. Each action checks the
// role itself, first. Listed in tests/integration/authorization-matrix.test.ts.

export type NewPlanState =
  | { status: 'idle' }
  | { status: 'invalid'; fields: FieldErrors; values: Record<string, string | string[]> }
  | { status: 'unavailable'; values: Record<string, string | string[]> };

function newPlanValues(formData: FormData) {
  return {
    date: String(formData.get('date') ?? ''),
    from: String(formData.get('from') ?? ''),
    to: String(formData.get('to') ?? ''),
    startPoint: String(formData.get('startPoint') ?? ''),
    team: formData.getAll('team').map(String),
  };
}

/** Creates a plan for a shift with its proposed stops, then shows it. */
export async function createPlanAction(_state: NewPlanState, formData: FormData): Promise<NewPlanState> {
  const user = await requireRole(...planEditors);
  const values = newPlanValues(formDataOf(formData));
  let id: number;
  try {
    const result = await createPlan(await getDb(), user, values);
    if (!result.ok) return { status: 'invalid', fields: result.error === 'invalid' ? result.fields : { form: 'invalid' }, values };
    id = result.value.id;
  } catch (error) {
    if (isDatabaseUnavailable(error)) return { status: 'unavailable', values };
    throw error;
  }
  return redirect({ href: `/staff/patrols/${id}?saved=created`, locale: await formLocale(formData) });
}

/**
 * Back to the plan with the outcome in the address: ?saved=… or ?error=…, and the section that was
 * used (`at`, and as the anchor), where the page shows the message; `kept` goes back into a refused form.
 */
async function backToPlan(
  formData: FormData,
  id: number | null,
  result: PlanResult<unknown>,
  saved: string,
  section: string,
  kept: Record<string, string> = {},
): Promise<never> {
  const locale = await formLocale(formData);
  if (id === null) return redirect({ href: '/staff/patrols', locale });
  if (result.ok) return redirect({ href: `/staff/patrols/${id}?saved=${saved}&at=${section}#${section}`, locale });
  const code = result.error === 'invalid' ? (Object.values(result.fields)[0] ?? 'invalid') : result.error;
  const params = new URLSearchParams({ error: code, at: section, ...kept });
  return redirect({ href: `/staff/patrols/${id}?${params.toString()}#${section}`, locale });
}

const notFound = { ok: false, error: 'not_found' } as const;

/** Drops a stop, moves it one place (op=up|down), or orders the route afresh (op=reorder). */
export async function changeStopsAction(formData: FormData) {
  const user = await requireRole(...planEditors);
  const id = idFrom(formData, 'id');
  const version = idFrom(formData, 'version');
  const stopId = idFrom(formData, 'stopId');
  const op = stringFrom(formData, 'op');
  const db = await getDb();
  let result: PlanResult<unknown> = notFound;
  if (id !== null && version !== null) {
    if (op === 'reorder') result = await reorderRoute(db, user, id, version);
    else if (stopId !== null && op === 'drop') result = await dropStop(db, user, id, version, stopId);
    else if (stopId !== null && (op === 'up' || op === 'down')) result = await moveStop(db, user, id, version, stopId, op === 'up' ? -1 : 1);
    else result = { ok: false, error: 'invalid', fields: { stop: 'stop_unknown' } };
  }
  return backToPlan(formData, id, result, 'changed', 'stops');
}

/** Adds a place from the shift's ranking (cell) or by coordinates (lat, lon). */
export async function addStopAction(formData: FormData) {
  const user = await requireRole(...planEditors);
  const id = idFrom(formData, 'id');
  const cell = stringFrom(formData, 'cell');
  const input = cell
    ? { version: stringFrom(formData, 'version'), cell }
    : { version: stringFrom(formData, 'version'), lat: stringFrom(formData, 'lat') || undefined, lon: stringFrom(formData, 'lon') || undefined };
  const result = id === null ? notFound : await addStop(await getDb(), user, id, input);
  // A typed place is refused beside its fields (the map's form, #place), with what was typed.
  if (cell) return backToPlan(formData, id, result, 'changed', 'add');
  return backToPlan(formData, id, result, 'changed', 'place', { lat: (stringFrom(formData, 'lat') ?? '').slice(0, 40), lon: (stringFrom(formData, 'lon') ?? '').slice(0, 40) });
}

/** draft → published → done. */
export async function changePlanStatusAction(formData: FormData) {
  const user = await requireRole(...planEditors);
  const id = idFrom(formData, 'id');
  const version = idFrom(formData, 'version');
  const to = stringFrom(formData, 'status');
  const result =
    id === null || version === null || (to !== 'published' && to !== 'done') ? notFound : await changePlanStatus(await getDb(), user, id, version, to);
  // A finished plan has no status form any more: its message goes to the top of the page.
  return backToPlan(formData, id, result, to === 'done' ? 'done' : 'published', to === 'done' && result.ok ? 'top' : 'status');
}

/**
 * Logs a visit of a stop; report:<ref> fields (with reportVersion:<ref>) move reports in the stop's
 * cell on. Answers with what was wrong and the form as submitted, so the visit's form stays open
 * with what the team typed; after a conflict the page is refreshed to the plan's current version.
 */
export async function logVisitAction(_state: FormState, formData: FormData): Promise<FormState> {
  const user = await requireRole(...planEditors);
  const form = formDataOf(formData);
  const id = idFrom(form, 'id');
  const moves = [...form.entries()]
    .filter(([key, value]) => key.startsWith('report:') && typeof value === 'string' && value !== '')
    .map(([key, value]) => ({ ref: key.slice('report:'.length), status: value, version: stringFrom(form, `reportVersion:${key.slice('report:'.length)}`) }));
  const input = {
    version: stringFrom(form, 'version'),
    stopId: stringFrom(form, 'stopId'),
    visitedAt: stringFrom(form, 'visitedAt') ?? undefined,
    findings: form.getAll('findings').map(String),
    note: stringFrom(form, 'note') ?? '',
    moves,
  };
  const result = id === null ? notFound : await logVisit(await getDb(), user, id, input);
  if (result.ok) return redirect({ href: `/staff/patrols/${id}?saved=logged&at=log#log`, locale: await formLocale(form) });
  if (result.error === 'conflict') refresh();
  return { status: 'invalid', fields: result.error === 'invalid' ? result.fields : { form: result.error }, values: formValues(form, ['findings']) };
}
