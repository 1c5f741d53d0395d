/**
 * A field's ARIA when it may be in error: aria-invalid while `errorId` names the message of its
 * error, and aria-describedby to that message first (what to put right), then to its hints. For a
 * group of choices it goes on each choice, as screen readers often skip a fieldset's description.
 */
export function fieldAria(errorId: string | false | null | undefined, ...hintIds: (string | false | null | undefined)[]) {
  return {
    'aria-invalid': errorId ? true : undefined,
    'aria-describedby': [errorId, ...hintIds].filter(Boolean).join(' ') || undefined,
  } as const;
}
