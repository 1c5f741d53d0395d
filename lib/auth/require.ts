import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { cache } from 'react';
import { apiError } from '@/lib/http/api';
import { getMessages, negotiateLocale } from '@/lib/i18n/messages';
import type { Locale } from '@/lib/i18n/routing';
import { signInPath } from './paths';
import { hasRole, staffRoles, type StaffRole } from './roles';
import { getStaffSession, type StaffUser } from './session';

/*
 * The one family of authorisation checks. Every staff page, server action and route handler calls
 * one of these first; proxy.ts only redirects anonymous visitors and can be bypassed. Called with
 * no roles, they admit any staff role; admin is admitted everywhere.
 */

/** The signed-in staff user of this request (read once per render), or null. */
export const getCurrentStaff = cache(async (): Promise<StaffUser | null> => getStaffSession(await headers()));

/**
 * For pages and server actions: the user, if they hold one of `roles`. Anonymous visitors are
 * sent to the sign-in page; a signed-in user without the role gets the 403 page (forbidden.tsx).
 */
export async function requireRole(...roles: StaffRole[]): Promise<StaffUser> {
  const user = await getCurrentStaff();
  if (!user) redirect(signInPath((await getLocale()) as Locale));
  if (!hasRole(user.roles, roles.length > 0 ? roles : staffRoles)) forbidden();
  return user;
}

export type ApiAuthorisation = { ok: true; user: StaffUser } | { ok: false; response: Response };

/**
 * For route handlers: the user, or the response to send instead — 401 without a session, 403
 * without the role — in the API's error shape and the request's language.
 *
 *     const auth = await requireApiRole(request, 'admin');
 *     if (!auth.ok) return auth.response;
 */
export async function requireApiRole(request: Request, ...roles: StaffRole[]): Promise<ApiAuthorisation> {
  const user = await getStaffSession(request.headers);
  const messages = getMessages(negotiateLocale(new URL(request.url).searchParams.get('locale'), request.headers.get('accept-language'))).staff.api;
  if (!user) {
    return {
      ok: false,
      response: apiError(401, 'unauthenticated', messages.unauthenticated, { headers: { 'Cache-Control': 'no-store' } }),
    };
  }
  if (!hasRole(user.roles, roles.length > 0 ? roles : staffRoles)) {
    return { ok: false, response: apiError(403, 'forbidden', messages.forbidden, { headers: { 'Cache-Control': 'no-store' } }) };
  }
  return { ok: true, user };
}
