import { NextResponse } from 'next/server';
import { checkDatabase } from '@/lib/db/health';

export const dynamic = 'force-dynamic';

/** GET /api/health — 200 after a real query, 503 when the database does not answer. */
export async function GET() {
  const result = await checkDatabase();
  if (result.ok) return NextResponse.json({ status: 'ok', db: result.kind }, { headers: { 'Cache-Control': 'no-store' } });
  return NextResponse.json(
    { status: 'unavailable', db: result.kind, error: 'database_unavailable' },
    { status: 503, headers: { 'Retry-After': '5', 'Cache-Control': 'no-store' } },
  );
}
