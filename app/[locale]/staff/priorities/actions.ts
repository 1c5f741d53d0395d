'use server';

import { revalidatePath } from 'next/cache';
import { formValues } from '@/lib/admin/form-state';
import { requireRole } from '@/lib/auth/require';
import { getDb } from '@/lib/db/client';
import { formLocale } from '@/lib/dialogues/actions-support';
import { redirect } from '@/lib/i18n/navigation';
import { endOverride, priorityEditors, setOverride } from '@/lib/priorities/overrides';
import type { OverrideFormState } from '@/lib/priorities/override-form';

// Police, triage and admin may boost or suppress; coordinators only read. Each action checks the
// role itself (tests/integration/authorization-matrix.test.ts); lib/priorities/overrides.ts checks again.

/**
 * Back to the ranking as it was filtered (`filters`, the page's query), with the outcome beside the
 * list of weightings: the ranking is recomputed, so the place may have moved or, at factor 0, left,
 * and the form that was used with it.
 */
async function backToRanking(form: FormData, saved: 'set' | 'ended'): Promise<never> {
  const query = new URLSearchParams(typeof form.get('filters') === 'string' ? String(form.get('filters')) : '');
  query.set('saved', saved);
  return redirect({ href: `/staff/priorities?${query.toString()}#overrides`, locale: await formLocale(form) });
}

/** Boost (factor > 1) or suppress (< 1) a cell, with a mandatory reason and an optional last day. */
export async function setOverrideAction(_previous: OverrideFormState, form: FormData): Promise<OverrideFormState> {
  const user = await requireRole(...priorityEditors);
  const values = formValues(form);
  const result = await setOverride(await getDb(), user, values);
  if (!result.ok) return { status: 'invalid', values, fields: result.fields };
  revalidatePath('/[locale]/staff/priorities', 'page');
  return backToRanking(form, 'set');
}

/** Ends a cell's boost or suppression (back to factor 1), with a reason. */
export async function endOverrideAction(_previous: OverrideFormState, form: FormData): Promise<OverrideFormState> {
  const user = await requireRole(...priorityEditors);
  const values = formValues(form);
  const result = await endOverride(await getDb(), user, values);
  if (!result.ok) return { status: 'invalid', values, fields: result.fields };
  revalidatePath('/[locale]/staff/priorities', 'page');
  return backToRanking(form, 'ended');
}
