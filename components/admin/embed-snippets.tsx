import { getTranslations } from 'next-intl/server';
import { embedSnippet, embedWidgets } from '@/lib/embed/snippet';
import type { Locale } from '@/lib/i18n/routing';

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
      {embedWidgets.map((widget) => {
        // allow="geolocation" (in the snippet): "use my location" works in a frame only if the page lets it.
        const snippet = embedSnippet(origin, widget, de(widget.name));
        const id = `embed-snippet-${widget.name}`;
        return (
          <div className="form-field" key={widget.name}>
            <label htmlFor={id} className="label">
              {t(`labels.${widget.name}`)}
            </label>
            <p id={`${id}-hint`} className="hint">
              {t('languages', { en: `${origin}/en${widget.path}`, enTitle: en(widget.name), tr: `${origin}/tr${widget.path}`, trTitle: tr(widget.name) })}
            </p>
            <textarea id={id} aria-describedby={`${id}-hint`} readOnly rows={6} value={snippet} spellCheck={false} className="code-input embed-snippet" />
          </div>
        );
      })}
    </section>
  );
}
