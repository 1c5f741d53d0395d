'use server';

import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { staffPath } from '@/lib/auth/paths';
import { requireRole } from '@/lib/auth/require';
import { formDataOf, formIdSchema } from '@/lib/http/form-data';
import { getDb } from '@/lib/db/client';
import { retryOutboxMessage } from '@/lib/email/outbox';
import type { Locale } from '@/lib/i18n/routing';

// Admin only: the action checks the role itself (tests/integration/authorization-matrix.test.ts).

/** "Send again": the message is due now, with a fresh count of attempts. */
export async function retryOutboxAction(form: FormData) {
  const admin = await requireRole('admin');
  form = formDataOf(form);
  const id = formIdSchema.safeParse(form.get('id'));
  const done = id.success && (await retryOutboxMessage(await getDb(), admin, id.data));
  redirect(staffPath((await getLocale()) as Locale, `/admin/outbox?${done ? 'retried' : 'unchanged'}=${id.success ? id.data : 0}`));
}
