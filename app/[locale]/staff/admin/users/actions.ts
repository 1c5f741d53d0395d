'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { fieldErrors, formValues, type FormState } from '@/lib/admin/form-state';
import { staffPath } from '@/lib/auth/paths';
import { requireRole } from '@/lib/auth/require';
import { formDataOf, formIdSchema } from '@/lib/http/form-data';
import { createStaffUser, newUserSchema, resetStaffUserPassword, setStaffUserActive, updateStaffUser, userDetailsSchema } from '@/lib/auth/user-admin';
import { getDb } from '@/lib/db/client';
import type { Locale } from '@/lib/i18n/routing';

// Admin only: each action checks the role itself (tests/integration/authorization-matrix.test.ts).

const userPage = '/[locale]/staff/admin/users/[id]';

/** Creates a staff user and opens their page. */
export async function createUserAction(_previous: FormState, form: FormData): Promise<FormState> {
  const admin = await requireRole('admin');
  form = formDataOf(form);
  const values = formValues(form, ['roles']);
  const parsed = newUserSchema.safeParse({ ...values, password: values.signIn === 'password' ? values.password : undefined });
  // The password is never sent back to the browser.
  const echo = { ...values, password: '' };
  if (!parsed.success) return { status: 'invalid', fields: fieldErrors(parsed.error), values: echo };
  const result = await createStaffUser(await getDb(), admin, parsed.data);
  if (!result.ok) return { status: 'invalid', fields: result.fields, values: echo };
  redirect(staffPath((await getLocale()) as Locale, `/admin/users/${result.user.id}?saved=created`));
}

/** Name and roles of an existing user. */
export async function updateUserAction(_previous: FormState, form: FormData): Promise<FormState> {
  const admin = await requireRole('admin');
  form = formDataOf(form);
  const values = formValues(form, ['roles']);
  const id = formIdSchema.safeParse(values.id);
  const parsed = userDetailsSchema.safeParse(values);
  if (!id.success) return { status: 'invalid', fields: { form: 'user_not_found' }, values };
  if (!parsed.success) return { status: 'invalid', fields: fieldErrors(parsed.error), values };
  const result = await updateStaffUser(await getDb(), admin, id.data, parsed.data);
  if (!result.ok) return { status: 'invalid', fields: result.fields, values };
  revalidatePath(userPage, 'page');
  return { status: 'saved', values, notice: { code: 'userSaved' } };
}

/** Deactivates (ending every session at its next request) or reactivates a user. */
export async function setUserActiveAction(_previous: FormState, form: FormData): Promise<FormState> {
  const admin = await requireRole('admin');
  form = formDataOf(form);
  const id = formIdSchema.safeParse(form.get('id'));
  const active = form.get('active');
  if (!id.success || (active !== 'true' && active !== 'false')) return { status: 'invalid', fields: { form: 'user_not_found' } };
  const result = await setStaffUserActive(await getDb(), admin, id.data, active === 'true');
  if (!result.ok) return { status: 'invalid', fields: result.fields };
  revalidatePath(userPage, 'page');
  return { status: 'saved', notice: { code: active === 'true' ? 'userReactivated' : 'userDeactivated' } };
}

/** Sets a new password chosen by the admin, or (`remove`) leaves the user to sign in by OIDC only. */
export async function resetPasswordAction(_previous: FormState, form: FormData): Promise<FormState> {
  const admin = await requireRole('admin');
  form = formDataOf(form);
  const id = formIdSchema.safeParse(form.get('id'));
  if (!id.success) return { status: 'invalid', fields: { form: 'user_not_found' } };
  const remove = form.get('remove') === '1';
  const password = String(form.get('password') ?? '');
  if (!remove && !password) return { status: 'invalid', fields: { password: 'password_required' } };
  const result = await resetStaffUserPassword(await getDb(), admin, id.data, remove ? null : password);
  if (!result.ok) return { status: 'invalid', fields: result.fields };
  revalidatePath(userPage, 'page');
  return { status: 'saved', notice: { code: remove ? 'passwordRemoved' : 'passwordReset' } };
}
