'use server';

import { revalidatePath } from 'next/cache';
import { formValues } from '@/lib/admin/form-state';
import { requireRole } from '@/lib/auth/require';
import { getDb } from '@/lib/db/client';
import { endOverride, priorityEditors, setOverride } from '@/lib/priorities/overrides';
import type { OverrideFormState } from '@/lib/priorities/override-form';

// Police, triage and admin may boost or suppress; coordinators only read. Each action checks the
// role itself (tests/integration/authorization-matrix.test.ts); lib/priorities/overrides.ts checks again.

/** Boost (factor > 1) or suppress (< 1) a cell, with a mandatory reason and an optional last day. */
export async function setOverrideAction(_previous: OverrideFormState, form: FormData): Promise<OverrideFormState> {
  const user = await requireRole(...priorityEditors);
  const values = formValues(form);
  const result = await setOverride(await getDb(), user, values);
  if (!result.ok) return { status: 'invalid', values, fields: result.fields };
  revalidatePath('/[locale]/staff/priorities', 'page');
  return { status: 'saved' };
}

/** Ends a cell's boost or suppression (back to factor 1), with a reason. */
export async function endOverrideAction(_previous: OverrideFormState, form: FormData): Promise<OverrideFormState> {
  const user = await requireRole(...priorityEditors);
  const values = formValues(form);
  const result = await endOverride(await getDb(), user, values);
  if (!result.ok) return { status: 'invalid', values, fields: result.fields };
  revalidatePath('/[locale]/staff/priorities', 'page');
  return { status: 'saved' };
}
