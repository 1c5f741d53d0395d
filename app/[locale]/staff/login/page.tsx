import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { oidcProvider } from '@/auth';
import { LoginForm } from '@/components/staff/login-form';
import { safeCallbackPath } from '@/lib/auth/paths';
import { getCurrentStaff } from '@/lib/auth/require';
import { signInErrorFor } from '@/lib/auth/sign-in-errors';
import { getCityConfig } from '@/lib/city/config';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { signInWithIdentityProvider } from './actions';

type Props = {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('staff.login');
  return { title: t('metaTitle', { city: getCityConfig().name }), robots: { index: false } };
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Public: the way in. A signed-in user is sent on to where they were going. */
export default async function StaffLoginPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const callbackUrl = safeCallbackPath(first(query.callbackUrl), locale);
  if (await getCurrentStaff()) redirect(callbackUrl);

  const t = await getTranslations('staff.login');
  const oidc = oidcProvider();
  // Errors that arrive in the address: from Auth.js's own redirects (scripts, the identity provider).
  const error = signInErrorFor(first(query.error), first(query.code));

  return (
    <div className="container page narrow">
      <h1>{t('title')}</h1>
      <p>
        {t('intro')} <Link href="/report">{t('reportLink')}</Link>
      </p>
      {first(query.signedOut) === '1' && !error && (
        <p className="notice notice--success" role="status">
          {t('signedOut')}
        </p>
      )}
      <LoginForm callbackUrl={callbackUrl} initial={{ error }} />
      {oidc && (
        <form action={signInWithIdentityProvider} className="login-alternative">
          <p>{t('or')}</p>
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button type="submit" className="button button--secondary">
            {t('oidcSubmit', { name: oidc.name })}
          </button>
        </form>
      )}
    </div>
  );
}
