import NextAuth, { type NextAuthConfig } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import type { OIDCConfig } from 'next-auth/providers';
import Credentials from 'next-auth/providers/credentials';
import { authConfig } from '@/auth.config';
import { authorizeCredentials } from '@/lib/auth/credentials';
import { endSessions, findUserByEmail, getUserById, recordSignIn } from '@/lib/auth/users';
import { getDb } from '@/lib/db/client';
import type { User } from '@/lib/db/schema';
import { env, serverSecret, type Env } from '@/lib/env';
import { isDatabaseUnavailable } from '@/lib/http/api';

export const OIDC_PROVIDER_ID = 'oidc';

type OidcProfile = { sub: string; email?: string; email_verified?: boolean; name?: string; preferred_username?: string };

/** The city's identity provider, when OIDC_ISSUER and OIDC_CLIENT_ID are set; otherwise none. */
export function oidcProvider(e: Env = env()): OIDCConfig<OidcProfile> | null {
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID) return null;
  return {
    id: OIDC_PROVIDER_ID,
    name: e.OIDC_NAME,
    type: 'oidc',
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    // A public client (no secret) still proves itself with PKCE.
    ...(e.OIDC_CLIENT_SECRET ? {} : { client: { token_endpoint_auth_method: 'none' } }),
    checks: ['pkce', 'state', 'nonce'],
    authorization: { params: { scope: 'openid email profile' } },
    profile: (profile) => ({
      id: profile.sub,
      email: profile.email?.toLowerCase(),
      name: profile.name ?? profile.preferred_username ?? profile.email,
    }),
  };
}

/**
 * Only people the portal already knows may sign in through the identity provider: an active user
 * with the same (verified) e-mail. Anyone else is refused (Auth.js: AccessDenied).
 */
export async function staffUserForOidcProfile(profile: Partial<OidcProfile> | undefined): Promise<User | null> {
  if (!profile?.email || profile.email_verified === false) return null;
  const user = await findUserByEmail(await getDb(), profile.email);
  return user?.active ? user : null;
}

function tokenFor(user: User): JWT {
  return { sub: String(user.id), uid: user.id, sv: user.sessionVersion, name: user.name, email: user.email, roles: user.roles };
}

/**
 * Every request that reads the session runs this with the token from the cookie. It asks the
 * database each time, so a deactivated user or one whose sessions were ended is out at the next
 * request, and role changes apply at once. Returning null deletes the session cookie.
 */
async function jwt({ token, user, account }: { token: JWT; user?: unknown; account?: { provider: string } | null }) {
  const db = await getDb();
  if (account) {
    // Sign-in: the credentials provider has checked the password; an OIDC user is matched by e-mail.
    const row =
      account.provider === OIDC_PROVIDER_ID
        ? await findUserByEmail(db, String((user as { email?: string }).email ?? ''))
        : await getUserById(db, Number((user as { id?: string }).id));
    if (!row?.active) return null;
    await recordSignIn(db, row.id);
    return tokenFor(row);
  }
  let row: User | undefined;
  try {
    row = await getUserById(db, Number(token.uid));
  } catch (error) {
    // A database that is briefly away must not sign everyone out: keep the cookie, answer "unavailable".
    if (isDatabaseUnavailable(error)) return { ...token, unavailable: true };
    throw error;
  }
  if (!row?.active || row.sessionVersion !== token.sv) return null;
  return tokenFor(row);
}

function authOptions(): NextAuthConfig {
  const oidc = oidcProvider();
  return {
    ...authConfig,
    secret: serverSecret(),
    providers: [
      Credentials({
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        authorize: async (credentials, request) => authorizeCredentials(await getDb(), credentials, request.headers),
      }),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      ...authConfig.callbacks,
      async signIn({ account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        return (await staffUserForOidcProfile(profile as Partial<OidcProfile>)) !== null;
      },
      jwt,
    },
    events: {
      // Signing out ends the session on the server too, not only the cookie in this browser.
      async signOut(message) {
        const uid = 'token' in message ? message.token?.uid : undefined;
        if (uid) await endSessions(await getDb(), uid);
      },
    },
  };
}

// Built per request, so that nothing (the secret, the database) is touched while `next build` runs.
export const { handlers, signIn, signOut } = NextAuth(() => authOptions());
