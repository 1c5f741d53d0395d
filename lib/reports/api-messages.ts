import { createTranslator } from 'next-intl';
import { getCityConfig } from '@/lib/city/config';
import { format, getMessages, type Messages } from '@/lib/i18n/messages';
import type { Locale } from '@/lib/i18n/routing';
import { formatCoordinate } from '@/lib/numbers';
import { DESCRIPTION_MAX, EMAIL_MAX, type FieldErrorCode } from './validation';

const maxLength: Record<string, number> = { description: DESCRIPTION_MAX, email: EMAIL_MAX, reporterToken: 128 };

/** Field error codes in the caller's language, for the API's `fields` object. */
export function localizeFieldErrors(fields: Record<string, FieldErrorCode>, locale: Locale): Record<string, string> {
  const messages = getMessages(locale).report.errors;
  const { name: city, center } = getCityConfig();
  // The city's centre as the example of a coordinate (not_a_number).
  const example = { lat: formatCoordinate(center.lat, locale), lon: formatCoordinate(center.lon, locale) };
  return Object.fromEntries(
    Object.entries(fields).map(([field, code]) => [field, format(messages[code], { city, max: maxLength[field] ?? 0, ...example })]),
  );
}

/** An API message in the caller's language, formatted as ICU (some choose singular or plural: "in 1 Minute"). */
export function apiMessage(locale: Locale, key: keyof Messages['api'], values: Record<string, string | number> = {}) {
  return createTranslator({ locale, messages: getMessages(locale), namespace: 'api' })(key, values);
}
