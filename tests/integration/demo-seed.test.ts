import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportEvents, reports } from '@/lib/db/schema';
import { seedDemoData } from '@/lib/db/seed/demo';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';

describe.each(testDatabaseKinds())('the demo data on %s', (kind) => {
  let database: TestDatabase;
  const now = new Date('2026-11-26T12:00:00Z');

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    await seedDemoData(database.db, now);
  }, 120_000);
  afterAll(async () => {
    await database.drop();
  });

  it("dates each report's last change at the last step of its history (Open311 updated_datetime)", async () => {
    const rows = await database.db.select({ id: reports.id, ref: reports.ref, status: reports.status, createdAt: reports.createdAt, updatedAt: reports.updatedAt }).from(reports);
    const lastStep = new Map<number, number>();
    for (const event of await database.db.select({ reportId: reportEvents.reportId, at: reportEvents.createdAt }).from(reportEvents)) {
      lastStep.set(event.reportId, Math.max(lastStep.get(event.reportId) ?? 0, event.at.getTime()));
    }
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) expect(row.updatedAt.getTime(), row.ref).toBe(lastStep.get(row.id));
    const changed = rows.filter((row) => row.status !== 'new');
    expect(changed.length).toBeGreaterThan(0);
    for (const row of changed) expect(row.updatedAt.getTime(), row.ref).toBeGreaterThan(row.createdAt.getTime());
  });
});
