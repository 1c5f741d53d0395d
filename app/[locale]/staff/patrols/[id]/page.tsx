import { SubmitAskingFirst } from '@/components/confirm-question';
import { FocusOnArrival } from '@/components/focus-on-arrival';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import '@/components/inbox/inbox.css';
import '@/components/patrols/patrols.css';
import { DataTable } from '@/components/data-table';
import { PlanMapEditor } from '@/components/patrols/plan-map-editor';
import { TableScroll } from '@/components/data-table';
import { StopsTable } from '@/components/patrols/stops-table';
import { VisitLogForm } from '@/components/patrols/visit-log-form';
import { requireRole } from '@/lib/auth/require';
import { hasRole } from '@/lib/auth/roles';
import { listCategories } from '@/lib/categories/queries';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { formatCoordinate } from '@/lib/numbers';
import { clockTime, shiftLabel } from '@/lib/patrols/format';
import { rankPriorities } from '@/lib/priorities/service';
import { getPlan, reportsAtStop } from '@/lib/patrols/service';
import { mayLogVisits, planEditors, planReaders } from '@/lib/patrols/team';
import { planErrorCodes, type PlanErrorCode } from '@/lib/patrols/validation';
import { shiftSlotWeights } from '@/lib/priorities/slots';
import { addStopAction, changePlanStatusAction, changeStopsAction } from '../actions';

type Props = {
  params: Promise<{ locale: Locale; id: string }>;
  searchParams: Promise<{ saved?: string; error?: string; at?: string; lat?: string; lon?: string }>;
};

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('patrols.detail');
  return { title: t('metaTitle', { city: getCityConfig().name }), robots: { index: false } };
}

const savedKeys = ['created', 'changed', 'published', 'done', 'logged'] as const;
const otherErrors = ['conflict', 'not_found', 'not_editable', 'transition_not_allowed', 'not_on_team'] as const;

/** "2026-11-27T20:15" in the city's time zone, for <input type="datetime-local">. */
function localInputValue(date: Date): string {
  const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: getCityConfig().timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
  return parts.replace(' ', 'T');
}

