import { discoveryHandler } from '@/lib/open311/handlers';

export const dynamic = 'force-dynamic';

/** GET /api/open311/v2/discovery.xml — GeoReport v2 service discovery. */
export const GET = discoveryHandler('xml');
