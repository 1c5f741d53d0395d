import { NextResponse } from 'next/server';
import { getDb } from '@/lib/db/client';
import { withApiErrors } from '@/lib/http/api';
import { requestOrigin } from '@/lib/http/origin';
import { getOpenDataMetadata } from '@/lib/open-data/exports';

export const dynamic = 'force-dynamic';

/** GET /api/open-data/metadata.json — the catalogue: datasets, columns, licence, anonymisation. */
export const GET = withApiErrors(async (request: Request) => {
  const body = await getOpenDataMetadata(await getDb(), requestOrigin(request));
  return NextResponse.json(body, { headers: { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=300' } });
});
