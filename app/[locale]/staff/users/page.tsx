import type { Metadata } from 'next';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { requireRole } from '@/lib/auth/require';
import { listUsers } from '@/lib/auth/users';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import type { Locale } from '@/lib/i18n/routing';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('staff.users');
  return { title: t('metaTitle', { city: getCityConfig().name }), robots: { index: false } };
}

/** Admin only: the staff accounts (read-only for now; creating and editing come with the admin pages). */
export default async function StaffUsersPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireRole('admin');
  const [t, format, users] = await Promise.all([getTranslations('staff'), getFormatter(), listUsers(await getDb())]);
  return (
    <div className="container page">
      <h1>{t('users.title')}</h1>
      {users.length === 0 ? (
        <p>{t('users.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('users.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.name')}</th>
                <th scope="col">{t('users.email')}</th>
                <th scope="col">{t('users.roles')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col">{t('users.lastLogin')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id}>
                  <th scope="row">{user.name}</th>
                  <td>{user.email}</td>
                  <td>{user.roles.map((role) => t(`roles.${role}`)).join(', ')}</td>
                  <td>{user.active ? t('users.active') : t('users.inactive')}</td>
                  <td>
                    {user.lastLoginAt
                      ? format.dateTime(user.lastLoginAt, { dateStyle: 'medium', timeStyle: 'short' })
                      : t('users.never')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
