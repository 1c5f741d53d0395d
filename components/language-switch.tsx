'use client';

import { useLocale, useTranslations } from 'next-intl';
import { Link, usePathname } from '@/lib/i18n/navigation';
import { routing } from '@/lib/i18n/routing';

/** Links (not a select) so it works without JavaScript and each language names itself. */
export function LanguageSwitch() {
  const t = useTranslations('common');
  const current = useLocale();
  const pathname = usePathname();
  return (
    <nav aria-label={t('language')} className="language-switch">
      <ul>
        {routing.locales.map((locale) => (
          <li key={locale}>
            <Link
              href={pathname}
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
