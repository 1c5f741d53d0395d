'use server';

import { requireRole } from '@/lib/auth/require';
import { getDb } from '@/lib/db/client';
import { failureState, formLocale, idFrom, orUnavailable, stringFrom } from '@/lib/dialogues/actions-support';
import type { EditorFormState } from '@/lib/dialogues/form-state';
import { addMeasureUpdate as addUpdate, createMeasure, setMeasurePublished, updateMeasure } from '@/lib/dialogues/service';
import { formToInput } from '@/lib/dialogues/validation';
import { redirect } from '@/lib/i18n/navigation';

// Coordinators (and admins) only: each action checks the role itself, first. Listed in
// tests/integration/authorization-matrix.test.ts.

const notFound: EditorFormState = { status: 'not_found', values: {} };

/**
 * Creates a measure (no id) or saves one. A new measure of a dialogue leads back to the dialogue,
 * where the next one is added; any other lands on the measure's own page.
 */
export async function saveMeasure(_state: EditorFormState, formData: FormData): Promise<EditorFormState> {
  const user = await requireRole('coordinator');
  const id = idFrom(formData, 'id');
  return orUnavailable(formData, async () => {
    const db = await getDb();
    const input = formToInput(formData);
    const result = id === null ? await createMeasure(db, user, input) : await updateMeasure(db, user, id, input);
    if (!result.ok) return failureState(result, formData);
    const measure = result.value;
    const href =
      id === null && measure.dialogueId !== null
        ? `/staff/dialogues/${measure.dialogueId}?saved=measure_created#measures`
        : `/staff/measures/${measure.id}?saved=${id === null ? 'measure_created' : 'measure'}`;
    return redirect({ href, locale: await formLocale(formData) });
  });
}

/** A dated progress update, with an optional status change, in one transaction. */
export async function addMeasureUpdate(_state: EditorFormState, formData: FormData): Promise<EditorFormState> {
  const user = await requireRole('coordinator');
  const id = idFrom(formData, 'id');
  if (id === null) return notFound;
  return orUnavailable(formData, async () => {
    const result = await addUpdate(await getDb(), user, id, formToInput(formData));
    if (!result.ok) return failureState(result, formData);
    return redirect({ href: `/staff/measures/${id}?saved=progress#progress`, locale: await formLocale(formData) });
  });
}

/** Publishes (publish=1) or hides (publish=0) a measure that stands without a dialogue. */
export async function setMeasurePublication(_state: EditorFormState, formData: FormData): Promise<EditorFormState> {
  const user = await requireRole('coordinator');
  const id = idFrom(formData, 'id');
  const publish = stringFrom(formData, 'publish');
  if (id === null || (publish !== '1' && publish !== '0')) return notFound;
  return orUnavailable(formData, async () => {
    const result = await setMeasurePublished(await getDb(), user, id, publish === '1', formToInput(formData));
    if (!result.ok) return failureState(result, formData);
    return redirect({ href: `/staff/measures/${id}?saved=${publish === '1' ? 'measure_published' : 'measure_unpublished'}`, locale: await formLocale(formData) });
  });
}
