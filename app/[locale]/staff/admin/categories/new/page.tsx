import { getTranslations, setRequestLocale } from 'next-intl/server';
import { CategoryForm } from '@/components/admin/category-form';
import { adminMetadata } from '@/lib/admin/metadata';
import { requireRole } from '@/lib/auth/require';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

export const generateMetadata = () => adminMetadata('categories.createTitle');

/** Admin only: a new category. */
export default async function AdminNewCategoryPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireRole('admin');
  const t = await getTranslations('admin.categories');
  return (
    <div className="page narrow">
      <p>
        <Link href="/staff/admin/categories">{t('back')}</Link>
      </p>
      <h1>{t('createTitle')}</h1>
      <CategoryForm category={null} />
    </div>
  );
}
