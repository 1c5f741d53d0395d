import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/lib/i18n/routing';

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
  // The iframe's title names the widget in the widget's language: German at the plain address.
  const titleIn = (locale: Locale) => getTranslations({ locale, namespace: 'admin.embed.titles' });
  const [de, en, tr] = await Promise.all((['de', 'en', 'tr'] as const).map(titleIn));
  return (
    <section aria-labelledby="embed-snippets">
      <h2 id="embed-snippets">{t('title')}</h2>
      <p>{allowed.length > 0 ? t('intro', { origins: allowed.join(', ') }) : t('introNone')}</p>
      {widgets.map((widget) => {
        // allow="geolocation": the report form's "use my location" works in a frame only if the page lets it.
        const snippet = `<iframe src="${origin}${widget.path}" title="${de(widget.name)}" width="100%" height="${widget.height}" style="border:0" loading="lazy" allow="geolocation"></iframe>`;
        const id = `embed-snippet-${widget.name}`;
        return (
          <div className="form-field" key={widget.name}>
            <label htmlFor={id} className="label">
              {t(`labels.${widget.name}`)}
            </label>
            <p id={`${id}-hint`} className="hint">
              {t('languages', { en: `${origin}/en${widget.path}`, enTitle: en(widget.name), tr: `${origin}/tr${widget.path}`, trTitle: tr(widget.name) })}
            </p>
            <textarea id={id} aria-describedby={`${id}-hint`} readOnly rows={3} value={snippet} spellCheck={false} className="code-input embed-snippet" />
          </div>
        );
      })}
    </section>
  );
}
