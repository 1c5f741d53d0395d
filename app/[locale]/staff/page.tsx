import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { BarChart } from '@/components/staff/bar-chart';
import { TableScroll } from '@/components/data-table';
import { requireRole } from '@/lib/auth/require';
import { hasRole } from '@/lib/auth/roles';
import { getCityConfig } from '@/lib/city/config';
import { getDashboard, recordDashboardVisit, type DashboardReport } from '@/lib/dashboard/queries';
import { getDb } from '@/lib/db/client';
import { countOutbox } from '@/lib/email/outbox';
import { countOpenFeedback } from '@/lib/feedback/feedback';
import { getFormatter } from '@/lib/i18n/format';
import { localize } from '@/lib/i18n/localize';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('dashboard');
  return { title: t('metaTitle', { city: getCityConfig().name }), robots: { index: false } };
}

const DAY_MS = 86_400_000;

/**
 * Any staff role: what needs attention — new reports since the last visit, the reports waiting
 * longest, and the last four weeks at a glance. Lists of single reports only for roles that work
 * with reports (triage, police, admin); coordinators see the aggregates.
 */
export default async function StaffDashboardPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requireRole();
  const db = await getDb();
  const now = new Date();
  const previousVisit = await recordDashboardVisit(db, user.id, now);
  const isAdmin = hasRole(user.roles, ['admin']);
  const [t, tRoles, tStatus, format, dashboard, outbox, openFeedback] = await Promise.all([
    getTranslations('dashboard'),
    getTranslations('staff.roles'),
    getTranslations('inbox.statuses'),
    getFormatter(),
    getDashboard(db, { previousVisit, now }),
    isAdmin ? countOutbox(db) : null,
    isAdmin ? countOpenFeedback(db) : null,
  ]);
  const te = await getTranslations('dialogueEditor');
  const seesReports = hasRole(user.roles, ['triage', 'police']);
  const number = (n: number) => format.number(n);
  const date = (d: Date) => format.dateTime(d, { dateStyle: 'medium' });
  const dateTime = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  const waitingDays = (d: Date) => Math.floor((now.getTime() - d.getTime()) / DAY_MS);

  const reportTable = (reports: DashboardReport[], caption: string, age: boolean) => (
    <TableScroll label={caption}>
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ref')}</th>
            <th scope="col">{t('received')}</th>
            {age && <th scope="col">{t('waiting')}</th>}
            <th scope="col">{t('category')}</th>
            <th scope="col">{t('district')}</th>
            <th scope="col">{t('status')}</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((report) => (
            <tr key={report.ref}>
              <th scope="row">
                <Link href={`/staff/reports/${report.ref}`}>{report.ref}</Link>
              </th>
              <td>{dateTime(report.createdAt)}</td>
              {age && <td>{t('days', { count: waitingDays(report.createdAt) })}</td>}
              <td>{localize(report.category, locale)}</td>
              <td>{report.district ?? t('noDistrict')}</td>
              <td>{tStatus(report.status)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );

  return (
    <div className="container page dashboard">
      <h1>{t('title')}</h1>
      <p>
        {t('welcome', { name: user.name })}{' '}
        {user.roles.length > 0 ? t('roles', { roles: user.roles.map((role) => tRoles(role)).join(', ') }) : t('noRoles')}
      </p>

      {hasRole(user.roles, ['coordinator']) && (
        <section aria-labelledby="staff-home-dialogues">
          <h2 id="staff-home-dialogues">{te('home.title')}</h2>
          <p>{te('home.text')}</p>
          <ul>
            <li>
              <Link href="/staff/dialogues">{te('home.dialogues')}</Link>
            </li>
            <li>
              <Link href="/staff/measures">{te('home.measures')}</Link>
            </li>
          </ul>
        </section>
      )}

      {isAdmin && outbox && openFeedback !== null && (outbox.failed > 0 || outbox.pending > 0 || openFeedback > 0) && (
        <section aria-labelledby="dashboard-admin" className="notice">
          <h2 id="dashboard-admin" className="notice__title">
            {t('adminTitle')}
          </h2>
          <ul>
            {(outbox.failed > 0 || outbox.pending > 0) && (
              <li>
                <Link href="/staff/admin/outbox">{t('adminOutbox', { failed: outbox.failed, pending: outbox.pending })}</Link>
              </li>
            )}
            {openFeedback > 0 && (
              <li>
                <Link href="/staff/admin/feedback">{t('adminFeedback', { count: openFeedback })}</Link>
              </li>
            )}
          </ul>
        </section>
      )}

      <div className="dashboard__figures">
        <section aria-labelledby="dashboard-new" className="figure-card">
          <h2 id="dashboard-new">{dashboard.firstVisit ? t('newFirstTitle') : t('newTitle')}</h2>
          <p className="figure-card__number">{number(dashboard.newCount)}</p>
          <p>{dashboard.firstVisit ? t('newFirstSince', { days: 7 }) : t('newSince', { since: dateTime(dashboard.since) })}</p>
          {seesReports && (
            <p>
              <Link href="/staff/reports?status=new">{t('toInboxNew')}</Link>
            </p>
          )}
        </section>
        <section aria-labelledby="dashboard-waiting-count" className="figure-card">
          <h2 id="dashboard-waiting-count">{t('waitingTitle')}</h2>
          <p className="figure-card__number">{number(dashboard.waitingCount)}</p>
          <p>
            {dashboard.waiting[0]
              ? t('waitingOldest', { days: waitingDays(dashboard.waiting[0].createdAt), date: date(dashboard.waiting[0].createdAt) })
              : t('waitingNone')}
          </p>
          {seesReports && (
            <p>
              <Link href="/staff/reports?status=new,in_review">{t('toInboxReview')}</Link>
            </p>
          )}
        </section>
      </div>

      {seesReports && (
        <>
          {/* No name for the sections: their tables' scroll regions carry the same one (axe: landmark-unique). */}
          <section>
            <h2 id="dashboard-newest">{t('newestTitle')}</h2>
            {dashboard.newest.length === 0 ? <p>{dashboard.firstVisit ? t('newestEmptyFirst') : t('newestEmpty')}</p> : reportTable(dashboard.newest, t('newestTitle'), false)}
          </section>
          <section>
            <h2 id="dashboard-waiting">{t('waitingListTitle')}</h2>
            {dashboard.waiting.length === 0 ? <p>{t('waitingNone')}</p> : reportTable(dashboard.waiting, t('waitingListTitle'), true)}
          </section>
        </>
      )}

      <section aria-labelledby="dashboard-period">
        <h2 id="dashboard-period">{t('periodTitle')}</h2>
        <p>{t('periodIntro', { from: date(dashboard.periodStart), to: date(now) })}</p>
        <div className="dashboard__charts">
          <BarChart
            caption={t('chartWeeks')}
            labelHeader={t('week')}
            valueHeader={t('reports')}
            format={number}
            bars={dashboard.byWeek.map((week) => ({
              key: week.start.toISOString(),
              // Seven days back from now: the window begins on its first date at this time of day.
              label: t('weekRange', { from: date(week.start), to: date(new Date(week.start.getTime() + 7 * DAY_MS)) }),
              count: week.count,
            }))}
          />
          <BarChart
            caption={t('chartStatus')}
            labelHeader={t('status')}
            valueHeader={t('reports')}
            format={number}
            bars={dashboard.byStatus.map((row) => ({
              key: row.status,
              label: seesReports ? <Link href={`/staff/reports?status=${row.status}`}>{tStatus(row.status)}</Link> : tStatus(row.status),
              count: row.count,
            }))}
          />
          <BarChart
            caption={t('chartCategory')}
            labelHeader={t('category')}
            valueHeader={t('reports')}
            format={number}
            bars={dashboard.byCategory.map((row) => ({
              key: row.slug,
              label: seesReports ? <Link href={`/staff/reports?category=${row.slug}`}>{localize(row.label, locale)}</Link> : localize(row.label, locale),
              count: row.count,
            }))}
          />
        </div>
      </section>
    </div>
  );
}
