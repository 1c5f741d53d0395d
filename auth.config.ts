import type { NextAuthConfig } from 'next-auth';
import { authLogger } from '@/lib/auth/logger';

/**
 * A staff session lasts a long shift from sign-in (pages and staff APIs do not extend it; only
 * GET /api/auth/session does). It is checked against the database on every request anyway.
 */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * The part of the Auth.js configuration that needs no database: proxy.ts decodes the session
 * cookie with it for its coarse redirect. auth.ts adds the providers and the callbacks that ask
 * the database. Cookies keep Auth.js's defaults: HttpOnly, SameSite=Lax, and Secure (with the
 * __Secure- prefix) whenever the portal is reached over https, e.g. AUTH_URL=https://….
 */
export const authConfig = {
  basePath: '/api/auth',
  pages: { signIn: '/staff/login', error: '/staff/login' },
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  providers: [],
  logger: authLogger,
  callbacks: {
    session({ session, token }) {
      // Only what the staff pages show: never the session version or anything secret.
      return {
        ...session,
        user: {
          id: String(token.uid ?? ''),
          email: token.email ?? '',
          name: token.name ?? '',
          roles: token.roles ?? [],
        },
        ...(token.unavailable ? { unavailable: true } : {}),
      };
    },
  },
} satisfies NextAuthConfig;
