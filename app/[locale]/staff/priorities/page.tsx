import { FocusOnArrival } from '@/components/focus-on-arrival';
import type { Metadata } from 'next';
import { cellToBoundary } from 'h3-js';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import '@/components/inbox/inbox.css';
import '@/components/priorities/priorities.css';
import { DataTable } from '@/components/data-table';
import { CellMap, type MapCell } from '@/components/map/cell-map';
import { EndOverrideForm, OverrideForm } from '@/components/priorities/override-form';
import { SlotGrid } from '@/components/priorities/slot-grid';
import { FilterErrors, filterFieldAria, type FilterError } from '@/components/staff/filter-errors';
import { FilterInput } from '@/components/staff/filter-input';
import { FilterSelect } from '@/components/staff/filter-select';
import { requireRole } from '@/lib/auth/require';
import { listCategories } from '@/lib/categories/queries';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { findDistrict } from '@/lib/geo/districts';
import { getFormatter } from '@/lib/i18n/format';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { parsePriorityFilters, slotWeightsOf } from '@/lib/priorities/filters';
import { canOverride, listOverrides, priorityReaders } from '@/lib/priorities/overrides';
import { scoreLevelOf, scoreLevels } from '@/lib/priorities/levels';
import { getScoreParams, rankPriorities } from '@/lib/priorities/service';
import { districtsByName } from '@/lib/reports/service';
import { weekdays } from '@/lib/reports/types';

export const dynamic = 'force-dynamic';

/** Cells shown: a plan takes about 5 % of the city's area, a few dozen cells; the list stays readable. */
const LIST_LIMIT = 25;

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('priorities');
  return { title: t('metaTitle', { city: getCityConfig().name }), robots: { index: false } };
}

/**
 * Patrol priorities (police, triage, coordinators, admin): the ranked cells with why, a map of them,
 * filters for district, category and a window of the week; police, triage and admin boost or suppress.
 */
