import { NextResponse } from 'next/server';
import { env } from '@/lib/env';

export const dynamic = 'force-dynamic';

/**
 * POST /api/bench/noop — what the framework alone serves on this machine: reads the body and
 * answers, touching nothing else. `npm run bench` compares the intake with it. It exists only when
 * the server runs with BENCH_NOOP=1; everywhere else it is a 404 like any unknown path.
 */
export async function POST(request: Request) {
  if (env().BENCH_NOOP !== '1') return new NextResponse(null, { status: 404 });
  await request.text();
  return NextResponse.json({ ok: true }, { status: 201 });
}
