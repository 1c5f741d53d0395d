import { getDb } from '@/lib/db/client';
import { withApiErrors } from '@/lib/http/api';
import { getMonthlyCsv } from '@/lib/open-data/exports';
import { exportHeaders } from '@/lib/open-data/http';

export const dynamic = 'force-dynamic';

/** GET /api/open-data/monthly.csv — reports per month, district and category; below k as "<k". */
export const GET = withApiErrors(async (request: Request) => {
  const db = await getDb();
  return new Response(await getMonthlyCsv(db), {
    headers: await exportHeaders(db, new URL(request.url).origin, 'monthly.csv', 'text/csv; charset=utf-8; header=present'),
  });
});
