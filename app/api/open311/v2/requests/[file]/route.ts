import { getRequestHandler } from '@/lib/open311/handlers';

export const dynamic = 'force-dynamic';

/** GET /api/open311/v2/requests/{service_request_id}.json|.xml — one public request. */
export const GET = getRequestHandler;
