'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { Link, usePathname } from '@/lib/i18n/navigation';
import { routing } from '@/lib/i18n/routing';

/** Outcomes of the last action (`?saved=…`, `?error=…`): said once, in the language it happened in. */
const oneShot = ['saved', 'error'];

/** The page's query for the other languages: filters, a token or a reference go along, an outcome does not. */
function queryForOtherLanguages(search: URLSearchParams): string {
  const kept = new URLSearchParams([...search].filter(([key]) => !oneShot.includes(key)));
  const query = kept.toString();
  return query ? `?${query}` : '';
}

/**
 * Links (not a select) so it works without JavaScript and each language names itself. Each leads
 * to the same page with the same query. A statically rendered page knows its query only in the
 * browser (useSearchParams needs a Suspense boundary there): until then the links carry the path.
 */
export function LanguageSwitch() {
  return (
    <Suspense fallback={<LanguageLinks query="" />}>
      <LanguageLinksWithQuery />
    </Suspense>
  );
}

function LanguageLinksWithQuery() {
  return <LanguageLinks query={queryForOtherLanguages(useSearchParams())} />;
}

function LanguageLinks({ query }: { query: string }) {
  const t = useTranslations('common');
  const current = useLocale();
  const pathname = usePathname();
  return (
    <nav aria-label={t('language')} className="language-switch">
      <ul>
        {routing.locales.map((locale) => (
          <li key={locale}>
            <Link
              href={`${pathname}${query}`}
              locale={locale}
              lang={locale}
              hrefLang={locale}
              aria-current={locale === current ? 'true' : undefined}
            >
              {t(`languageNames.${locale}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
