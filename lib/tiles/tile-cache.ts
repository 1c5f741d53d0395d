import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Bounds } from '@/lib/geo/bounds';

export type TileAddress = { z: number; x: number; y: number };

/** Parses /tiles/{z}/{x}/{y}.png; null for anything that is not a tile address. */
export function parseTile(z: string, x: string, yPng: string): TileAddress | null {
  const match = /^(\d{1,7})\.png$/.exec(yPng);
  if (!/^\d{1,2}$/.test(z) || !/^\d{1,7}$/.test(x) || !match) return null;
  const tile = { z: Number(z), x: Number(x), y: Number(match[1]) };
  const size = 2 ** tile.z;
  return tile.x < size && tile.y < size ? tile : null;
}

function lonToTileX(lon: number, z: number) {
  return Math.floor(((lon + 180) / 360) * 2 ** z);
}

function latToTileY(lat: number, z: number) {
  const rad = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * 2 ** z);
}

/**
 * Only tiles of the city (with a margin) at the map's zoom levels are fetched and cached, so the
 * route cannot be used as an open proxy or to fill the disk.
 */
export function isTileAllowed(tile: TileAddress, bounds: Bounds, minZoom: number, maxZoom: number): boolean {
  if (tile.z < minZoom || tile.z > maxZoom) return false;
  const padLat = (bounds.maxLat - bounds.minLat) * 0.5;
  const padLon = (bounds.maxLon - bounds.minLon) * 0.5;
  const minX = lonToTileX(bounds.minLon - padLon, tile.z);
  const maxX = lonToTileX(bounds.maxLon + padLon, tile.z);
  const minY = latToTileY(bounds.maxLat + padLat, tile.z);
  const maxY = latToTileY(bounds.minLat - padLat, tile.z);
  return tile.x >= minX && tile.x <= maxX && tile.y >= minY && tile.y <= maxY;
}

export type TileSource = { upstream: string; cacheDir: string; userAgent: string };

const inFlight = new Map<string, Promise<Buffer | null>>();

/** A tile from the disk cache, else from the upstream (then cached); null when the upstream fails. */
export async function getTile(tile: TileAddress, source: TileSource): Promise<Buffer | null> {
  const file = join(resolve(source.cacheDir), String(tile.z), String(tile.x), `${tile.y}.png`);
  try {
    return await readFile(file);
  } catch {
    // not cached yet
  }
  const pending = inFlight.get(file);
  if (pending) return pending;
  const fetching = fetchAndStore(tile, source, file).finally(() => inFlight.delete(file));
  inFlight.set(file, fetching);
  return fetching;
}

async function fetchAndStore(tile: TileAddress, source: TileSource, file: string): Promise<Buffer | null> {
  const url = source.upstream
    .replace('{z}', String(tile.z))
    .replace('{x}', String(tile.x))
    .replace('{y}', String(tile.y));
  try {
    const response = await fetch(url, {
      headers: { 'User-Agent': source.userAgent },
      signal: AbortSignal.timeout(10_000),
    });
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok || !type.startsWith('image/')) return null;
    const body = Buffer.from(await response.arrayBuffer());
    await mkdir(join(file, '..'), { recursive: true });
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, body);
    await rename(temporary, file);
    return body;
  } catch {
    return null;
  }
}
