import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { Localized } from '@/components/dialogues/localized';
import { GermanOnlyNote, MeasureCard, measureTexts } from '@/components/dialogues/measure-card';
import { FollowForm } from '@/components/follow/follow-form';
import { TableScroll } from '@/components/data-table';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { getDistrictMonthlyCounts, listPublicMeasures, listPublishedDialogues } from '@/lib/dialogues/queries';
import { getFormatter } from '@/lib/i18n/format';
import { Link } from '@/lib/i18n/navigation';
import { anyInGerman } from '@/lib/i18n/localize';
import type { Locale } from '@/lib/i18n/routing';
import { loadDistricts } from '@/lib/reports/service';
import { getSetting } from '@/lib/settings/queries';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ locale: Locale; slug: string }> };

async function findDistrictBySlug(slug: string) {
  const db = await getDb();
  const district = (await loadDistricts(db)).find((d) => d.slug === slug);
  if (!district) notFound();
  return { db, district };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const { district } = await findDistrictBySlug(slug);
  const t = await getTranslations('districts');
  return { title: t('metaTitle', { district: district.name, city: getCityConfig().name }) };
}

/** "Sie haben gesagt – wir haben gehandelt" for one district: figures, dialogues, measures. */
export default async function DistrictPage({ params }: Props) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('districts');
  const td = await getTranslations('dialogues');
  const tf = await getTranslations('follow');
  const format = await getFormatter();
  const { db, district } = await findDistrictBySlug(slug);
  const k = await getSetting(db, 'privacy.k');
  const [stats, dialogueList, measureList] = await Promise.all([
    getDistrictMonthlyCounts(db, district.id, locale, k),
    listPublishedDialogues(db, { districtId: district.id }),
    listPublicMeasures(db, { districtId: district.id }),
  ]);
  const monthLabel = (month: string) => format.dateTime(new Date(`${month}-01T12:00:00Z`), { month: 'short', year: 'numeric' });
  return (
    <div className="container page">
      <h1>{t('title', { district: district.name })}</h1>
      <p>
        <Link href={`/report?district=${district.slug}`} className="button">
          {t('reportCta', { district: district.name })}
        </Link>
      </p>

      <h2>{t('statsTitle')}</h2>
      {stats.rows.length === 0 ? (
        <p>{t('statsNone', { k })}</p>
      ) : (
        <TableScroll label={t('statsTitle')}>
          <table className="table table--numbers">
            <caption>{t('statsCaption', { district: district.name, k })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('category')}</th>
                {newestFirst(stats.months).map((m) => (
                  <th scope="col" key={m}>
                    {monthLabel(m)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {stats.rows.map((row) => (
                <tr key={row.category}>
                  <th scope="row">{row.category}</th>
                  {newestFirst(row.counts.map((n, i) => ({ n, month: stats.months[i] }))).map(({ n, month }) => (
                    <td key={month}>{n === null ? t('suppressed', { k }) : format.number(n)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <h2>{t('dialoguesTitle')}</h2>
      {dialogueList.length === 0 ? (
        <p>{td('none')}</p>
      ) : (
        <ul>
          {dialogueList.map((d) => (
            <li key={d.id}>
              <Link href={`/dialogues/${d.id}`}>
                <Localized text={d.title} locale={locale} />
              </Link>{' '}
              ({format.dateTime(new Date(d.heldOn), { dateStyle: 'long' })})
            </li>
          ))}
        </ul>
      )}

      <h2>{t('measuresTitle')}</h2>
      {measureList.length === 0 ? (
        <p>{t('measuresNone')}</p>
      ) : (
        <>
          <GermanOnlyNote show={anyInGerman(measureList.flatMap(measureTexts), locale)} />
          <div className="card-list">
            {measureList.map((m) => (
              <MeasureCard key={m.id} measure={m} locale={locale} on="district" />
            ))}
          </div>
        </>
      )}

      <section aria-labelledby="follow-title">
        <h2 id="follow-title">{tf('districtTitle', { district: district.name })}</h2>
        <p>{tf('districtIntro', { district: district.name })}</p>
        <ClientMessages namespaces={['follow']}>
          <FollowForm target="district" targetId={district.id} />
        </ClientMessages>
      </section>
    </div>
  );
}

/** The latest month first: on a phone the table shows its start, and the start is what is new. */
function newestFirst<T>(months: readonly T[]): T[] {
  return [...months].reverse();
}
