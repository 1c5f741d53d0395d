import { getTranslations, setRequestLocale } from 'next-intl/server';
import { TrackForm } from '@/components/report/track-form';
import { getCityConfig } from '@/lib/city/config';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

export default async function HomePage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('home');
  const city = getCityConfig();
  return (
    <>
      <section className="hero">
        <div className="container">
          <h1>{t('title', { city: city.name })}</h1>
          <p className="lead">{t('lead')}</p>
          <p>
            <Link href="/report" className="button button--large">
              {t('cta')}
            </Link>
          </p>
          <p>
            <Link href="/map">{t('mapLink')}</Link>
          </p>
          <p className="note">{t('emergency')}</p>
        </div>
      </section>
      <div className="container page columns">
        <section aria-labelledby="how">
          <h2 id="how">{t('howTitle')}</h2>
          <ol className="steps">
            <li>{t('how1')}</li>
            <li>{t('how2')}</li>
            <li>{t('how3')}</li>
          </ol>
        </section>
        <section aria-labelledby="privacy">
          <h2 id="privacy">{t('privacyTitle')}</h2>
          <p>{t('privacyText')}</p>
        </section>
        <section aria-labelledby="track">
          <h2 id="track">{t('trackTitle')}</h2>
          <TrackForm refPrefix={city.refPrefix} />
        </section>
      </div>
    </>
  );
}
