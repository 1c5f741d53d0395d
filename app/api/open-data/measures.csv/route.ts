import { getDb } from '@/lib/db/client';
import { withApiErrors } from '@/lib/http/api';
import { requestOrigin } from '@/lib/http/origin';
import { getMeasuresCsv } from '@/lib/open-data/exports';
import { exportHeaders } from '@/lib/open-data/http';

export const dynamic = 'force-dynamic';

/** GET /api/open-data/measures.csv — published measures; licence and columns in metadata.json. */
export const GET = withApiErrors(async (request: Request) => {
  const db = await getDb();
  return new Response(await getMeasuresCsv(db), {
    headers: await exportHeaders(db, requestOrigin(request), 'measures.csv', 'text/csv; charset=utf-8; header=present'),
  });
});
