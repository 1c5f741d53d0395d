'use server';

import { revalidatePath } from 'next/cache';
import { fieldErrors, formValues, type FormState } from '@/lib/admin/form-state';
import { requireRole } from '@/lib/auth/require';
import { getDb } from '@/lib/db/client';
import { recomputePrioritiesExclusively } from '@/lib/priorities/service';
import { pageTextSchema, prioritySettingsSchema, settingsFormSchema, updatePageText, updatePrioritySettings, updateSettings } from '@/lib/settings/admin';
import { errorValuesOf } from '@/lib/zod-checks';

// Admin only: each action checks the role itself (tests/integration/authorization-matrix.test.ts).

/** Privacy threshold k (never below 3), e-mail retention and the origins allowed to embed the widget. */
export async function saveSettingsAction(_previous: FormState, form: FormData): Promise<FormState> {
  const admin = await requireRole('admin');
  const values = formValues(form);
  const parsed = settingsFormSchema.safeParse(values);
  if (!parsed.success) return { status: 'invalid', values, fields: fieldErrors(parsed.error), errorValues: errorValuesOf(parsed.error) };
  const changed = await updateSettings(await getDb(), admin, parsed.data);
  revalidatePath('/[locale]/staff/admin/settings', 'page');
  return {
    status: 'saved',
    values: { ...values, embedOrigins: parsed.data.embedOrigins.join('\n') },
    notice: { code: changed.length > 0 ? 'settingsSaved' : 'settingsUnchanged' },
  };
}

/**
 * The patrol-priority parameters. Those the stored aggregates depend on (half-life, bandwidth,
 * reporter window) rebuild them at once, in one transaction (lib/priorities/service.ts).
 */
export async function savePrioritySettingsAction(_previous: FormState, form: FormData): Promise<FormState> {
  const admin = await requireRole('admin');
  const values = formValues(form);
  const parsed = prioritySettingsSchema.safeParse(values);
  if (!parsed.success) return { status: 'invalid', values, fields: fieldErrors(parsed.error) };
  const db = await getDb();
  const changed = await updatePrioritySettings(db, admin, parsed.data);
  if (changed.length > 0) await recomputePrioritiesExclusively(db);
  revalidatePath('/[locale]/staff/admin/settings', 'page');
  revalidatePath('/[locale]/staff/priorities', 'page');
  return { status: 'saved', values, notice: { code: changed.length > 0 ? 'settingsSaved' : 'settingsUnchanged' } };
}

/** A legal page's Markdown in one language, or (`reset`) back to the city's default text. */
export async function savePageTextAction(_previous: FormState, form: FormData): Promise<FormState> {
  const admin = await requireRole('admin');
  const values = formValues(form);
  const reset = values.reset === '1';
  const parsed = pageTextSchema.safeParse(reset ? { ...values, markdown: '# -' } : values);
  if (!parsed.success) return { status: 'invalid', values, fields: fieldErrors(parsed.error) };
  const { page, lang, markdown } = parsed.data;
  await updatePageText(await getDb(), admin, page, lang, reset ? null : markdown);
  revalidatePath('/[locale]/staff/admin/settings', 'layout');
  revalidatePath(`/[locale]/${page}`, 'page');
  return { status: 'saved', notice: { code: reset ? 'pageReset' : 'pageSaved' } };
}
