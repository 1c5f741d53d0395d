'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { fieldErrors, formValues, type FormState } from '@/lib/admin/form-state';
import { staffPath } from '@/lib/auth/paths';
import { requireRole } from '@/lib/auth/require';
import { categoryFormSchema, categorySlugSchema, createCategory, updateCategory } from '@/lib/categories/admin';
import { getDb } from '@/lib/db/client';
import type { Locale } from '@/lib/i18n/routing';

// Admin only: each action checks the role itself (tests/integration/authorization-matrix.test.ts).

function parse(values: Record<string, unknown>) {
  return categoryFormSchema.safeParse({ ...values, active: values.active === 'on', sortOrder: values.sortOrder ?? '0' });
}

/** A new category; residents can choose it at once if it is active. */
export async function createCategoryAction(_previous: FormState, form: FormData): Promise<FormState> {
  const admin = await requireRole('admin');
  const values = formValues(form);
  const slug = categorySlugSchema.safeParse(values.slug ?? '');
  const parsed = parse(values);
  if (!slug.success || !parsed.success) {
    return {
      status: 'invalid',
      values,
      fields: { ...(slug.success ? {} : { slug: slug.error.issues[0].message }), ...(parsed.success ? {} : fieldErrors(parsed.error)) },
    };
  }
  const result = await createCategory(await getDb(), admin, slug.data, parsed.data);
  if (!result.ok) return { status: 'invalid', values, fields: result.fields };
  redirect(staffPath((await getLocale()) as Locale, `/admin/categories?saved=${encodeURIComponent(slug.data)}`));
}

/** Labels, descriptions, weight, order and whether residents may choose it. */
export async function updateCategoryAction(_previous: FormState, form: FormData): Promise<FormState> {
  const admin = await requireRole('admin');
  const values = formValues(form);
  const slug = categorySlugSchema.safeParse(values.slug ?? '');
  if (!slug.success) return { status: 'invalid', values, fields: { form: 'category_not_found' } };
  const parsed = parse(values);
  if (!parsed.success) return { status: 'invalid', values, fields: fieldErrors(parsed.error) };
  const result = await updateCategory(await getDb(), admin, slug.data, parsed.data);
  if (!result.ok) return { status: 'invalid', values, fields: result.fields };
  revalidatePath('/[locale]/staff/admin/categories', 'layout');
  return { status: 'saved', values, notice: { code: 'categorySaved' } };
}
