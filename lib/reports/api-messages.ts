import { createTranslator } from 'next-intl';
import { getCityConfig } from '@/lib/city/config';
import { format, getMessages, type Messages } from '@/lib/i18n/messages';
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

/** An API message in the caller's language, formatted as ICU (some choose singular or plural: "in 1 Minute"). */
export function apiMessage(locale: Locale, key: keyof Messages['api'], values: Record<string, string | number> = {}) {
  return createTranslator({ locale, messages: getMessages(locale), namespace: 'api' })(key, values);
}
