import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Localized } from '@/components/dialogues/localized';
import { GermanOnlyNote, MeasureCard, measureTexts } from '@/components/dialogues/measure-card';
import { getFormatter } from '@/lib/i18n/format';
import { anyInGerman } from '@/lib/i18n/localize';
import { TrackForm } from '@/components/report/track-form';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { getHeadlineNumbers, listPublicMeasures, listPublishedDialogues } from '@/lib/dialogues/queries';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

export const dynamic = 'force-dynamic';

export default async function HomePage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('home');
  const tx = await getTranslations('homeExtra');
  const td = await getTranslations('dialogues');
  const format = await getFormatter();
  const city = getCityConfig();
  const db = await getDb();
  const [numbers, latestDialogues, latestMeasures] = await Promise.all([
    getHeadlineNumbers(db),
    listPublishedDialogues(db, { limit: 3 }),
    listPublicMeasures(db, { limit: 3 }),
  ]);
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
          <TrackForm />
        </section>
      </div>
      <div className="container page">
        <section aria-labelledby="numbers">
          <h2 id="numbers">{tx('numbersTitle')}</h2>
          <ul className="numbers">
            <li>
              <strong>{format.number(numbers.reportsThisMonth)}</strong> {tx('reportsThisMonth', { count: numbers.reportsThisMonth })}
            </li>
            <li>
              <strong>{format.number(numbers.measuresDone)}</strong> {tx('measuresDone', { count: numbers.measuresDone })}
            </li>
          </ul>
        </section>
        <section aria-labelledby="latest">
          <h2 id="latest">{tx('latestTitle')}</h2>
          {latestDialogues.length > 0 && (
            <ul>
              {latestDialogues.map((d) => (
                <li key={d.id}>
                  <Link href={`/dialogues/${d.id}`}>
                    <Localized text={d.title} locale={locale} />
                  </Link>{' '}
                  – {d.district.name}, {format.dateTime(new Date(d.heldOn), { dateStyle: 'long' })} ({td('measureCount', { count: d.measureCount })})
                </li>
              ))}
            </ul>
          )}
          <GermanOnlyNote show={anyInGerman([...latestDialogues.map((d) => d.title), ...latestMeasures.flatMap(measureTexts)], locale)} />
          <div className="card-list">
            {latestMeasures.map((m) => (
              <MeasureCard key={m.id} measure={m} locale={locale} />
            ))}
          </div>
          <p>
            <Link href="/dialogues">{tx('allDialogues')}</Link> · <Link href="/measures">{tx('allMeasures')}</Link> ·{' '}
            <Link href="/districts">{tx('districts')}</Link>
          </p>
        </section>
      </div>
    </>
  );
}
