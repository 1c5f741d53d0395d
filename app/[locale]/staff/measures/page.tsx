import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import '@/components/dialogue-editor/editor.css';
import { DataTable } from '@/components/data-table';
import { requireRole } from '@/lib/auth/require';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { listStaffMeasures } from '@/lib/dialogues/staff-queries';
import { getFormatter } from '@/lib/i18n/format';
import { localize } from '@/lib/i18n/localize';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<{ standalone?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('dialogueEditor');
  return { title: t('measures.metaTitle', { city: getCityConfig().name }), robots: { index: false } };
}

/** Coordinators: every measure, from dialogues and on its own, recently changed first. */
export default async function StaffMeasuresPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireRole('coordinator');
  const { standalone } = await searchParams;
  const standaloneOnly = standalone === '1';
  const [t, tm, format, rows] = await Promise.all([
    getTranslations('dialogueEditor'),
    getTranslations('measures'),
    getFormatter(),
    listStaffMeasures(await getDb(), { standaloneOnly }),
  ]);
  const date = (d: string | Date) => format.dateTime(new Date(d), { dateStyle: 'medium' });
  return (
    <div className="container page">
      <h1>{t('measures.title')}</h1>
      <p>{t('measures.intro')}</p>
      <p className="toolbar">
        <Link href="/staff/measures/new" className="button">
          {t('measures.new')}
        </Link>
        <Link href="/staff/dialogues">{t('measures.dialoguesLink')}</Link>
        {standaloneOnly ? (
          <Link href="/staff/measures">{t('measures.showAll')}</Link>
        ) : (
          <Link href="/staff/measures?standalone=1">{t('measures.showStandalone')}</Link>
        )}
      </p>
      {rows.length === 0 ? (
        <p>{t('measures.empty')}</p>
      ) : (
        <DataTable caption={standaloneOnly ? t('measures.captionStandalone') : t('measures.caption')} columns={[t('measures.colTitle'), t('measures.colOrigin'), t('measures.colDistrict'), t('measures.colStatus'), t('measures.colPublic'), t('measures.colDue'), t('measures.colLastUpdate')]}>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">
                <Link href={`/staff/measures/${row.id}`}>{localize(row.title, locale)}</Link>
              </th>
              <td>
                {row.dialogue ? (
                  <Link href={`/staff/dialogues/${row.dialogue.id}`}>{t('measures.fromDialogue', { date: date(row.dialogue.heldOn) })}</Link>
                ) : (
                  t('measures.standalone')
                )}
              </td>
              <td>{row.districtName ?? t('measures.none')}</td>
              <td>
                <span className={`badge badge--${row.status}`}>{tm(`statuses.${row.status}`)}</span>
              </td>
              <td>{row.publishedAt ? t('measures.public') : t('measures.notPublic')}</td>
              <td>{row.dueOn ? date(row.dueOn) : t('measures.none')}</td>
              <td>{row.lastUpdateAt ? date(row.lastUpdateAt) : t('measures.none')}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
