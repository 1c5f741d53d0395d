import { getTranslations } from 'next-intl/server';
import { getCityConfig } from '@/lib/city/config';
import { Link } from '@/lib/i18n/navigation';
import { LanguageSwitch } from './language-switch';
import { NavLink } from './nav-link';

export async function SiteHeader() {
  const t = await getTranslations('common');
  const city = getCityConfig().name;
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link href="/" className="site-header__brand">
          {t('siteName', { city })}
        </Link>
        <nav aria-label={t('mainNav')} className="site-header__nav">
          <ul>
            <li>
              <NavLink href="/report">{t('navReport')}</NavLink>
            </li>
            <li>
              <NavLink href="/map">{t('navMap')}</NavLink>
            </li>
            <li>
              <NavLink href="/dialogues">{t('navDialogues')}</NavLink>
            </li>
            <li>
              <NavLink href="/measures">{t('navMeasures')}</NavLink>
            </li>
            <li>
              <NavLink href="/districts">{t('navDistricts')}</NavLink>
            </li>
            <li>
              <NavLink href="/track">{t('navTrack')}</NavLink>
            </li>
          </ul>
        </nav>
        <LanguageSwitch />
      </div>
    </header>
  );
}
