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
