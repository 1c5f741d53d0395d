import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { FeedLink, feedAlternate } from '@/components/dialogues/feed-link';
import { Localized } from '@/components/dialogues/localized';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { listPublishedDialogues } from '@/lib/dialogues/queries';
import { getFormatter } from '@/lib/i18n/format';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations('dialogues');
  return { title: t('metaTitle', { city: getCityConfig().name }), alternates: feedAlternate(locale) };
}

export default async function DialoguesPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('dialogues');
  const format = await getFormatter();
  const list = await listPublishedDialogues(await getDb());
  return (
    <div className="container page">
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      {list.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <ul className="card-list">
          {list.map((d) => (
            <li key={d.id} className="card">
              <h2 className="card__title">
                <Link href={`/dialogues/${d.id}`}>
                  <Localized text={d.title} locale={locale} />
                </Link>
              </h2>
              <p>
                {d.district.name} · {t('heldOn', { date: format.dateTime(new Date(d.heldOn), { dateStyle: 'long' }), venue: d.venue })} ·{' '}
                {t('measureCount', { count: d.measureCount })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <FeedLink locale={locale} />
    </div>
  );
}
