import { getDb } from '@/lib/db/client';
import { withApiErrors } from '@/lib/http/api';
import { requestOrigin } from '@/lib/http/origin';
import { getMeasuresGeoJson } from '@/lib/open-data/exports';
import { exportHeaders } from '@/lib/open-data/http';

export const dynamic = 'force-dynamic';

/** GET /api/open-data/measures.geojson — published measures as points, with licence metadata. */
export const GET = withApiErrors(async (request: Request) => {
  const db = await getDb();
  const origin = requestOrigin(request);
  return new Response(JSON.stringify(await getMeasuresGeoJson(db, origin)), {
    headers: await exportHeaders(db, origin, 'measures.geojson', 'application/geo+json; charset=utf-8'),
  });
});
