import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as postReport } from '@/app/api/reports/route';
import { reports } from '@/lib/db/schema';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';

/** Property-based fuzzing of the intake: whatever arrives, the answer is a 4xx and nothing is stored. */
const near = { lat: 51.6139, lon: 7.5231 };

// Inputs that look like a report but are wrong somewhere: each field replaced by arbitrary junk.
const almostReport = fc.record(
  {
    lat: fc.oneof(fc.double(), fc.string(), fc.constant(null), fc.constant(near.lat)),
    lon: fc.oneof(fc.double(), fc.string(), fc.constant(null), fc.constant(near.lon)),
    category: fc.oneof(fc.string(), fc.integer(), fc.constant('ufo'), fc.constant(null)),
    feeling: fc.oneof(fc.integer({ min: -10, max: 10 }).filter((n) => n < 1 || n > 5), fc.double(), fc.string()),
    when: fc.oneof(fc.anything(), fc.record({ times: fc.array(fc.string()), days: fc.array(fc.string()) })),
    description: fc.oneof(fc.string({ maxLength: 3000 }), fc.anything()),
    email: fc.oneof(fc.string(), fc.anything()),
    locale: fc.oneof(fc.string(), fc.anything()),
  },
  { requiredKeys: [] },
);

describe.each(testDatabaseKinds())('fuzzing POST /api/reports on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await useTestDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
  });
  const count = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(reports))[0].n;

  const send = (body: string, contentType = 'application/json', headers: Record<string, string> = {}) =>
    postReport(
      new Request('http://localhost/api/reports', {
        method: 'POST',
        headers: { 'content-type': contentType, 'x-forwarded-for': '192.0.2.9', ...headers },
        body,
      }),
    );

  async function expectRefused(response: Response) {
    expect(response.status, await response.clone().text()).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const body = await response.json();
    expect(typeof body.error).toBe('string');
    expect(typeof body.message).toBe('string');
  }

  it('refuses thousands of malformed reports with a 4xx and stores nothing', async () => {
    const before = await count();
    await fc.assert(
      fc.asyncProperty(almostReport, async (input) => {
        // A feeling outside 1–5 (or not an integer) alone makes every one of these invalid.
        await expectRefused(await send(JSON.stringify(input)));
      }),
      { numRuns: 1500 },
    );
    expect(await count()).toBe(before);
  }, 120_000);

  it('refuses arbitrary bodies, content types and idempotency keys with a 4xx', async () => {
    const before = await count();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.json(), fc.string({ unit: 'binary' })),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-8'),
        fc.option(fc.string({ unit: 'binary-ascii', maxLength: 200 }), { nil: undefined }),
        async (body, type, key) => {
          const headers: Record<string, string> = {};
          // Header values must be valid ByteStrings without line breaks; others cannot be sent at all.
          if (key !== undefined && /^[\x20-\x7e]*$/.test(key)) headers['idempotency-key'] = key;
          await expectRefused(await send(body, type, headers));
        },
      ),
      { numRuns: 1500 },
    );
    expect(await count()).toBe(before);
  }, 120_000);
});
