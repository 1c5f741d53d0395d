import { FieldLink } from '@/components/field-link';
import { fieldAria } from '@/components/field-aria';
import { FocusOnArrival } from '@/components/focus-on-arrival';

/*
 * What a staff page's GET filter form could not use (a typed address, an end before its start):
 * said once, in a message that takes the focus when the page arrives with it — a message that was
 * there on load is not announced, and the focus would start at the top — and tied to the fields it
 * is about, which keep what was typed, to be corrected rather than typed again.
 */

/** The id of the message about one filter, for its fields' aria-describedby. */
export function filterErrorId(key: string): string {
  return `filter-${key}-error`;
}

/** The ARIA of a filter field: invalid and described by its message when `error` names one, and by its hints. */
export function filterFieldAria(error: string | false | undefined, ...hintIds: (string | undefined)[]) {
  return fieldAria(error && filterErrorId(error), ...hintIds);
}

export type FilterError = {
  /** What the message is about, as filterFieldAria is given it. */
  key: string;
  message: string;
  /** The id of the field to correct, linked from the message; none for what has no field. */
  field?: string;
};

export function FilterErrors({ intro, errors }: { intro: string; errors: FilterError[] }) {
  if (errors.length === 0) return null;
  return (
    // Keyed by what it says, so that another refusal after an in-page navigation takes the focus again.
    <FocusOnArrival key={errors.map((e) => `${e.key}:${e.message}`).join('|')} className="notice notice--error" role="alert">
      <p>{intro}</p>
      <ul>
        {errors.map((error) => (
          <li key={error.key} id={filterErrorId(error.key)}>
            {error.field ? <FieldLink target={error.field}>{error.message}</FieldLink> : error.message}
          </li>
        ))}
      </ul>
    </FocusOnArrival>
  );
}
