import createMiddleware from 'next-intl/middleware';
import { routing } from '@/lib/i18n/routing';

// Chooses the language of public pages. It authorises nothing: pages and APIs check roles themselves.
export default createMiddleware(routing);

export const config = {
  // Everything but APIs, map tiles, the feed, Next's own files and files with an extension.
  matcher: ['/((?!api|tiles|_next|_vercel|feed\\.xml|.*\\..*).*)'],
};
