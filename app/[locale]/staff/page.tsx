import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireRole } from '@/lib/auth/require';
import { hasRole } from '@/lib/auth/roles';
import { getCityConfig } from '@/lib/city/config';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { inboxReaders } from '@/lib/reports/workflow';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('staff');
  return { title: t('metaTitle', { city: getCityConfig().name }), robots: { index: false } };
}

/** Any staff role. The landing page after sign-in; the dashboard will grow here. */
export default async function StaffHomePage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requireRole();
  const t = await getTranslations('staff');
  const ti = await getTranslations('inbox');
  return (
    <div className="container page">
      <h1>{t('home.title')}</h1>
      <p>{t('home.welcome', { name: user.name })}</p>
      {hasRole(user.roles, inboxReaders) && (
        <p>
          <Link href="/staff/reports" className="button">
            {ti('homeLink')}
          </Link>
        </p>
      )}
      <h2>{t('home.account')}</h2>
      <dl className="facts">
        <dt>{t('home.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('home.rolesLabel')}</dt>
        <dd>
          {user.roles.length === 0 ? (
            t('home.noRoles')
          ) : (
            <ul className="plain-list">
              {user.roles.map((role) => (
                <li key={role}>{t(`roles.${role}`)}</li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <p className="note">{t('home.comingSoon')}</p>
    </div>
  );
}
