import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { CategoryForm } from '@/components/admin/category-form';
import { adminMetadata } from '@/lib/admin/metadata';
import { requireRole } from '@/lib/auth/require';
import { getCategoryBySlug } from '@/lib/categories/admin';
import { getDb } from '@/lib/db/client';
import { localize } from '@/lib/i18n/localize';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

export const generateMetadata = () => adminMetadata('categories.editTitle');

/** Admin only: one category's labels, descriptions, weight and status. */
export default async function AdminCategoryPage({ params }: { params: Promise<{ locale: Locale; slug: string }> }) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  await requireRole('admin');
  const category = /^[a-z0-9-]{1,64}$/.test(slug) ? await getCategoryBySlug(await getDb(), slug) : undefined;
  if (!category) notFound();
  const t = await getTranslations('admin.categories');
  return (
    <div className="page narrow">
      <p>
        <Link href="/staff/admin/categories">{t('back')}</Link>
      </p>
      <h1>{localize(category.label, locale)}</h1>
      <p>
        <Link href={`/staff/admin/audit?entity=category&entityId=${category.slug}`}>{t('history')}</Link>
      </p>
      <CategoryForm category={category} />
    </div>
  );
}
