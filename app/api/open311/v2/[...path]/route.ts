import { formatOf, open311Errors } from '@/lib/open311/http';

export const dynamic = 'force-dynamic';

/** Every Open311 path no route serves: the spec's error list, in the format the path asks for (XML by default). */
function notFound(request: Request) {
  return open311Errors(formatOf(request), 404, ['Diese Ressource gibt es nicht. Die Ressourcen nennt GET discovery.json.']);
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
