'use server';

import { refresh } from 'next/cache';
import { formValues } from '@/lib/admin/form-state';
import { formLocale } from '@/lib/dialogues/actions-support';
import { redirect } from '@/lib/i18n/navigation';
import { requireRole } from '@/lib/auth/require';
import { getDb } from '@/lib/db/client';
import type { ReportActionState, BulkActionState } from '@/lib/reports/action-state';
import { normalizeRef } from '@/lib/reports/ref-format';
import { bulkUpdateReports, updateReport, type UpdateResult } from '@/lib/reports/update';
import { inboxEditors } from '@/lib/reports/workflow';

// The inbox's changes. Each action checks the role itself (proxy and pages can be bypassed) and is
// listed in tests/integration/authorization-matrix.test.ts. They take (previous state, form) as
// useActionState passes them; a plain <form action> passes the form alone, hence formOf().

function formOf(previous: unknown, formData: FormData | undefined): FormData {
  if (formData instanceof FormData) return formData;
  return previous instanceof FormData ? previous : new FormData();
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : undefined;
};

/** The version as a number when it is one; anything else goes on to validation as it came. */
const version = (form: FormData) => {
  const raw = text(form, 'version');
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : raw;
};

/**
 * Runs one change and says how it went. The page is refreshed after a change and after a conflict,
 * so the form shows the current state; typed text is echoed back so a form reset cannot lose it.
 */
async function change(
  user: { id: number },
  form: FormData,
  patch: Record<string, unknown>,
  echo: Record<string, string | undefined> = {},
): Promise<ReportActionState> {
  const ref = normalizeRef(text(form, 'ref') ?? '');
  if (!ref) return { status: 'not_found', at: Date.now() };
  const result: UpdateResult = await updateReport(await getDb(), user, ref, { version: version(form), ...patch });
  const values = Object.fromEntries(Object.entries(echo).filter((entry): entry is [string, string] => entry[1] !== undefined));
  if (result.ok) {
    refresh();
    return { status: 'saved', version: result.version, at: Date.now() };
  }
  if (result.error === 'conflict') {
    refresh();
    return { status: 'conflict', values, version: result.version, at: Date.now() };
  }
  if (result.error === 'not_found') return { status: 'not_found', at: Date.now() };
  return { status: 'invalid', fields: result.fields, values, at: Date.now() };
}

export async function changeStatus(previous: ReportActionState, formData?: FormData): Promise<ReportActionState> {
  const user = await requireRole(...inboxEditors);
  const form = formOf(previous, formData);
  const reason = text(form, 'reason')?.trim();
  return change(user, form, { status: text(form, 'status'), reason: reason || undefined }, { reason });
}

export async function recategorise(previous: ReportActionState, formData?: FormData): Promise<ReportActionState> {
  const user = await requireRole(...inboxEditors);
  const form = formOf(previous, formData);
  return change(user, form, { category: text(form, 'category') });
}

export async function movePin(previous: ReportActionState, formData?: FormData): Promise<ReportActionState> {
  const user = await requireRole(...inboxEditors);
  const form = formOf(previous, formData);
  const coordinate = (name: string) => {
    const value = text(form, name);
    return value !== undefined && value !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  };
  return change(user, form, { lat: coordinate('lat'), lon: coordinate('lon') });
}

export async function redactDescription(previous: ReportActionState, formData?: FormData): Promise<ReportActionState> {
  const user = await requireRole(...inboxEditors);
  const form = formOf(previous, formData);
  const publicDescription = text(form, 'publicDescription') ?? '';
  return change(user, form, { publicDescription }, { publicDescription });
}

/**
 * Merges, then goes back to the report page it was done on (`page`) with the outcome in the
 * address: the form that asked is gone with the merge (a duplicate is no longer offered).
 */
export async function mergeReport(previous: ReportActionState, formData?: FormData): Promise<ReportActionState> {
  const user = await requireRole(...inboxEditors);
  const form = formOf(previous, formData);
  const mergeInto = text(form, 'mergeInto')?.trim() ?? '';
  const result = await change(user, form, { mergeInto }, { mergeInto });
  const page = normalizeRef(text(form, 'page') ?? '');
  if (result.status !== 'saved' || !page) return result;
  return redirect({ href: `/staff/reports/${page}?saved=merged`, locale: await formLocale(form) });
}

export async function addNote(previous: ReportActionState, formData?: FormData): Promise<ReportActionState> {
  const user = await requireRole(...inboxEditors);
  const form = formOf(previous, formData);
  const note = text(form, 'note') ?? '';
  return change(user, form, { note }, { note });
}

export async function replyToReporter(previous: ReportActionState, formData?: FormData): Promise<ReportActionState> {
  const user = await requireRole(...inboxEditors);
  const form = formOf(previous, formData);
  const reply = text(form, 'reply') ?? '';
  return change(user, form, { reply }, { reply });
}

/**
 * The inbox's bulk form: checkboxes `selected` = "REF:version" (the version each row showed) and
 * a submit button `change` = "status" (with `status`, `reason`) or "category" (with `category`).
 */
export async function bulkChange(previous: BulkActionState, formData?: FormData): Promise<BulkActionState> {
  const user = await requireRole(...inboxEditors);
  const form = formOf(previous, formData);
  const selection = form
    .getAll('selected')
    .map((value) => /^([A-Z]{2,5}-[0-9A-Z]{6}):(\d+)$/.exec(String(value)))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ ref: match[1], version: Number(match[2]) }));
  const kind = text(form, 'change');
  const reason = text(form, 'reason')?.trim();
  // What was chosen (the ticked rows as a list), to show again after an error: React resets the form after its action.
  const values = formValues(form, ['selected']);
  if (selection.length === 0) return { status: 'invalid', fields: { selected: 'required' }, values, at: Date.now() };
  if (kind !== 'category' && !text(form, 'status')) return { status: 'invalid', fields: { status: 'status_required' }, values, at: Date.now() };
  const input = kind === 'category' ? { category: text(form, 'category') } : { status: text(form, 'status'), reason: reason || undefined };
  const result = await bulkUpdateReports(await getDb(), user, selection, input);
  if (!result.ok) return { status: 'invalid', fields: result.fields, values, at: Date.now() };
  refresh();
  return { status: 'done', changed: result.changed, skipped: result.skipped, at: Date.now() };
}
