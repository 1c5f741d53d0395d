import { defineRouting } from 'next-intl/routing';

export const locales = ['de', 'en', 'tr'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'de';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** A public path in a language: German without a prefix, the others under /en, /tr (see routing). */
export function localizedPath(path: string, locale: Locale): string {
  return `${locale === defaultLocale ? '' : `/${locale}`}${path}`;
}

// German at /, English at /en, Turkish at /tr. The city's portal speaks German first: the address
// decides the language, not the browser's settings, so a shared link reads the same for everyone.
export const routing = defineRouting({
  locales,
  defaultLocale,
  localePrefix: 'as-needed',
  localeDetection: false,
});
