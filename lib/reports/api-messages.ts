import { getCityConfig } from '@/lib/city/config';
import { format, getMessages } from '@/lib/i18n/messages';
import type { Locale } from '@/lib/i18n/routing';
import { DESCRIPTION_MAX, EMAIL_MAX, type FieldErrorCode } from './validation';

const maxLength: Record<string, number> = { description: DESCRIPTION_MAX, email: EMAIL_MAX, reporterToken: 128 };

/** Field error codes in the caller's language, for the API's `fields` object. */
export function localizeFieldErrors(fields: Record<string, FieldErrorCode>, locale: Locale): Record<string, string> {
  const messages = getMessages(locale).report.errors;
  const city = getCityConfig().name;
  return Object.fromEntries(
    Object.entries(fields).map(([field, code]) => [field, format(messages[code], { city, max: maxLength[field] ?? 0 })]),
  );
}

export function apiMessage(locale: Locale, key: keyof ReturnType<typeof getMessages>['api'], values = {}) {
  return format(getMessages(locale).api[key], values);
}
