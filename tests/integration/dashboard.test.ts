import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDashboard, recordDashboardVisit, VISIT_GAP_MS } from '@/lib/dashboard/queries';
import { reports } from '@/lib/db/schema';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { insertReport } from '../helpers/reports';
import { createStaff } from '../helpers/staff';

const DAY = 86_400_000;

describe.each(testDatabaseKinds())('staff dashboard on %s', (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await useTestDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('counts from the previous visit, which stays put while the user keeps looking', async () => {
    const user = await createStaff(database.db, 'dash@stadt.example', ['triage']);
    const t0 = new Date('2026-05-04T08:00:00Z');
    expect(await recordDashboardVisit(database.db, user.id, t0)).toBeNull();
    // Ten minutes later: the same visit, still the first.
    expect(await recordDashboardVisit(database.db, user.id, new Date(t0.getTime() + 10 * 60_000))).toBeNull();
    // The next morning: a new visit, counted from the last view of the previous one.
    const t1 = new Date(t0.getTime() + DAY);
    expect(await recordDashboardVisit(database.db, user.id, t1)).toEqual(new Date(t0.getTime() + 10 * 60_000));
    expect(await recordDashboardVisit(database.db, user.id, new Date(t1.getTime() + VISIT_GAP_MS - 1000))).toEqual(
      new Date(t0.getTime() + 10 * 60_000),
    );
  });

  it('shows new reports since then, the longest waiting, and the last four weeks by status, category and week', async () => {
    const db = database.db;
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const oldest = await insertReport(db, { createdAt: ago(40), status: 'new' });
    const reviewing = await insertReport(db, { createdAt: ago(20), status: 'in_review', category: 'harassment' });
    await insertReport(db, { createdAt: ago(10), status: 'confirmed', category: 'harassment' });
    await insertReport(db, { createdAt: ago(3), status: 'dismissed' });
    const fresh = await insertReport(db, { createdAt: ago(0.5), status: 'new', category: 'drugs' });

    const dashboard = await getDashboard(db, { previousVisit: ago(1), now });
    expect(dashboard.firstVisit).toBe(false);
    expect(dashboard.newCount).toBe(1);
    expect(dashboard.newest.map((r) => r.ref)).toEqual([fresh.ref]);
    expect(dashboard.newest[0]).toMatchObject({ status: 'new', category: { de: 'Drogenhandel oder -konsum' }, district: 'Lünen-Mitte' });
    expect(dashboard.waitingCount).toBe(3);
    expect(dashboard.waiting.map((r) => r.ref)).toEqual([oldest.ref, reviewing.ref, fresh.ref]);

    const status = Object.fromEntries(dashboard.byStatus.map((s) => [s.status, s.count]));
    expect(status).toEqual({ new: 1, in_review: 1, confirmed: 1, in_patrol: 0, resolved: 0, dismissed: 1, duplicate: 0 });
    const category = Object.fromEntries(dashboard.byCategory.map((c) => [c.slug, c.count]));
    expect(category).toMatchObject({ harassment: 2, drugs: 1, 'poor-lighting': 1, other: 0 });
    expect(dashboard.byWeek.map((w) => w.count)).toEqual([0, 1, 1, 2]);
    expect(dashboard.byWeek[3].start.getTime()).toBe(ago(7).getTime());

    const first = await getDashboard(db, { previousVisit: null, now });
    expect(first).toMatchObject({ firstVisit: true, newCount: 2 });

    // Never the description or the e-mail address.
    expect(JSON.stringify(dashboard)).not.toMatch(/description|contact/i);
    await db.delete(reports).where(eq(reports.id, oldest.id));
  });
});
