import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { getDb } from '@/lib/db/client';
import type { PatrolStop } from '@/lib/db/schema';
import { findDistrict } from '@/lib/geo/districts';
import type { Locale } from '@/lib/i18n/routing';
import { formatCoordinate } from '@/lib/numbers';
import { clockTime } from '@/lib/patrols/format';
import type { Schedule } from '@/lib/patrols/plan';
import { loadDistricts } from '@/lib/reports/service';
import { StopReasons } from './stop-reasons';

/** A column a page adds to the stops: its header and each stop's cell content. */
export type StopColumn = { header: string; className?: string; cell: (stop: PatrolStop, index: number) => ReactNode };

/**
 * A plan's stops in route order: number, arrival times, place (its district, as the priorities
 * name it, and its coordinates), why. The plan page adds a column of changes, the print view
 * columns for the team to fill in. On a phone each stop is a card of labelled lines (patrols.css):
 * every cell carries its column's name for that.
 */
export async function StopsTable({
  stops,
  schedule,
  categoryLabels,
  locale,
  captionHidden,
  extra,
}: {
  stops: PatrolStop[];
  schedule: Schedule;
  categoryLabels: Map<string, string>;
  locale: Locale;
  captionHidden?: boolean;
  extra?: StopColumn[];
}) {
  const [t, districts] = await Promise.all([getTranslations('patrols.detail'), getDb().then(loadDistricts)]);
  return (
    <table className="data-table patrol-stops">
      <caption className={captionHidden ? 'visually-hidden' : undefined}>{t('caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('colNo')}</th>
          <th scope="col">{t('colArrivals')}</th>
          <th scope="col">{t('colPlace')}</th>
          <th scope="col">{t('colWhy')}</th>
          {extra?.map(({ header }) => (
            <th scope="col" key={header}>
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {stops.map((stop, i) => (
          <tr key={stop.id}>
            <th scope="row" data-label={t('colNo')}>
              {i + 1}
            </th>
            <td data-label={t('colArrivals')}>{(schedule.stops[i]?.arrivals ?? []).map((d) => clockTime(d, locale)).join(', ') || '–'}</td>
            <td data-label={t('colPlace')}>
              {findDistrict(districts, stop.lat, stop.lon)?.name ?? t('placeOutside')} <br />
              {t('place', { lat: formatCoordinate(stop.lat, locale, 5), lon: formatCoordinate(stop.lon, locale, 5) })}
              {stop.source === 'place' && <> ({t('placeManual')})</>}
            </td>
            <td data-label={t('colWhy')}>
              <StopReasons reasons={stop.reasons} categoryLabels={categoryLabels} locale={locale} />
            </td>
            {extra?.map(({ header, className, cell }) => (
              <td key={header} data-label={header} className={className}>
                {cell(stop, i)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
