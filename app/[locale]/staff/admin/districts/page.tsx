import { getTranslations, setRequestLocale } from 'next-intl/server';
import { DistrictImportForm } from '@/components/admin/district-import-form';
import { TableScroll } from '@/components/data-table';
import { adminMetadata } from '@/lib/admin/metadata';
import { requireRole } from '@/lib/auth/require';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { DISTRICT_IMPORT_MAX_MB, listDistrictsWithCounts } from '@/lib/districts/import';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

export const generateMetadata = () => adminMetadata('districts.title');

/** Admin only: the districts and their import from GeoJSON. */
export default async function AdminDistrictsPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireRole('admin');
  const [t, { districts, outside }] = await Promise.all([getTranslations('admin.districts'), listDistrictsWithCounts(await getDb())]);
  const { bounds } = getCityConfig();
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <TableScroll label={t('caption', { count: districts.length })}>
        <table className="data-table">
          <caption>{t('caption', { count: districts.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('slug')}</th>
              <th scope="col" className="numeric">
                {t('reports')}
              </th>
            </tr>
          </thead>
          <tbody>
            {districts.map((district) => (
              <tr key={district.id}>
                <th scope="row">
                  <Link href={`/districts/${district.slug}`}>{district.name}</Link>
                </th>
                <td>
                  <code>{district.slug}</code>
                </td>
                <td className="numeric">{district.reportCount.toLocaleString(locale)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('outside')}</th>
              <td />
              <td className="numeric">{outside.toLocaleString(locale)}</td>
            </tr>
          </tfoot>
        </table>
      </TableScroll>

      <h2 id="district-import">{t('importTitle')}</h2>
      <p>{t('importIntro')}</p>
      <ul>
        <li>{t('ruleCollection')}</li>
        <li>{t('ruleProperties')}</li>
        <li>{t('ruleGeometry')}</li>
        <li>
          {t('ruleBounds', {
            minLat: bounds.minLat.toLocaleString(locale),
            maxLat: bounds.maxLat.toLocaleString(locale),
            minLon: bounds.minLon.toLocaleString(locale),
            maxLon: bounds.maxLon.toLocaleString(locale),
          })}
        </li>
        <li>{t('ruleReplace')}</li>
      </ul>
      <DistrictImportForm maxMb={DISTRICT_IMPORT_MAX_MB} />
    </div>
  );
}
