import type { NextAuthConfig } from 'next-auth';

/**
 * Auth.js logs every failed sign-in with a stack trace (STACK.md). We log each problem as one
 * line instead; refused credentials are logged by authorizeCredentials, with the reason and
 * without the e-mail, so they are skipped here. No database, no Node.js API: the proxy uses it too.
 */
export const authLogger: NonNullable<NextAuthConfig['logger']> = {
  error(error) {
    const type = (error as { type?: string }).type ?? error.name;
    if (type === 'CredentialsSignin') return;
    const cause = (error as { cause?: { err?: Error } & Error }).cause;
    const causeMessage = cause?.err?.message ?? cause?.message;
    const parts = [firstLine(error.message), causeMessage ? `(cause: ${firstLine(causeMessage)})` : ''].filter(Boolean);
    console.error(`[auth] ${type}${parts.length > 0 ? `: ${parts.join(' ')}` : ''}`);
  },
  warn(code) {
    console.warn(`[auth] warning: ${code}`);
  },
  debug() {},
};

function firstLine(text: string): string {
  return text.split('\n')[0].replace(/\s*Read more at https:\/\/errors\.authjs\.dev#\S+/, '').trim();
}
