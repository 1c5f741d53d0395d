import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import '@/components/inbox/inbox.css';
import { FocusOnArrival } from '@/components/focus-on-arrival';
import { CategoryForm, MergeButton, MergeForm, MovePinForm, NoteForm, RedactForm, ReplyForm, StatusForm } from '@/components/inbox/report-forms';
import { KeyboardHelp } from '@/components/map/keyboard-help';
import { ReportMap } from '@/components/map/report-map';
import { TableScroll } from '@/components/data-table';
import { requireRole } from '@/lib/auth/require';
import { listCategories } from '@/lib/categories/queries';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { getFormatter } from '@/lib/i18n/format';
import { getPathname, Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { formatCoordinate } from '@/lib/numbers';
import { refFromPathSegment } from '@/lib/reports/ref-format';
import { DUPLICATE_RADIUS_M, DUPLICATE_WINDOW_DAYS, getReportDetail, type ReportHistoryEntry } from '@/lib/reports/report-detail';
import { loadDistricts } from '@/lib/reports/service';
import { inboxReaders, isReporterNotified } from '@/lib/reports/workflow';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ locale: Locale; ref: string }>; searchParams: Promise<{ saved?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { ref } = await params;
  const t = await getTranslations('inbox.detail');
  return { title: t('metaTitle', { ref: ref.toUpperCase(), city: getCityConfig().name }), robots: { index: false } };
}

/**
 * One report for staff: every field the viewer's role may read, the map, history and suggested
 * duplicates; for triage and admin the review actions (each a server action that checks the role
 * and the version again).
 */
