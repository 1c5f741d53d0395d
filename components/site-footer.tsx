import { getTranslations } from 'next-intl/server';
import { getCityConfig } from '@/lib/city/config';
import { Link } from '@/lib/i18n/navigation';

const legalLinks = [
  ['/impressum', 'legalImpressum'],
  ['/datenschutz', 'legalPrivacy'],
  ['/barrierefreiheit', 'legalAccessibility'],
  ['/leichte-sprache', 'legalEasy'],
] as const;

export async function SiteFooter() {
  const t = await getTranslations('common');
  const city = getCityConfig();
  return (
    <footer className="site-footer">
      <div className="container">
        <nav aria-label={t('footerNav')}>
          <ul>
            {legalLinks.map(([href, key]) => (
              <li key={href}>
                <Link href={href}>{t(key)}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <p>{t('footerText', { partnership: city.partnership })}</p>
        <p>
          {city.operator.name} · {city.operator.address}
        </p>
      </div>
    </footer>
  );
}
