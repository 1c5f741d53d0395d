import { getLocale, getTranslations } from 'next-intl/server';
import { getCityConfig, partnershipName } from '@/lib/city/config';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

const legalLinks = [
  ['/impressum', 'legalImpressum'],
  ['/datenschutz', 'legalPrivacy'],
  ['/barrierefreiheit', 'legalAccessibility'],
  ['/leichte-sprache', 'legalEasy'],
] as const;

/** The site's footer; in the widget (compact) only the legal links, opening outside the frame. */
export async function SiteFooter({ compact = false }: { compact?: boolean }) {
  const t = await getTranslations('common');
  const city = getCityConfig();
  const locale = (await getLocale()) as Locale;
  const legal = (
    <nav aria-label={t('footerNav')}>
      <ul>
        {legalLinks.map(([href, key]) => (
          <li key={href}>
            <Link href={href} {...(compact ? { target: '_blank' } : {})}>
              {t(key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
  if (compact) return <footer className="site-footer site-footer--compact">{legal}</footer>;
  return (
    <footer className="site-footer">
      <div className="container">
        {legal}
        <p>{t('footerText', { partnership: partnershipName(city, locale) })}</p>
        <p>
          {city.operator.name} · {city.operator.address}
        </p>
      </div>
    </footer>
  );
}
