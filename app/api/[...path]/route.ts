import { apiError } from '@/lib/http/api';

export const dynamic = 'force-dynamic';

/**
 * Every /api path no route serves: the API's error shape instead of the site's HTML page, so that a
 * client with a mistyped path reads what went wrong the way it reads every other error.
 */
function notFound() {
  return apiError(404, 'not_found', 'Unter dieser Adresse gibt es keine Schnittstelle.');
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
