// Field limits of a report, without zod: the report form shows them from its first render, and
// loads the validation (and zod with it) only when the resident submits.
export const DESCRIPTION_MAX = 2000;
export const EMAIL_MAX = 254;
