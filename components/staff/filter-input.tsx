import type { ComponentProps, ReactNode } from 'react';
import { filterFieldAria } from '@/components/staff/filter-errors';

/**
 * A labelled field of a staff page's GET filter form (dates, hours, search text), tied to its hint
 * and, when the page could not use what it holds, to the page's message about it (FilterErrors).
 */
export function FilterInput({
  name,
  label,
  error,
  hint,
  describedBy = [],
  fieldClassName,
  ...input
}: Omit<ComponentProps<'input'>, 'id' | 'name' | 'aria-invalid' | 'aria-describedby'> & {
  name: string;
  label: string;
  /** The key of the page's message about this filter, when it could not be used. */
  error?: string | false;
  /** Shown below the field. */
  hint?: ReactNode;
  /** Hints elsewhere on the page that the field is read with (their ids). */
  describedBy?: string[];
  /** The class of the label's and field's box (`className` is the field's). */
  fieldClassName?: string;
}) {
  const hintId = hint ? `filter-${name}-hint` : undefined;
  return (
    <div className={fieldClassName}>
      <label htmlFor={`filter-${name}`}>{label}</label>
      <input id={`filter-${name}`} name={name} {...input} {...filterFieldAria(error, hintId, ...describedBy)} />
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
    </div>
  );
}
