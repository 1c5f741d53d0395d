import { getDb } from '@/lib/db/client';
import { withApiErrors } from '@/lib/http/api';
import { requestOrigin } from '@/lib/http/origin';
import { getMonthlyCsv } from '@/lib/open-data/exports';
import { exportHeaders } from '@/lib/open-data/http';

export const dynamic = 'force-dynamic';

/** GET /api/open-data/monthly.csv — reports per month, district and category; below k as "<k". */
export const GET = withApiErrors(async (request: Request) => {
  const db = await getDb();
  return new Response(await getMonthlyCsv(db), {
    headers: await exportHeaders(db, requestOrigin(request), 'monthly.csv', 'text/csv; charset=utf-8; header=present'),
  });
});
