import { NextRequest, type NextFetchEvent } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { settings } from '@/lib/db/schema';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { forgetEmbedOrigins, isEmbedOrigin } from '@/lib/embed/origins';
import proxy from '@/proxy';

const event = { waitUntil: () => {} } as unknown as NextFetchEvent;

async function frameAncestors(path: string) {
  const response = await proxy(new NextRequest(`http://localhost:3000${path}`, { headers: { 'x-embed': '1' } }), event);
  const csp = response!.headers.get('content-security-policy')!;
  return /frame-ancestors ([^;]+)/.exec(csp)![1];
}

describe('embed origins', () => {
  it('accept only plain https origins (and http://localhost for testing)', () => {
    expect(isEmbedOrigin('https://www.luenen.de')).toBe(true);
    expect(isEmbedOrigin('http://localhost:8080')).toBe(true);
    expect(isEmbedOrigin('http://www.luenen.de')).toBe(false);
    expect(isEmbedOrigin('https://www.luenen.de/path')).toBe(false);
    expect(isEmbedOrigin('https://*.luenen.de')).toBe(false);
    expect(isEmbedOrigin("https://a.de; script-src 'unsafe-inline'")).toBe(false);
  });
});

describe.each(testDatabaseKinds())('frame-ancestors on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await useTestDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
  });
  beforeEach(() => forgetEmbedOrigins());

  it('lets nobody but the portal frame a page by default', async () => {
    expect(await frameAncestors('/embed/report')).toBe("'self'");
    expect(await frameAncestors('/report')).toBe("'self'");
  });

  it('lets the configured origins frame the embed pages only, and drops malformed entries', async () => {
    await database.db
      .insert(settings)
      .values({ key: 'embed.origins', value: ['https://www.luenen.de', 'https://evil.example; script-src *', 'ftp://x'] })
      .onConflictDoUpdate({ target: settings.key, set: { value: ['https://www.luenen.de', 'https://evil.example; script-src *', 'ftp://x'] } });
    expect(await frameAncestors('/embed/report')).toBe("'self' https://www.luenen.de");
    expect(await frameAncestors('/en/embed/map')).toBe("'self' https://www.luenen.de");
    expect(await frameAncestors('/report')).toBe("'self'");
    expect(await frameAncestors('/staff/login')).toBe("'self'");
  });
});
