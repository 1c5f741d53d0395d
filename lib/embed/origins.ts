import { getDb } from '@/lib/db/client';
import { getSetting } from '@/lib/settings/queries';

const CACHE_MS = 60_000;
let cache: { at: number; origins: string[] } | undefined;

/**
 * An origin the widget may be embedded from, normalised, or null: https with a host name that has
 * a dot, an optional port and nothing else (CSP frame-ancestors takes origins); for trying the
 * snippet on one's own machine also localhost and 127.0.0.1, over http or https. Wildcards and odd
 * hosts would widen the policy beyond what an admin can see in the list.
 */
export function normalizeEmbedOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return null;
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) return null;
  if (!local && (!/^[a-z0-9.-]+$/i.test(url.hostname) || url.hostname.startsWith('.') || !url.hostname.includes('.'))) return null;
  return url.origin;
}

/** Only origins as the admin form keeps them ever reach the CSP header. */
export function isEmbedOrigin(value: string): boolean {
  return normalizeEmbedOrigin(value) === value;
}

/**
 * The origins an admin allowed to frame the embed pages. Read by proxy.ts for /embed requests, cached
 * for a minute; if the database cannot be asked, nobody may frame the page.
 */
export async function getEmbedOrigins(now = Date.now()): Promise<string[]> {
  if (cache && now - cache.at < CACHE_MS) return cache.origins;
  try {
    const origins = (await getSetting(await getDb(), 'embed.origins')).filter(
      (o): o is string => typeof o === 'string' && isEmbedOrigin(o),
    );
    cache = { at: now, origins };
    return origins;
  } catch {
    return [];
  }
}

export function forgetEmbedOrigins() {
  cache = undefined;
}
