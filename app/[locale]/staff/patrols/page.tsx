import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import '@/components/patrols/patrols.css';
import { DataTable } from '@/components/data-table';
import { requireRole } from '@/lib/auth/require';
import { hasRole } from '@/lib/auth/roles';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { shiftLabel } from '@/lib/patrols/format';
import { listPlans } from '@/lib/patrols/service';
import { planEditors, planReaders } from '@/lib/patrols/team';

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('patrols');
  return { title: t('metaTitle', { city: getCityConfig().name }), robots: { index: false } };
}

/** Patrol plans, latest shift first. Police and triage plan; coordinators read. */
export default async function PatrolPlansPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requireRole(...planReaders);
  const [t, rows] = await Promise.all([getTranslations('patrols'), listPlans(await getDb())]);
  const mayEdit = hasRole(user.roles, planEditors);
  return (
    <div className="container page">
      <h1>{t('list.title')}</h1>
      <p>{t('list.intro')}</p>
      <p className="toolbar">
        {mayEdit ? (
          <Link href="/staff/patrols/new" className="button">
            {t('list.new')}
          </Link>
        ) : (
          <span>{t('list.readOnly')}</span>
        )}
        <Link href="/staff/patrols/effect">{t('list.effect')}</Link>
      </p>
      {rows.length === 0 ? (
        <p>{t('list.empty')}</p>
      ) : (
        <DataTable caption={t('list.caption')} columns={[t('list.colShift'), t('list.colStatus'), t('list.colStops'), t('list.colStart')]}>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">
                <Link href={`/staff/patrols/${row.id}`}>{shiftLabel(row, locale)}</Link>
                {row.ungated && <> ({t('list.ungated')})</>}
              </th>
              <td>
                <span className={`badge badge--${row.status}`}>{t(`statuses.${row.status}`)}</span>
              </td>
              <td>{row.stops}</td>
              <td>{row.startName}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
