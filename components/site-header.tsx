import { getTranslations } from 'next-intl/server';
import { getCityConfig } from '@/lib/city/config';
import { Link } from '@/lib/i18n/navigation';
import { LanguageSwitch } from './language-switch';

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
              <Link href="/report">{t('navReport')}</Link>
            </li>
            <li>
              <Link href="/map">{t('navMap')}</Link>
            </li>
            <li>
              <Link href="/dialogues">{t('navDialogues')}</Link>
            </li>
            <li>
              <Link href="/measures">{t('navMeasures')}</Link>
            </li>
            <li>
              <Link href="/districts">{t('navDistricts')}</Link>
            </li>
            <li>
              <Link href="/track">{t('navTrack')}</Link>
            </li>
          </ul>
        </nav>
        <LanguageSwitch />
      </div>
    </header>
  );
}
