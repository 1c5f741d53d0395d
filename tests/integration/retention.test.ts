import { eq } from 'drizzle-orm';
import { cellToLatLng } from 'h3-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, feedback, outbox, reports } from '@/lib/db/schema';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { runRetention } from '@/lib/jobs/retention';
import { createReport } from '@/lib/reports/service';

const day = 86_400_000;
const input = {
  lat: 51.61391,
  lon: 7.52312,
  category: 'poor-lighting',
  feeling: 3,
  when: { always: true as const },
  description: null,
  email: 'anwohnerin@example.org',
  locale: 'de' as const,
  reporterToken: null,
  website: null,
};

describe.each(testDatabaseKinds())('retention on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await useTestDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
  });

  const byRef = async (ref: string) => (await database.db.select().from(reports).where(eq(reports.ref, ref)))[0];

  it('deletes a reporter e-mail once its retention period has passed, not before', async () => {
    const reportedAt = new Date('2026-01-10T10:00:00Z');
    const created = await createReport(database.db, input, { now: reportedAt });
    if (!created.ok) throw new Error('not created');

    // A message to the reporter sent on day 175, and one to another resident.
    const other = await createReport(database.db, { ...input, email: 'nachbar@example.org' }, { now: new Date(reportedAt.getTime() + 100 * day) });
    if (!other.ok) throw new Error('not created');
    const sentAt = new Date(reportedAt.getTime() + 175 * day);
    const reporters = [created, other].map(({ ref }, i) => ({ ref, to: i ? 'nachbar@example.org' : 'anwohnerin@example.org' }));
    for (const { ref, to } of reporters) {
      await database.db.insert(outbox).values({ to, subject: 'Erledigt', textBody: '.', kind: 'resolved', reportId: (await byRef(ref)).id, status: 'sent', sentAt, createdAt: sentAt });
    }

    const early = await runRetention(database.db, new Date(reportedAt.getTime() + 179 * day));
    expect(early).toMatchObject({ emailsDeleted: 0, outboxDeleted: 0 });
    expect((await byRef(created.ref)).contactEmail).toBe('anwohnerin@example.org');

    const late = await runRetention(database.db, new Date(reportedAt.getTime() + 181 * day));
    expect(late).toMatchObject({ emailsDeleted: 1, outboxDeleted: 1 });
    const row = await byRef(created.ref);
    expect(row.contactEmail).toBeNull();
    expect(row.contactEmailDeleteAt).toBeNull();
    // The report itself stays; its address is in no message either, though the outbox keeps a
    // sent message 30 days; the other resident's message stays.
    expect(row.status).toBe('new');
    expect((await database.db.select({ to: outbox.to }).from(outbox)).map((r) => r.to)).toEqual(['nachbar@example.org']);
    await database.db.delete(outbox);
  });

  it('deletes old outbox messages, which hold addresses too, also where no SMTP server is set up', async () => {
    const now = new Date('2026-11-26T12:00:00Z');
    await database.db.insert(outbox).values([
      { to: 'alt@example.org', subject: 'never sent', textBody: '.', kind: 'confirmed', status: 'pending', createdAt: new Date(now.getTime() - 400 * day) },
      { to: 'neu@example.org', subject: 'waiting', textBody: '.', kind: 'confirmed', status: 'pending', createdAt: new Date(now.getTime() - 2 * day) },
    ]);
    expect(await runRetention(database.db, now)).toMatchObject({ outboxDeleted: 1 });
    expect((await database.db.select({ to: outbox.to }).from(outbox)).map((r) => r.to)).toEqual(['neu@example.org']);
  });

  it('deletes handled accessibility feedback after the e-mail retention period, and the address of an open one', async () => {
    const now = new Date('2026-11-26T12:00:00Z');
    const old = new Date(now.getTime() - 200 * day);
    await database.db.insert(feedback).values([
      { topic: 'barrier', message: 'alt, erledigt', email: 'a@example.org', createdAt: old, handledAt: old },
      { topic: 'barrier', message: 'alt, offen', email: 'b@example.org', createdAt: old },
      { topic: 'barrier', message: 'neu, erledigt', email: 'c@example.org', createdAt: new Date(now.getTime() - 2 * day), handledAt: now },
    ]);
    expect(await runRetention(database.db, now)).toMatchObject({ feedbackPurged: 2 });
    const left = await database.db.select({ message: feedback.message, email: feedback.email }).from(feedback).orderBy(feedback.id);
    expect(left).toEqual([
      { message: 'alt, offen', email: null },
      { message: 'neu, erledigt', email: 'c@example.org' },
    ]);
  });

  it('coarsens the exact position of a report closed longer than the set time, and only that', async () => {
    const now = new Date('2026-11-26T12:00:00Z');
    const open = await createReport(database.db, { ...input, email: null }, { now: new Date('2025-01-01T00:00:00Z') });
    const closed = await createReport(database.db, { ...input, email: null }, { now: new Date('2025-01-01T00:00:00Z') });
    if (!open.ok || !closed.ok) throw new Error('not created');
    await database.db.update(reports).set({ status: 'resolved', updatedAt: new Date(now.getTime() - 400 * day) }).where(eq(reports.ref, closed.ref));

    const result = await runRetention(database.db, now);
    expect(result?.coarsened).toBe(1);
    const coarse = await byRef(closed.ref);
    const [lat, lon] = cellToLatLng(coarse.h3r9);
    expect(coarse.lat).toBeCloseTo(lat, 4);
    expect(coarse.lon).toBeCloseTo(lon, 4);
    expect(coarse.coarsenedAt).not.toBeNull();
    expect((await byRef(open.ref)).lat).toBeCloseTo(input.lat, 4);

    // Running again changes nothing more.
    expect((await runRetention(database.db, now))?.coarsened).toBe(0);
  });

  it('records each run that changed something in the audit log, as counts without addresses', async () => {
    const now = new Date('2027-06-01T12:00:00Z');
    const created = await createReport(database.db, { ...input, email: 'audit-me@example.org' }, { now: new Date('2026-01-01T00:00:00Z') });
    if (!created.ok) throw new Error('not created');
    const runs = () => database.db.select().from(auditLog).where(eq(auditLog.action, 'retention.applied'));
    const before = (await runs()).length;
    const result = await runRetention(database.db, now);
    expect(result?.emailsDeleted).toBeGreaterThan(0);
    const entries = await runs();
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({ actorId: null, entity: 'retention', after: result });
    expect(JSON.stringify(entries)).not.toContain('audit-me@example.org');
    // A run with nothing to do leaves no entry.
    await runRetention(database.db, now);
    expect(await runs()).toHaveLength(before + 1);
  });

});

// Several instances share one PostgreSQL; PGlite serves a single process, so there is nothing to race.
describe.each(testDatabaseKinds().filter((k) => k === 'postgres'))('retention across instances on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await useTestDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('is skipped while another instance runs it', async () => {
    const other = postgres(database.url!, { max: 1, onnotice: () => {} });
    try {
      await other.begin(async (sql) => {
        await sql`select pg_advisory_xact_lock(7418302)`;
        expect(await runRetention(database.db, new Date())).toBeNull();
      });
      expect(await runRetention(database.db, new Date())).not.toBeNull();
    } finally {
      await other.end();
    }
  });
});
