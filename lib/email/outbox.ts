import { and, asc, desc, eq, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import { audit, type AuditActor } from '@/lib/audit/audit';
import { getCityConfig } from '@/lib/city/config';
import type { Db } from '@/lib/db/client';
import { outbox, reports, type OutboxKind, type OutboxMessage, type OutboxStatus } from '@/lib/db/schema';
import { defaultLocale, isLocale } from '@/lib/i18n/routing';
import { getSetting } from '@/lib/settings/queries';
import { composeReporterMessage } from './messages';

/**
 * The e-mail outbox. Messages are written in the transaction of the change they report, so a
 * change and its message stand or fall together; a sender (lib/email/smtp.ts) delivers them later.
 * Nothing is lost: a failed send is retried with growing pauses, and after MAX_ATTEMPTS the message
 * stays as 'failed' until an admin retries it (staff area, Administration → Outbox).
 */

/** A message is given up (status 'failed') after this many attempts: about 2 days of retrying. */
export const MAX_ATTEMPTS = 10;

/** The pause after the n-th failed attempt (index n − 1), in minutes; the last repeats. */
export const RETRY_DELAYS_MINUTES = [1, 5, 15, 60, 120, 240, 480, 720, 1440] as const;

/**
 * How long a sender holds the messages it claimed. If it dies mid-batch, they become due again
 * afterwards (and may then be sent twice: SMTP cannot tell us whether a lost connection delivered).
 */
export const CLAIM_LEASE_MS = 15 * 60_000;

/** Sent messages are kept this long for admins to check delivery, then deleted (they hold an address). */
export const SENT_RETENTION_DAYS = 30;

export function retryDelayMs(attempts: number): number {
  const index = Math.min(Math.max(attempts, 1), RETRY_DELAYS_MINUTES.length) - 1;
  return RETRY_DELAYS_MINUTES[index] * 60_000;
}

export type OutgoingMessage = { to: string; subject: string; text: string; html?: string | null; headers?: Record<string, string> | null };

/** What delivers a message; throws when it could not. lib/email/smtp.ts makes the SMTP one. */
export type Sender = { send: (message: OutgoingMessage) => Promise<void> };

export type ReporterMessageInput = {
  reportId: number;
  kind: OutboxKind;
  /** Staff's words to the reporter: required for 'reply'; for the other kinds an optional note (e.g. why a report was dismissed). */
  text?: string | null;
};

/**
 * Queues a message to the reporter of `reportId` about what just happened to their report.
 * Call it with the transaction that makes the change, so both commit together:
 *
 *     await db.transaction(async (tx) => {
 *       await tx.update(reports).set({ status: 'confirmed', … }).where(…);
 *       await enqueueReporterMessage(tx, { reportId, kind: 'confirmed' });
 *     });
 *
 * Looks up the report's contact e-mail and language; does nothing (returns null) when the
 * reporter left no address or its retention date has passed. The message is plain text in the
 * reporter's language (de, en or tr) with the tracking link (lib/email/messages.ts). Returns the
 * outbox id otherwise.
 */
export async function enqueueReporterMessage(tx: Db, input: ReporterMessageInput, options: { now?: Date } = {}): Promise<number | null> {
  if (input.kind === 'reply' && !input.text?.trim()) throw new Error('A reply to a reporter needs a text.');
  const now = options.now ?? new Date();
  const [report] = await tx
    .select({ ref: reports.ref, email: reports.contactEmail, deleteAt: reports.contactEmailDeleteAt, locale: reports.locale })
    .from(reports)
    .where(eq(reports.id, input.reportId));
  if (!report?.email) return null;
  if (report.deleteAt && report.deleteAt <= now) return null;

  const locale = isLocale(report.locale) ? report.locale : defaultLocale;
  const message = composeReporterMessage({ kind: input.kind, locale, ref: report.ref, city: getCityConfig().name, text: input.text });
  return insertOutboxMessage(tx, { to: report.email, locale, subject: message.subject, textBody: message.text, kind: input.kind, reportId: input.reportId }, now);
}

/** Queues one message, due now; the callers above and in lib/follows/ compose it. Returns its id. */
export async function insertOutboxMessage(
  tx: Db,
  message: Pick<typeof outbox.$inferInsert, 'to' | 'locale' | 'subject' | 'textBody' | 'kind' | 'reportId' | 'followId' | 'headers'>,
  now: Date,
): Promise<number> {
  const [row] = await tx
    .insert(outbox)
    .values({ ...message, nextAttemptAt: now, createdAt: now })
    .returning({ id: outbox.id });
  return row.id;
}

/**
 * Takes up to `batch` due messages for this sender. The row locks with SKIP LOCKED let several
 * app instances claim at once without waiting for or taking each other's messages; the lease
 * (next_attempt_at moved into the future, attempts counted) keeps them claimed after the short
 * transaction ends, so no connection is held while SMTP talks.
 */
export async function claimDueMessages(db: Db, now: Date, batch: number): Promise<OutboxMessage[]> {
  const leaseEnd = new Date(now.getTime() + CLAIM_LEASE_MS);
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(batch)
    .for('update', { skipLocked: true });
  return db
    .update(outbox)
    .set({ nextAttemptAt: leaseEnd, attempts: sql`${outbox.attempts} + 1` })
    .where(inArray(outbox.id, due))
    .returning();
}

export type OutboxRun = { claimed: number; sent: number; retrying: number; failed: number };

/**
 * Sends what is due: claims a batch, sends each message, marks it sent, or — on failure — schedules
 * the next attempt after RETRY_DELAYS_MINUTES, or gives up after MAX_ATTEMPTS ('failed', visible
 * to admins). Without a sender (no SMTP configured) it does nothing and messages stay pending.
 */
export async function processOutbox(
  db: Db,
  options: { now?: Date; batch?: number; sender: Sender | null },
): Promise<OutboxRun> {
  const run: OutboxRun = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
  if (!options.sender) return run;
  const now = options.now ?? new Date();
  const claimed = await claimDueMessages(db, now, options.batch ?? 20);
  run.claimed = claimed.length;
  for (const message of claimed) {
    try {
      await options.sender.send({ to: message.to, subject: message.subject, text: message.textBody, html: message.htmlBody, headers: message.headers });
      await db.update(outbox).set({ status: 'sent', sentAt: now, lastError: null }).where(eq(outbox.id, message.id));
      run.sent++;
    } catch (error) {
      const giveUp = message.attempts >= MAX_ATTEMPTS;
      await db
        .update(outbox)
        .set({
          status: giveUp ? 'failed' : 'pending',
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(message.attempts)),
          lastError: describeError(error),
        })
        .where(eq(outbox.id, message.id));
      if (giveUp) run.failed++;
      else run.retrying++;
    }
  }
  return run;
}

