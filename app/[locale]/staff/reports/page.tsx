import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { BULK_FORM_ID, BulkForm, SelectAll } from '@/components/inbox/bulk-form';
import '@/components/inbox/inbox.css';
import { KeyboardHelp } from '@/components/map/keyboard-help';
import { ReportMap } from '@/components/map/report-map';
import { FilterErrors, filterFieldAria, type FilterError } from '@/components/staff/filter-errors';
import { FilterInput } from '@/components/staff/filter-input';
import { FilterSelect } from '@/components/staff/filter-select';
import { TableScroll } from '@/components/data-table';
import { requireRole } from '@/lib/auth/require';
import { listCategories } from '@/lib/categories/queries';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { getFormatter } from '@/lib/i18n/format';
import { getPathname, Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { listInbox, withKnownFilters } from '@/lib/reports/inbox';
import { decodeCursor, inboxSearchParams, parseInboxQuery, type InboxParam } from '@/lib/reports/inbox-query';
import { districtsByName } from '@/lib/reports/service';
import { reportStatuses } from '@/lib/reports/types';
import { canChangeReports, inboxReaders, statusTransitions } from '@/lib/reports/workflow';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('inbox');
  return { title: t('metaTitle', { city: getCityConfig().name }), robots: { index: false } };
}

/** Statuses a bulk change can set: every target of the workflow table (merging is one by one). */
/** The filter field each address parameter comes from, to name it beside what was wrong with it. */
const filterLabels = { status: 'status', category: 'category', district: 'district', from: 'from', to: 'to', q: 'text', sort: 'sort' } as const satisfies Record<Exclude<InboxParam, 'cursor'>, string>;

const bulkStatuses = reportStatuses.filter((s) => Object.values(statusTransitions).some((targets) => targets.includes(s)));

/**
 * The report inbox (triage, police, admin): filters in the address, a page of reports as a table
 * and as markers on a map, the next page by cursor, and — for triage and admin — bulk changes.
 */
