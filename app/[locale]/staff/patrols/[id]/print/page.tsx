import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import '@/components/inbox/inbox.css';
import '@/components/patrols/patrols.css';
import { PlanMapEditor } from '@/components/patrols/plan-map-editor';
import { PrintButton } from '@/components/patrols/print-button';
import { StopsTable } from '@/components/patrols/stops-table';
import { requireRole } from '@/lib/auth/require';
import { listCategories } from '@/lib/categories/queries';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { clockTime, shiftLabel } from '@/lib/patrols/format';
import { getPlan } from '@/lib/patrols/service';
import { planReaders } from '@/lib/patrols/team';

type Props = { params: Promise<{ locale: Locale; id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('patrols.print');
  return { title: t('metaTitle', { city: getCityConfig().name }), robots: { index: false } };
}

/** The plan on paper: map, stops with times and reasons, and room for the team's notes. */
export default async function PatrolPlanPrintPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  await requireRole(...planReaders);
  const db = await getDb();
  const view = /^\d{1,9}$/.test(id) ? await getPlan(db, Number(id)) : null;
  if (!view) notFound();
  const { plan, stops, schedule, team } = view;
  const t = await getTranslations('patrols');
  const city = getCityConfig();
  const categoryLabels = new Map((await listCategories(db, locale)).map((c) => [c.slug, c.label]));
  const time = (d: Date) => clockTime(d, locale);
  return (
    <div className="container page patrol-print">
      <p className="patrol-print-actions toolbar">
        <PrintButton label={t('print.printButton')} />
        <Link href={`/staff/patrols/${plan.id}`}>{t('print.back')}</Link>
      </p>
      <h1>{t('print.title', { shift: shiftLabel(plan, locale) })}</h1>
      <dl className="patrol-facts">
        <dt>{t('detail.team')}</dt>
        <dd>{team.map((m) => m.name).join(', ')}</dd>
        <dt>{t('detail.start')}</dt>
        <dd>{plan.start.name}</dd>
        <dt>{t('detail.dwell')}</dt>
        <dd>{t('detail.minutes', { n: plan.dwellMinutes })}</dd>
      </dl>
      <p>{t('detail.backAt', { time: time(schedule.endAt) })}</p>
      {plan.ungated && <p className="notice notice--error">{t('detail.ungated')}</p>}
      <PlanMapEditor
        city={{ name: city.name, center: city.center, zoom: city.zoom, minZoom: city.minZoom, maxZoom: city.maxZoom, bounds: city.bounds }}
        start={plan.start}
        stops={stops.map((s, i) => ({ number: i + 1, lat: s.lat, lon: s.lon, label: t('export.stop', { n: i + 1 }) }))}
      />
      <StopsTable
        stops={stops}
        schedule={schedule}
        categoryLabels={categoryLabels}
        locale={locale}
        extra={[t('print.visited'), t('print.observations')].map((header) => ({ header, className: 'patrol-notes', cell: () => null }))}
      />
      <h2>{t('print.notes')}</h2>
      <div className="patrol-notes-space" aria-hidden="true" />
    </div>
  );
}
