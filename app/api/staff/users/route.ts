import { NextResponse } from 'next/server';
import { requireApiRole } from '@/lib/auth/require';
import { listUsers } from '@/lib/auth/users';
import { getDb } from '@/lib/db/client';
import { withApiErrors } from '@/lib/http/api';

export const dynamic = 'force-dynamic';

/** GET /api/staff/users — every staff account, without password hashes. Admin only. */
export const GET = withApiErrors(async (request: Request) => {
  const auth = await requireApiRole(request, 'admin');
  if (!auth.ok) return auth.response;
  return NextResponse.json(await listUsers(await getDb()), { headers: { 'Cache-Control': 'no-store' } });
});
