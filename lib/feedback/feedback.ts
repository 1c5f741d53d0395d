import { and, asc, desc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit, type AuditActor } from '@/lib/audit/audit';
import type { Db } from '@/lib/db/client';
import { feedback } from '@/lib/db/schema';
import { locales } from '@/lib/i18n/routing';
import { getSetting } from '@/lib/settings/queries';
import { withoutNul } from '@/lib/text';

export const feedbackTopics = ['barrier', 'content', 'other'] as const;

export const feedbackSchema = z.object({
  topic: z.enum(feedbackTopics, { error: 'topic' }),
  message: z.string({ error: 'message' }).trim().min(1, { error: 'message' }).max(4000, { error: 'message_too_long' }).refine(withoutNul, { error: 'message' }),
  email: z
    .string()
    .trim()
    .max(254, { error: 'email' })
    .transform((s) => (s === '' ? null : s.toLowerCase()))
    .pipe(z.email({ error: 'email' }).nullable())
    .nullish(),
  page: z.string().max(200).refine(withoutNul).nullish(),
  locale: z.enum(locales).default('de'),
  website: z.string().max(1000).nullish(),
});

export type FeedbackInput = z.output<typeof feedbackSchema>;

/** Stores a resident's accessibility feedback for the admins. */
export async function createFeedback(db: Db, input: FeedbackInput) {
  const [row] = await db
    .insert(feedback)
    .values({ topic: input.topic, message: input.message, email: input.email ?? null, page: input.page ?? null, locale: input.locale })
    .returning({ id: feedback.id });
  return row.id;
}

/** The admins' inbox: open messages oldest first (they have waited longest), or handled ones newest first. */
export async function listFeedback(db: Db, options: { handled: boolean; limit?: number }) {
  return db
    .select()
    .from(feedback)
    .where(options.handled ? isNotNull(feedback.handledAt) : isNull(feedback.handledAt))
    .orderBy(options.handled ? desc(feedback.handledAt) : asc(feedback.createdAt))
    .limit(options.limit ?? 200);
}

export async function countOpenFeedback(db: Db): Promise<number> {
  const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(feedback).where(isNull(feedback.handledAt));
  return count;
}

/** Marks a message handled (or open again). Audited without its text or the sender's address. */
export async function setFeedbackHandled(db: Db, actor: AuditActor, id: number, handled: boolean, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ handledAt: feedback.handledAt }).from(feedback).where(eq(feedback.id, id)).for('update');
    if (!row || (row.handledAt !== null) === handled) return false;
    await tx
      .update(feedback)
      .set({ handledAt: handled ? now : null })
      .where(eq(feedback.id, id));
    await audit(tx, actor, handled ? 'feedback.handled' : 'feedback.reopened', 'feedback', id, { handled: !handled }, { handled });
    return true;
  });
}

/**
 * Data minimisation for the retention job (lib/jobs/retention.ts): after the e-mail retention period
 * (`retention.emailDays`, from its arrival) a handled message is deleted, and one still open loses
 * the sender's address but stays for the admins. Returns how many messages were deleted or cleared.
 */
export async function purgeFeedback(db: Db, now = new Date()): Promise<number> {
  const days = await getSetting(db, 'retention.emailDays');
  const before = new Date(now.getTime() - days * 86_400_000);
  const deleted = await db
    .delete(feedback)
    .where(and(lt(feedback.createdAt, before), isNotNull(feedback.handledAt)))
    .returning({ id: feedback.id });
  const cleared = await db
    .update(feedback)
    .set({ email: null })
    .where(and(lt(feedback.createdAt, before), isNotNull(feedback.email)))
    .returning({ id: feedback.id });
  return deleted.length + cleared.length;
}
