import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cellStats, priorityCellStats, priorityPending, rateLimits, reportEvents, reports } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { rebuildCellStats } from '@/lib/reports/cell-stats';
import { submitReport } from '@/lib/reports/intake-batch';
import type { ReportInput } from '@/lib/reports/validation';

// References drawn in the tests come from this queue first, so a collision can be forced.
const forcedRefs: string[] = [];
vi.mock('@/lib/reports/reference', async (original) => {
  const actual = await original<typeof import('@/lib/reports/reference')>();
  return { ...actual, generateRef: (prefix: string) => forcedRefs.shift() ?? actual.generateRef(prefix) };
});

const input = (i: number): ReportInput =>
  ({
    lat: 51.58 + (i % 50) * 0.001,
    lon: 7.47 + (i % 37) * 0.002,
    category: i % 2 ? 'poor-lighting' : 'drugs',
    feeling: 1 + (i % 5),
    when: i % 3 ? { always: true } : { times: ['night', 'evening'], days: ['fri'] },
    description: null,
    email: null,
    locale: 'de',
  }) as ReportInput;

/** The web intake writes concurrent reports together; each must still be exactly one row with its history and counts. */
describe.each(testDatabaseKinds())('intake batcher on %s', (kind) => {
  let database: TestDatabase;
  const count = async (table: typeof reports | typeof reportEvents) =>
    (await database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0].n;
  const counted = async () =>
    (await database.db.select({ n: sql<number>`coalesce(sum(${cellStats.reportCount}), 0)::int` }).from(cellStats).where(eq(cellStats.timeOfDay, 'all')))[0].n;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('stores concurrent reports once each, shares one row among one key, and counts them in cell_stats', async () => {
    const before = { reports: await count(reports), events: await count(reportEvents), cells: await counted() };
    const distinct = Array.from({ length: 150 }, (_, i) => submitReport(database.db, { input: input(i), idempotencyKey: `batch-${kind}-${i}` }));
    const shared = Array.from({ length: 6 }, () => submitReport(database.db, { input: input(7), idempotencyKey: `batch-${kind}-shared` }));
    const invalid = submitReport(database.db, { input: { ...input(1), category: 'ufo' } });
    const results = await Promise.all([...distinct, ...shared]);

    expect(results.every((r) => r.ok)).toBe(true);
    const refs = results.map((r) => (r.ok ? r.ref : ''));
    expect(new Set(refs.slice(0, 150)).size).toBe(150);
    expect(new Set(refs.slice(150)).size).toBe(1);
    expect(results.slice(150).filter((r) => r.ok && r.created)).toHaveLength(1);
    expect(await invalid).toEqual({ ok: false, fields: { category: 'unknown_category' } });

    expect(await count(reports)).toBe(before.reports + 151);
    expect(await count(reportEvents)).toBe(before.events + 151);
    expect(await counted()).toBe(before.cells + 151);
    // Every time of day as a recomputation from the reports counts it.
    const cells = async () => (await database.db.select().from(cellStats)).map((c) => `${c.cell} ${c.categoryId} ${c.timeOfDay} ${c.reportCount} ${c.lat} ${c.lon}`).sort();
    const written = await cells();
    await rebuildCellStats(database.db);
    expect(written).toEqual(await cells());

    // A retry later finds the stored report.
    const again = await submitReport(database.db, { input: input(3), idempotencyKey: `batch-${kind}-3` });
    expect(again).toEqual({ ok: true, ref: refs[3], created: false });
  });

  it('counts rate-limit hits with the reports they let in, as if one after another; a retry is not counted', async () => {
    const key = `limited-${kind}`;
    const submit = (i: number) => submitReport(database.db, { input: input(2000 + i), idempotencyKey: `${key}-${i}`, rateLimit: { key, perHour: 4 } });
    const before = await count(reports);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => submit(i)));
    expect(results.map((r) => (r.ok ? r.created : 'retryAfterSeconds' in r && r.retryAfterSeconds > 0 && 'refused'))).toEqual([true, true, true, true, 'refused', 'refused']);
    expect(await count(reports)).toBe(before + 4);
    expect(await submit(0)).toEqual({ ...results[0], created: false });
    const hits = async () => (await database.db.select({ count: rateLimits.count }).from(rateLimits).where(eq(rateLimits.key, key)))[0].count;
    expect(await hits()).toBe(6);
    // The counter is full: a new report is refused, and counted.
    expect(await submit(6)).toMatchObject({ ok: false });
    expect(await hits()).toBe(7);
  });

  it('queues the stored reports for the patrol priorities and adds them in the background, without a ranking', async () => {
    const queued = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(priorityPending))[0].n;
    const contributions = async () => (await database.db.select({ n: sql<number>`coalesce(sum(${priorityCellStats.reports}), 0)::int` }).from(priorityCellStats))[0].n;
    const before = await contributions();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => submitReport(database.db, { input: input(1000 + i) })));
    expect(results.every((r) => r.ok && r.created)).toBe(true);
    await vi.waitFor(async () => expect(await queued()).toBe(0), { timeout: 10_000, interval: 100 });
    // Every report reaches a few cells through the kernel: at least one contribution each.
    expect(await contributions()).toBeGreaterThanOrEqual(before + 40);
  });

  it('draws a new reference when one collides with a stored report, and loses nothing', async () => {
    const [taken] = await database.db.select({ ref: reports.ref }).from(reports).limit(1);
    const before = await count(reports);
    forcedRefs.push(taken.ref);
    const results = await Promise.all(Array.from({ length: 3 }, (_, i) => submitReport(database.db, { input: input(i), idempotencyKey: `collide-${kind}-${i}` })));
    expect(results.every((r) => r.ok && r.created && r.ref !== taken.ref)).toBe(true);
    expect(await count(reports)).toBe(before + 3);
  });

  it('answers every request of a failed batch with the error and stores none of them', async () => {
    const before = await count(reports);
    // The database answers the look-ups (query builders) but the writing statement fails, as when it goes away mid-batch.
    const gone = Object.assign(new Error('gone'), { code: 'ECONNRESET' });
    const broken = new Proxy(database.db, {
      get: (target, property, receiver) => (property === 'execute' ? () => Promise.reject(gone) : Reflect.get(target, property, receiver)),
    });
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => submitReport(broken, { input: input(i) })));
    expect(results.map((r) => (r.status === 'rejected' ? r.reason : r.value))).toEqual(Array(5).fill(gone));
    expect(await count(reports)).toBe(before);
  });
});
