'use server';

import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { z } from 'zod';
import { staffPath } from '@/lib/auth/paths';
import { requireRole } from '@/lib/auth/require';
import { getDb } from '@/lib/db/client';
import { retryOutboxMessage } from '@/lib/email/outbox';
import type { Locale } from '@/lib/i18n/routing';

// Admin only: the action checks the role itself (tests/integration/authorization-matrix.test.ts).

/** "Send again": the message is due now, with a fresh count of attempts. */
export async function retryOutboxAction(form: FormData) {
  const admin = await requireRole('admin');
  const id = z.coerce.number().int().positive().safeParse(form?.get('id'));
  const done = id.success && (await retryOutboxMessage(await getDb(), admin, id.data));
  redirect(staffPath((await getLocale()) as Locale, `/admin/outbox?${done ? 'retried' : 'unchanged'}=${id.success ? id.data : 0}`));
}