export default async function ReportDetailPage({ params, searchParams }: Props) {
  const { locale, ref: rawRef } = await params;
  setRequestLocale(locale);
  const user = await requireRole(...inboxReaders);
  const ref = refFromPathSegment(rawRef);
  const db = await getDb();
  const report = ref ? await getReportDetail(db, ref, { viewer: user, locale }) : null;
  if (!report) notFound();

  const [t, tr, tc, tk, format, categories, districts] = await Promise.all([
    getTranslations('inbox'),
    getTranslations('report'),
    // A language named in the page's language ('Deutsch' on a Turkish page would be 'Almanca').
    getTranslations('dialogueEditor.languages'),
    getTranslations('admin.outbox.kinds'),
    getFormatter(),
    listCategories(db, locale),
    loadDistricts(db),
  ]);
  const city = getCityConfig();
  const pickerCity = { name: city.name, center: city.center, zoom: 16, minZoom: city.minZoom, maxZoom: city.maxZoom, bounds: city.bounds };
  const dateTime = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  const categoryLabel = (slug: unknown) => categories.find((c) => c.slug === slug)?.label ?? String(slug ?? '');
  const statusLabel = (status: string | null) => (status ? t(`statuses.${status as 'new'}`) : '');
  const target = { reference: report.ref, version: report.version };
  const when =
    'always' in report.when
      ? t('detail.always')
      : t('detail.whenValue', {
          times: format.list(report.when.times.map((time) => tr(`times.${time}`))),
          days: format.list(report.when.days.map((day) => tr(`days.${day}`))),
        });
  const languageNames = { de: tc('de'), en: tc('en'), tr: tc('tr') } as Record<string, string>;

  function describe(entry: ReportHistoryEntry): string {
    const data = entry.data ?? {};
    switch (entry.kind) {
      case 'created':
        return t('history.created');
      case 'status_changed':
        return t('history.status_changed', { from: statusLabel(entry.fromStatus), to: statusLabel(entry.toStatus) });
      case 'categorised':
        return t('history.categorised', { from: categoryLabel(data.from), to: categoryLabel(data.to) });
      case 'moved':
        return t('history.moved', { metres: format.number(Number(data.distanceM ?? 0)) });
      case 'redacted':
        return data.withdrawn ? t('history.redactedWithdrawn') : t('history.redacted');
      case 'merged':
        if (data.from) return t('history.mergedFrom', { ref: String(data.from) });
        if (data.via) return t('history.mergedVia', { ref: String(data.into), via: String(data.via) });
        return t('history.merged', { ref: String(data.into) });
      case 'note':
        return t('history.note');
      case 'reply':
        return t('history.reply');
    }
  }

  return (
    <div className="container container--wide page">
      <p className="inbox-back">
        <Link href="/staff/reports">{t('detail.back')}</Link>
      </p>
      <h1>{t('detail.title', { ref: report.ref })}</h1>
      {(await searchParams).saved === 'merged' && (
        // The merge's form is gone with the merge: its outcome is said here, once.
        <FocusOnArrival className="notice notice--success" role="status" param="saved">
          <p>{t('actions.merge.done')}</p>
        </FocusOnArrival>
      )}
      <p>
        <span className={`status-badge status-badge--${report.status}`}>{statusLabel(report.status)}</span>
      </p>

      <div className="report-layout">
        <section aria-labelledby="report-facts" className="report-layout__facts">
          <h2 id="report-facts">{t('detail.facts')}</h2>
          <dl className="facts">
            <dt>{t('detail.status')}</dt>
            <dd>{statusLabel(report.status)}</dd>
            <dt>{t('detail.received')}</dt>
            <dd>
              <time dateTime={report.createdAt}>{dateTime(report.createdAt)}</time>
            </dd>
            <dt>{t('detail.updated')}</dt>
            <dd>
              <time dateTime={report.updatedAt}>{dateTime(report.updatedAt)}</time>
            </dd>
            <dt>{t('detail.category')}</dt>
            <dd>{report.category.label}</dd>
            <dt>{t('detail.district')}</dt>
            <dd>{report.district?.name ?? t('list.outside')}</dd>
            <dt>{t('detail.feeling')}</dt>
            <dd>{tr(`feeling${report.feeling as 1 | 2 | 3 | 4 | 5}`)}</dd>
            <dt>{t('detail.when')}</dt>
            <dd>{when}</dd>
            <dt>{t('detail.position')}</dt>
            <dd>{t('detail.positionValue', { lat: formatCoordinate(report.lat, locale, 5), lon: formatCoordinate(report.lon, locale, 5) })}</dd>
            <dt>{t('detail.nearby')}</dt>
            <dd>{format.number(report.nearby)}</dd>
            <dt>{t('detail.source')}</dt>
            <dd>{t(`detail.sources.${report.source}`)}</dd>
            <dt>{t('detail.language')}</dt>
            <dd>{languageNames[report.locale] ?? report.locale}</dd>
            <dt>{t('detail.email')}</dt>
            <dd>
              {report.contactEmail !== undefined
                ? report.contactEmail
                  ? (
                      <>
                        {report.contactEmail}
                        {report.contactEmailDeleteAt && (
                          <>
                            {' '}
                            ({t('detail.emailDeleteAt', { date: format.dateTime(new Date(report.contactEmailDeleteAt), { dateStyle: 'medium' }) })})
                          </>
                        )}
                      </>
                    )
                  : t('detail.noEmail')
                : report.hasContactEmail
                  ? t('detail.emailLeft')
                  : t('detail.noEmail')}
            </dd>
            {report.emails && report.emails.length > 0 && (
              <>
                <dt>{t('detail.emails')}</dt>
                <dd>
                  <ul className="plain-list">
                    {report.emails.map((email, i) => (
                      <li key={i}>
                        {t('detail.emailEntry', {
                          at: dateTime(email.createdAt),
                          kind: tk(email.kind),
                          status:
                            email.status === 'sent'
                              ? t('detail.emailSent', { at: dateTime(email.sentAt ?? email.createdAt) })
                              : email.status === 'failed'
                                ? t('detail.emailFailed')
                                : t('detail.emailPending'),
                        })}
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
            {report.mergedInto && (
              <>
                <dt>{t('detail.mergedInto')}</dt>
                <dd>
                  <Link href={`/staff/reports/${report.mergedInto}`}>{report.mergedInto}</Link>
                </dd>
              </>
            )}
            {report.mergedReports.length > 0 && (
              <>
                <dt>{t('detail.mergedReports')}</dt>
                <dd>
                  <ul className="plain-list">
                    {report.mergedReports.map((m) => (
                      <li key={m.ref}>
                        <Link href={`/staff/reports/${m.ref}`}>{m.ref}</Link>
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </dl>

          <h2>{t('detail.description')}</h2>
          {report.description !== undefined ? (
            report.description ? (
              <blockquote className="report-text" lang={report.locale}>
                {report.description}
              </blockquote>
            ) : (
              <p>{t('detail.noDescription')}</p>
            )
          ) : (
            <p>{report.hasDescription ? t('detail.descriptionHidden') : t('detail.noDescription')}</p>
          )}
          <h2>{t('detail.publicDescription')}</h2>
          {report.publicDescription ? (
            <blockquote className="report-text">{report.publicDescription}</blockquote>
          ) : (
            <p>{report.hasDescription ? t('detail.noPublicDescription') : t('detail.noDescription')}</p>
          )}
        </section>

        <section aria-labelledby="report-place" className="report-layout__map">
          <h2 id="report-place">{t('detail.mapTitle')}</h2>
          {report.canEdit ? (
            <MovePinForm
              {...target}
              position={{ lat: report.lat, lon: report.lon }}
              city={pickerCity}
              districts={districts.map(({ id, slug, name, geometry, bbox }) => ({ id, slug, name, geometry, bbox }))}
            />
          ) : (
            <>
              <div className="map-tools">
                <KeyboardHelp items={(['focus', 'arrows', 'zoom', 'escape'] as const).map((k) => t(`map.keyboard.${k}`))} />
              </div>
              <ReportMap
                city={pickerCity}
                label={t('detail.mapLabel', { ref: report.ref })}
                reports={[
                  {
                    ref: report.ref,
                    number: 1,
                    lat: report.lat,
                    lon: report.lon,
                    summary: t('map.popup', { status: statusLabel(report.status), category: report.category.label }),
                    href: getPathname({ href: `/staff/reports/${report.ref}`, locale }),
                    linkLabel: t('map.open', { ref: report.ref }),
                  },
                ]}
              />
            </>
          )}
        </section>
      </div>

      <section aria-labelledby="report-review" className="report-review">
        <h2 id="report-review">{t('actions.title')}</h2>
        {report.canEdit ? (
          <div className="report-review__forms">
            <StatusForm {...target} current={report.status} next={report.nextStatuses} notifies={report.hasContactEmail && report.nextStatuses.some(isReporterNotified)} />
            <CategoryForm {...target} current={report.category.slug} categories={categories} />
            {report.description ? <RedactForm {...target} current={report.publicDescription} original={report.description} /> : null}
            {report.canMerge ? (
              <MergeForm {...target} example={`${city.refPrefix}-7K2Q9M`} />
            ) : (
              <p className="note">{t('actions.merge.notPossible')}</p>
            )}
            <NoteForm {...target} />
            {report.hasContactEmail ? <ReplyForm {...target} /> : <p className="note">{t('actions.reply.noEmail')}</p>}
          </div>
        ) : (
          <p>{t('actions.readOnly')}</p>
        )}
      </section>

      <section aria-labelledby="report-duplicates">
        <h2 id="report-duplicates">{t('duplicates.title')}</h2>
        <p>{t('duplicates.intro', { metres: DUPLICATE_RADIUS_M, days: DUPLICATE_WINDOW_DAYS })}</p>
        {report.duplicates.length === 0 ? (
          <p>{t('duplicates.none')}</p>
        ) : (
          <TableScroll label={t('duplicates.caption')}>
            <table className="data-table">
              <caption className="visually-hidden">{t('duplicates.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('duplicates.ref')}</th>
                  <th scope="col">{t('duplicates.status')}</th>
                  <th scope="col">{t('duplicates.distance')}</th>
                  <th scope="col">{t('duplicates.received')}</th>
                  {report.canEdit && <th scope="col">{t('duplicates.action')}</th>}
                </tr>
              </thead>
              <tbody>
                {report.duplicates.map((d) => (
                  <tr key={d.ref}>
                    <th scope="row">
                      <Link href={`/staff/reports/${d.ref}`}>{d.ref}</Link>
                    </th>
                    <td>{statusLabel(d.status)}</td>
                    <td>{t('duplicates.distanceValue', { metres: format.number(d.distanceM) })}</td>
                    <td>
                      <time dateTime={d.createdAt}>{dateTime(d.createdAt)}</time> ({t('duplicates.daysApart', { days: d.daysApart })})
                    </td>
                    {report.canEdit && (
                      <td>
                        <div className="duplicate-actions">
                          {d.canMergeIntoThis && (
                            <MergeButton source={d.ref} version={d.version} into={report.ref} page={report.ref} label={t('duplicates.mergeIntoThis', { ref: d.ref })} />
                          )}
                          {d.canMergeIntoIt && (
                            <MergeButton source={report.ref} version={report.version} into={d.ref} page={report.ref} label={t('duplicates.mergeThisInto', { ref: d.ref })} />
                          )}
                        </div>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section aria-labelledby="report-history">
        <h2 id="report-history">{t('history.title')}</h2>
        <ol className="report-history">
          {report.history.map((entry) => (
            <li key={entry.id}>
              <p className="report-history__head">
                <time dateTime={entry.at}>{dateTime(entry.at)}</time> · {entry.actor ? entry.actor.name : entry.kind === 'created' ? t('history.resident') : t('history.system')}
              </p>
              <p>{describe(entry)}</p>
              {typeof entry.data?.reason === 'string' && <p>{t('history.reason', { reason: entry.data.reason })}</p>}
              {typeof entry.data?.unmergedFrom === 'string' && <p>{t('history.unmerged', { ref: entry.data.unmergedFrom })}</p>}
              {typeof entry.data?.text === 'string' && <blockquote className="report-text">{entry.data.text}</blockquote>}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
