import { FocusOnArrival } from '@/components/focus-on-arrival';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { cache, type ReactNode } from 'react';
import { trackBase } from '@/components/report/track-form';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { getFormatter } from '@/lib/i18n/format';
import { getPathname, Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { refFromPathSegment } from '@/lib/reports/ref-format';
import { getPublicReport } from '@/lib/reports/service';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ locale: Locale; ref: string }>;
  searchParams: Promise<{ new?: string }>;
};

/** The report the path names, looked up once for the metadata and the page. */
const findReport = cache(async (rawRef: string, locale: Locale) => {
  const ref = refFromPathSegment(rawRef);
  return ref ? getPublicReport(await getDb(), ref, locale) : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, ref: rawRef } = await params;
  const report = await findReport(rawRef, locale);
  // An unknown reference answers 404, with the not-found page's title (./not-found.tsx).
  if (!report) notFound();
  const t = await getTranslations('track');
  // References are not secret but need not be indexed.
  return { title: t('metaTitle', { ref: report.ref, city: getCityConfig().name }), robots: { index: false } };
}

export default async function TrackPage({ params, searchParams }: Props) {
  const { locale, ref: rawRef } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('track');
  const format = await getFormatter();
  const report = await findReport(rawRef, locale);
  if (!report) notFound();

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
        <FocusOnArrival className="notice notice--success">
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
