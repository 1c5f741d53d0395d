import { getDb } from '@/lib/db/client';
import { withApiErrors } from '@/lib/http/api';
import { requestOrigin } from '@/lib/http/origin';
import { getCellsCsv } from '@/lib/open-data/exports';
import { exportHeaders } from '@/lib/open-data/http';

export const dynamic = 'force-dynamic';

/** GET /api/open-data/cells.csv — reports per H3 r9 cell (≥ k); licence and columns in metadata.json. */
export const GET = withApiErrors(async (request: Request) => {
  const db = await getDb();
  return new Response(await getCellsCsv(db), {
    headers: await exportHeaders(db, requestOrigin(request), 'cells.csv', 'text/csv; charset=utf-8; header=present'),
  });
});
