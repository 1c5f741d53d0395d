import { getLocale } from 'next-intl/server';
import { isDatabaseUnavailable } from '@/lib/http/api';
import { defaultLocale, isLocale, type Locale } from '@/lib/i18n/routing';
import type { EditorFormState } from './form-state';
import type { ServiceFailure } from './service';
import { formValues } from './validation';

/*
 * Shared by the editor's server actions (app/[locale]/staff/dialogues/actions.ts and
 * …/measures/actions.ts): reading ids from a form, turning a service failure into the form's
 * state, and the language to redirect in.
 */

/** A positive integer id from a form field, or null. */
export function idFrom(formData: unknown, name: string): number | null {
  if (!(formData instanceof FormData)) return null;
  const value = formData.get(name);
  return typeof value === 'string' && /^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : null;
}

export function stringFrom(formData: unknown, name: string): string | null {
  if (!(formData instanceof FormData)) return null;
  const value = formData.get(name);
  return typeof value === 'string' ? value : null;
}

/** The page's language, sent with the form (the redirect after saving stays in it). */
export async function formLocale(formData: unknown): Promise<Locale> {
  const locale = stringFrom(formData, 'locale');
  if (isLocale(locale)) return locale;
  const current = await getLocale();
  return isLocale(current) ? current : defaultLocale;
}

export function failureState(failure: ServiceFailure, formData: unknown): EditorFormState {
  const values = formValues(formData);
  if (failure.error === 'invalid') return { status: 'invalid', fields: failure.fields, values, errorValues: failure.values };
  return { status: failure.error, values };
}

/**
 * Runs an action's work; a database outage becomes a state the form shows (with what was typed)
 * instead of an error page. Everything else, the redirect after success included, passes through.
 */
export async function orUnavailable(formData: unknown, work: () => Promise<EditorFormState>): Promise<EditorFormState> {
  try {
    return await work();
  } catch (error) {
    if (isDatabaseUnavailable(error)) return { status: 'unavailable', values: formValues(formData) };
    throw error;
  }
}
