// Property-based fuzzing of the Open311 endpoints: thousands of malformed forms and queries must
// get a 4xx in the spec's error format — never a 500 — and must store nothing.
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, open311Requests, reports } from '@/lib/db/schema';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { createApiKey } from '@/lib/open311/api-keys';
import { DAY_VALUES, FEELING_VALUES, WHEN_VALUES } from '@/lib/open311/services';
import { expectErrors, formats, formBody, listRequests, postRequests, validForm, type Fields } from './open311-helpers';

/** Runs per property; FUZZ_RUNS=20000 for a longer hunt. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

const knownParams = new Set([
  'api_key',
  'jurisdiction_id',
  'service_code',
  'lat',
  'long',
  'address_string',
  'address_id',
  'email',
  'description',
  'device_id',
  'account_id',
  'first_name',
  'last_name',
  'phone',
  'media_url',
]);
const knownSlugs = ['poor-lighting', 'harassment', 'drugs', 'aggressive-groups', 'vandalism-litter', 'hidden-place', 'traffic-danger', 'other'];
const inList = (list: readonly string[]) => (s: string) => list.includes(s.trim());

/** Any text, including control characters, surrogates and percent signs. */
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('%', '%zz', '\u0000', '&=&', '[]'));
const notANumberOrOutside = fc.oneof(
  text.filter((s) => !/^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(s)),
  fc.double({ noNaN: false }).filter((d) => !(d >= 7.4 && d <= 51.67)).map(String),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e999', '0x33', '51,6', ''),
);

type Mutation = (fields: Fields, key: string) => { fields: Fields; headers?: Record<string, string> };

/** Each mutation alone makes a valid form invalid, whatever else happens to the form. */
const mutations: fc.Arbitrary<Mutation>[] = [
  fc.constantFrom('service_code', 'lat', 'long', 'attribute[feeling]', 'attribute[when][]').map(
    (field): Mutation => (f) => ({ fields: { ...f, [field]: undefined } }),
  ),
  fc.tuple(fc.constantFrom('lat', 'long'), notANumberOrOutside).map(([field, value]): Mutation => (f) => ({ fields: { ...f, [field]: value } })),
  fc.tuple(fc.double({ min: -90, max: 90 }), fc.double({ min: -180, max: 180 }))
    .filter(([lat, lon]) => !(lat >= 51.55 && lat <= 51.67 && lon >= 7.4 && lon <= 7.64))
    .map(([lat, lon]): Mutation => (f) => ({ fields: { ...f, lat: String(lat), long: String(lon) } })),
  text.filter((s) => !inList(FEELING_VALUES)(s)).map((v): Mutation => (f) => ({ fields: { ...f, 'attribute[feeling]': v } })),
  fc.array(text.filter((s) => !inList(WHEN_VALUES)(s)), { minLength: 1, maxLength: 3 }).map(
    (v): Mutation => (f) => ({ fields: { ...f, 'attribute[when][]': v } }),
  ),
  text
    .filter((s) => s.trim() !== '' && !inList(DAY_VALUES)(s))
    .map((v): Mutation => (f) => ({ fields: { ...f, 'attribute[days][]': [...((f['attribute[days][]'] as string[]) ?? []), v] } })),
  text
    .map((s) => `attribute[${s}]`)
    .filter((k) => !['attribute[feeling]', 'attribute[when]', 'attribute[when][]', 'attribute[days]', 'attribute[days][]'].includes(k))
    .map((key): Mutation => (f) => ({ fields: { ...f, [key]: 'x' } })),
  fc.tuple(fc.constantFrom('service_code', 'lat', 'long', 'attribute[feeling]', 'email', 'description'), text).map(
    ([field, extra]): Mutation => (f) => ({ fields: { ...f, [field]: [String(f[field] ?? ''), extra] } }),
  ),
  fc.integer({ min: 2001, max: 5000 }).map((n): Mutation => (f) => ({ fields: { ...f, description: 'ä'.repeat(n) } })),
  text.filter((s) => s.trim() !== '' && !s.includes('@')).map((v): Mutation => (f) => ({ fields: { ...f, email: v } })),
  text.filter((s) => s.trim() !== '' && !knownSlugs.includes(s.trim())).map((v): Mutation => (f) => ({ fields: { ...f, service_code: v } })),
  text.map((v): Mutation => (f, key) => ({ fields: { ...f, api_key: v === key ? `${v}x` : v } })),
  text.filter((s) => s.trim() !== '' && s.trim().toLowerCase() !== 'luenen.de').map(
    (v): Mutation => (f) => ({ fields: { ...f, jurisdiction_id: v } }),
  ),
  text.filter((s) => s.trim() !== '').map((v): Mutation => (f) => ({ fields: { ...f, lat: undefined, long: undefined, address_string: v } })),
  fc.string({ minLength: 65, maxLength: 200 }).filter((s) => s.trim().length > 64).map((v): Mutation => (f) => ({ fields: { ...f, device_id: v } })),
  fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/xml', '').map(
    (type): Mutation => (f) => ({ fields: f, headers: { 'content-type': type } }),
  ),
  fc.stringMatching(/^[\x21-\x7e]{0,7}$/).map((v): Mutation => (f) => ({ fields: f, headers: { 'idempotency-key': v } })),
];

