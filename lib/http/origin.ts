import { env } from '@/lib/env';

/**
 * The portal's public address, for links that leave the portal (embed snippets, feeds, open data,
 * Open311 discovery): the origin of AUTH_URL, which production sets (README, "Configuration");
 * without it, the address the request came to, as the reverse proxy or `next start` reports it.
 */
export function publicOrigin(headers: Headers, fallback = 'http://localhost'): string {
  const configured = env().AUTH_URL;
  if (configured) return new URL(configured).origin;
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  if (!host) return fallback;
  const protocol = headers.get('x-forwarded-proto')?.split(',')[0].trim() === 'https' ? 'https' : 'http';
  return `${protocol}://${host}`;
}

/** publicOrigin for a route handler's request (a request without a Host header: its URL's origin). */
export function requestOrigin(request: Request): string {
  return publicOrigin(request.headers, new URL(request.url).origin);
}
