type State = Record<string, unknown> | null;

const MAX_VALUE_CHARS = 300;

function show(value: unknown): string {
  if (value === undefined) return '–';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)} …` : text;
}

/**
 * An audit entry's before and after, key by key, folded away (a page text can be long). Values
 * are shown as text, never interpreted as markup.
 */
export function AuditChanges({ before, after, labels }: { before: State; after: State; labels: { before: string; after: string; show: string } }) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  if (keys.length === 0) return null;
  return (
    <details className="audit-changes">
      <summary>{labels.show}</summary>
      <dl>
        {keys.map((key) => (
          <div key={key}>
            <dt>
              <code>{key}</code>
            </dt>
            {before && key in before && (
              <dd>
                <span className="audit-changes__label">{labels.before}:</span> <span className="audit-changes__value">{show(before[key])}</span>
              </dd>
            )}
            {after && key in after && (
              <dd>
                <span className="audit-changes__label">{labels.after}:</span> <span className="audit-changes__value">{show(after[key])}</span>
              </dd>
            )}
          </div>
        ))}
      </dl>
    </details>
  );
}