/** Extra parameters clients add: ignored, unless they collide with ours (then still invalid). */
const noise = fc.dictionary(
  text.filter((k) => !knownParams.has(k) && !k.startsWith('attribute')),
  text,
  { maxKeys: 4 },
);

type FuzzCase = { body: string | Uint8Array; headers?: Record<string, string> };

function malformedBodies(key: string): fc.Arbitrary<FuzzCase> {
  const mutated = fc
    .tuple(fc.array(fc.oneof(...mutations), { minLength: 1, maxLength: 3 }), noise)
    .map(([list, extra]): FuzzCase => {
      let fields: Fields = { api_key: key, ...validForm, ...extra };
      let headers: Record<string, string> = {};
      for (const mutate of list) {
        const next = mutate(fields, key);
        fields = next.fields;
        headers = { ...headers, ...next.headers };
      }
      return { body: formBody(fields), headers };
    });
  const rawWithKey = fc.string({ unit: 'grapheme', maxLength: 300 }).map((s): FuzzCase => ({ body: `api_key=${encodeURIComponent(key)}&${s}` }));
  const rawBytes = fc.uint8Array({ maxLength: 400 }).map((bytes): FuzzCase => ({ body: bytes }));
  return fc.oneof({ arbitrary: mutated, weight: 6 }, { arbitrary: rawWithKey, weight: 2 }, { arbitrary: rawBytes, weight: 1 });
}

describe.each(testDatabaseKinds())('Open311 fuzzing on %s', (kind) => {
  let database: TestDatabase;
  let key: string;
  const counts = async () => ({
    reports: (await database.db.select({ n: sql<number>`count(*)::int` }).from(reports))[0].n,
    open311: (await database.db.select({ n: sql<number>`count(*)::int` }).from(open311Requests))[0].n,
    audit: (await database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0].n,
  });

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    key = (await createApiKey(database.db, { name: 'Fuzz' })).key;
  });
  afterAll(async () => {
    await database.drop();
  });

  it(`answers ${RUNS} malformed POST bodies with 4xx in the spec format, never 500, storing nothing`, async () => {
    const before = await counts();
    expect(before).toMatchObject({ reports: 0, open311: 0 });
    await fc.assert(
      fc.asyncProperty(malformedBodies(key), fc.constantFrom(...formats), async ({ body, headers }, format) => {
        const response = await postRequests(format, body as string, { headers });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        await expectErrors(response, format, response.status);
        expect((await counts()).reports).toBe(0);
      }),
      { numRuns: RUNS },
    );
    expect(await counts()).toEqual(before);
    // The same form without mutations goes through: the fuzzer's base case is valid.
    expect((await postRequests('json', formBody({ api_key: key, ...validForm }))).status).toBe(200);
  }, 600_000);

  it(`answers ${RUNS} random GET requests queries with 200 or 4xx, never 500`, async () => {
    const param = fc.oneof(
      fc.constantFrom('service_request_id', 'service_code', 'start_date', 'end_date', 'status', 'page', 'jurisdiction_id'),
      text,
    );
    const value = fc.oneof(
      text,
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom('open', 'closed', 'open,closed', 'LUN-222222', 'drugs', '2026-02-29T00:00:00Z', '9999-12-31T23:59:59Z', '1'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(param, value), { maxLength: 5 }), fc.constantFrom(...formats), async (pairs, format) => {
        // With a key, as the systems that may browse send it (without one, browsing is refused).
        const query = new URLSearchParams([['api_key', key], ...pairs]).toString();
        const response = await listRequests(format, `?${query}`);
        expect([200, 400, 403, 404]).toContain(response.status);
        if (response.status !== 200) await expectErrors(response, format, response.status);
      }),
      { numRuns: RUNS },
    );
  }, 600_000);
});
