import NextAuth from 'next-auth';
import createMiddleware from 'next-intl/middleware';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { authConfig } from '@/auth.config';
import { isSignInPage, parseStaffPath, signInPath } from '@/lib/auth/paths';
import { serverSecret } from '@/lib/env';
import { routing } from '@/lib/i18n/routing';

// Chooses the language of public pages (next-intl).
const intl = createMiddleware(routing);

// Decodes the session cookie only: no database here (auth.config.ts).
const { auth } = NextAuth(() => ({ ...authConfig, secret: serverSecret() }));

/**
 * A coarse gate: anonymous visitors of staff pages go to the sign-in page and come back after.
 * It authorises nothing: every page, action and API checks the role itself (lib/auth/require.ts),
 * because a proxy can be bypassed, and a deactivated user's cookie still decodes here.
 */
const staffGate = auth((request) => {
  if (request.auth?.user) return intl(request);
  const staff = parseStaffPath(request.nextUrl.pathname)!;
  const target = signInPath(staff.locale, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(new URL(target, request.url));
});

export default function proxy(request: NextRequest, event: NextFetchEvent) {
  const staff = parseStaffPath(request.nextUrl.pathname);
  if (staff && !isSignInPage(staff.rest)) return staffGate(request, event as never);
  return intl(request);
}

export const config = {
  // Everything but APIs, map tiles, the feed, Next's own files and files with an extension.
  matcher: ['/((?!api|tiles|_next|_vercel|feed\\.xml|.*\\..*).*)'],
};
