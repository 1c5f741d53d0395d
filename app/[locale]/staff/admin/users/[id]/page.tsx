import { FocusOnArrival } from '@/components/focus-on-arrival';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { oidcProvider } from '@/auth';
import { PasswordResetForm, UserActiveForm, UserDetailsForm } from '@/components/admin/user-forms';
import { adminMetadata } from '@/lib/admin/metadata';
import { requireRole } from '@/lib/auth/require';
import { userFormContext } from '@/lib/auth/user-admin';
import { getUserById, toPublicUser } from '@/lib/auth/users';
import { getDb } from '@/lib/db/client';
import { getFormatter } from '@/lib/i18n/format';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

export const generateMetadata = () => adminMetadata('users.editTitle');

type Props = { params: Promise<{ locale: Locale; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Admin only: one account — name and roles, its password, and whether it may sign in. */
export default async function AdminUserPage({ params, searchParams }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const admin = await requireRole('admin');
  const row = /^\d{1,9}$/.test(id) ? await getUserById(await getDb(), Number(id)) : undefined;
  if (!row) notFound();
  const user = toPublicUser(row);
  const [t, format, query] = await Promise.all([getTranslations('admin.users'), getFormatter(), searchParams]);
  const oidcName = oidcProvider()?.name ?? null;
  const context = userFormContext();
  return (
    <div className="page narrow">
      <p>
        <Link href="/staff/admin/users">{t('back')}</Link>
      </p>
      <h1>{user.name}</h1>
      {query.saved === 'created' && (
        // The form that created the user is gone: the message takes the focus.
        <FocusOnArrival className="notice notice--success" role="status">
          <p>{t('created', { name: user.name })}</p>
        </FocusOnArrival>
      )}
      <dl className="facts">
        <dt>{t('email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('status')}</dt>
        <dd>{user.active ? t('active') : t('inactive')}</dd>
        <dt>{t('signIn')}</dt>
        <dd>{user.hasPassword ? t('signInPassword') : t('signInOidc')}</dd>
        <dt>{t('createdAt')}</dt>
        <dd>{format.dateTime(user.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</dd>
        <dt>{t('lastLogin')}</dt>
        <dd>{user.lastLoginAt ? format.dateTime(user.lastLoginAt, { dateStyle: 'medium', timeStyle: 'short' }) : t('never')}</dd>
      </dl>
      <p>
        <Link href={`/staff/admin/audit?entity=user&entityId=${user.id}`}>{t('history')}</Link>
      </p>

      <section aria-labelledby="user-details">
        <h2 id="user-details">{t('detailsTitle')}</h2>
        <UserDetailsForm user={user} context={context} />
      </section>
      <section aria-labelledby="user-password">
        <h2 id="user-password">{t('passwordTitle')}</h2>
        <PasswordResetForm user={user} oidcName={oidcName} context={context} />
      </section>
      {user.id !== admin.id && (
        <section aria-labelledby="user-access">
          <h2 id="user-access">{t('accessTitle')}</h2>
          <UserActiveForm user={user} />
        </section>
      )}
    </div>
  );
}
