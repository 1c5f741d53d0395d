import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import '@/components/patrols/patrols.css';
import { DataTable } from '@/components/data-table';
import { BarChart } from '@/components/staff/bar-chart';
import { requireRole } from '@/lib/auth/require';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { localize } from '@/lib/i18n/localize';
import type { Locale } from '@/lib/i18n/routing';
import { formatCoordinate } from '@/lib/numbers';
import { effectAt, patrolledStops, placedMeasures } from '@/lib/patrols/effect';
import { localDate, shiftLabel } from '@/lib/patrols/format';
import { planReaders } from '@/lib/patrols/team';

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<{ place?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('patrols.effect');
  return { title: t('metaTitle', { city: getCityConfig().name }), robots: { index: false } };
}

/** Reports per week before and after a patrol or a measure at a place, beside the district's trend. */
export default async function PatrolEffectPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireRole(...planReaders);
  const db = await getDb();
  const { place } = await searchParams;
  const [t, stops, measures] = await Promise.all([getTranslations('patrols.effect'), patrolledStops(db), placedMeasures(db)]);

  const [kind, rawId] = (place ?? '').split(':');
  const id = Number(rawId);
  const stop = kind === 'stop' ? stops.find((s) => s.stopId === id) : undefined;
  const measure = kind === 'measure' ? measures.find((m) => m.id === id) : undefined;
  const chosen = stop
    ? { lat: stop.lat, lon: stop.lon, since: stop.firstVisit ?? stop.startsAt }
    : measure && measure.lat !== null && measure.lon !== null
      ? { lat: measure.lat, lon: measure.lon, since: measure.createdAt }
      : null;
  const effect = chosen ? await effectAt(db, chosen, chosen.since) : null;
  const week = (d: Date) => t('week', { date: localDate(d, locale) });

  return (
    <div className="container page">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {stops.length === 0 && measures.length === 0 ? (
        <p>{t('noneYet')}</p>
      ) : (
        <form method="get" className="filters">
          <div>
            <label htmlFor="effect-place">{t('choose')}</label>
            <select id="effect-place" name="place" defaultValue={place ?? ''}>
              {stops.length > 0 && (
                <optgroup label={t('patrolled')}>
                  {stops.map((s) => (
                    <option key={s.stopId} value={`stop:${s.stopId}`}>
                      {t('stopOption', { shift: shiftLabel(s, locale), n: s.position + 1 })}
                    </option>
                  ))}
                </optgroup>
              )}
              {measures.length > 0 && (
                <optgroup label={t('measures')}>
                  {measures.map((m) => (
                    <option key={m.id} value={`measure:${m.id}`}>
                      {localize(m.title, locale)}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          </div>
          <button type="submit" className="button">
            {t('show')}
          </button>
        </form>
      )}
      {place && !effect && (
        <p className="notice notice--error" role="alert">
          {t('notFound')}
        </p>
      )}
      {effect && (
        <section aria-labelledby="effect-result">
          <h2 id="effect-result">{t('place', { lat: formatCoordinate(effect.lat, locale, 5), lon: formatCoordinate(effect.lon, locale, 5) })}</h2>
          <p>
            {t('since', { date: localDate(effect.since, locale) })}; {effect.districtName ? t('district', { name: effect.districtName }) : t('noDistrict')}
          </p>
          <p>{t('summary', effect.totals)}</p>
          <BarChart
            caption={t('chartBefore')}
            labelHeader={t('colWeek')}
            valueHeader={t('reports')}
            bars={effect.weeks.filter((w) => w.phase === 'before').map((w) => ({ key: w.start.toISOString(), label: week(w.start), count: w.place }))}
            format={String}
          />
          <BarChart
            caption={t('chartAfter')}
            labelHeader={t('colWeek')}
            valueHeader={t('reports')}
            bars={effect.weeks.filter((w) => w.phase === 'after').map((w) => ({ key: w.start.toISOString(), label: week(w.start), count: w.place }))}
            format={String}
          />
          <DataTable caption={t('caption')} showCaption columns={[t('colWeek'), t('colPhase'), t('colPlace'), t('colDistrict')]}>
            {effect.weeks.map((w, i) => (
              <tr key={w.start.toISOString()} className={w.phase === 'after' && effect.weeks[i - 1]?.phase === 'before' ? 'patrol-effect-phase--after' : undefined}>
                <th scope="row">{localDate(w.start, locale)}</th>
                <td>{t(w.phase)}</td>
                <td>{w.place}</td>
                <td>{w.district}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}
    </div>
  );
}
