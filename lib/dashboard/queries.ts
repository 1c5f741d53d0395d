import { and, asc, desc, eq, gt, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { categories, districts, reports, reportStatuses, users, type LocalizedText, type ReportStatus } from '@/lib/db/schema';

/**
 * The staff dashboard (/staff): what needs attention. Reads only refs, categories, districts,
 * statuses and dates — never descriptions or e-mail addresses.
 */

/** Pages opened within this gap belong to one visit: reloading does not reset "new since your last visit". */
export const VISIT_GAP_MS = 30 * 60_000;
/** Without an earlier visit, "new" means the last week. */
export const FIRST_VISIT_WINDOW_DAYS = 7;
export const DASHBOARD_WEEKS = 4;
const LIST_LENGTH = 10;
const DAY_MS = 86_400_000;

/**
 * Records that the user opened the dashboard and returns the end of their previous visit (null on
 * the first). A visit starts when the last view is more than VISIT_GAP_MS ago; within a visit the
 * reference point stays put.
 */
export async function recordDashboardVisit(db: Db, userId: number, now = new Date()): Promise<Date | null> {
  const gapStart = new Date(now.getTime() - VISIT_GAP_MS);
  const [row] = await db
    .update(users)
    .set({
      previousVisitAt: sql`case when ${users.lastSeenAt} is null or ${users.lastSeenAt} < ${gapStart.toISOString()}::timestamptz then ${users.lastSeenAt} else ${users.previousVisitAt} end`,
      lastSeenAt: now,
    })
    .where(eq(users.id, userId))
    .returning({ previousVisitAt: users.previousVisitAt });
  return row?.previousVisitAt ?? null;
}

export type DashboardReport = {
  ref: string;
  status: ReportStatus;
  createdAt: Date;
  category: LocalizedText;
  district: string | null;
};

export type Dashboard = {
  /** Where "new" counts from: the previous visit, or a week ago on the first. */
  since: Date;
  firstVisit: boolean;
  newCount: number;
  newest: DashboardReport[];
  /** Reports still new or in review, oldest first. */
  waitingCount: number;
  waiting: DashboardReport[];
  /** Reports received in the last four weeks, by status, by category and by week (oldest week first). */
  periodStart: Date;
  byStatus: { status: ReportStatus; count: number }[];
  byCategory: { slug: string; label: LocalizedText; count: number }[];
  byWeek: { start: Date; count: number }[];
};

const waitingStatuses: ReportStatus[] = ['new', 'in_review'];

function reportList(db: Db) {
  return db
    .select({
      ref: reports.ref,
      status: reports.status,
      createdAt: reports.createdAt,
      category: categories.label,
      district: districts.name,
    })
    .from(reports)
    .innerJoin(categories, eq(categories.id, reports.categoryId))
    .leftJoin(districts, eq(districts.id, reports.districtId));
}

export async function getDashboard(db: Db, options: { previousVisit: Date | null; now?: Date }): Promise<Dashboard> {
  const now = options.now ?? new Date();
  const since = options.previousVisit ?? new Date(now.getTime() - FIRST_VISIT_WINDOW_DAYS * DAY_MS);
  const periodStart = new Date(now.getTime() - DASHBOARD_WEEKS * 7 * DAY_MS);
  const count = sql<number>`count(*)::int`;

  const [newCount, newest, waitingCount, waiting, statusRows, categoryRows, weekRows] = await Promise.all([
    db.select({ count }).from(reports).where(gt(reports.createdAt, since)),
    reportList(db).where(gt(reports.createdAt, since)).orderBy(desc(reports.createdAt), desc(reports.id)).limit(LIST_LENGTH),
    db.select({ count }).from(reports).where(inArray(reports.status, waitingStatuses)),
    reportList(db).where(inArray(reports.status, waitingStatuses)).orderBy(asc(reports.createdAt), asc(reports.id)).limit(LIST_LENGTH),
    db.select({ status: reports.status, count }).from(reports).where(gte(reports.createdAt, periodStart)).groupBy(reports.status),
    db
      .select({ slug: categories.slug, label: categories.label, active: categories.active, count: sql<number>`count(${reports.id})::int` })
      .from(categories)
      .leftJoin(reports, and(eq(reports.categoryId, categories.id), gte(reports.createdAt, periodStart)))
      .groupBy(categories.id)
      .orderBy(asc(categories.sortOrder), asc(categories.id)),
    db
      .select({
        // Whole weeks ago, 0 for the last seven days; clamped so the period's edges fall in a bar.
        week: sql<number>`greatest(0, least(${DASHBOARD_WEEKS - 1}, floor(extract(epoch from (${now.toISOString()}::timestamptz - ${reports.createdAt})) / ${7 * 86_400})))::int`,
        count,
      })
      .from(reports)
      .where(gte(reports.createdAt, periodStart))
      .groupBy(sql`1`),
  ]);

  const statusCounts = new Map(statusRows.map((r) => [r.status, r.count]));
  const weekCounts = new Map(weekRows.map((r) => [r.week, r.count]));
  return {
    since,
    firstVisit: options.previousVisit === null,
    newCount: newCount[0].count,
    newest,
    waitingCount: waitingCount[0].count,
    waiting,
    periodStart,
    byStatus: reportStatuses.map((status) => ({ status, count: statusCounts.get(status) ?? 0 })),
    // Inactive categories only when they still had reports in the period.
    byCategory: categoryRows.filter((c) => c.active || c.count > 0).map(({ slug, label, count }) => ({ slug, label, count })),
    byWeek: Array.from({ length: DASHBOARD_WEEKS }, (_, i) => {
      const weeksAgo = DASHBOARD_WEEKS - 1 - i;
      return { start: new Date(now.getTime() - (weeksAgo + 1) * 7 * DAY_MS), count: weekCounts.get(weeksAgo) ?? 0 };
    }),
  };
}
