import { describe, expect, it } from 'vitest';
import { dialogueStatuses, measureStatuses } from '@/lib/db/schema';
import {
  availableDialogueTransitions,
  canApplyDialogueTransition,
  canChangeMeasureStatus,
  dialogueTransitionNames,
  isDialogueTransition,
} from './workflow';

describe('the dialogue workflow', () => {
  it('offers each status exactly its next steps', () => {
    expect(availableDialogueTransitions('draft')).toEqual(['submit']);
    expect(availableDialogueTransitions('in_review')).toEqual(['return_to_draft', 'publish']);
    expect(availableDialogueTransitions('published')).toEqual(['unpublish']);
  });

  it('publishes only after review', () => {
    expect(canApplyDialogueTransition('draft', 'publish')).toBe(false);
    expect(canApplyDialogueTransition('in_review', 'publish')).toBe(true);
    expect(canApplyDialogueTransition('published', 'publish')).toBe(false);
  });

  it('allows every step from exactly the statuses it names (the whole table)', () => {
    const allowed = dialogueStatuses.flatMap((status) =>
      dialogueTransitionNames.filter((t) => canApplyDialogueTransition(status, t)).map((t) => `${status}:${t}`),
    );
    expect(allowed).toEqual(['draft:submit', 'in_review:return_to_draft', 'in_review:publish', 'published:unpublish']);
  });

  it('knows its step names and nothing else', () => {
    expect(isDialogueTransition('publish')).toBe(true);
    expect(isDialogueTransition('toString')).toBe(false);
    expect(isDialogueTransition(undefined)).toBe(false);
  });
});

describe('the measure status', () => {
  it('moves forward: planned → in progress → done, or rejected while open', () => {
    const allowed = measureStatuses.flatMap((from) => measureStatuses.filter((to) => canChangeMeasureStatus(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual(['planned→in_progress', 'planned→rejected', 'in_progress→done', 'in_progress→rejected']);
  });

  it('treats done and rejected as final', () => {
    for (const to of measureStatuses) {
      expect(canChangeMeasureStatus('done', to)).toBe(false);
      expect(canChangeMeasureStatus('rejected', to)).toBe(false);
    }
  });
});
