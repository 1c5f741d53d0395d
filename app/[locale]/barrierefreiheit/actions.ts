'use server';

import { headers } from 'next/headers';
import { formValues, type FormValues } from '@/lib/admin/form-state';
import { getDb } from '@/lib/db/client';
import { createFeedback, feedbackSchema } from '@/lib/feedback/feedback';
import { isDatabaseUnavailable } from '@/lib/http/api';
import { formDataOf } from '@/lib/http/form-data';
import { clientKey } from '@/lib/http/client-key';
import { hitRateLimit } from '@/lib/http/rate-limit';

/** `values`: the form as submitted, for the fields to show again (React resets a form after its action). */
export type FeedbackState = { status: 'idle' | 'sent' | 'invalid' | 'limited' | 'unavailable'; fields?: string[]; values?: FormValues };

const FEEDBACK_PER_HOUR = 10;

/** The accessibility statement's feedback form (BITV 2.0 § 7): validated, rate-limited, stored for admins. */
export async function sendFeedback(_previous: FeedbackState, form: FormData): Promise<FeedbackState> {
  const values = formValues(form);
  const parsed = feedbackSchema.safeParse(Object.fromEntries(formDataOf(form)));
  if (!parsed.success) return { status: 'invalid', fields: [...new Set(parsed.error.issues.map((i) => i.message))], values };
  // Bots fill in the hidden field; they are told nothing.
  if (parsed.data.website) return { status: 'sent' };
  try {
    const db = await getDb();
    const limit = await hitRateLimit(db, `feedback:${clientKey(await headers())}`, FEEDBACK_PER_HOUR);
    if (!limit.ok) return { status: 'limited', values };
    await createFeedback(db, parsed.data);
    return { status: 'sent' };
  } catch (error) {
    if (isDatabaseUnavailable(error)) return { status: 'unavailable', values };
    throw error;
  }
}
