import { getMessages } from '@/lib/i18n/messages';
import type { Locale } from '@/lib/i18n/routing';
import type { InboxParam, InboxQueryErrorCode } from './inbox-query';
import type { ChangeErrorCode } from './update';

/*
 * Messages of the staff report API (GET/PATCH /api/staff/reports…), in the caller's language.
 * The codes stay in `error`; `message` and `fields` are for people.
 */

export function inboxApiMessage(locale: Locale, key: keyof ReturnType<typeof getMessages>['inbox']['api']): string {
  return getMessages(locale).inbox.api[key];
}

export function localizeQueryErrors(fields: Partial<Record<InboxParam, InboxQueryErrorCode>>, locale: Locale): Record<string, string> {
  const messages = getMessages(locale).inbox.queryErrors;
  return Object.fromEntries(Object.entries(fields).map(([field, code]) => [field, messages[code as InboxQueryErrorCode]]));
}

export function localizeChangeErrors(fields: Partial<Record<string, ChangeErrorCode>>, locale: Locale): Record<string, string> {
  const messages = getMessages(locale).inbox.errors;
  return Object.fromEntries(Object.entries(fields).map(([field, code]) => [field, messages[code as ChangeErrorCode]]));
}
