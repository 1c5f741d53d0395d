'use server';

import { signOut } from '@/auth';
import { signInPath } from '@/lib/auth/paths';
import { formDataOf } from '@/lib/http/form-data';
import { defaultLocale, isLocale } from '@/lib/i18n/routing';

// Acts only on the caller's own session, so anyone may call it. Listed in
// tests/integration/authorization-matrix.test.ts.

/** Signs out (ending the user's sessions on the server too: see auth.ts) and shows the sign-in page. */
export async function signOutAction(form: FormData) {
  const locale = formDataOf(form).get('locale');
  await signOut({ redirectTo: `${signInPath(isLocale(locale) ? locale : defaultLocale)}?signedOut=1` });
}
