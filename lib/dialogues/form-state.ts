import type { FieldErrors } from './validation';

/**
 * What an editor form gets back from its server action. Success redirects (to the page that shows
 * the result), so only the ways a submission can fail are states; each keeps what was typed.
 */
export type EditorFormState =
  | { status: 'idle' }
  /** `errorValues`: what the messages name, such as the entry at fault. */
  | { status: 'invalid'; fields: FieldErrors; values: Record<string, string>; errorValues?: Record<string, string | number> }
  /** conflict: someone saved in between; not_allowed: the workflow refused the step. */
  | { status: 'conflict' | 'not_found' | 'not_allowed' | 'unavailable'; values: Record<string, string> };

export const idleState: EditorFormState = { status: 'idle' };
