import { getTranslations } from 'next-intl/server';

const widgets = [
  { name: 'report', path: '/embed/report', height: 900 },
  { name: 'map', path: '/embed/map', height: 700 },
] as const;

/**
 * What an admin pastes into the city website: one iframe per widget, in each language. The
 * widgets show only on the origins allowed above (Content-Security-Policy frame-ancestors).
 */
export async function EmbedSnippets({ origin, allowed }: { origin: string; allowed: readonly string[] }) {
  const t = await getTranslations('admin.embed');
  return (
    <section aria-labelledby="embed-snippets">
      <h2 id="embed-snippets">{t('title')}</h2>
      <p>{allowed.length > 0 ? t('intro', { origins: allowed.join(', ') }) : t('introNone')}</p>
      {widgets.map((widget) => {
        const snippet = `<iframe src="${origin}${widget.path}" title="${t(`titles.${widget.name}`)}" width="100%" height="${widget.height}" style="border:0" loading="lazy"></iframe>`;
        const id = `embed-snippet-${widget.name}`;
        return (
          <div className="form-field" key={widget.name}>
            <label htmlFor={id} className="label">
              {t(`labels.${widget.name}`)}
            </label>
            <p id={`${id}-hint`} className="hint">
              {t('languages', { en: `${origin}/en${widget.path}`, tr: `${origin}/tr${widget.path}` })}
            </p>
            <textarea id={id} aria-describedby={`${id}-hint`} readOnly rows={3} value={snippet} spellCheck={false} className="code-input embed-snippet" />
          </div>
        );
      })}
    </section>
  );
}