/** A plan: its route on a map and as a table with times and reasons; editing, publishing and the patrol log. */
export default async function PatrolPlanPage({ params, searchParams }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const user = await requireRole(...planReaders);
  const db = await getDb();
  const view = /^\d{1,9}$/.test(id) ? await getPlan(db, Number(id)) : null;
  if (!view) notFound();
  const { plan, stops, schedule, team, logs } = view;
  const { saved, error, at, lat: typedLat, lon: typedLon } = await searchParams;
  const t = await getTranslations('patrols');
  const tStatus = await getTranslations('inbox.statuses');
  const tRoles = await getTranslations('staff.roles');
  const city = getCityConfig();
  const categoryLabels = new Map((await listCategories(db, locale)).map((c) => [c.slug, c.label]));
  const mayEdit = hasRole(user.roles, planEditors);
  const editable = mayEdit && plan.status !== 'done';
  const loggable = mayEdit && plan.status === 'published' && mayLogVisits(user, plan);
  const time = (d: Date) => clockTime(d, locale);
  const now = new Date();
  const shift = shiftLabel(plan, locale);
  const stopNumber = new Map(stops.map((s, i) => [s.id, i + 1]));
  const errorCode = error && ((planErrorCodes as readonly string[]).includes(error) || (otherErrors as readonly string[]).includes(error)) ? (error as PlanErrorCode) : null;
  const savedKey = savedKeys.find((k) => k === saved);

  const onPlan = new Set(stops.map((s) => s.cell));
  const candidates = editable
    ? (await rankPriorities(db, { slotWeights: shiftSlotWeights(plan.startsAt, plan.endsAt, city.timeZone), limit: 40 })).filter((p) => !onPlan.has(p.cell)).slice(0, 20)
    : [];
  const stopReports = loggable ? await Promise.all(stops.map((s) => reportsAtStop(db, s.cell))) : [];
  const hidden = (
    <>
      <input type="hidden" name="id" value={plan.id} />
      <input type="hidden" name="version" value={plan.version} />
      <input type="hidden" name="locale" value={locale} />
    </>
  );

  // The outcome of the last step, shown (and focused) in the section it was taken in, so that the
  // keyboard goes on from there; a new message with each change of the plan, to be focused again.
  const outcome = savedKey ? (
    <FocusOnArrival key={plan.version} className="notice notice--success" role="status">
      <p>{t(`detail.saved.${savedKey}`)}</p>
    </FocusOnArrival>
  ) : errorCode ? (
    <FocusOnArrival key={`${errorCode}-${plan.version}`} className="notice notice--error" role="alert">
      <p>{t(`errors.${errorCode}`)}</p>
    </FocusOnArrival>
  ) : null;
  const sections = ['place', 'stops', 'add', 'status', 'log'];
  const outcomeIn = (section: string) => ((at && sections.includes(at) ? at : 'top') === section ? outcome : null);

  return (
    <div className="container page patrol-plan">
      <h1>{t('detail.title', { shift })}</h1>
      {outcomeIn('top')}
      <dl className="patrol-facts">
        <dt>{t('detail.status')}</dt>
        <dd>
          <span className={`badge badge--${plan.status}`}>{t(`statuses.${plan.status}`)}</span>
        </dd>
        <dt>{t('detail.team')}</dt>
        <dd>{team.map((m) => `${m.name} (${m.roles.map((r) => tRoles(r as 'police')).join(', ')})`).join('; ')}</dd>
        <dt>{t('detail.start')}</dt>
        <dd>{plan.start.name}</dd>
        <dt>{t('detail.dwell')}</dt>
        <dd>
          {t('detail.minutes', { n: plan.dwellMinutes })}; {t('detail.revisit', { n: plan.revisitMinutes })}
        </dd>
      </dl>
      <p>{t('detail.backAt', { time: time(schedule.endAt) })}</p>
      {plan.ungated && (
        <p className="notice notice--error" role="note">
          {t('detail.ungated')}
        </p>
      )}
      {schedule.unreachable.length > 0 && <p className="notice notice--error">{t('detail.unreachable', { stops: schedule.unreachable.map((i) => i + 1).join(', ') })}</p>}
      {!mayEdit && <p>{t('detail.readOnly')}</p>}

      <p className="toolbar patrol-downloads">
        <Link href={`/staff/patrols/${plan.id}/print`}>{t('detail.print')}</Link>
        <span>{t('detail.downloads')}:</span>
        <a href={`/api/staff/patrols/${plan.id}/plan.gpx?locale=${locale}`} download>
          {t('detail.gpx')}
        </a>
        <a href={`/api/staff/patrols/${plan.id}/plan.geojson?locale=${locale}`} download>
          {t('detail.geojson')}
        </a>
      </p>

      <PlanMapEditor
        city={{ name: city.name, center: city.center, zoom: city.zoom, minZoom: city.minZoom, maxZoom: city.maxZoom, bounds: city.bounds }}
        start={plan.start}
        stops={stops.map((s, i) => ({ number: i + 1, lat: s.lat, lon: s.lon, label: `${t('export.stop', { n: i + 1 })}: ${(schedule.stops[i]?.arrivals ?? []).map(time).join(', ')}` }))}
        add={editable ? { id: plan.id, version: plan.version, locale } : undefined}
        // A typed place that could not be added: the error also beside its fields.
        addError={errorCode === 'coordinate_invalid' || errorCode === 'place_outside_city' ? t(`errors.${errorCode}`) : undefined}
        outcome={outcomeIn('place')}
        typed={at === 'place' && errorCode ? { lat: typedLat ?? '', lon: typedLon ?? '' } : undefined}
      />

      <h2 id="stops">{t('detail.stops')}</h2>
      {outcomeIn('stops')}
      {stops.length === 0 ? (
        <p>{t('detail.noStops')}</p>
      ) : (
        <TableScroll label={t('detail.caption')}>
          <StopsTable
            stops={stops}
            schedule={schedule}
            categoryLabels={categoryLabels}
            locale={locale}
            captionHidden
            extra={
              editable
                ? [
                    {
                      header: t('detail.colActions'),
                      cell: (stop, i) => (
                        <div className="patrol-stop-actions">
                          {(['up', 'down', 'drop'] as const).map((op) => (
                            <form action={changeStopsAction} key={op}>
                              {hidden}
                              <input type="hidden" name="stopId" value={stop.id} />
                              <input type="hidden" name="op" value={op} />
                              <button
                                type="submit"
                                className="button button--secondary button--small"
                                disabled={(op === 'up' && i === 0) || (op === 'down' && i === stops.length - 1)}
                              >
                                {t(`detail.${op}`, { n: i + 1 })}
                              </button>
                            </form>
                          ))}
                        </div>
                      ),
                    },
                  ]
                : undefined
            }
          />
        </TableScroll>
      )}
      {editable && stops.length > 1 && (
        <form action={changeStopsAction}>
          {hidden}
          <input type="hidden" name="op" value="reorder" />
          <button type="submit" className="button button--secondary">
            {t('detail.reorder')}
          </button>
        </form>
      )}

      {editable && (
        <section aria-labelledby="add">
          <h2 id="add">{t('detail.add')}</h2>
          {outcomeIn('add')}
          <form action={addStopAction} className="patrol-add-cell">
            {hidden}
            <div className="form-field">
              <label htmlFor="add-cell" className="label">
                {t('detail.cell')}
              </label>
              <select id="add-cell" name="cell">
                {candidates.map((p, n) => (
                  <option key={p.cell} value={p.cell}>
                    {t('detail.cellOption', { n: n + 1, score: p.score, reports: p.reports, lat: formatCoordinate(p.lat, locale, 5), lon: formatCoordinate(p.lon, locale, 5) })}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button--secondary" disabled={candidates.length === 0}>
              {t('detail.addCell')}
            </button>
          </form>
          <p className="hint">{t('detail.addPlaceHint')}</p>
        </section>
      )}

      {mayEdit && plan.status !== 'done' && (
        <form action={changePlanStatusAction} id="status" className="patrol-status">
          {outcomeIn('status')}
          {hidden}
          <input type="hidden" name="status" value={plan.status === 'draft' ? 'published' : 'done'} />
          {plan.status === 'draft' ? (
            <button type="submit" className="button">
              {t('detail.publish')}
            </button>
          ) : (
            // Finishing cannot be undone, and ends editing and the log: it asks once more.
            <SubmitAskingFirst className="button" question={t('detail.doneQuestion')} yes={t('detail.doneYes')} no={t('detail.doneNo')}>
              {t('detail.done')}
            </SubmitAskingFirst>
          )}
        </form>
      )}

      <h2 id="log">{t('log.title')}</h2>
      {outcomeIn('log')}
      <p>{t('log.intro')}</p>
      {mayEdit && plan.status === 'draft' && <p>{t('log.onlyPublished')}</p>}
      {mayEdit && plan.status === 'published' && !loggable && <p>{t('errors.not_on_team')}</p>}
      {loggable &&
        stops.map((stop, i) => {
          const planned = schedule.stops[i]?.arrivals[0] ?? plan.startsAt;
          return (
            <VisitLogForm
              key={stop.id}
              plan={{ id: plan.id, version: plan.version, locale }}
              stop={{ id: stop.id, number: i + 1, plannedAt: time(planned) }}
              // The planned arrival, or now if the team is there early: a visit cannot lie ahead.
              defaultVisitedAt={localInputValue(planned < now ? planned : now)}
              reports={stopReports[i].map((report) => ({
                ref: report.ref,
                version: report.version,
                label: t('log.reportStatus', { ref: report.ref, category: categoryLabels.get(report.category) ?? report.category, status: tStatus(report.status) }),
                next: report.next.map((status) => ({ value: status, label: tStatus(status) })),
              }))}
            />
          );
        })}
      <h3>{t('log.entries')}</h3>
      {logs.length === 0 ? (
        <p>{t('log.none')}</p>
      ) : (
        <DataTable caption={t('log.entriesCaption')} columns={[t('log.colStop'), t('log.colVisited'), t('log.colFindings'), t('log.colNote'), t('log.colMoved')]}>
          {logs.map((log) => (
            <tr key={log.id}>
              <th scope="row">{stopNumber.get(log.stopId)}</th>
              <td>{time(log.visitedAt)}</td>
              <td>{log.findings.map((f) => t(`log.finding.${f}`)).join(', ')}</td>
              <td>{log.note}</td>
              <td>{log.movedReports.map((m) => t('log.movedTo', { ref: m.ref, status: tStatus(m.status) })).join(', ')}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
