import { NextResponse } from 'next/server';
import { getDb } from '@/lib/db/client';
import { apiError, withApiErrors } from '@/lib/http/api';
import { negotiateLocale } from '@/lib/i18n/messages';
import { apiMessage } from '@/lib/reports/api-messages';
import { normalizeRef } from '@/lib/reports/ref-format';
import { getPublicReport } from '@/lib/reports/service';

export const dynamic = 'force-dynamic';

/** GET /api/reports/{ref} — public status and history; never the description or e-mail. */
export const GET = withApiErrors(async (request: Request, context: { params: Promise<{ ref: string }> }) => {
  const locale = negotiateLocale(new URL(request.url).searchParams.get('locale'), request.headers.get('accept-language'));
  const ref = normalizeRef((await context.params).ref);
  const report = ref ? await getPublicReport(await getDb(), ref, locale) : null;
  if (!report) return apiError(404, 'not_found', apiMessage(locale, 'not_found'));
  return NextResponse.json(report, { headers: { 'Cache-Control': 'no-store' } });
});
