import { getCityConfig } from '@/lib/city/config';
import { env } from '@/lib/env';
import { getTile, isTileAllowed, parseTile } from '@/lib/tiles/tile-cache';

export const dynamic = 'force-dynamic';

/** GET /tiles/{z}/{x}/{y}.png — map tiles through the portal, cached on disk. */
export async function GET(_request: Request, context: { params: Promise<{ z: string; x: string; y: string }> }) {
  const { z, x, y } = await context.params;
  const tile = parseTile(z, x, y);
  const city = getCityConfig();
  if (!tile || !isTileAllowed(tile, city.bounds, city.minZoom - 2, city.maxZoom)) {
    return new Response(null, { status: 404 });
  }
  const e = env();
  const body = await getTile(tile, { upstream: e.TILE_UPSTREAM, cacheDir: e.TILE_CACHE_DIR, userAgent: e.TILE_USER_AGENT });
  if (!body) return new Response(null, { status: 502, headers: { 'Cache-Control': 'no-store' } });
  return new Response(new Uint8Array(body), {
    headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=604800' },
  });
}
