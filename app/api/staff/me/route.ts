import { NextResponse } from 'next/server';
import { requireApiRole } from '@/lib/auth/require';
import { withApiErrors } from '@/lib/http/api';

export const dynamic = 'force-dynamic';

/** GET /api/staff/me — the signed-in staff user: id, e-mail, name, roles. Any staff role. */
export const GET = withApiErrors(async (request: Request) => {
  const auth = await requireApiRole(request);
  if (!auth.ok) return auth.response;
  return NextResponse.json(auth.user, { headers: { 'Cache-Control': 'no-store' } });
});
