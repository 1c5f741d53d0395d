import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { FeedLink, feedAlternate } from '@/components/dialogues/feed-link';
import { FocusOnArrival } from '@/components/focus-on-arrival';
import { GermanOnlyNote, MeasureCard, measureTexts } from '@/components/dialogues/measure-card';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { measureStatuses, type MeasureStatus } from '@/lib/db/schema';
import { listPublicMeasures } from '@/lib/dialogues/queries';
import { anyInGerman } from '@/lib/i18n/localize';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { districtsByName } from '@/lib/reports/service';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<{ status?: string; district?: string }> };

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations('measures');
  return { title: t('metaTitle', { city: getCityConfig().name }), alternates: feedAlternate(locale) };
}

export default async function MeasuresPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('measures');
  const search = await searchParams;
  const db = await getDb();
  const districts = await districtsByName(db);
  // Unknown filter values mean "all", so an edited address still shows a list.
  const status = (measureStatuses as readonly string[]).includes(search.status ?? '') ? (search.status as MeasureStatus) : undefined;
  const district = districts.find((d) => d.slug === search.district);
  const list = await listPublicMeasures(db, { status, districtId: district?.id });
  const filtered = search.status !== undefined || search.district !== undefined;
  return (
    <div className="container page">
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <form method="get" className="filters" aria-label={t('filter')}>
        <div>
          <label htmlFor="measure-status">{t('status')}</label>
          <select id="measure-status" name="status" defaultValue={status ?? ''}>
            <option value="">{t('allStatuses')}</option>
            {measureStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="measure-district">{t('district')}</label>
          <select id="measure-district" name="district" defaultValue={district?.slug ?? ''}>
            <option value="">{t('allDistricts')}</option>
            {districts.map((d) => (
              <option key={d.slug} value={d.slug}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('apply')}
        </button>
      </form>
      {filtered && (
        // After the form's round trip the focus would start at the top: the outcome takes it.
        <FocusOnArrival className="filter-outcome" role="status">
          <p>
            {t('resultCount', { count: list.length })}
            {list.length === 0 && (
              <>
                {' '}
                <Link href="/measures">{t('showAll')}</Link>
              </>
            )}
          </p>
        </FocusOnArrival>
      )}
      {/* Filtered, the outcome above says that none matched. */}
      {list.length === 0 && !filtered && <p>{t('none')}</p>}
      {list.length > 0 && (
        <>
          <GermanOnlyNote show={anyInGerman(list.flatMap(measureTexts), locale)} />
          <div className="card-list">
            {list.map((m) => (
              <MeasureCard key={m.id} measure={m} locale={locale} headingLevel={2} />
            ))}
          </div>
        </>
      )}
      <FeedLink locale={locale} />
    </div>
  );
}
