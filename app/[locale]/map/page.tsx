import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { FilterForm } from '@/components/filter-form';
import { CellMap, CellMapScope, ShowCellButton } from '@/components/map/cell-map';
import { cellLevels, levelOf } from '@/components/map/levels';
import { TableScroll } from '@/components/data-table';
import { listCategories } from '@/lib/categories/queries';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { getFormatter } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/routing';
import { getPublicCellCollection, publicCellsQuerySchema } from '@/lib/reports/public-cells';
import { loadDistricts } from '@/lib/reports/service';
import { timesOfDay } from '@/lib/reports/types';
import { getSetting } from '@/lib/settings/queries';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<{ category?: string; time?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('publicMap');
  return { title: t('metaTitle', { city: getCityConfig().name }) };
}

export default async function PublicMapPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('publicMap');
  const tr = await getTranslations('report');
  const format = await getFormatter();
  const city = getCityConfig();
  const db = await getDb();
  const search = await searchParams;
  const b = city.bounds;
  // Unknown filter values fall back to "all": a hand-edited address still shows a map.
  const query = publicCellsQuerySchema.safeParse({
    bbox: `${b.minLon},${b.minLat},${b.maxLon},${b.maxLat}`,
    category: search.category || undefined,
    time: search.time || undefined,
  });
  const [categories, k, districts] = await Promise.all([
    listCategories(db, locale),
    getSetting(db, 'privacy.k'),
    loadDistricts(db),
  ]);
  const selected = query.success ? query.data : publicCellsQuerySchema.parse({ bbox: `${b.minLon},${b.minLat},${b.maxLon},${b.maxLat}` });
  const result = await getPublicCellCollection(db, selected);
  const collection = result.ok ? result.value : { type: 'FeatureCollection' as const, features: [] };
  const districtName = new Map(districts.map((d) => [d.slug, d.name]));
  const rows = collection.features
    .map((f) => {
      const district = f.properties.district && districtName.get(f.properties.district);
      const count = f.properties.count;
      const summary = district ? t('cellSummary', { count, district }) : t('cellSummaryOutside', { count });
      return { cell: f.properties.cell, count, ring: f.geometry.coordinates[0], district: district || t('outside'), summary };
    })
    .sort((a, b) => b.count - a.count);

  return (
    <div className="container page">
      <h1>{t('title', { city: city.name })}</h1>
      <p className="lead">{t('intro', { k })}</p>

      <FilterForm className="filters" aria-label={t('filters')}>
        <div>
          <label htmlFor="filter-category">{t('category')}</label>
          <select id="filter-category" name="category" defaultValue={selected.category ?? ''}>
            <option value="">{t('allCategories')}</option>
            {categories.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-time">{t('time')}</label>
          <select id="filter-time" name="time" defaultValue={selected.time ?? ''}>
            <option value="">{t('allTimes')}</option>
            {timesOfDay.map((time) => (
              <option key={time} value={time}>
                {tr(`times.${time}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('apply')}
        </button>
      </FilterForm>
      {/* Announced when the filters change the page in place (FilterForm). */}
      <div role="status">
        <p>{rows.length === 0 ? t('empty', { k }) : t('shownCount', { count: rows.length, k })}</p>
        {(selected.category || selected.time) && <p className="hint">{t('filterNote')}</p>}
      </div>

      <CellMapScope>
        <ClientMessages namespaces={['map', 'publicMap']}>
          <CellMap
            preview={t('mapPreview')}
            previewWithoutScript={t('mapWithoutScript')}
            city={{ name: city.name, center: city.center, zoom: city.zoom - 1, minZoom: city.minZoom, maxZoom: city.maxZoom, bounds: city.bounds }}
            cells={rows.map((row) => ({ cell: row.cell, count: row.count, ring: row.ring, label: row.summary }))}
          />
        </ClientMessages>

        <h2 id="legend">{t('legend')}</h2>
        <ul className="legend" aria-labelledby="legend">
          {cellLevels.map((level) => (
            <li key={level.from}>
              <span className="legend__swatch" style={{ background: level.color }} aria-hidden="true" />
              {level.to === Infinity ? t('levelOpen', { from: level.from }) : t('level', { from: level.from, to: level.to })}
            </li>
          ))}
        </ul>

        {rows.length > 0 && (
          <>
            <h2>{t('tableTitle')}</h2>
            <TableScroll label={t('tableCaption', { k })}>
              <table className="table">
                <caption>{t('tableCaption', { k })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('number')}</th>
                    <th scope="col">{t('district')}</th>
                    <th scope="col">{t('count')}</th>
                    <th scope="col" className="needs-script">
                      {t('onMap')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row, i) => (
                    <tr key={row.cell} data-cell={row.cell}>
                      {/* The number tells rows with the same district and count apart, for the eye and in the buttons' names. */}
                      <td className="numeric">{format.number(i + 1)}</td>
                      <td>{row.district}</td>
                      <td>
                        <span className="legend__swatch" style={{ background: levelOf(row.count).color }} aria-hidden="true" />
                        {format.number(row.count)}
                      </td>
                      <td className="needs-script">
                        <ShowCellButton cell={row.cell}>
                          {t('showCell')}
                          <span className="visually-hidden">{t('showCellDetail', { n: i + 1, summary: row.summary })}</span>
                        </ShowCellButton>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </>
        )}
      </CellMapScope>
    </div>
  );
}
