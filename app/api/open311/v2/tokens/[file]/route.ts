import { getTokenHandler } from '@/lib/open311/handlers';

export const dynamic = 'force-dynamic';

/** GET /api/open311/v2/tokens/{token}.json|.xml — the service_request_id a token stands for. */
export const GET = getTokenHandler;
