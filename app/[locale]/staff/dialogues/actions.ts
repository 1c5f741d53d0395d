'use server';

import { requireRole } from '@/lib/auth/require';
import { getDb } from '@/lib/db/client';
import { failureState, formLocale, idFrom, orUnavailable, stringFrom } from '@/lib/dialogues/actions-support';
import type { EditorFormState } from '@/lib/dialogues/form-state';
import { addConcern, changeDialogueStatus, createDialogue, moveConcern, removeConcern, updateConcern, updateDialogue } from '@/lib/dialogues/service';
import { formToInput } from '@/lib/dialogues/validation';
import { isDialogueTransition } from '@/lib/dialogues/workflow';
import { redirect } from '@/lib/i18n/navigation';

// Coordinators (and admins) only: each action checks the role itself, first. Listed in
// tests/integration/authorization-matrix.test.ts. Success redirects to the page that shows the
// result (with ?saved=… for the confirmation); a refusal returns the form's state.

const notFound: EditorFormState = { status: 'not_found', values: {} };

/** Creates a dialogue (no id) or saves its details (id and the version the editor loaded). */
export async function saveDialogue(_state: EditorFormState, formData: FormData): Promise<EditorFormState> {
  const user = await requireRole('coordinator');
  const id = idFrom(formData, 'id');
  return orUnavailable(formData, async () => {
    const db = await getDb();
    const input = formToInput(formData);
    const result = id === null ? await createDialogue(db, user, input) : await updateDialogue(db, user, id, input);
    if (!result.ok) return failureState(result, formData);
    return redirect({ href: `/staff/dialogues/${result.value.id}?saved=${id === null ? 'created' : 'dialogue'}`, locale: await formLocale(formData) });
  });
}

/** Submit for review, back to draft, publish, unpublish (lib/dialogues/workflow.ts). */
export async function changeDialogueStatusAction(_state: EditorFormState, formData: FormData): Promise<EditorFormState> {
  const user = await requireRole('coordinator');
  const id = idFrom(formData, 'id');
  const transition = stringFrom(formData, 'transition');
  if (id === null || !isDialogueTransition(transition)) return notFound;
  return orUnavailable(formData, async () => {
    const result = await changeDialogueStatus(await getDb(), user, id, transition, formToInput(formData));
    if (!result.ok) return failureState(result, formData);
    return redirect({ href: `/staff/dialogues/${id}?saved=${transition}`, locale: await formLocale(formData) });
  });
}

/** Adds a concern to a dialogue (no concernId) or saves one. */
export async function saveConcern(_state: EditorFormState, formData: FormData): Promise<EditorFormState> {
  const user = await requireRole('coordinator');
  const dialogueId = idFrom(formData, 'dialogueId');
  const concernId = idFrom(formData, 'concernId');
  if (dialogueId === null) return notFound;
  return orUnavailable(formData, async () => {
    const db = await getDb();
    const input = formToInput(formData);
    const result = concernId === null ? await addConcern(db, user, dialogueId, input) : await updateConcern(db, user, concernId, input);
    if (!result.ok) return failureState(result, formData);
    return redirect({ href: `/staff/dialogues/${dialogueId}?saved=concern#concerns`, locale: await formLocale(formData) });
  });
}

export async function removeConcernAction(_state: EditorFormState, formData: FormData): Promise<EditorFormState> {
  const user = await requireRole('coordinator');
  const dialogueId = idFrom(formData, 'dialogueId');
  const concernId = idFrom(formData, 'concernId');
  if (dialogueId === null || concernId === null) return notFound;
  return orUnavailable(formData, async () => {
    const result = await removeConcern(await getDb(), user, concernId, formToInput(formData));
    if (!result.ok) return failureState(result, formData);
    return redirect({ href: `/staff/dialogues/${dialogueId}?saved=concern_removed#concerns`, locale: await formLocale(formData) });
  });
}

export async function moveConcernAction(_state: EditorFormState, formData: FormData): Promise<EditorFormState> {
  const user = await requireRole('coordinator');
  const dialogueId = idFrom(formData, 'dialogueId');
  const concernId = idFrom(formData, 'concernId');
  const direction = stringFrom(formData, 'direction');
  if (dialogueId === null || concernId === null || (direction !== 'up' && direction !== 'down')) return notFound;
  return orUnavailable(formData, async () => {
    const result = await moveConcern(await getDb(), user, concernId, direction, formToInput(formData));
    if (!result.ok) return failureState(result, formData);
    return redirect({ href: `/staff/dialogues/${dialogueId}?saved=concern_moved#concerns`, locale: await formLocale(formData) });
  });
}