/** The SMTP answer or network error, short, for admins; never the message itself. */
function describeError(error: unknown): string {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const text = e?.response ?? e?.message ?? String(error);
  return [e?.code, e?.responseCode, text].filter(Boolean).join(' ').slice(0, 500);
}

/**
 * Deletes what no longer needs keeping (DESIGN.md, "Privacy rules": e-mail addresses go after the
 * retention period): sent messages after SENT_RETENTION_DAYS, any other after the e-mail retention
 * setting, so an undeliverable address is not kept for longer than the report's own copy.
 */
export async function purgeOutbox(db: Db, now = new Date()): Promise<number> {
  const retentionDays = await getSetting(db, 'retention.emailDays');
  const sentBefore = new Date(now.getTime() - SENT_RETENTION_DAYS * 86_400_000);
  const createdBefore = new Date(now.getTime() - retentionDays * 86_400_000);
  const sent = await db
    .delete(outbox)
    .where(and(eq(outbox.status, 'sent'), lt(outbox.sentAt, sentBefore)))
    .returning({ id: outbox.id });
  const stale = await db.delete(outbox).where(lt(outbox.createdAt, createdBefore)).returning({ id: outbox.id });
  return sent.length + stale.length;
}

/**
 * Deletes the messages to the reporters of these reports, sent or not: called when their addresses
 * go (retention), so that no copy of an address outlives the report's own, as a message sent a
 * little before would for SENT_RETENTION_DAYS. Messages to followers are theirs, not the report's.
 */
export async function forgetReportMail(db: Db, reportIds: readonly number[]): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < reportIds.length; i += 1000) {
    const rows = await db
      .delete(outbox)
      .where(and(inArray(outbox.reportId, reportIds.slice(i, i + 1000)), isNull(outbox.followId)))
      .returning({ id: outbox.id });
    deleted += rows.length;
  }
  return deleted;
}

export type OutboxCounts = Record<OutboxStatus, number>;

export async function countOutbox(db: Db): Promise<OutboxCounts> {
  const rows = await db
    .select({ status: outbox.status, count: sql<number>`count(*)::int` })
    .from(outbox)
    .groupBy(outbox.status);
  const counts: OutboxCounts = { pending: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.status] = row.count;
  return counts;
}

/** Messages with the given statuses, failed and oldest first: what needs an admin's eye. */
export async function listOutbox(db: Db, options: { statuses: readonly OutboxStatus[]; limit?: number }) {
  return db
    .select({
      id: outbox.id,
      to: outbox.to,
      locale: outbox.locale,
      subject: outbox.subject,
      textBody: outbox.textBody,
      kind: outbox.kind,
      status: outbox.status,
      attempts: outbox.attempts,
      nextAttemptAt: outbox.nextAttemptAt,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      reportRef: reports.ref,
    })
    .from(outbox)
    .leftJoin(reports, eq(reports.id, outbox.reportId))
    .where(inArray(outbox.status, [...options.statuses]))
    .orderBy(desc(sql`${outbox.status} = 'failed'`), asc(outbox.createdAt), asc(outbox.id))
    .limit(options.limit ?? 200);
}

/**
 * An admin's "send again": the message is due now with a fresh count of attempts. Audited without
 * the address or text (the audit log is kept longer than the outbox).
 */
export async function retryOutboxMessage(db: Db, actor: AuditActor, id: number, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(outbox).where(eq(outbox.id, id)).for('update');
    if (!before || before.status === 'sent') return false;
    await tx.update(outbox).set({ status: 'pending', attempts: 0, nextAttemptAt: now }).where(eq(outbox.id, id));
    await audit(
      tx,
      actor,
      'outbox.retried',
      'outbox',
      id,
      { status: before.status, attempts: before.attempts, lastError: before.lastError },
      { status: 'pending', attempts: 0 },
    );
    return true;
  });
}
