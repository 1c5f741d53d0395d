import type { z } from 'zod';

/**
 * zod skips an object's refinements while any of its fields is wrong, so a form would learn of a
 * check across fields (a place within the city, a reason for a rejection) only on its next
 * submission. With these parameters such a check runs also then, so that one answer names every
 * problem; it is left out when the object itself or one of the check's own fields could not be read.
 */
export const unlessUnread = (fields: readonly string[]) => ({
  when: (payload: { value: unknown; issues: readonly { path?: readonly PropertyKey[] }[] }) =>
    typeof payload.value === 'object' &&
    payload.value !== null &&
    !payload.issues.some((issue) => !issue.path?.length || fields.includes(String(issue.path[0]))),
});

/** The values zod's custom issues carry for their messages (`params`), for a form's state. */
export function errorValuesOf(error: z.ZodError): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const issue of error.issues) {
    if (issue.code !== 'custom' || !issue.params) continue;
    for (const [key, value] of Object.entries(issue.params)) if (typeof value === 'string' || typeof value === 'number') values[key] ??= value;
  }
  return values;
}

/** zod's issues on one line, each with where it is ("refPrefix: Invalid string …"), for a start-up error. */
export function issuesText(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(the whole)'}: ${i.message}`).join('; ');
}
