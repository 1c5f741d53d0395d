import { FocusOnArrival } from '@/components/focus-on-arrival';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { cache, type ReactNode } from 'react';
import { TrackFormPage, trackBase } from '@/components/report/track-form';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { getFormatter } from '@/lib/i18n/format';
import { getPathname, Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { refFromPathSegment } from '@/lib/reports/ref-format';
import { lookUpPublicReport } from '@/lib/reports/lookup';
import { publicPageTitle } from '@/lib/i18n/titles';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ locale: Locale; ref: string }>;
  searchParams: Promise<{ new?: string }>;
};

/** The report the path names, looked up (and counted, lib/reports/lookup.ts) once for the metadata and the page. */
const findReport = cache(async (rawRef: string, locale: Locale) => lookUpPublicReport(await getDb(), refFromPathSegment(rawRef), locale, await headers()));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, ref: rawRef } = await params;
  const lookup = await findReport(rawRef, locale);
  // An unknown reference answers 404, with the not-found page's title (./not-found.tsx).
  if (lookup.status === 'unknown') notFound();
  const t = await getTranslations('track');
  if (lookup.status === 'limited') return { title: await publicPageTitle(t('formTitle')), robots: { index: false } };
  // References are not secret but need not be indexed.
  return { title: t('metaTitle', { ref: lookup.report.ref, city: getCityConfig().name }), robots: { index: false } };
}

export default async function TrackPage({ params, searchParams }: Props) {
  const { locale, ref: rawRef } = await params;
  setRequestLocale(locale);
  const lookup = await findReport(rawRef, locale);
  if (lookup.status === 'unknown') notFound();
  // Too many unknown references from this client: no answer, whether this one exists or not.
  if (lookup.status === 'limited') return <TrackFormPage refused={refFromPathSegment(rawRef) ?? undefined} problem="limited" retryAfterSeconds={lookup.retryAfterSeconds} />;
  const { report } = lookup;
  const t = await getTranslations('track');
  const format = await getFormatter();

  const isNew = (await searchParams).new === '1';
  const base = await trackBase();
  const dateTime = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'long', timeStyle: 'short' });
  // The reference in one piece: a narrow screen would break it after its dash ("LUN-" / "7K2Q9M").
  const refText = { ref: report.ref, nowrap: (chunks: ReactNode) => <span className="nowrap">{chunks}</span> };

  return (
    <div className="container page narrow">
      <h1>{t.rich('title', refText)}</h1>
      {isNew && (
        // Arriving from the report form: the thanks and the reference are what to read first.
        <FocusOnArrival className="notice notice--success" param="new">
          <p>
            <strong>{t('thanks')}</strong>
          </p>
          {base === '/track' ? (
            <p>{t.rich('keepRef', refText)}</p>
          ) : (
            // In the widget a bookmark would keep the city's page: offer the report's own page.
            <p>
              {t.rich('keepRefEmbedded', refText)}{' '}
              <a href={getPathname({ href: `/track/${report.ref}`, locale })} target="_blank" rel="noopener">
                {t('openStandalone')}
              </a>
            </p>
          )}
          {/* What a resident may want next, rather than a dead end. */}
          <ul>
            <li>
              <Link href={base === '/track' ? '/report' : '/embed/report'}>{t('reportAnother')}</Link>
            </li>
            {report.district && base === '/track' && (
              <li>
                <Link href={`/districts/${report.district.slug}#follow-title`}>{t('followDistrict', { district: report.district.name })}</Link>
              </li>
            )}
          </ul>
        </FocusOnArrival>
      )}
      {report.mergedInto && (
        <p className="notice">
          {t('mergedInto')}{' '}
          <Link href={`${base}/${report.mergedInto}`}>{report.mergedInto}</Link>
        </p>
      )}
      <dl className="facts">
        <dt>{t('status')}</dt>
        <dd>
          <strong className={`status status--${report.status}`}>{t(`statuses.${report.status}`)}</strong>
          <br />
          {t(`statusExplained.${report.status}`)}
        </dd>
        <dt>{t('category')}</dt>
        <dd>{report.category.label}</dd>
        <dt>{t('district')}</dt>
        <dd>{report.district?.name ?? t('districtUnknown')}</dd>
        <dt>{t('created')}</dt>
        <dd>
          <time dateTime={report.created}>{dateTime(report.created)}</time>
        </dd>
      </dl>
      <h2>{t('history')}</h2>
      <ol className="history">
        {report.history.map((entry, i) => (
          <li key={i}>
            <time dateTime={entry.at}>{dateTime(entry.at)}</time>: {t(`statuses.${entry.status}`)}
          </li>
        ))}
      </ol>
      <p className="hint">{t('privacyNote')}</p>
    </div>
  );
}
