import { NextResponse } from 'next/server';
import { audit } from '@/lib/audit/audit';
import { requireApiRole } from '@/lib/auth/require';
import type { StaffUser } from '@/lib/auth/session';
import { getDb, type Db } from '@/lib/db/client';
import { apiError, readJsonBody, withApiErrors } from '@/lib/http/api';
import { negotiateLocale } from '@/lib/i18n/messages';
import { normalizeRef } from '@/lib/reports/ref-format';
import { getReportDetail, type ReportDetail } from '@/lib/reports/report-detail';
import { inboxApiMessage, localizeChangeErrors } from '@/lib/reports/staff-api';
import { updateReport } from '@/lib/reports/update';
import { canReadPersonalData, inboxEditors, inboxReaders } from '@/lib/reports/workflow';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ ref: string }> };
const noStore = { 'Cache-Control': 'no-store' };

function localeOf(request: Request) {
  return negotiateLocale(new URL(request.url).searchParams.get('locale'), request.headers.get('accept-language'));
}

/**
 * Every answer that carries the resident's description or e-mail (triage and admin only) is a read
 * of personal data that leaves the portal, and is written to the audit log: GET, and PATCH's
 * answers, the 409 with `current` as well.
 */
async function logPersonalDataRead(db: Db, user: StaffUser, report: ReportDetail) {
  if (canReadPersonalData(user.roles) && (report.hasDescription || report.hasContactEmail)) {
    await audit(db, user, 'report.personal_data_read', 'report', report.id, null, { ref: report.ref, via: 'api' });
  }
}

/**
 * GET /api/staff/reports/{ref} — the report with its history and suggested duplicates. Triage,
 * police, admin; the resident's description and e-mail only for triage and admin.
 */
export const GET = withApiErrors(async (request: Request, context: Context) => {
  const auth = await requireApiRole(request, ...inboxReaders);
  if (!auth.ok) return auth.response;
  const locale = localeOf(request);
  const db = await getDb();
  const ref = normalizeRef((await context.params).ref);
  const report = ref ? await getReportDetail(db, ref, { viewer: auth.user, locale }) : null;
  if (!report) return apiError(404, 'not_found', inboxApiMessage(locale, 'not_found'), { headers: noStore });
  await logPersonalDataRead(db, auth.user, report);
  return NextResponse.json(report, { headers: noStore });
});

/**
 * PATCH /api/staff/reports/{ref} — one change or several, with the version last seen:
 * `{"version": 3, "status": "dismissed", "reason": "…"}`, `{"version": 3, "mergeInto": "LUN-…"}`,
 * `{"version": 3, "category": "drugs"}`, `{"version": 3, "lat": …, "lon": …}`,
 * `{"version": 3, "publicDescription": "…"}`, `{"version": 3, "note": "…"}`, `{"version": 3, "reply": "…"}`.
 * 200 with the report; 409 `conflict` with the current report in `current` when the version is
 * stale; 422 with `fields`; 403 for police (read only).
 */
export const PATCH = withApiErrors(async (request: Request, context: Context) => {
  const auth = await requireApiRole(request, ...inboxEditors);
  if (!auth.ok) return auth.response;
  const locale = localeOf(request);
  const body = await readJsonBody(request);
  if (!body.ok) return apiError(body.status, body.error, inboxApiMessage(locale, body.error as 'invalid_json' | 'unsupported_media_type' | 'payload_too_large'), { headers: noStore });
  const db = await getDb();
  const ref = normalizeRef((await context.params).ref);
  if (!ref) return apiError(404, 'not_found', inboxApiMessage(locale, 'not_found'), { headers: noStore });

  const result = await updateReport(db, auth.user, ref, body.value);
  if (!result.ok && result.error === 'not_found') return apiError(404, 'not_found', inboxApiMessage(locale, 'not_found'), { headers: noStore });
  if (!result.ok && result.error === 'invalid') {
    return apiError(422, 'validation_failed', inboxApiMessage(locale, 'validation_failed'), {
      fields: localizeChangeErrors(result.fields, locale),
      headers: noStore,
    });
  }
  const current = await getReportDetail(db, ref, { viewer: auth.user, locale });
  if (current) await logPersonalDataRead(db, auth.user, current);
  if (!result.ok) {
    return NextResponse.json({ error: 'conflict', message: inboxApiMessage(locale, 'conflict'), fields: {}, current }, { status: 409, headers: noStore });
  }
  return NextResponse.json(current, { headers: noStore });
});