export default async function InboxPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requireRole(...inboxReaders);
  const [t, format, db] = await Promise.all([getTranslations('inbox'), getFormatter(), getDb()]);
  const city = getCityConfig();
  const search = await searchParams;
  const { query, fields } = await withKnownFilters(db, parseInboxQuery(search));
  const [page, categories, districts] = await Promise.all([
    listInbox(db, query, { viewer: user, locale, timeZone: city.timeZone }),
    listCategories(db, locale),
    districtsByName(db),
  ]);
  const editor = canChangeReports(user.roles);
  const detailHref = (ref: string) => getPathname({ href: `/staff/reports/${ref}`, locale });
  const nextHref = page.nextCursor ? `/staff/reports?${inboxSearchParams(query, decodeCursor(page.nextCursor)).toString()}` : null;
  const firstParams = inboxSearchParams(query).toString();
  // In the form's order, whichever check found them.
  const ignored = ([...Object.keys(filterLabels), 'cursor'] as InboxParam[]).flatMap((field): FilterError[] => {
    const code = fields[field];
    if (!code) return [];
    if (field === 'cursor') return [{ key: field, message: t(`queryErrors.${code}`) }];
    const message = t('filters.ignoredField', { field: t(`filters.${filterLabels[field]}`), error: t(`queryErrors.${code}`) });
    return [{ key: field, message, field: field === 'status' ? `filter-status-${reportStatuses[0]}` : `filter-${field}` }];
  });
  // A field the query could not use shows what was typed (an end before its start), to be corrected.
  const typed = (key: 'from' | 'to' | 'q') => (fields[key] ? [search[key] ?? []].flat()[0] : undefined) ?? '';

  return (
    <div className="container container--wide page">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>

      <form method="get" className="inbox-filters" aria-label={t('filters.legend')}>
        <fieldset className="inbox-filters__statuses">
          <legend>{t('filters.status')}</legend>
          {reportStatuses.map((status) => (
            <div key={status} className="choice">
              <input
                id={`filter-status-${status}`}
                type="checkbox"
                name="status"
                value={status}
                defaultChecked={query.statuses.includes(status)}
                {...filterFieldAria(fields.status && 'status')}
              />
              <label htmlFor={`filter-status-${status}`}>{t(`statuses.${status}`)}</label>
            </div>
          ))}
        </fieldset>
        <div className="inbox-filters__fields">
          <FilterSelect
            name="category"
            label={t('filters.category')}
            allLabel={t('filters.allCategories')}
            value={query.category}
            options={categories.map((c) => ({ value: c.slug, label: c.label }))}
            error={fields.category && 'category'}
          />
          <FilterSelect
            name="district"
            label={t('filters.district')}
            allLabel={t('filters.allDistricts')}
            value={query.district}
            options={districts.map((d) => ({ value: d.slug, label: d.name }))}
            error={fields.district && 'district'}
          />
          {(['from', 'to'] as const).map((key) => (
            <FilterInput key={key} name={key} label={t(`filters.${key}`)} type="date" defaultValue={query[key] ?? typed(key)} error={fields[key] && key} />
          ))}
          <FilterInput
            fieldClassName="inbox-filters__text"
            name="q"
            label={t('filters.text')}
            type="search"
            maxLength={100}
            defaultValue={query.text ?? typed('q')}
            error={fields.q && 'q'}
            hint={t('filters.textHint')}
          />
          <div>
            <label htmlFor="filter-sort">{t('filters.sort')}</label>
            <select id="filter-sort" name="sort" defaultValue={query.sort} {...filterFieldAria(fields.sort && 'sort')}>
              <option value="newest">{t('filters.sortNewest')}</option>
              <option value="nearby">{t('filters.sortNearby')}</option>
            </select>
          </div>
        </div>
        <div className="actions">
          <button type="submit" className="button">
            {t('filters.apply')}
          </button>
          <Link href="/staff/reports">{t('filters.reset')}</Link>
        </div>
      </form>

      <FilterErrors intro={t('filters.ignored')} errors={ignored} />

      <p role="status" className="inbox-count">
        {t('list.count', { count: page.items.length })}
      </p>

      {page.items.length > 0 && (
        <div className="inbox-layout">
          <div className="inbox-layout__list">
            {editor && <BulkForm statuses={bulkStatuses} categories={categories} />}
            <TableScroll label={t('list.caption')}>
              <table className="data-table inbox-table">
                <caption>{t('list.caption')}</caption>
                <thead>
                  <tr>
                    {editor && (
                      <th scope="col">
                        <SelectAll label={t('list.selectAll')} />
                      </th>
                    )}
                    <th scope="col">{t('list.number')}</th>
                    <th scope="col">{t('list.ref')}</th>
                    <th scope="col">{t('list.received')}</th>
                    <th scope="col">{t('list.status')}</th>
                    <th scope="col">{t('list.category')}</th>
                    <th scope="col">{t('list.district')}</th>
                    <th scope="col">{t('list.nearby')}</th>
                    <th scope="col">{t('list.description')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((item, index) => (
                    <tr key={item.id}>
                      {editor && (
                        <td>
                          <input
                            type="checkbox"
                            name="selected"
                            value={`${item.ref}:${item.version}`}
                            form={BULK_FORM_ID}
                            aria-label={t('list.selectReport', { ref: item.ref })}
                          />
                        </td>
                      )}
                      <td>{index + 1}</td>
                      <th scope="row" className="nowrap">
                        <Link href={`/staff/reports/${item.ref}`}>{item.ref}</Link>
                      </th>
                      <td>
                        <time dateTime={item.createdAt}>{format.dateTime(new Date(item.createdAt), { dateStyle: 'short', timeStyle: 'short' })}</time>
                      </td>
                      <td>
                        <span className={`status-badge status-badge--${item.status}`}>{t(`statuses.${item.status}`)}</span>
                      </td>
                      <td>{item.category.label}</td>
                      <td>{item.district?.name ?? t('list.outside')}</td>
                      <td className="numeric">{format.number(item.nearby)}</td>
                      <td>{!item.hasDescription ? t('list.noDescription') : item.reviewed ? t('list.reviewed') : t('list.unreviewed')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <nav aria-label={t('list.pagination')} className="inbox-pagination">
              {query.cursor && <Link href={`/staff/reports${firstParams ? `?${firstParams}` : ''}`}>{t('list.first')}</Link>}
              {nextHref && (
                <Link href={nextHref} rel="next">
                  {t('list.next')}
                </Link>
              )}
            </nav>
          </div>
          <div className="inbox-layout__map">
            <div className="map-tools">
              <KeyboardHelp items={(['focus', 'arrows', 'zoom', 'escape', 'table'] as const).map((k) => t(`map.keyboard.${k}`))} />
            </div>
            <ReportMap
              city={{ name: city.name, center: city.center, zoom: city.zoom, minZoom: city.minZoom, maxZoom: city.maxZoom, bounds: city.bounds }}
              label={t('map.label')}
              reports={page.items.map((item, index) => ({
                ref: item.ref,
                number: index + 1,
                lat: item.lat,
                lon: item.lon,
                summary: t('map.popup', { status: t(`statuses.${item.status}`), category: item.category.label }),
                href: detailHref(item.ref),
                linkLabel: t('map.open', { ref: item.ref }),
              }))}
            />
          </div>
        </div>
      )}
    </div>
  );
}
