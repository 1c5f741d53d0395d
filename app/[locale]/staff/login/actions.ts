'use server';

import { AuthError } from 'next-auth';
import { OIDC_PROVIDER_ID, signIn } from '@/auth';
import { safeCallbackPath } from '@/lib/auth/paths';
import { formDataOf } from '@/lib/http/form-data';
import { defaultLocale, isLocale } from '@/lib/i18n/routing';
import { signInErrorFor, type SignInState } from '@/lib/auth/sign-in-errors';

// Public by nature: these start a sign-in. Each is listed in tests/integration/authorization-matrix.test.ts.

function formLocale(formData: FormData) {
  const locale = formData.get('locale');
  return isLocale(locale) ? locale : defaultLocale;
}

/** The sign-in form: e-mail and password through Auth.js's credentials provider. */
export async function signInWithPassword(_previous: SignInState, form: FormData): Promise<SignInState> {
  const formData = formDataOf(form);
  const email = String(formData.get('email') ?? '').trim();
  const password = String(formData.get('password') ?? '');
  const fields: SignInState['fields'] = {};
  if (!email) fields.email = 'emailRequired';
  if (!password) fields.password = 'passwordRequired';
  if (fields.email || fields.password) return { email, fields };

  const redirectTo = safeCallbackPath(formData.get('callbackUrl'), formLocale(formData));
  try {
    await signIn('credentials', { email, password, redirectTo });
  } catch (error) {
    // Success ends in a redirect, which Next.js throws too: only Auth.js's own errors are answers.
    if (error instanceof AuthError) return { email, error: signInErrorFor(error.type, (error as { code?: string }).code) };
    throw error;
  }
  return { email };
}

/** Hands over to the city's identity provider (only offered when OIDC is configured). */
export async function signInWithIdentityProvider(form: FormData) {
  const formData = formDataOf(form);
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeCallbackPath(formData.get('callbackUrl'), formLocale(formData)) });
}
