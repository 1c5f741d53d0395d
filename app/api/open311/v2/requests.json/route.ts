import { createRequestHandler, listRequestsHandler } from '@/lib/open311/handlers';

export const dynamic = 'force-dynamic';

/** GET /api/open311/v2/requests.json — public requests (no key needed). */
export const GET = listRequestsHandler('json');

/** POST /api/open311/v2/requests.json — a new report; form-encoded, needs api_key. */
export const POST = createRequestHandler('json');
