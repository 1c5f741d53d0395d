'use server';

import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { staffPath } from '@/lib/auth/paths';
import { requireRole } from '@/lib/auth/require';
import { formDataOf, formIdSchema } from '@/lib/http/form-data';
import { getDb } from '@/lib/db/client';
import { setFeedbackHandled } from '@/lib/feedback/feedback';
import type { Locale } from '@/lib/i18n/routing';

// Admin only: the action checks the role itself (tests/integration/authorization-matrix.test.ts).

/** Marks a resident's accessibility feedback handled, or open again. */
export async function setFeedbackHandledAction(form: FormData) {
  const admin = await requireRole('admin');
  form = formDataOf(form);
  const id = formIdSchema.safeParse(form.get('id'));
  const handled = form.get('handled') === 'true';
  if (id.success) await setFeedbackHandled(await getDb(), admin, id.data, handled);
  redirect(staffPath((await getLocale()) as Locale, `/admin/feedback?${handled ? 'handled' : 'reopened'}=${id.success ? id.data : 0}${handled ? '' : '&show=handled'}`));
}
