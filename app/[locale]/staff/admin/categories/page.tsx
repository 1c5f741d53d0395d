import { getTranslations, setRequestLocale } from 'next-intl/server';
import { DataTable } from '@/components/data-table';
import { adminMetadata } from '@/lib/admin/metadata';
import { requireRole } from '@/lib/auth/require';
import { listAllCategories, missesTranslations } from '@/lib/categories/admin';
import { getDb } from '@/lib/db/client';
import { localize } from '@/lib/i18n/localize';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { formatDecimal } from '@/lib/numbers';

export const generateMetadata = () => adminMetadata('categories.title');

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Admin only: the categories residents choose from, with their weights in the priority score. */
export default async function AdminCategoriesPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireRole('admin');
  const [t, rows, query] = await Promise.all([getTranslations('admin.categories'), listAllCategories(await getDb()), searchParams]);
  const saved = typeof query.saved === 'string' ? rows.find((c) => c.slug === query.saved) : undefined;
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      {saved && (
        <p className="notice notice--success" role="status">
          {t('created', { label: localize(saved.label, locale) })}
        </p>
      )}
      <p>{t('intro')}</p>
      <p>
        <Link href="/staff/admin/categories/new" className="button">
          {t('create')}
        </Link>
      </p>
      <DataTable caption={t('caption')} columns={[t('label'), t('slug'), t('weight'), t('status'), t('reports'), t('translations')]}>
        {rows.map((category) => (
          <tr key={category.id}>
            <th scope="row">
              <Link href={`/staff/admin/categories/${category.slug}`}>{localize(category.label, locale)}</Link>
            </th>
            <td>
              <code>{category.slug}</code>
            </td>
            <td>{formatDecimal(category.weight, locale)}</td>
            <td>{category.active ? t('active') : <strong>{t('inactive')}</strong>}</td>
            <td>{category.reportCount.toLocaleString(locale)}</td>
            <td>{missesTranslations(category) ? t('missing') : t('complete')}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
