import { getDb } from '@/lib/db/client';
import { getSetting } from '@/lib/settings/queries';

const CACHE_MS = 60_000;
let cache: { at: number; origins: string[] } | undefined;

/** Only well-formed https origins (or http://localhost for testing) ever reach the CSP header. */
export function isEmbedOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    const localhost = url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1');
    return (url.protocol === 'https:' || localhost) && url.origin === value && !value.includes('*');
  } catch {
    return false;
  }
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
