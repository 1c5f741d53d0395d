import { filterFieldAria } from '@/components/staff/filter-errors';

/**
 * A labelled choice of one value or "all", for the staff pages' GET filter forms (districts,
 * categories): the option values land in the address, so a view can be shared.
 */
export function FilterSelect({
  name,
  label,
  allLabel,
  value,
  options,
  error,
}: {
  name: string;
  label: string;
  allLabel: string;
  value: string | undefined;
  options: readonly { value: string; label: string }[];
  /** The key of the page's message about this filter (FilterErrors), when it could not be used. */
  error?: string;
}) {
  return (
    <div>
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ''} {...filterFieldAria(error)}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
