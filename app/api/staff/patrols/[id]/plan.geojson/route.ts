import { withApiErrors } from '@/lib/http/api';
import { planToGeoJson } from '@/lib/patrols/export';
import { planDownload } from '@/lib/patrols/export-route';

export const dynamic = 'force-dynamic';

/** GET /api/staff/patrols/{id}/plan.geojson — the start, the stops and the route as a FeatureCollection. */
export const GET = withApiErrors((request: Request, context: { params: Promise<{ id: string }> }) =>
  planDownload(request, context, { extension: 'geojson', type: 'application/geo+json', body: (view, labels) => JSON.stringify(planToGeoJson(view, labels)) }),
);
