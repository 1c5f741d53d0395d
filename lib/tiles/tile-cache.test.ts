import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTile, isTileAllowed, parseTile } from './tile-cache';

const bounds = { minLat: 51.55, minLon: 7.4, maxLat: 51.67, maxLon: 7.64 };

describe('tile addresses', () => {
  it('parses z/x/y.png and refuses anything else', () => {
    expect(parseTile('14', '8534', '5423.png')).toEqual({ z: 14, x: 8534, y: 5423 });
    expect(parseTile('14', '8534', '5423.jpg')).toBeNull();
    expect(parseTile('14', '-1', '5423.png')).toBeNull();
    expect(parseTile('2', '4', '0.png')).toBeNull(); // x beyond 2^z
    expect(parseTile('14', '..', '5423.png')).toBeNull();
  });

  it('allows only the city area at the map zoom levels', () => {
    // Lünen's centre at zoom 14 is tile 8534/5441.
    expect(isTileAllowed({ z: 14, x: 8534, y: 5441 }, bounds, 9, 18)).toBe(true);
    expect(isTileAllowed({ z: 14, x: 8800, y: 5441 }, bounds, 9, 18)).toBe(false); // far east
    expect(isTileAllowed({ z: 19, x: 0, y: 0 }, bounds, 9, 18)).toBe(false);
    expect(isTileAllowed({ z: 3, x: 4, y: 2 }, bounds, 9, 18)).toBe(false);
  });
});

describe('tile cache', () => {
  let server: Server;
  let requests = 0;
  let upstream = '';
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests++;
      if (request.url === '/14/1/404.png') return response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'image/png' }).end(png);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    upstream = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/{z}/{x}/{y}.png`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fetches a tile once, then serves it from disk', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'tiles-'));
    const source = { upstream, cacheDir, userAgent: 'test' };
    const before = requests;
    const [a, b] = await Promise.all([getTile({ z: 14, x: 1, y: 2 }, source), getTile({ z: 14, x: 1, y: 2 }, source)]);
    expect(a).toEqual(png);
    expect(b).toEqual(png);
    expect(await getTile({ z: 14, x: 1, y: 2 }, source)).toEqual(png);
    expect(requests - before).toBe(1);
    expect(readFileSync(join(cacheDir, '14', '1', '2.png'))).toEqual(png);
  });

  it('answers null when the upstream fails, and caches nothing', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'tiles-'));
    expect(await getTile({ z: 14, x: 1, y: 404 }, { upstream, cacheDir, userAgent: 'test' })).toBeNull();
    expect(await getTile({ z: 14, x: 1, y: 1 }, { upstream: 'http://127.0.0.1:1/{z}/{x}/{y}.png', cacheDir, userAgent: 't' })).toBeNull();
  });
});
