import { defaultLocale, isLocale, type Locale } from '@/lib/i18n/routing';

/** The staff pages' paths in each language (German without a prefix). No server-only imports: proxy.ts uses it. */
export function staffPath(locale: Locale, path = ''): string {
  return `${locale === defaultLocale ? '' : `/${locale}`}/staff${path}`;
}

export function signInPath(locale: Locale, callbackPath?: string): string {
  const path = staffPath(locale, '/login');
  return callbackPath ? `${path}?${new URLSearchParams({ callbackUrl: callbackPath })}` : path;
}

const staffPattern = /^(?:\/([a-z]{2}))?\/staff(\/.*)?$/;

/** For a path under /staff (in any language), its language and the rest of the path; else null. */
export function parseStaffPath(pathname: string): { locale: Locale; rest: string } | null {
  const match = staffPattern.exec(pathname);
  if (!match) return null;
  const locale = match[1] ?? defaultLocale;
  if (!isLocale(locale)) return null;
  return { locale, rest: match[2] ?? '' };
}

export function isSignInPage(rest: string): boolean {
  return rest === '/login' || rest.startsWith('/login/');
}

/**
 * Where to go after signing in: only a path on this site below /staff, so the sign-in page cannot
 * be used to send someone elsewhere (an open redirect). Anything else falls back to the overview.
 */
export function safeCallbackPath(value: unknown, locale: Locale): string {
  if (typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\')) {
    const [pathname] = value.split(/[?#]/);
    const staff = parseStaffPath(pathname);
    if (staff && !isSignInPage(staff.rest)) return value;
  }
  return staffPath(locale);
}
