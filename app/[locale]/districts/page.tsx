import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { getDb } from '@/lib/db/client';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { publicPageTitle } from '@/lib/i18n/titles';
import { districtsByName } from '@/lib/reports/service';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('districts');
  return { title: await publicPageTitle(t('listTitle')) };
}

export default async function DistrictsPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('districts');
  const districts = await districtsByName(await getDb());
  return (
    <div className="container page">
      <h1>{t('listTitle')}</h1>
      <p className="lead">{t('listIntro')}</p>
      <ul className="district-list">
        {districts.map((d) => (
          <li key={d.slug}>
            <Link href={`/districts/${d.slug}`}>{d.name}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
