'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { z } from 'zod';
import { adminNameSchema } from '@/lib/admin/names';
import { fieldErrors, formValues, type FormState } from '@/lib/admin/form-state';
import { staffPath } from '@/lib/auth/paths';
import { requireRole } from '@/lib/auth/require';
import { getDb } from '@/lib/db/client';
import { formDataOf, formIdSchema } from '@/lib/http/form-data';
import type { Locale } from '@/lib/i18n/routing';
import { createApiKey, revokeApiKey } from '@/lib/open311/api-keys';

// Admin only: each action checks the role itself (tests/integration/authorization-matrix.test.ts).

/** A saved form also carries the new key: it is shown this once and never stored in plain. */
export type ApiKeyFormState = FormState & { created?: { id: number; name: string; key: string } };

/** A new Open311 API key for another city system; audited with the admin as actor. */
export async function createApiKeyAction(_previous: ApiKeyFormState, form: FormData): Promise<ApiKeyFormState> {
  const admin = await requireRole('admin');
  const values = formValues(form);
  const parsed = z.object({ name: adminNameSchema }).safeParse(values);
  if (!parsed.success) return { status: 'invalid', values, fields: fieldErrors(parsed.error) };
  const created = await createApiKey(await getDb(), { name: parsed.data.name, actor: admin });
  revalidatePath('/[locale]/staff/admin/api-keys', 'page');
  return { status: 'saved', created: { id: created.id, name: created.name, key: created.key } };
}

/** Revokes a key for good: its client gets 403 from the next request on. Audited. */
export async function revokeApiKeyAction(form: FormData) {
  const admin = await requireRole('admin');
  const id = formIdSchema.safeParse(formDataOf(form).get('id'));
  const done = id.success && (await revokeApiKey(await getDb(), id.data, { actor: admin }));
  redirect(staffPath((await getLocale()) as Locale, `/admin/api-keys?${done ? 'revoked' : 'unchanged'}=${id.success ? id.data : 0}`));
}
