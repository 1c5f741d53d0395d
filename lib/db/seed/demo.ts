import { and, eq, isNull, sql } from 'drizzle-orm';
import { cellsFor } from '@/lib/geo/cells';
import { findDistrict } from '@/lib/geo/districts';
import { createApiKey, hashApiKey } from '@/lib/open311/api-keys';
import { generateRef } from '@/lib/reports/reference';
import { reporterHash } from '@/lib/reports/service';
import { getCityConfig } from '@/lib/city/config';
import type { Db } from '../client';
import { apiKeys, categories, districts, reportEvents, reports, type ReportStatus } from '../schema';
import { seedDemoDialogues } from './demo-dialogues';
import { generateDemoReports } from './demo-reports';
import { rebuildCellStats } from '@/lib/reports/cell-stats';
import { recomputePriorityStats } from '@/lib/priorities/service';

export const DEMO_REPORT_COUNT = 400;

/** The Open311 key of the demo (README); never created outside demo data. */
export const DEMO_OPEN311_KEY = 'demo-open311-key';

/** The path a demo report took to its status, so its history reads like a real one. */
const statusPath: Record<ReportStatus, ReportStatus[]> = {
  new: [],
  in_review: ['in_review'],
  confirmed: ['in_review', 'confirmed'],
  in_patrol: ['in_review', 'confirmed', 'in_patrol'],
  resolved: ['in_review', 'confirmed', 'in_patrol', 'resolved'],
  dismissed: ['in_review', 'dismissed'],
  duplicate: ['in_review', 'duplicate'],
};

/** True when the database holds no reports yet: demo data goes only into a new database. */
export async function isEmpty(db: Db): Promise<boolean> {
  const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(reports);
  return count === 0;
}

/**
 * Demo reports for the city (`npm run demo`, `npm run db:seed`), never in production. Generated
 * from a fixed seed relative to today, so the demo always looks current.
 */
export async function seedDemoData(db: Db, now = new Date()) {
  const categoryIds = new Map((await db.select().from(categories)).map((c) => [c.slug, c.id]));
  const districtRows = await db.select().from(districts);
  const prefix = getCityConfig().refPrefix;
  const demo = generateDemoReports({ count: DEMO_REPORT_COUNT, seed: 20180501, now });

  await db.transaction(async (tx) => {
    for (const report of demo) {
      const categoryId = categoryIds.get(report.category);
      if (!categoryId) continue;
      // Each step of the status path a day or so after the one before, never after now.
      const steps = statusPath[report.status];
      const stepTimes = steps.map((_, i) => new Date(Math.min(report.createdAt.getTime() + (i + 1) * 26 * 3_600_000, now.getTime())));
      const [row] = await tx
        .insert(reports)
        .values({
          ref: generateRef(prefix),
          lat: report.lat,
          lon: report.lon,
          ...cellsFor(report.lat, report.lon),
          districtId: findDistrict(districtRows, report.lat, report.lon)?.id ?? null,
          categoryId,
          feeling: report.feeling,
          when: report.when,
          description: report.description,
          status: report.status,
          contactEmail: report.email,
          contactEmailDeleteAt: report.email ? new Date(report.createdAt.getTime() + 180 * 86_400_000) : null,
          reporterHash: reporterHash(report.email, report.reporterToken),
          locale: report.locale,
          source: 'demo',
          createdAt: report.createdAt,
          updatedAt: stepTimes.at(-1) ?? report.createdAt,
        })
        .returning({ id: reports.id });
      await tx.insert(reportEvents).values([
        { reportId: row.id, kind: 'created', toStatus: 'new', createdAt: report.createdAt },
        ...steps.map((to, i) => ({
          reportId: row.id,
          kind: 'status_changed' as const,
          fromStatus: i === 0 ? ('new' as const) : steps[i - 1],
          toStatus: to,
          createdAt: stepTimes[i],
        })),
      ]);
    }
  });
  await rebuildCellStats(db);
  await recomputePriorityStats(db, { now });
  await seedDemoDialogues(db, now);
  await ensureDemoApiKey(db);
  return demo.length;
}

/** True when the database holds the demo's Open311 key (active). */
export async function hasDemoApiKey(db: Db): Promise<boolean> {
  const [row] = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKey(DEMO_OPEN311_KEY)), isNull(apiKeys.revokedAt)));
  return Boolean(row);
}

/** The demo's Open311 key, named "Demo", unless it is already there. */
export async function ensureDemoApiKey(db: Db) {
  const [existing] = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.keyHash, hashApiKey(DEMO_OPEN311_KEY)));
  if (!existing) await createApiKey(db, { name: 'Demo', key: DEMO_OPEN311_KEY });
}
