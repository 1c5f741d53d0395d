import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { feedback } from '@/lib/db/schema';
import { locales } from '@/lib/i18n/routing';

export const feedbackTopics = ['barrier', 'content', 'other'] as const;

export const feedbackSchema = z.object({
  topic: z.enum(feedbackTopics, { error: 'topic' }),
  message: z.string({ error: 'message' }).trim().min(1, { error: 'message' }).max(4000, { error: 'message_too_long' }),
  email: z
    .string()
    .trim()
    .max(254, { error: 'email' })
    .transform((s) => (s === '' ? null : s.toLowerCase()))
    .pipe(z.email({ error: 'email' }).nullable())
    .nullish(),
  page: z.string().max(200).nullish(),
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
