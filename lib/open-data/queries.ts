import { asc, eq, gte, notInArray, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { categories, districts, reports } from '@/lib/db/schema';
import { uncountedStatuses } from '@/lib/reports/cell-stats';

/**
 * The reports every public aggregate counts: not dismissed and not merged into another — the
 * same rule as the public map (lib/reports/cell-stats.ts), so exports and map agree.
 */
export const countedReports = notInArray(reports.status, [...uncountedStatuses]);

export type CellCount = { cell: string; count: number };

/** Reports per H3 resolution-9 cell, only cells with at least k of them (k ≥ 3, the privacy rule). */
export async function getCellCounts(db: Db, k: number): Promise<CellCount[]> {
  const count = sql<number>`count(*)::int`;
  return db
    .select({ cell: reports.h3r9, count })
    .from(reports)
    .where(countedReports)
    .groupBy(reports.h3r9)
    .having(gte(count, k))
    .orderBy(asc(reports.h3r9));
}

export type MonthlyCount = {
  month: string;
  districtSlug: string | null;
  districtName: string | null;
  categorySlug: string;
  categoryLabel: string;
  count: number;
};

/** Reports per calendar month (in the city's time zone), district and category. */
export async function getMonthlyCounts(db: Db, timeZone: string): Promise<MonthlyCount[]> {
  const month = sql<string>`to_char(${reports.createdAt} at time zone ${timeZone}, 'YYYY-MM')`;
  const rows = await db
    .select({
      month,
      districtSlug: districts.slug,
      districtName: districts.name,
      categorySlug: categories.slug,
      categoryLabel: sql<string>`${categories.label}->>'de'`,
      count: sql<number>`count(*)::int`,
    })
    .from(reports)
    .innerJoin(categories, eq(categories.id, reports.categoryId))
    .leftJoin(districts, eq(districts.id, reports.districtId))
    .where(countedReports)
    // "1" is the month column: repeating the expression would bind the time zone twice, and
    // PostgreSQL cannot tell that two parameters are the same.
    .groupBy(sql`1`, districts.id, categories.id)
    .orderBy(sql`1`, sql`${districts.slug} nulls last`, asc(categories.sortOrder), asc(categories.slug));
  return rows;
}