export default async function PrioritiesPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requireRole(...priorityReaders);
  const [t, tDays, format, db] = await Promise.all([getTranslations('priorities'), getTranslations('report.days'), getFormatter(), getDb()]);
  const city = getCityConfig();
  const query = await searchParams;
  const { filters, errors } = parsePriorityFilters(query);
  const saved = query.saved;
  const [ranked, categories, districts, overrides, params_] = await Promise.all([
    rankPriorities(db, { slotWeights: slotWeightsOf(filters), district: filters.district, category: filters.category, limit: LIST_LIMIT }),
    listCategories(db, locale),
    districtsByName(db),
    listOverrides(db, 30),
    getScoreParams(db),
  ]);
  const editor = canOverride(user.roles);
  const renderedAt = new Date();
  const categoryLabel = new Map(categories.map((c) => [c.slug, c.label]));
  const number = (value: number, digits = 1) => format.number(value, { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const top = ranked[0]?.score ?? 0;
  const cellName = (index: number) => t('list.cellName', { rank: index + 1 });
  const districtName = (lat: number, lon: number) => findDistrict(districts, lat, lon)?.name;
  const mapCells: MapCell[] = ranked.map((p, i) => ({
    cell: p.cell,
    count: p.reports,
    ring: cellToBoundary(p.cell, true),
    color: scoreLevelOf(p.score, top).color,
    label: `${cellName(i)}: ${t('list.score', { score: number(p.score, 2) })}${p.gated ? ` – ${t('list.gated')}` : ''}`,
  }));
  const windowText = filters.window
    ? t('filters.windowText', {
        days: filters.window.days.length === 7 ? t('filters.everyDay') : filters.window.days.map((d) => tDays(d)).join(', '),
        from: filters.window.from,
        to: filters.window.to,
      })
    : t('filters.wholeWeek');
  // In the form's order, each linked to the field to correct.
  const errorFields = { district: 'filter-district', category: 'filter-category', hours: 'filter-from', days: `filter-day-${weekdays[0]}` } as const;
  const errorList: FilterError[] = (Object.keys(errorFields) as (keyof typeof errorFields)[]).flatMap((key) => {
    const code = errors[key];
    return code ? [{ key, message: t(`filters.errors.${code}`), field: errorFields[key] }] : [];
  });
  // Hours the filter could not use stay in their fields as typed, to be corrected.
  const typed = (key: 'from' | 'to') => (errors.hours ? [query[key] ?? []].flat()[0] : undefined) ?? '';
  const gatedCount = ranked.filter((p) => p.gated).length;

  return (
    <div className="container container--wide page">
      <h1>{t('title')}</h1>
      <p>{t('intro', { minSupport: params_.minSupport, minZ: number(params_.minZ, 2), halfLife: params_.halfLifeDays, reporterWindow: params_.reporterWindowDays })}</p>

      <form method="get" className="inbox-filters" aria-label={t('filters.legend')}>
        <div className="inbox-filters__fields">
          <FilterSelect
            name="district"
            label={t('filters.district')}
            allLabel={t('filters.allDistricts')}
            value={filters.district}
            options={districts.map((d) => ({ value: d.slug, label: d.name }))}
            error={errors.district && 'district'}
          />
          <FilterSelect
            name="category"
            label={t('filters.category')}
            allLabel={t('filters.allCategories')}
            value={filters.category}
            options={categories.map((c) => ({ value: c.slug, label: c.label }))}
            error={errors.category && 'category'}
          />
          {(['from', 'to'] as const).map((key) => (
            <FilterInput
              key={key}
              name={key}
              label={t(`filters.${key}`)}
              type="number"
              min={key === 'from' ? 0 : 1}
              max={key === 'from' ? 23 : 24}
              className="input--short"
              defaultValue={filters.window?.[key] ?? typed(key)}
              error={errors.hours && 'hours'}
              describedBy={['filter-window-hint']}
            />
          ))}
        </div>
        <fieldset className="inbox-filters__statuses" aria-describedby="filter-window-hint">
          <legend>{t('filters.days')}</legend>
          {weekdays.map((day) => (
            <div key={day} className="choice">
              <input
                id={`filter-day-${day}`}
                type="checkbox"
                name="days"
                value={day}
                defaultChecked={filters.window?.days.includes(day) && filters.window.days.length < 7}
                {...filterFieldAria(errors.days && 'days')}
              />
              <label htmlFor={`filter-day-${day}`}>{tDays(day)}</label>
            </div>
          ))}
        </fieldset>
        <p id="filter-window-hint" className="hint">
          {t('filters.windowHint')}
        </p>
        <div className="actions">
          <button type="submit" className="button">
            {t('filters.apply')}
          </button>
          <Link href="/staff/priorities">{t('filters.reset')}</Link>
        </div>
      </form>

      <FilterErrors intro={t('filters.ignored')} errors={errorList} />

      <p role="status" className="inbox-count">
        {t('list.count', { count: ranked.length, gated: gatedCount, window: windowText })}
      </p>

      {ranked.length > 0 && (
        <div className="inbox-layout">
          <div className="inbox-layout__list">
            <ol className="priority-list">
              {ranked.map((p, i) => {
                const district = districtName(p.lat, p.lon);
                const mix = Object.entries(p.categories)
                  .sort((a, b) => b[1] - a[1])
                  .map(([slug, n]) => `${categoryLabel.get(slug) ?? slug} ${n}`)
                  .join(', ');
                const trend =
                  p.trend.ratio === null
                    ? p.trend.recent > 0
                      ? t('reasons.trendNew')
                      : t('reasons.trendNone')
                    : t('reasons.trend', { ratio: number(p.trend.ratio, 2), direction: p.trend.ratio > 1.1 ? 'up' : p.trend.ratio < 0.9 ? 'down' : 'flat' });
                return (
                  <li key={p.cell} className="priority-item">
                    <article aria-labelledby={`priority-${p.cell}`}>
                      <h2 id={`priority-${p.cell}`} className="priority-item__title">
                        {cellName(i)}
                        {district ? ` – ${district}` : ''}{' '}
                        <span className={`priority-badge ${p.gated ? 'priority-badge--gated' : ''}`}>{p.gated ? t('list.gated') : t('list.notGated')}</span>
                      </h2>
                      <p className="priority-item__meta">
                        {t('list.score', { score: number(p.score, 2) })}
                        {p.override !== 1 && ` · ${t('list.override', { factor: number(p.override, 1) })}`} · <span className="nowrap">{t('list.cell', { cell: p.cell })}</span> ·{' '}
                        <span className="nowrap">{t('list.position', { lat: number(p.lat, 5), lon: number(p.lon, 5) })}</span>
                      </p>
                      <ul className="priority-reasons">
                        <li>{t('reasons.reports', { reports: p.reports, reporters: p.reporters })}</li>
                        <li>
                          {t('reasons.recency', { newest: Math.round(p.newestDays), mean: Math.round(p.meanAgeDays), halfLife: params_.halfLifeDays })}
                        </li>
                        <li>{t('reasons.severity', { severity: number(p.severity, 1) })}</li>
                        <li>{t('reasons.categories', { mix })}</li>
                        <li>
                          {t(p.significant ? 'reasons.zSignificant' : 'reasons.zNotSignificant', { z: number(p.z, 2), minZ: number(params_.minZ, 2) })}
                        </li>
                        <li>
                          {trend} {t('reasons.trendNumbers', { days: params_.trendDays, recent: number(p.trend.recent, 2), previous: number(p.trend.previous, 2) })}
                        </li>
                      </ul>
                      <SlotGrid priority={p} caption={t('grid.caption', { name: cellName(i) })} />
                      {editor && (
                        <details className="priority-override">
                          <summary>{t('override.open', { name: cellName(i) })}</summary>
                          <OverrideForm cell={p.cell} labels={{ cellLabel: cellName(i) }} />
                          {p.override !== 1 && <EndOverrideForm cell={p.cell} labels={{ cellLabel: cellName(i) }} />}
                        </details>
                      )}
                    </article>
                  </li>
                );
              })}
            </ol>
          </div>
          <div className="inbox-layout__map">
            <h2 className="visually-hidden">{t('map.title')}</h2>
            <CellMap
              city={{ name: city.name, center: city.center, zoom: 14, minZoom: city.minZoom, maxZoom: city.maxZoom, bounds: city.bounds }}
              cells={mapCells}
              mapLabel={t('map.label')}
            />
            <ul className="priority-legend" aria-label={t('map.legend')}>
              {scoreLevels.map((level) => (
                <li key={level.key}>
                  <span className="priority-legend__swatch" style={{ background: level.color }} aria-hidden="true" />
                  {t(`map.levels.${level.key}`)}
                </li>
              ))}
            </ul>
            <p className="hint">{t('map.textAlternative')}</p>
          </div>
        </div>
      )}

      <h2 id="overrides">{t('overrides.title')}</h2>
      {(saved === 'set' || saved === 'ended') && (
        // The form that was used may have left with its place: the outcome is said here, once; keyed
        // by the render, so that the next outcome takes the focus again.
        <FocusOnArrival key={renderedAt.getTime()} className="notice notice--success" role="status" param="saved">
          <p>{t(saved === 'set' ? 'override.savedRanking' : 'override.ended')}</p>
        </FocusOnArrival>
      )}
      {overrides.length === 0 ? (
        <p>{t('overrides.none')}</p>
      ) : (
        <DataTable
          caption={t('overrides.caption')}
          showCaption
          columns={[t('overrides.cell'), t('overrides.factor'), t('overrides.reason'), t('overrides.by'), t('overrides.at'), t('overrides.state')]}
        >
          {overrides.map((o) => (
            <tr key={o.id}>
              <th scope="row" className="nowrap">
                {o.cell}
              </th>
              <td className="numeric">{number(o.factor, 1)}</td>
              <td>{o.reason}</td>
              <td>{o.by}</td>
              <td>
                <time dateTime={o.createdAt.toISOString()}>{format.dateTime(o.createdAt, { dateStyle: 'short', timeStyle: 'short' })}</time>
              </td>
              <td>
                {o.endedAt
                  ? t('overrides.ended', { at: format.dateTime(o.endedAt, { dateStyle: 'short' }) })
                  : o.expiresAt
                    ? t('overrides.until', { at: format.dateTime(o.expiresAt, { dateStyle: 'short' }) })
                    : t('overrides.active')}
                {/* Ended here too: a place suppressed to 0 leaves the ranking above, and its form with it. */}
                {editor && !o.endedAt && (!o.expiresAt || o.expiresAt > renderedAt) && <EndOverrideForm cell={o.cell} labels={{ cellLabel: o.cell }} />}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
