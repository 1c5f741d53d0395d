/**
 * What an admin form's server action answers (with useActionState): field errors as message codes
 * (translated in the browser from messages/*.json, admin.errors), the values as submitted — React
 * resets a form after its action, so the fields show these again instead of losing the input —
 * and whether it saved. No server-only imports: client components use the type.
 */
import type { z } from 'zod';
import type { Messages } from '@/lib/i18n/messages';

export type FormValues = Record<string, string | string[]>;
/** Message codes under admin.errors and admin.notices (messages/*.json). */
export type ErrorCode = keyof Messages['admin']['errors'];
export type NoticeCode = keyof Messages['admin']['notices'];

export type FormState = {
  status: 'idle' | 'invalid' | 'saved';
  fields?: Partial<Record<string, string>>;
  /** Values the field errors name, such as the line at fault (`{originLine}` in admin.errors). */
  errorValues?: Record<string, string | number>;
  values?: FormValues;
  /** Problems that belong to no single field (e.g. a GeoJSON file's features). */
  problems?: { code: string; params?: Record<string, string | number> }[];
  /** For a saved form: what to tell the user, as a message code with values. */
  notice?: { code: NoticeCode; params?: Record<string, string | number> };
};

export const idleState: FormState = { status: 'idle' };

/** The longest name an admin may give a user or an API key (lib/admin/names.ts checks it). */
export const NAME_MAX_LENGTH = 100;

/** Limits every admin form's error texts may name (admin.errors), beside those a form provides itself. */
export const sharedErrorValues = { nameMax: NAME_MAX_LENGTH };

/** Every field of a form as submitted: repeated names (checkboxes) become lists; files are left out. */
export function formValues(form: FormData | undefined, multiple: readonly string[] = []): FormValues {
  const values: FormValues = {};
  if (!(form instanceof FormData)) return values;
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string' || key.startsWith('$ACTION')) continue;
    if (multiple.includes(key)) values[key] = [...((values[key] as string[] | undefined) ?? []), value];
    else values[key] = value;
  }
  for (const key of multiple) values[key] ??= [];
  return values;
}

/** The value of a text field for defaultValue: what was submitted, else what is stored. */
export function valueOf(state: { values?: FormValues }, name: string, fallback: string | number | null | undefined = ''): string {
  const submitted = state.values?.[name];
  return typeof submitted === 'string' ? submitted : fallback === null || fallback === undefined ? '' : String(fallback);
}

/** zod issues as one message code per field (the first), for a form's state. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[String(issue.path[0] ?? 'form')] ??= issue.message;
  return fields;
}
