/** What the boost/suppress forms' actions answer (no server-only imports: the client form uses it). */
export type OverrideFormState = {
  status: 'idle' | 'invalid' | 'saved';
  values?: Record<string, string | string[]>;
  /** Error codes per field, translated under priorities.errors (messages/*.json). */
  fields?: Partial<Record<string, string>>;
};

export const idleOverrideState: OverrideFormState = { status: 'idle' };
