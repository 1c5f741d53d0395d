import NextAuth from 'next-auth';
import createMiddleware from 'next-intl/middleware';
import { NextRequest, NextResponse, type NextFetchEvent, type NextMiddleware } from 'next/server';
import { authConfig } from '@/auth.config';
import { isSignInPage, parseStaffPath, signInPath } from '@/lib/auth/paths';
import { serverSecret } from '@/lib/env';
import { getEmbedOrigins } from '@/lib/embed/origins';
import { contentSecurityPolicy, createNonce } from '@/lib/http/csp';
import { withoutBrokenEscapes } from '@/lib/http/path-escapes';
import { routing } from '@/lib/i18n/routing';

// Chooses the language of public pages (next-intl).
const intl = createMiddleware(routing);

/**
 * A coarse gate for staff pages: anonymous visitors go to the sign-in page (in their language) and
 * come back after. It authorises nothing — every page, action and API checks the role itself
 * (lib/auth/require.ts), because a proxy can be bypassed and a deactivated user's cookie still
 * decodes here. Auth.js decodes the session cookie only (auth.config.ts: no database).
 */
const { auth: staffGate } = NextAuth(() => ({
  ...authConfig,
  secret: serverSecret(),
  callbacks: {
    ...authConfig.callbacks,
    authorized({ request, auth }) {
      if (auth?.user) return intl(request);
      const { locale } = parseStaffPath(request.nextUrl.pathname)!;
      const target = signInPath(locale, `${request.nextUrl.pathname}${request.nextUrl.search}`);
      return NextResponse.redirect(new URL(target, request.url));
    },
  },
}));

const embedPath = /^(?:\/(?:en|tr))?\/embed(?:\/|$)/;

const sessionCookie = /^(__Secure-)?authjs\.session-token(\.\d+)?=/;

/**
 * Auth.js re-issues the session cookie on every request it reads. Here that would race with
 * sign-out (a server action that deletes the cookie in the same response) and could put the old
 * cookie back, so the gate only reads: the session lasts SESSION_MAX_AGE_SECONDS from sign-in.
 */
function withoutSessionCookies(response: Response): Response {
  const cookies = response.headers.getSetCookie();
  if (!cookies.some((c) => sessionCookie.test(c))) return response;
  response.headers.delete('set-cookie');
  for (const cookie of cookies) if (!sessionCookie.test(cookie)) response.headers.append('set-cookie', cookie);
  return response;
}

/** A page's POST is a server action's; only the admin's district import needs next.config.mjs's 6 MB. */
const ACTION_BODY_MAX = 1024 * 1024;

/**
 * Whether a server action's body declares more than its page may take: Next.js's default of 1 MB
 * for every page but the district import (a GeoJSON file up to 5 MB), so that no one, signed in
 * or not, has 6 MB parsed by the sign-in, feedback or follow forms.
 */
function actionBodyTooLarge(request: NextRequest, staffRest: string | undefined): boolean {
  if (request.method !== 'POST' || staffRest === '/admin/districts') return false;
  return Number(request.headers.get('content-length')) > ACTION_BODY_MAX;
}

export default async function proxy(incoming: NextRequest, event: NextFetchEvent) {
  const repaired = withoutBrokenEscapes(incoming.nextUrl.pathname);
  if (repaired !== null) {
    // Next.js would answer a bare 500. The repaired address names no page, and gets its 404 in the
    // visitor's language, or the API's error shape.
    const target = incoming.nextUrl.clone();
    target.pathname = repaired;
    return NextResponse.redirect(target, 308);
  }
  if (/^\/(api|tiles)\//.test(incoming.nextUrl.pathname)) return NextResponse.next();
  // A fresh nonce per request: Next.js reads it from the request's CSP header and puts it on its
  // own scripts; next-intl passes the request headers on to the page.
  const nonce = createNonce();
  const embed = embedPath.test(incoming.nextUrl.pathname);
  const csp = contentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === 'development',
    // Only the embed pages may be framed, and only by the origins an admin allowed.
    frameAncestors: embed ? await getEmbedOrigins() : [],
  });
  const headers = new Headers(incoming.headers);
  headers.set('content-security-policy', csp);
  headers.set('x-nonce', nonce);
  // The layout leaves out the site's header and footer in the widget; never trust a client's value.
  headers.delete('x-embed');
  if (embed) headers.set('x-embed', '1');
  const request = new NextRequest(incoming, { headers });

  const staff = parseStaffPath(request.nextUrl.pathname);
  if (actionBodyTooLarge(request, staff?.rest)) {
    return new NextResponse('Payload Too Large', { status: 413, headers: { 'Content-Security-Policy': csp, 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  let response: Response | null | undefined | void;
  if (staff && !isSignInPage(staff.rest)) {
    // Auth.js's middleware form, as `export default auth` would use it (its types omit this call).
    response = await (staffGate as unknown as NextMiddleware)(request, event);
    if (response) response = withoutSessionCookies(response);
  } else {
    response = intl(request);
  }
  response?.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  // Everything but APIs, map tiles, Next's own files and the files the app serves (feed, icon,
  // robots.txt, security.txt). Other addresses with a dot ("/alt.html") are pages that do not
  // exist: they get the 404 page in their language, under the same CSP.
  // APIs and tiles only where the path holds an escape, to be checked (withoutBrokenEscapes).
  matcher: [
    '/((?!api/|api$|tiles/|_next/|_vercel|feed\\.xml$|icon\\.svg$|robots\\.txt$|security\\.txt$|\\.well-known/).*)',
    '/(api|tiles)/:rest(.*%.*)',
  ],
};
