import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { DataTable } from '@/components/data-table';
import { DialogueStatusBadge } from '@/components/dialogue-editor/staff-bits';
import { requireRole } from '@/lib/auth/require';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { listStaffDialogues } from '@/lib/dialogues/staff-queries';
import { getFormatter } from '@/lib/i18n/format';
import { localize } from '@/lib/i18n/localize';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('dialogueEditor');
  return { title: t('list.metaTitle', { city: getCityConfig().name }), robots: { index: false } };
}

/** Coordinators: every dialogue with its status, newest first. */
export default async function StaffDialoguesPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireRole('coordinator');
  const [t, format, rows] = await Promise.all([getTranslations('dialogueEditor'), getFormatter(), listStaffDialogues(await getDb())]);
  const date = (d: string | Date) => format.dateTime(new Date(d), { dateStyle: 'medium' });
  return (
    <div className="container page">
      <h1>{t('list.title')}</h1>
      <p>{t('list.intro')}</p>
      <p className="toolbar">
        <Link href="/staff/dialogues/new" className="button">
          {t('list.new')}
        </Link>
        <Link href="/staff/measures">{t('list.measuresLink')}</Link>
      </p>
      {rows.length === 0 ? (
        <p>{t('list.empty')}</p>
      ) : (
        <DataTable caption={t('list.caption')} columns={[t('list.colTitle'), t('list.colDistrict'), t('list.colHeldOn'), t('list.colStatus'), t('list.colMeasures'), t('list.colPreview')]}>
          {rows.map((row) => {
            const title = localize(row.title, locale);
            return (
              <tr key={row.id}>
                <th scope="row">
                  <Link href={`/staff/dialogues/${row.id}`}>{title}</Link>
                </th>
                <td>{row.districtName}</td>
                <td>{date(row.heldOn)}</td>
                <td>
                  <DialogueStatusBadge status={row.status} />
                  {row.status === 'published' && row.publishedAt && (
                    <>
                      <br />
                      {t('list.publishedOn', { date: date(row.publishedAt) })}
                    </>
                  )}
                  {row.status === 'published' && row.correctedAt && (
                    <>
                      <br />
                      {t('list.correctedOn', { date: date(row.correctedAt) })}
                    </>
                  )}
                </td>
                <td>{row.measureCount}</td>
                <td>
                  <Link href={`/staff/dialogues/${row.id}/preview`}>
                    {t('list.preview')}
                    <span className="visually-hidden">: {title}</span>
                  </Link>
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </div>
  );
}
