import { getTranslations, setRequestLocale } from 'next-intl/server';
import { DataTable } from '@/components/data-table';
import { adminMetadata } from '@/lib/admin/metadata';
import { requireRole } from '@/lib/auth/require';
import { listUsers } from '@/lib/auth/users';
import { getDb } from '@/lib/db/client';
import { getFormatter } from '@/lib/i18n/format';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

export const generateMetadata = () => adminMetadata('users.title');

/** Admin only: every staff account, with the way to add one and to each account's page. */
export default async function AdminUsersPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireRole('admin');
  const [t, tRoles, format, users] = await Promise.all([getTranslations('admin.users'), getTranslations('staff.roles'), getFormatter(), listUsers(await getDb())]);
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <p>
        <Link href="/staff/admin/users/new" className="button">
          {t('create')}
        </Link>
      </p>
      {users.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <DataTable caption={t('caption')} columns={[t('name'), t('email'), t('roles'), t('status'), t('signIn'), t('lastLogin')]}>
          {users.map((user) => (
            <tr key={user.id}>
              <th scope="row">
                <Link href={`/staff/admin/users/${user.id}`}>{user.name}</Link>
              </th>
              <td>{user.email}</td>
              <td>{user.roles.length > 0 ? user.roles.map((role) => tRoles(role)).join(', ') : t('noRoles')}</td>
              <td>{user.active ? t('active') : <strong>{t('inactive')}</strong>}</td>
              <td>{user.hasPassword ? t('signInPassword') : t('signInOidc')}</td>
              <td>{user.lastLoginAt ? format.dateTime(user.lastLoginAt, { dateStyle: 'medium', timeStyle: 'short' }) : t('never')}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
