import { withApiErrors } from '@/lib/http/api';
import { planToGpx } from '@/lib/patrols/export';
import { planDownload } from '@/lib/patrols/export-route';

export const dynamic = 'force-dynamic';

/** GET /api/staff/patrols/{id}/plan.gpx — GPX 1.1: waypoints and the route with revisits (lib/patrols/export.ts). */
export const GET = withApiErrors((request: Request, context: { params: Promise<{ id: string }> }) =>
  planDownload(request, context, { extension: 'gpx', type: 'application/gpx+xml', body: planToGpx }),
);
