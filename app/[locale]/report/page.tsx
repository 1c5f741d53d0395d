import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { ReportForm } from '@/components/report/report-form';
import { listCategories } from '@/lib/categories/queries';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import type { Locale } from '@/lib/i18n/routing';
import { DESCRIPTION_MAX } from '@/lib/reports/limits';
import { loadDistricts } from '@/lib/reports/service';
import { getSetting } from '@/lib/settings/queries';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('report');
  return { title: t('metaTitle', { city: getCityConfig().name }) };
}

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<{ district?: string | string[] }> };

export default async function ReportPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('report');
  const db = await getDb();
  const [categories, districtRows, retentionDays] = await Promise.all([
    listCategories(db, locale),
    loadDistricts(db),
    getSetting(db, 'retention.emailDays'),
  ]);
  const city = getCityConfig();
  // From a district's page (?district=slug) the map opens over that district.
  const { district: slug } = await searchParams;
  const district = districtRows.find((d) => d.slug === slug);
  const center = district ? { lat: (district.bbox[1] + district.bbox[3]) / 2, lon: (district.bbox[0] + district.bbox[2]) / 2 } : city.center;
  const embedded = (await headers()).get('x-embed') === '1';
  return (
    <div className="container page">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <p className="note">{t('emergency')}</p>
      {/* The form sends with a script (draft, retries, the map); without one, say so before anything is typed. */}
      <noscript>
        <p className="notice notice--error">{t('needsJavaScript', { email: city.operator.email, phone: city.operator.phone })}</p>
      </noscript>
      <ClientMessages namespaces={['report', 'map']}>
        <ReportForm
          embedded={embedded}
          city={{ name: city.name, center, zoom: city.zoom, minZoom: city.minZoom, maxZoom: city.maxZoom, bounds: city.bounds }}
          categories={categories}
          districts={districtRows.map(({ id, slug, name, geometry, bbox }) => ({ id, slug, name, geometry, bbox }))}
          text={{ emailHint: t('emailHint', { days: retentionDays }), charactersLeftEmpty: t('charactersLeft', { count: DESCRIPTION_MAX }) }}
        />
      </ClientMessages>
    </div>
  );
}
