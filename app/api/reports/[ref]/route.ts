import { NextResponse } from 'next/server';
import { getDb } from '@/lib/db/client';
import { apiError, withApiErrors } from '@/lib/http/api';
import { negotiateLocale } from '@/lib/i18n/messages';
import { apiMessage } from '@/lib/reports/api-messages';
import { normalizeRef } from '@/lib/reports/ref-format';
import { lookUpPublicReport } from '@/lib/reports/lookup';

export const dynamic = 'force-dynamic';

/** GET /api/reports/{ref} — public status and history; never the description or e-mail. */
export const GET = withApiErrors(async (request: Request, context: { params: Promise<{ ref: string }> }) => {
  const locale = negotiateLocale(new URL(request.url).searchParams.get('locale'), request.headers.get('accept-language'));
  const lookup = await lookUpPublicReport(await getDb(), normalizeRef((await context.params).ref), locale, request.headers);
  if (lookup.status === 'limited') {
    return apiError(429, 'rate_limited', apiMessage(locale, 'lookups_limited', { minutes: Math.ceil(lookup.retryAfterSeconds / 60) }), {
      headers: { 'Retry-After': String(lookup.retryAfterSeconds) },
    });
  }
  if (lookup.status === 'unknown') return apiError(404, 'not_found', apiMessage(locale, 'not_found'));
  return NextResponse.json(lookup.report, { headers: { 'Cache-Control': 'no-store' } });
});
