import { NextResponse } from 'next/server';
import { requireApiRole } from '@/lib/auth/require';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { apiError, withApiErrors } from '@/lib/http/api';
import { negotiateLocale } from '@/lib/i18n/messages';
import { listInbox, withKnownFilters } from '@/lib/reports/inbox';
import { parseInboxQuery } from '@/lib/reports/inbox-query';
import { inboxApiMessage, localizeQueryErrors } from '@/lib/reports/staff-api';
import { inboxReaders } from '@/lib/reports/workflow';

export const dynamic = 'force-dynamic';

/**
 * GET /api/staff/reports?status=new,in_review&category=…&district=…&from=YYYY-MM-DD&to=…&q=…
 * &sort=newest|nearby&cursor=… — one page of the inbox (50 reports) and the cursor of the next.
 * Triage, police, admin. Rows carry no personal data.
 */
export const GET = withApiErrors(async (request: Request) => {
  const auth = await requireApiRole(request, ...inboxReaders);
  if (!auth.ok) return auth.response;
  const url = new URL(request.url);
  const locale = negotiateLocale(url.searchParams.get('locale'), request.headers.get('accept-language'));
  const db = await getDb();
  const { query, fields } = await withKnownFilters(db, parseInboxQuery(url.searchParams));
  if (Object.keys(fields).length > 0) {
    return apiError(400, 'invalid_query', inboxApiMessage(locale, 'invalid_query'), {
      fields: localizeQueryErrors(fields, locale),
      headers: { 'Cache-Control': 'no-store' },
    });
  }
  const page = await listInbox(db, query, { viewer: auth.user, locale, timeZone: getCityConfig().timeZone });
  return NextResponse.json(page, { headers: { 'Cache-Control': 'no-store' } });
});
