import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { NewPlanForm, type TeamOption } from '@/components/patrols/new-plan-form';
import { requireRole } from '@/lib/auth/require';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import type { Locale } from '@/lib/i18n/routing';
import { listStaffForTeam } from '@/lib/patrols/service';
import { getPatrolSettings } from '@/lib/patrols/settings';
import { isCity, isPolice, planEditors } from '@/lib/patrols/team';
import { localDateOf } from '@/lib/time/zone';

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('patrols.new');
  return { title: t('metaTitle', { city: getCityConfig().name }), robots: { index: false } };
}

/** Today in the city, as an <input type="date"> value. */
function today(): string {
  return localDateOf(new Date(), getCityConfig().timeZone);
}

export default async function NewPatrolPlanPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireRole(...planEditors);
  const db = await getDb();
  const [t, staff, settings] = await Promise.all([getTranslations('patrols.new'), listStaffForTeam(db), getPatrolSettings(db)]);
  const team: TeamOption[] = staff
    .filter((s) => isCity(s) || isPolice(s))
    .map((s) => ({ id: s.id, name: s.name, kind: isCity(s) && isPolice(s) ? 'both' : isPolice(s) ? 'police' : 'city' }));
  return (
    <div className="container page">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <NewPlanForm locale={locale} team={team} startPoints={settings.startPoints.map((p) => p.name)} defaults={{ date: today(), from: '20:00', to: '00:00' }} />
    </div>
  );
}
