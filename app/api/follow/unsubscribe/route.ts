import { NextResponse } from 'next/server';
import { getDb } from '@/lib/db/client';
import { unsubscribeFollow } from '@/lib/follows/service';
import { apiError, withApiErrors } from '@/lib/http/api';
import { getMessages, negotiateLocale } from '@/lib/i18n/messages';

export const dynamic = 'force-dynamic';

/**
 * POST /api/follow/unsubscribe?token=… — one-click unsubscribe (RFC 8058): the address in every
 * follower's List-Unsubscribe header, which mail programs POST to (body
 * `List-Unsubscribe=One-Click`). Deletes the follow and its address. Public: the token is the
 * authorisation. There is deliberately no GET, so link scanners cannot unsubscribe anyone; the
 * link in the message's text leads to a page with a button instead.
 */
export const POST = withApiErrors(async (request: Request) => {
  const locale = negotiateLocale(null, request.headers.get('accept-language'));
  const m = getMessages(locale).follow;
  const token = new URL(request.url).searchParams.get('token');
  if (!(await unsubscribeFollow(await getDb(), token))) return apiError(404, 'invalid_token', m.unsubscribeInvalid);
  return NextResponse.json({ status: 'unsubscribed', message: m.unsubscribed }, { headers: { 'Cache-Control': 'no-store' } });
});
