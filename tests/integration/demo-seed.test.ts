import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const rows = await database.db.execute<{ ref: string; status: string; updated: string; last: string; created: string }>(sql`
      select r.ref, r.status, r.updated_at::text as updated, r.created_at::text as created,
             (select max(e.created_at) from report_events e where e.report_id = r.id)::text as last
      from reports r`);
    const list = 'rows' in rows ? rows.rows : rows;
    expect(list.length).toBeGreaterThan(100);
    for (const row of list) expect(row.updated, row.ref).toBe(row.last);
    const changed = list.filter((row) => row.status !== 'new');
    expect(changed.length).toBeGreaterThan(0);
    for (const row of changed) expect(Date.parse(row.updated), row.ref).toBeGreaterThan(Date.parse(row.created));
  });
});
