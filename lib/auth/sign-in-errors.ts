/** What the sign-in page can say went wrong; keys of messages.staff.login.errors. */
export type SignInError = 'invalid' | 'throttled' | 'accessDenied' | 'unavailable';

export type SignInState = {
  email?: string;
  error?: SignInError;
  fields?: { email?: 'emailRequired'; password?: 'passwordRequired' };
};

/**
 * Auth.js reports failures as an error type plus, for credentials, a code (in a thrown error, or in
 * the ?error=…&code=… of its redirect to the sign-in page). The messages never say whether an
 * account exists.
 */
export function signInErrorFor(type: string | undefined | null, code?: string | null): SignInError | undefined {
  if (!type) return undefined;
  if (type === 'CredentialsSignin') return code === 'throttled' ? 'throttled' : 'invalid';
  if (type === 'AccessDenied') return 'accessDenied';
  return 'unavailable';
}
