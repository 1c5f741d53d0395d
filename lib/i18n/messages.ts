import de from '@/messages/de.json';
import en from '@/messages/en.json';
import tr from '@/messages/tr.json';
import { defaultLocale, isLocale, type Locale } from './routing';

export type Messages = typeof de;

const all: Record<Locale, Messages> = { de, en, tr };

export function getMessages(locale: Locale): Messages {
  return all[locale];
}

/**
 * The language of an API request: an explicit choice (body or ?locale=) wins, then the
 * Accept-Language header, then German.
 */
export function negotiateLocale(explicit: unknown, acceptLanguage: string | null): Locale {
  if (isLocale(explicit)) return explicit;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0].trim().slice(0, 2).toLowerCase();
    if (isLocale(tag)) return tag;
  }
  return defaultLocale;
}

/** Fills {name} placeholders, nothing more (e-mails, field errors); a message with a plural goes through next-intl (apiMessage). */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}
