'use server';

import { headers } from 'next/headers';
import { formValues, type FormValues } from '@/lib/admin/form-state';
import { getDb } from '@/lib/db/client';
import { FOLLOW_REQUESTS_PER_CLIENT_PER_HOUR } from '@/lib/follows/limits';
import { confirmFollow, requestFollow, unsubscribeFollow } from '@/lib/follows/service';
import { followRequestSchema } from '@/lib/follows/validation';
import { isDatabaseUnavailable } from '@/lib/http/api';
import { formDataOf } from '@/lib/http/form-data';
import { clientKey } from '@/lib/http/client-key';
import { hitRateLimit } from '@/lib/http/rate-limit';
import { redirect } from '@/lib/i18n/navigation';
import { defaultLocale, isLocale } from '@/lib/i18n/routing';

// Residents' follow-by-e-mail (issue 5, "Follow"): public, listed as such in
// tests/integration/authorization-matrix.test.ts. The tokens are the authorisation.

/** `values`: the form as submitted, for the field to show again (React resets a form after its action). */
export type FollowFormState = {
  status: 'idle' | 'sent' | 'invalid' | 'unknown_target' | 'limited' | 'unavailable';
  fields?: string[];
  values?: FormValues;
};

/**
 * The "follow by e-mail" form: validated, rate-limited per client, and answered the same whether
 * or not the address already follows (lib/follows/service.ts, requestFollow).
 */
export async function requestFollowAction(_previous: FollowFormState, form: FormData): Promise<FollowFormState> {
  const values = formValues(form);
  const parsed = followRequestSchema.safeParse(Object.fromEntries(formDataOf(form)));
  if (!parsed.success) return { status: 'invalid', fields: [...new Set(parsed.error.issues.map((i) => i.message))], values };
  // Bots fill in the hidden field; they are told what everyone is told.
  if (parsed.data.website) return { status: 'sent' };
  try {
    const db = await getDb();
    const limit = await hitRateLimit(db, `follow:client:${clientKey(await headers())}`, FOLLOW_REQUESTS_PER_CLIENT_PER_HOUR);
    if (!limit.ok) return { status: 'limited', values };
    const result = await requestFollow(db, parsed.data);
    return result.ok ? { status: 'sent' } : { status: result.error, values };
  } catch (error) {
    if (isDatabaseUnavailable(error)) return { status: 'unavailable', values };
    throw error;
  }
}

function fields(value: FormData) {
  const form = formDataOf(value);
  const token = form.get('token');
  const locale = form.get('locale');
  return { token: typeof token === 'string' ? token : '', locale: isLocale(locale) ? locale : defaultLocale };
}

/** The button on the confirmation page; back to it, which then shows the outcome. */
export async function confirmFollowAction(form: FormData): Promise<void> {
  const { token, locale } = fields(form);
  await confirmFollow(await getDb(), token);
  redirect({ href: `/follow/confirm?token=${encodeURIComponent(token)}`, locale });
}

/** The button on the unsubscribe page: deletes the follow and its address. */
export async function unsubscribeAction(form: FormData): Promise<void> {
  const { token, locale } = fields(form);
  const done = await unsubscribeFollow(await getDb(), token);
  redirect({ href: done ? '/follow/unsubscribe?done=1' : `/follow/unsubscribe?token=${encodeURIComponent(token)}`, locale });
}
