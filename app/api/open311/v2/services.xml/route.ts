import { servicesHandler } from '@/lib/open311/handlers';

export const dynamic = 'force-dynamic';

/** GET /api/open311/v2/services.xml — our categories as GeoReport services. */
export const GET = servicesHandler('xml');
