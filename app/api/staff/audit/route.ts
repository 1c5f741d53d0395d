import { NextResponse } from 'next/server';
import { auditFilterSchema, listAuditEntries } from '@/lib/audit/queries';
import { requireApiRole } from '@/lib/auth/require';
import { getDb } from '@/lib/db/client';
import { apiError, withApiErrors } from '@/lib/http/api';
import { getMessages, negotiateLocale } from '@/lib/i18n/messages';

export const dynamic = 'force-dynamic';

/**
 * GET /api/staff/audit — the audit log, newest first. Admin only. Filters as on the admin page:
 * `actor` (user id or `system`), `action`, `entity`, `entityId`, `from` and `to` (YYYY-MM-DD, days
 * in the city's time zone, both included), `limit` (1–200, default 50) and `cursor` (the
 * `nextCursor` of the previous page). Answers `{ entries, nextCursor }`; 422 with `fields` for a
 * filter it cannot read.
 */
export const GET = withApiErrors(async (request: Request) => {
  const auth = await requireApiRole(request, 'admin');
  if (!auth.ok) return auth.response;
  const query = new URL(request.url).searchParams;
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(query));
  if (!parsed.success) {
    const messages = getMessages(negotiateLocale(query.get('locale'), request.headers.get('accept-language'))).admin.audit;
    const fields = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? 'query'), issue.message]));
    return apiError(422, 'invalid_filter', messages.invalidFilter, { fields, headers: { 'Cache-Control': 'no-store' } });
  }
  const page = await listAuditEntries(await getDb(), parsed.data);
  return NextResponse.json(page, { headers: { 'Cache-Control': 'no-store' } });
});
