import type { DialogueStatus, MeasureStatus } from '@/lib/db/schema';

/**
 * A dialogue goes draft → in review → published. Publishing needs the review step, so a second
 * pair of eyes (or at least a second look) comes before anything is public; unpublishing takes it
 * back to a draft, to be reviewed again before it returns.
 */
export const dialogueTransitions = {
  submit: { from: ['draft'], to: 'in_review' },
  return_to_draft: { from: ['in_review'], to: 'draft' },
  publish: { from: ['in_review'], to: 'published' },
  unpublish: { from: ['published'], to: 'draft' },
} as const satisfies Record<string, { from: readonly DialogueStatus[]; to: DialogueStatus }>;

export type DialogueTransition = keyof typeof dialogueTransitions;
export const dialogueTransitionNames = Object.keys(dialogueTransitions) as DialogueTransition[];

export function isDialogueTransition(value: unknown): value is DialogueTransition {
  return typeof value === 'string' && Object.hasOwn(dialogueTransitions, value);
}

export function canApplyDialogueTransition(status: DialogueStatus, transition: DialogueTransition): boolean {
  return (dialogueTransitions[transition].from as readonly DialogueStatus[]).includes(status);
}

/** The transitions a dialogue in this status offers, in the order the editor shows them. */
export function availableDialogueTransitions(status: DialogueStatus): DialogueTransition[] {
  return dialogueTransitionNames.filter((t) => canApplyDialogueTransition(status, t));
}

/**
 * A measure moves forward only: planned → in progress → done, or it is rejected (with a reason)
 * while still open. Done and rejected are final; a measure taken up again is a new measure, so the
 * public history never runs backwards.
 */
export const measureTransitions: Record<MeasureStatus, readonly MeasureStatus[]> = {
  planned: ['in_progress', 'rejected'],
  in_progress: ['done', 'rejected'],
  done: [],
  rejected: [],
};

export function canChangeMeasureStatus(from: MeasureStatus, to: MeasureStatus): boolean {
  return measureTransitions[from].includes(to);
}

/** Whether an edit of a dialogue in this status is a correction the public page announces ("updated on"). */
export function isCorrection(status: DialogueStatus): boolean {
  return status === 'published';
}
