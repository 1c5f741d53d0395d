import { defineRouting } from 'next-intl/routing';

export const locales = ['de', 'en', 'tr'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'de';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * The locale `Intl` formats dates, numbers and lists in for a page's language. The English texts are
 * British, and so are their dates: "28 November 2026" and "28/11/2026", not the US month-first order,
 * which readers in Europe take for the day.
 */
const intlLocales: Record<Locale, string> = { de: 'de-DE', en: 'en-GB', tr: 'tr-TR' };

export function intlLocale(locale: Locale): string {
  return intlLocales[locale];
}

/** A public path in a language: German without a prefix, the others under /en, /tr (see routing). */
export function localizedPath(path: string, locale: Locale): string {
  return `${locale === defaultLocale ? '' : `/${locale}`}${path}`;
}

// German at /, English at /en, Turkish at /tr. The city's portal speaks German first: the address
// decides the language, not the browser's settings, so a shared link reads the same for everyone.
// Nor a cookie: it would decide nothing, and residents are promised none (the privacy notice).
export const routing = defineRouting({
  locales,
  defaultLocale,
  localePrefix: 'as-needed',
  localeDetection: false,
  localeCookie: false,
});
