import { getTranslations, setRequestLocale } from 'next-intl/server';
import { oidcProvider } from '@/auth';
import { NewUserForm } from '@/components/admin/user-forms';
import { adminMetadata } from '@/lib/admin/metadata';
import { requireRole } from '@/lib/auth/require';
import { userFormContext } from '@/lib/auth/user-admin';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

export const generateMetadata = () => adminMetadata('users.createTitle');

/** Admin only: a new staff account with its roles and an initial password, or sign-in by OIDC only. */
export default async function AdminNewUserPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireRole('admin');
  const t = await getTranslations('admin.users');
  return (
    <div className="page narrow">
      <p>
        <Link href="/staff/admin/users">{t('back')}</Link>
      </p>
      <h1>{t('createTitle')}</h1>
      <p>{t('createIntro')}</p>
      <NewUserForm oidcName={oidcProvider()?.name ?? null} context={userFormContext()} />
    </div>
  );
}
