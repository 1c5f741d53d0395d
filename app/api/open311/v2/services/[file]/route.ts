import { serviceDefinitionHandler } from '@/lib/open311/handlers';

export const dynamic = 'force-dynamic';

/** GET /api/open311/v2/services/{service_code}.json|.xml — a service definition. */
export const GET = serviceDefinitionHandler;
