/**
 * E-mail to reporters through the outbox, delivered to a real SMTP server that the test starts
 * itself (smtp-server) and read back as it arrived (mailparser): subject, recipient, language,
 * tracking link; retries after a refusal or an unreachable server; exactly-once delivery when
 * several senders (app instances) work the outbox at the same time.
 */
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '@/lib/db/client';
import { auditLog, outbox } from '@/lib/db/schema';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import {
  enqueueReporterMessage,
  MAX_ATTEMPTS,
  processOutbox,
  purgeOutbox,
  retryOutboxMessage,
  type Sender,
} from '@/lib/email/outbox';
import { createSmtpSender } from '@/lib/email/smtp';
import { resetEnvCache } from '@/lib/env';
import { insertReport } from '../helpers/reports';
import { startSmtpServer, type Inbox } from '../helpers/smtp';

const FROM = '"Sicherheitsportal Lünen" <portal@stadt.example>';
const minutes = (n: number) => n * 60_000;

describe.each(testDatabaseKinds())('e-mail outbox and SMTP delivery on %s', (kind) => {
  let database: TestDatabase;
  let inbox: Inbox;
  let sender: Sender & { close: () => void };

  beforeAll(async () => {
    vi.stubEnv('AUTH_URL', 'https://portal.stadt.example');
    resetEnvCache();
    database = await useTestDatabase(kind);
    inbox = await startSmtpServer();
    sender = createSmtpSender({ host: '127.0.0.1', port: inbox.port, secure: false, from: FROM });
  });
  afterAll(async () => {
    sender.close();
    await new Promise<void>((resolve) => inbox.server.close(() => resolve()));
    await database.drop();
    vi.unstubAllEnvs();
    resetEnvCache();
  });
  beforeEach(async () => {
    await database.db.delete(outbox);
    inbox.received.length = 0;
    inbox.refuseNext = 0;
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('queues nothing for a reporter who left no e-mail address', async () => {
    const report = await insertReport(database.db, { email: null });
    expect(await enqueueReporterMessage(database.db, { reportId: report.id, kind: 'confirmed' })).toBeNull();
    expect(await database.db.select().from(outbox)).toEqual([]);
  });

  it('queues nothing once the address’s retention date has passed', async () => {
    const report = await insertReport(database.db, { email: 'old@example.org' });
    const later = new Date(report.contactEmailDeleteAt!.getTime() + 1000);
    expect(await enqueueReporterMessage(database.db, { reportId: report.id, kind: 'resolved' }, { now: later })).toBeNull();
  });

  it('writes the message in the caller’s transaction: rolled back with the change', async () => {
    const report = await insertReport(database.db, { email: 'rollback@example.org' });
    await expect(
      database.db.transaction(async (tx) => {
        await enqueueReporterMessage(tx, { reportId: report.id, kind: 'confirmed' });
        throw new Error('the status change failed');
      }),
    ).rejects.toThrow('the status change failed');
    expect(await database.db.select().from(outbox)).toEqual([]);
  });

  it('keeps messages pending without SMTP settings, then delivers them in the reporter’s language with the tracking link', async () => {
    const report = await insertReport(database.db, { email: 'resident@example.org', locale: 'en' });
    const id = await database.db.transaction((tx) => enqueueReporterMessage(tx, { reportId: report.id, kind: 'confirmed' }));
    expect(id).toEqual(expect.any(Number));

    expect(await processOutbox(database.db, { sender: null })).toEqual({ claimed: 0, sent: 0, retrying: 0, failed: 0 });
    const [waiting] = await database.db.select().from(outbox);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 0, to: 'resident@example.org', locale: 'en', kind: 'confirmed' });

    expect(await processOutbox(database.db, { sender })).toMatchObject({ claimed: 1, sent: 1 });
    expect(inbox.received).toHaveLength(1);
    const mail = inbox.received[0];
    expect(mail.subject).toBe(`Your report ${report.ref} has been confirmed`);
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('resident@example.org');
    expect(mail.from?.value).toEqual([{ name: 'Sicherheitsportal Lünen', address: 'portal@stadt.example' }]);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.text).toContain('Hello,\n\nThe public order office has reviewed and confirmed your report');
    expect(mail.text).toContain(`https://portal.stadt.example/en/track/${report.ref}`);
    // Never the resident's description.
    expect(mail.text).not.toContain('Test');

    const [sent] = await database.db.select().from(outbox);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(sent.sentAt).toBeInstanceOf(Date);
    // Sent is sent: a second round finds nothing.
    expect(await processOutbox(database.db, { sender })).toMatchObject({ claimed: 0 });
    expect(inbox.received).toHaveLength(1);
  });

  it('sends a reply in Turkish and a German dismissal with its reason', async () => {
    const turkish = await insertReport(database.db, { email: 'tr@example.org', locale: 'tr' });
    const german = await insertReport(database.db, { email: 'de@example.org', locale: 'de' });
    await enqueueReporterMessage(database.db, { reportId: turkish.id, kind: 'reply', text: 'Lambayı yarın değiştiriyoruz.' });
    await enqueueReporterMessage(database.db, { reportId: german.id, kind: 'dismissed', text: 'Der Ort liegt auf Privatgelände.' });
    await expect(enqueueReporterMessage(database.db, { reportId: german.id, kind: 'reply', text: '  ' })).rejects.toThrow();
    await processOutbox(database.db, { sender });

    const byTo = new Map(inbox.received.map((m) => [m.to && 'text' in m.to ? m.to.text : '', m]));
    const tr = byTo.get('tr@example.org')!;
    expect(tr.subject).toBe(`${turkish.ref} numaralı bildiriminize yanıt`);
    expect(tr.text).toContain('Lambayı yarın değiştiriyoruz.');
    expect(tr.text).toContain(`https://portal.stadt.example/tr/track/${turkish.ref}`);
    const de = byTo.get('de@example.org')!;
    expect(de.subject).toBe(`Ihre Meldung ${german.ref} wird nicht weiter verfolgt`);
    expect(de.text).toContain('Anmerkung des Ordnungsamts:\n\nDer Ort liegt auf Privatgelände.');
    expect(de.text).toContain(`https://portal.stadt.example/track/${german.ref}`);
  });

  it('retries a message the server refused, after the backoff, and then delivers it', async () => {
    const report = await insertReport(database.db, { email: 'greylisted@example.org' });
    await enqueueReporterMessage(database.db, { reportId: report.id, kind: 'resolved' });
    const now = new Date();
    inbox.refuseNext = 1;

    expect(await processOutbox(database.db, { sender, now })).toMatchObject({ claimed: 1, sent: 0, retrying: 1 });
    const [retrying] = await database.db.select().from(outbox);
    expect(retrying).toMatchObject({ status: 'pending', attempts: 1 });
    expect(retrying.lastError).toMatch(/451/);
    expect(retrying.nextAttemptAt.getTime()).toBe(now.getTime() + minutes(1));

    // Not before its time.
    expect(await processOutbox(database.db, { sender, now: new Date(now.getTime() + 30_000) })).toMatchObject({ claimed: 0 });
    expect(await processOutbox(database.db, { sender, now: new Date(now.getTime() + minutes(1)) })).toMatchObject({ sent: 1 });
    expect(inbox.received.map((m) => m.subject)).toEqual([`Ihre Meldung ${report.ref} ist erledigt`]);
    const [sent] = await database.db.select().from(outbox);
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts on an unreachable server, keeps the message, and sends it when an admin retries`, async () => {
    const report = await insertReport(database.db, { email: 'patient@example.org' });
    await enqueueReporterMessage(database.db, { reportId: report.id, kind: 'confirmed' });
    // A port nobody listens on: connection refused.
    const closed = await startSmtpServer();
    await new Promise<void>((resolve) => closed.server.close(() => resolve()));
    const unreachable = createSmtpSender({ host: '127.0.0.1', port: closed.port, secure: false, from: FROM });

    const delays: number[] = [];
    let now = new Date();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await processOutbox(database.db, { sender: unreachable, now })).toMatchObject({ claimed: 1, sent: 0 });
      const [row] = await database.db.select().from(outbox);
      expect(row.attempts).toBe(attempt);
      delays.push(Math.round((row.nextAttemptAt.getTime() - now.getTime()) / 60_000));
      expect(row.status).toBe(attempt < MAX_ATTEMPTS ? 'pending' : 'failed');
      expect(row.lastError).toMatch(/ECONNREFUSED/);
      now = row.nextAttemptAt;
    }
    expect(delays.slice(0, 5)).toEqual([1, 5, 15, 60, 120]);
    // Failed for good: no sender picks it up again, but it is still there.
    expect(await processOutbox(database.db, { sender, now: new Date(now.getTime() + minutes(60 * 24 * 30)) })).toMatchObject({ claimed: 0 });

    const [message] = await database.db.select().from(outbox);
    expect(await retryOutboxMessage(database.db, null, message.id, now)).toBe(true);
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'outbox.retried'));
    expect(entry).toMatchObject({ entity: 'outbox', entityId: String(message.id), after: { status: 'pending', attempts: 0 } });
    expect(JSON.stringify(entry)).not.toContain('patient@example.org');

    expect(await processOutbox(database.db, { sender, now })).toMatchObject({ sent: 1 });
    expect(inbox.received).toHaveLength(1);
    expect(await retryOutboxMessage(database.db, null, message.id, now)).toBe(false); // already sent
  });

  it('delivers each message exactly once when several senders work the outbox at the same time', async () => {
    const count = 24;
    for (let i = 0; i < count; i++) {
      const report = await insertReport(database.db, { email: `parallel-${i}@example.org`, lat: 51.6 + i * 0.001 });
      await enqueueReporterMessage(database.db, { reportId: report.id, kind: 'confirmed' });
    }
    // On PostgreSQL each sender is an app instance of its own: its own connection pool.
    const instances: Database[] = [];
    if (kind === 'postgres') {
      for (let i = 0; i < 3; i++) instances.push(await openDatabase({ url: database.url, migrate: false, max: 2 }));
    }
    const dbs = [database.db, ...instances.map((i) => i.db)];
    const work = async (index: number) => {
      const db = dbs[index % dbs.length];
      let sent = 0;
      for (;;) {
        const run = await processOutbox(db, { sender, batch: 3 });
        sent += run.sent;
        if (run.claimed === 0) return sent;
      }
    };
    try {
      const perWorker = await Promise.all([0, 1, 2, 3, 4, 5].map(work));
      expect(perWorker.reduce((a, b) => a + b, 0)).toBe(count);
    } finally {
      for (const instance of instances) await instance.close();
    }
    const recipients = inbox.received.map((m) => (m.to && 'text' in m.to ? m.to.text : '')).sort();
    expect(recipients).toHaveLength(count);
    expect(new Set(recipients).size).toBe(count);
    const rows = await database.db.select({ status: outbox.status, attempts: outbox.attempts }).from(outbox);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('deletes sent messages after 30 days and any other after the e-mail retention period', async () => {
    const report = await insertReport(database.db, { email: 'purge@example.org' });
    const now = new Date();
    const day = 86_400_000;
    await database.db.insert(outbox).values([
      { to: 'a@example.org', subject: 'old sent', textBody: '.', kind: 'confirmed', reportId: report.id, status: 'sent', sentAt: new Date(now.getTime() - 31 * day) },
      { to: 'b@example.org', subject: 'recent sent', textBody: '.', kind: 'confirmed', status: 'sent', sentAt: new Date(now.getTime() - 2 * day) },
      { to: 'c@example.org', subject: 'ancient failed', textBody: '.', kind: 'confirmed', status: 'failed', createdAt: new Date(now.getTime() - 181 * day) },
      { to: 'd@example.org', subject: 'waiting', textBody: '.', kind: 'confirmed', status: 'pending', createdAt: new Date(now.getTime() - 10 * day) },
    ]);
    expect(await purgeOutbox(database.db, now)).toBe(2);
    const left = (await database.db.select({ subject: outbox.subject }).from(outbox)).map((r) => r.subject).sort();
    expect(left).toEqual(['recent sent', 'waiting']);
  });
});
