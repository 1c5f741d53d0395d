import { GET as getReport } from '@/app/api/reports/[ref]/route';
import { POST as postReport } from '@/app/api/reports/route';
import { rebuildCellStats } from '@/lib/reports/cell-stats';
import { and, eq, sql } from 'drizzle-orm';
import { cellToLatLng, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, auditLog, categories, open311Requests, rateLimits, reports } from '@/lib/db/schema';
import { DEMO_OPEN311_KEY, ensureDemoApiKey } from '@/lib/db/seed/demo';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { resetEnvCache } from '@/lib/env';
import { cellsFor } from '@/lib/geo/cells';
import { createApiKey, listApiKeys, revokeApiKey } from '@/lib/open311/api-keys';
import type { Format } from '@/lib/open311/http';
import { generateRef } from '@/lib/reports/reference';
import {
  expectErrors,
  formats,
  formBody,
  getDiscovery,
  getOneRequest,
  getServiceDefinition,
  getServices,
  getTokenRequest,
  listRequests,
  postRequests,
  validForm,
  type Fields,
} from './open311-helpers';
import { expectSchemaValid, parseOpen311Xml } from './open311-spec';

const DAY_MS = 86_400_000;

describe.each(testDatabaseKinds())('Open311 GeoReport v2 on %s', (kind) => {
  let database: TestDatabase;
  let apiKey: string;
  let apiKeyId: number;

  const count = async (table: typeof reports | typeof open311Requests | typeof auditLog) =>
    (await database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0].n;
  const counts = async () => ({ reports: await count(reports), open311: await count(open311Requests), audit: await count(auditLog) });

  /** A valid POST with our test key, returning the parsed JSON answer. */
  /** GET requests with the test's api_key, which browsing needs (asking by id does not). */
  function browse(format: Format, query = '', init: RequestInit = {}) {
    return listRequests(format, `${query}${query.startsWith('?') ? '&' : '?'}api_key=${apiKey}`, init);
  }

  async function create(fields: Fields = validForm, headers: Record<string, string> = {}) {
    const response = await postRequests('json', formBody({ api_key: apiKey, ...fields }), { headers });
    expect(response.status).toBe(200);
    const [body] = await response.json();
    return body as { service_request_id: string; token: string; service_notice: string };
  }

  /** A report inserted directly, e.g. in the past or with a status staff would have set. */
  async function insertReport(values: Partial<typeof reports.$inferInsert> & { lat?: number; lon?: number } = {}) {
    const [category] = await database.db.select().from(categories).where(eq(categories.slug, 'drugs'));
    const lat = values.lat ?? 51.6139;
    const lon = values.lon ?? 7.5231;
    const [row] = await database.db
      .insert(reports)
      .values({
        ref: generateRef('LUN'),
        ...cellsFor(lat, lon),
        categoryId: category.id,
        feeling: 3,
        when: { always: true },
        source: 'web',
        ...values,
        lat,
        lon,
      })
      .returning();
    return row;
  }

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    const created = await createApiKey(database.db, { name: 'Mängelmelder (Test)' });
    apiKey = created.key;
    apiKeyId = created.id;
  });
  afterAll(async () => {
    await database.drop();
  });

  describe('discovery', () => {
    it.each(formats)('answers discovery.%s with the endpoint, its formats and a contact', async (format) => {
      const response = await getDiscovery(format);
      expect(response.status).toBe(200);
      const text = await response.text();
      if (format === 'json') {
        const body = JSON.parse(text);
        expectSchemaValid('discovery.json', body);
        // Where to get a key, and for what: posting and browsing.
        expect(body.key_service).toMatch(/POST requests und zum Durchsuchen mit GET requests/);
        expect(body.endpoints[0]).toMatchObject({
          url: 'http://localhost/api/open311/v2',
          specification: 'http://wiki.open311.org/GeoReport_v2',
          formats: ['text/xml', 'application/json'],
        });
      } else {
        const [discovery] = parseOpen311Xml(text, 'discovery');
        expect(discovery.endpoints).toMatchObject({ endpoint: [{ url: 'http://localhost/api/open311/v2', type: 'production' }] });
      }
    });
  });

  describe('services', () => {
    it('lists our categories as services in JSON: codes are slugs, names German, metadata true', async () => {
      const response = await getServices('json');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      const body = await response.json();
      expectSchemaValid('services.json', body);
      expect(body[0]).toEqual({
        service_code: 'poor-lighting',
        service_name: 'Schlechte Beleuchtung',
        description: 'Dunkle Wege, defekte Laternen, schlecht einsehbare Ecken bei Nacht',
        metadata: true,
        type: 'realtime',
      });
      expect(body.map((s: { service_code: string }) => s.service_code)).toContain('harassment');
    });

    it('lists the same services in XML as <services><service>…', async () => {
      const response = await getServices('xml');
      expect(response.headers.get('content-type')).toBe('text/xml; charset=utf-8');
      const items = parseOpen311Xml(await response.text(), 'services');
      const json = await (await getServices('json')).json();
      expect(items.map((s) => s.service_code)).toEqual(json.map((s: { service_code: string }) => s.service_code));
      expect(items[0]).toMatchObject({ service_name: 'Schlechte Beleuchtung', metadata: 'true', type: 'realtime' });
    });

    it.each(formats)('accepts our jurisdiction_id and refuses another with 404 (%s)', async (format) => {
      expect((await getServices(format, '?jurisdiction_id=luenen.de')).status).toBe(200);
      expect((await getServices(format, '?jurisdiction_id=LUENEN.DE')).status).toBe(200);
      const [description] = await expectErrors(await getServices(format, '?jurisdiction_id=dortmund.de'), format, 404);
      expect(description).toContain('jurisdiction_id');
      await expectErrors(await getServices(format, '?jurisdiction_id=luenen.de&jurisdiction_id=x'), format, 400);
    });
  });

  describe('service definitions', () => {
    it('defines feeling (1–5), when (times or always) and days as attributes in JSON', async () => {
      const response = await getServiceDefinition('harassment.json');
      expect(response.status).toBe(200);
      const body = await response.json();
      expectSchemaValid('service-definition.json', body);
      expect(body.service_code).toBe('harassment');
      const byCode = Object.fromEntries(body.attributes.map((a: { code: string }) => [a.code, a]));
      expect(byCode.feeling).toMatchObject({ datatype: 'singlevaluelist', required: true, order: 1 });
      expect(byCode.feeling.values.map((v: { key: string }) => v.key)).toEqual(['1', '2', '3', '4', '5']);
      expect(byCode.feeling.values[4].name).toBe('5 – ich meide den Ort');
      expect(byCode.when).toMatchObject({ datatype: 'multivaluelist', required: true });
      expect(byCode.when.values.map((v: { key: string }) => v.key)).toEqual(['morning', 'day', 'evening', 'night', 'always']);
      expect(byCode.days).toMatchObject({ datatype: 'multivaluelist', required: false });
      expect(byCode.days.values).toHaveLength(7);
    });

    it('gives the same definition in XML as <service_definition><attributes><attribute>…<values><value>', async () => {
      const response = await getServiceDefinition('harassment.xml');
      expect(response.status).toBe(200);
      const [definition] = parseOpen311Xml(await response.text(), 'serviceDefinition');
      const attributes = (definition.attributes as { attribute: { code: string; values: { value: unknown[] } }[] }).attribute;
      expect(attributes.map((a) => a.code)).toEqual(['feeling', 'when', 'days']);
      expect(attributes[0].values.value).toHaveLength(5);
    });

    it.each(formats)('answers 404 for an unknown service_code (%s)', async (format) => {
      const [description] = await expectErrors(await getServiceDefinition(`ufo-sighting.${format}`), format, 404);
      expect(description).toContain('service_code');
      await expectErrors(await getServiceDefinition(`harassment.${format}`, '?jurisdiction_id=else.where'), format, 404);
    });

    it('answers 404 in XML, the required format, when the extension is neither .json nor .xml', async () => {
      await expectErrors(await getServiceDefinition('harassment.html'), 'xml', 404);
      await expectErrors(await getServiceDefinition('harassment'), 'xml', 404);
    });
  });

  describe('POST requests', () => {
    it('creates a report through the report service and answers with our reference and a token (JSON)', async () => {
      const before = await counts();
      const response = await postRequests('json', formBody({ api_key: apiKey, jurisdiction_id: 'luenen.de', ...validForm }));
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = await response.json();
      expectSchemaValid('post-response.json', body);
      const [{ service_request_id: ref, token }] = body;
      expect(ref).toMatch(/^LUN-[2-9A-HJKMNP-TV-Z]{6}$/);
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);

      const [row] = await database.db.select().from(reports).where(eq(reports.ref, ref));
      expect(row).toMatchObject({
        source: 'open311',
        status: 'new',
        feeling: 4,
        when: { times: ['evening', 'night'], days: ['fri', 'sat'] },
        description: 'Die Unterführung ist abends stockdunkel.',
        contactEmail: 'anwohnerin@example.org',
        lat: 51.6139,
        lon: 7.5231,
        locale: 'de',
      });
      expect(row.districtId).not.toBeNull();
      const [link] = await database.db.select().from(open311Requests).where(eq(open311Requests.reportId, row.id));
      expect(link).toMatchObject({ apiKeyId, token });
      expect(await counts()).toEqual({ reports: before.reports + 1, open311: before.open311 + 1, audit: before.audit + 1 });
      const [key] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, apiKeyId));
      expect(key.lastUsedAt).not.toBeNull();
      const [entry] = await database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'open311.request_created'), eq(auditLog.entityId, String(row.id))));
      expect(entry).toMatchObject({
        actorId: null,
        entity: 'report',
        before: null,
        after: { ref, source: 'open311', apiKeyId, apiKeyName: 'Mängelmelder (Test)' },
      });
      expect(JSON.stringify(entry)).not.toContain(token);
    });

    it('creates a report and answers as <service_requests><request>… in XML', async () => {
      const response = await postRequests('xml', formBody({ api_key: apiKey, ...validForm }));
      expect(response.status).toBe(200);
      const [item] = parseOpen311Xml(await response.text(), 'postResponse');
      expect(item.service_request_id).toMatch(/^LUN-/);
      expect(item.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    });

    it('reads "always", times without days (every day), attribute[when] without [] and api_key in the query', async () => {
      const always = await create({ ...validForm, 'attribute[when][]': ['always', 'night'], 'attribute[days][]': undefined });
      const everyDay = await create({
        ...validForm,
        'attribute[when][]': undefined,
        'attribute[days][]': undefined,
        'attribute[when]': ['morning', 'morning'],
      });
      const [a] = await database.db.select().from(reports).where(eq(reports.ref, always.service_request_id));
      const [b] = await database.db.select().from(reports).where(eq(reports.ref, everyDay.service_request_id));
      expect(a.when).toEqual({ always: true });
      expect(b.when).toEqual({ times: ['morning'], days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] });

      const viaQuery = await postRequests('json', formBody(validForm), { query: `?api_key=${encodeURIComponent(apiKey)}` });
      expect(viaQuery.status).toBe(200);
    });

    it('accepts address_string beside lat/long (not stored: we have no geocoder) and discards names and phone', async () => {
      const { service_request_id: ref } = await create({
        ...validForm,
        address_string: 'Lange Straße 1, 44532 Lünen',
        first_name: 'Erika',
        last_name: 'Mustermann',
        phone: '+49 170 000000',
      });
      const [row] = await database.db.select().from(reports).where(eq(reports.ref, ref));
      const stored = JSON.stringify(row);
      expect(stored).not.toContain('Lange Straße');
      expect(stored).not.toContain('Mustermann');
      expect(stored).not.toContain('170');
    });

    it('works with the demo key, and no longer once it is revoked', async () => {
      await ensureDemoApiKey(database.db);
      await ensureDemoApiKey(database.db); // idempotent
      const demo = (await listApiKeys(database.db)).filter((k) => k.name === 'Demo');
      expect(demo).toHaveLength(1);
      expect(demo[0].prefix).toBe('demo-ope');
      const ok = await postRequests('json', formBody({ api_key: DEMO_OPEN311_KEY, ...validForm }));
      expect(ok.status).toBe(200);

      const other = await createApiKey(database.db, { name: 'Zum Widerrufen' });
      expect(await revokeApiKey(database.db, other.id)).toBe(true);
      expect(await revokeApiKey(database.db, other.id)).toBe(false);
      const entries = await database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'api_key'), eq(auditLog.entityId, String(other.id))));
      expect(entries.map((e) => [e.action, e.actorId, e.after])).toEqual([
        ['api_key.created', null, { name: 'Zum Widerrufen', prefix: other.key.slice(0, 8) }],
        ['api_key.revoked', null, { name: 'Zum Widerrufen', revoked: true }],
      ]);
      expect(JSON.stringify(entries)).not.toContain(other.key);
      const before = await counts();
      const refused = await postRequests('json', formBody({ api_key: other.key, ...validForm }));
      expect(await expectErrors(refused, 'json', 403)).toEqual(['api_key: ungültig oder widerrufen.']);
      expect(await counts()).toEqual(before);
    });

    it('stores only a hash of each key', async () => {
      const rows = await database.db.select().from(apiKeys);
      expect(JSON.stringify(rows)).not.toContain(apiKey);
      expect(JSON.stringify(rows)).not.toContain(DEMO_OPEN311_KEY);
    });

    it('answers a retry with the same Idempotency-Key with the same id and token, storing one report', async () => {
      const headers = { 'idempotency-key': `open311-retry-${kind}-1234` };
      const before = await counts();
      const first = await create(validForm, headers);
      const again = await create(validForm, headers);
      expect(again).toEqual(first);
      expect(await counts()).toEqual({ reports: before.reports + 1, open311: before.open311 + 1, audit: before.audit + 1 });
    });

    it('refuses another report under an Idempotency-Key already used, storing nothing', async () => {
      const headers = { 'idempotency-key': `open311-reused-${kind}-5678` };
      await create(validForm, headers);
      const before = await counts();
      const response = await postRequests('json', formBody({ api_key: apiKey, ...validForm, description: 'Eine ganz andere Meldung' }), { headers });
      expect(response.status).toBe(422);
      expect(await response.json()).toEqual([{ code: 422, description: expect.stringContaining('Idempotency-Key') }]);
      expect(await counts()).toEqual(before);
    });

    it("keeps the web form's Idempotency-Keys apart from Open311's: one API cannot claim the other's", async () => {
      const key = `order-${kind}-0001`;
      const web = await postReport(
        new Request('http://localhost/api/reports', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `open311:${apiKeyId}:${key}`, 'x-forwarded-for': '203.0.113.77' },
          body: JSON.stringify({ lat: 51.6139, lon: 7.5231, category: 'drugs', feeling: 3, when: { always: true } }),
        }),
      );
      expect(web.status).toBe(201);
      const before = await counts();
      await create(validForm, { 'idempotency-key': key });
      expect((await counts()).reports).toBe(before.reports + 1);
    });

    const refusals: [string, () => { body: string; headers?: Record<string, string> }, number, string][] = [
      ['a missing api_key', () => ({ body: formBody(validForm) }), 403, 'api_key: fehlt'],
      ['an unknown api_key', () => ({ body: formBody({ ...validForm, api_key: 'sp_not-a-key-of-ours' }) }), 403, 'api_key: ungültig'],
      ['two api_keys', () => ({ body: formBody({ ...validForm, api_key: [apiKey, apiKey] }) }), 403, 'api_key: darf nur einmal'],
      ['an over-long api_key', () => ({ body: formBody({ ...validForm, api_key: 'x'.repeat(300) }) }), 403, 'api_key: ungültig'],
      ['a JSON body', () => ({ body: JSON.stringify(validForm), headers: { 'content-type': 'application/json' } }), 400, 'x-www-form-urlencoded'],
      ['no content type', () => ({ body: formBody({ api_key: apiKey, ...validForm }), headers: { 'content-type': '' } }), 400, 'x-www-form-urlencoded'],
      ['a body over 16 KB', () => ({ body: formBody({ api_key: apiKey, ...validForm, description: 'x'.repeat(17_000) }) }), 413, '16 KB'],
      ['another jurisdiction', () => ({ body: formBody({ api_key: apiKey, ...validForm, jurisdiction_id: 'dortmund.de' }) }), 404, 'jurisdiction_id'],
      ['an unknown service_code', () => ({ body: formBody({ api_key: apiKey, ...validForm, service_code: 'ufo' }) }), 400, 'service_code: „ufo“'],
      ['a missing service_code', () => ({ body: formBody({ api_key: apiKey, ...validForm, service_code: undefined }) }), 400, 'service_code: fehlt'],
      [
        'an address_string without lat/long',
        () => ({ body: formBody({ api_key: apiKey, ...validForm, lat: undefined, long: undefined, address_string: 'Markt 1' }) }),
        400,
        'keinen Geocoder',
      ],
      [
        'an address_id without lat/long',
        () => ({ body: formBody({ api_key: apiKey, ...validForm, lat: undefined, long: undefined, address_id: '4711' }) }),
        400,
        'keinen Geocoder',
      ],
      ['no location at all', () => ({ body: formBody({ api_key: apiKey, ...validForm, lat: undefined, long: undefined }) }), 400, 'lat: Bitte den Ort'],
      ['lat without long', () => ({ body: formBody({ api_key: apiKey, ...validForm, long: undefined }) }), 400, 'long: fehlt'],
      ['a lat that is not a number', () => ({ body: formBody({ api_key: apiKey, ...validForm, lat: '51,6' }) }), 400, 'lat: ist keine Dezimalzahl mit Punkt'],
      ['a long of Infinity', () => ({ body: formBody({ api_key: apiKey, ...validForm, long: 'Infinity' }) }), 400, 'long: ist keine Dezimalzahl mit Punkt'],
      ['a place outside the city', () => ({ body: formBody({ api_key: apiKey, ...validForm, lat: '52.52', long: '13.40' }) }), 400, 'außerhalb von Lünen'],
      ['lat given twice', () => ({ body: formBody({ api_key: apiKey, ...validForm, lat: ['51.6', '51.7'] }) }), 400, 'lat: darf nur einmal'],
      ['a missing feeling', () => ({ body: formBody({ api_key: apiKey, ...validForm, 'attribute[feeling]': undefined }) }), 400, 'attribute[feeling]'],
      ['a feeling of 6', () => ({ body: formBody({ api_key: apiKey, ...validForm, 'attribute[feeling]': '6' }) }), 400, 'von 1 bis 5'],
      ['a fractional feeling', () => ({ body: formBody({ api_key: apiKey, ...validForm, 'attribute[feeling]': '2.5' }) }), 400, 'von 1 bis 5'],
      ['a missing when', () => ({ body: formBody({ api_key: apiKey, ...validForm, 'attribute[when][]': undefined }) }), 400, 'attribute[when]: fehlt'],
      ['an unknown time of day', () => ({ body: formBody({ api_key: apiKey, ...validForm, 'attribute[when][]': 'noon' }) }), 400, '„noon“'],
      ['an unknown weekday', () => ({ body: formBody({ api_key: apiKey, ...validForm, 'attribute[days][]': 'funday' }) }), 400, 'attribute[days]'],
      ['an unknown attribute', () => ({ body: formBody({ api_key: apiKey, ...validForm, 'attribute[colour]': 'red' }) }), 400, 'unbekanntes Attribut'],
      ['a description over 2000 characters', () => ({ body: formBody({ api_key: apiKey, ...validForm, description: 'x'.repeat(2001) }) }), 400, 'description: Der Text ist zu lang'],
      ['a malformed e-mail', () => ({ body: formBody({ api_key: apiKey, ...validForm, email: 'not-an-address' }) }), 400, 'email:'],
      ['an over-long device_id', () => ({ body: formBody({ api_key: apiKey, ...validForm, device_id: 'd'.repeat(65) }) }), 400, 'device_id'],
      [
        'a malformed Idempotency-Key',
        () => ({ body: formBody({ api_key: apiKey, ...validForm }), headers: { 'idempotency-key': 'short' } }),
        400,
        'Idempotency-Key',
      ],
      ['an empty body', () => ({ body: '' }), 403, 'api_key: fehlt'],
    ];

    describe.each(formats)('refusals in %s', (format) => {
      it.each(refusals)('refuses %s in the spec error format, storing nothing', async (_, make, status, expected) => {
        const before = await counts();
        const { body, headers } = make();
        const response = await postRequests(format, body, { headers });
        const descriptions = await expectErrors(response, format, status);
        expect(descriptions.join(' | ')).toContain(expected);
        expect(await counts()).toEqual(before);
      });
    });

    it('lists every problem of a form at once', async () => {
      const body = formBody({ api_key: apiKey, service_code: 'ufo', lat: 'x', 'attribute[feeling]': '9' });
      const descriptions = await expectErrors(await postRequests('json', body), 'json', 400);
      expect(descriptions).toEqual(
        expect.arrayContaining([
          expect.stringContaining('service_code'),
          expect.stringContaining('lat:'),
          expect.stringContaining('long:'),
          expect.stringContaining('attribute[feeling]'),
          expect.stringContaining('attribute[when]'),
        ]),
      );
    });

    it('rate-limits one key with 429 and Retry-After in the spec format', async () => {
      const previous = process.env.OPEN311_RATE_LIMIT_PER_HOUR;
      process.env.OPEN311_RATE_LIMIT_PER_HOUR = '2';
      resetEnvCache();
      try {
        const limited = await createApiKey(database.db, { name: 'Begrenzt' });
        const body = formBody({ api_key: limited.key, ...validForm });
        const before = await counts();
        const answers = [];
        for (let i = 0; i < 3; i++) answers.push(await postRequests('xml', body));
        expect(answers.map((r) => r.status)).toEqual([200, 200, 429]);
        expect(Number(answers[2].headers.get('retry-after'))).toBeGreaterThan(0);
        await expectErrors(answers[2], 'xml', 429);
        expect((await counts()).reports).toBe(before.reports + 2);
        // Another key is not affected.
        expect((await postRequests('json', formBody({ api_key: apiKey, ...validForm }))).status).toBe(200);
        expect(JSON.stringify(await database.db.select().from(rateLimits))).not.toContain(limited.key);
      } finally {
        // Restored, not deleted: the default (600) would start counting for the tests after this one.
        if (previous === undefined) delete process.env.OPEN311_RATE_LIMIT_PER_HOUR;
        else process.env.OPEN311_RATE_LIMIT_PER_HOUR = previous;
        resetEnvCache();
      }
    });
  });

  it('rate-limits reads per client with 429 and Retry-After, keyed without storing the address', async () => {
    const previous = process.env.OPEN311_READ_RATE_LIMIT_PER_HOUR;
    process.env.OPEN311_READ_RATE_LIMIT_PER_HOUR = '2';
    resetEnvCache();
    const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
    const read = (address: string, format: 'json' | 'xml') => browse(format, '', from(address));
    try {
      const answers = [await read('198.51.100.7', 'json'), await read('198.51.100.7', 'xml'), await read('198.51.100.7', 'xml')];
      expect(answers.map((r) => r.status)).toEqual([200, 200, 429]);
      expect(Number(answers[2].headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await expectErrors(answers[2], 'xml', 429)).join(' ')).toContain('Zu viele Anfragen');
      // Another client is not affected, and the address is nowhere in the counters.
      expect((await read('198.51.100.8', 'json')).status).toBe(200);
      expect(JSON.stringify(await database.db.select().from(rateLimits))).not.toContain('198.51.100');
      // A list of references costs one read each: guessing many at once is no cheaper.
      const guesses = (n: number) => Array.from({ length: n }, (_, i) => `LUN-${'23456789ABCDEFGH'[i]}22222`).join(',');
      expect((await browse('json', `?service_request_id=${guesses(3)}`, from('198.51.100.9'))).status).toBe(429);
      expect((await browse('json', `?service_request_id=${guesses(2)}`, from('198.51.100.10'))).status).toBe(200);
      expect((await browse('json', '', from('198.51.100.10'))).status).toBe(429);
    } finally {
      if (previous === undefined) delete process.env.OPEN311_READ_RATE_LIMIT_PER_HOUR;
      else process.env.OPEN311_READ_RATE_LIMIT_PER_HOUR = previous;
      resetEnvCache();
    }
  });

  it('counts unknown ids against the budget of unknown references the tracking pages share', async () => {
    process.env.REF_LOOKUP_RATE_LIMIT_PER_HOUR = '3';
    resetEnvCache();
    try {
      const { service_request_id: ref } = await create();
      const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
      const client = from('198.51.100.21');
      const track = (r: string) => getReport(new Request(`http://localhost/api/reports/${r}`, client), { params: Promise.resolve({ ref: r }) });
      // Known ids cost nothing, however often; an unknown one costs one, alone or in a list.
      for (let i = 0; i < 4; i++) expect((await getOneRequest(`${ref}.json`, '', client)).status).toBe(200);
      expect((await getOneRequest('LUN-222222.json', '', client)).status).toBe(404);
      const listed = await listRequests('json', `?service_request_id=${ref},LUN-333333`, client);
      expect((await listed.json()).map((r: { service_request_id: string }) => r.service_request_id)).toEqual([ref]);
      // The third unknown reference, asked for on the tracking API, uses the budget up.
      expect((await track('LUN-444444')).status).toBe(404);
      // No answer now, for a known id neither, on either interface.
      const limited = await getOneRequest(`${ref}.xml`, '', client);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await expectErrors(limited, 'xml', 429)).join(' ')).toContain('unbekannten Kennungen');
      expect((await listRequests('json', `?service_request_id=${ref}`, client)).status).toBe(429);
      expect((await track(ref)).status).toBe(429);
      // Another client is not affected.
      expect((await getOneRequest(`${ref}.json`, '', from('198.51.100.22'))).status).toBe(200);
    } finally {
      delete process.env.REF_LOOKUP_RATE_LIMIT_PER_HOUR;
      resetEnvCache();
    }
  });

  describe('GET requests and the round trip', () => {
    it('reads a created request back by id in JSON and XML: no e-mail, no description, the cell centre', async () => {
      const { service_request_id: ref } = await create();
      const response = await getOneRequest(`${ref}.json`);
      expect(response.status).toBe(200);
      const text = await response.text();
      const body = JSON.parse(text);
      expectSchemaValid('requests.json', body);
      expect(body).toHaveLength(1);
      const [request] = body;
      expect(request).toMatchObject({
        service_request_id: ref,
        status: 'open',
        status_notes: expect.stringContaining('Prüfung'),
        service_code: 'poor-lighting',
        service_name: 'Schlechte Beleuchtung',
        agency_responsible: 'Stadt Lünen – Ordnungsamt',
        address: expect.stringMatching(/, Lünen$/),
      });
      expect(request).not.toHaveProperty('description');
      expect(text).not.toContain('example.org');
      expect(text).not.toContain('Unterführung');

      // The position is the centre of the report's H3 resolution-9 cell, not the reported point.
      const cell = latLngToCell(51.6139, 7.5231, 9);
      const [centreLat, centreLon] = cellToLatLng(cell);
      expect(request.lat).toBeCloseTo(centreLat, 6);
      expect(request.long).toBeCloseTo(centreLon, 6);
      expect(latLngToCell(request.lat, request.long, 9)).toBe(cell);
      expect([request.lat, request.long]).not.toEqual([51.6139, 7.5231]);

      const xml = await getOneRequest(`${ref.toLowerCase()}.xml`);
      expect(xml.status).toBe(200);
      const xmlText = await xml.text();
      const [item] = parseOpen311Xml(xmlText, 'requests');
      expect(item).toMatchObject({ service_request_id: ref, status: 'open', service_code: 'poor-lighting', lat: String(request.lat) });
      expect(xmlText).not.toContain('example.org');
    });

    it('shows a description only once staff have published a reviewed one', async () => {
      const { service_request_id: ref } = await create();
      await database.db.update(reports).set({ publicDescription: 'Unterführung ohne Licht.' }).where(eq(reports.ref, ref));
      const [request] = await (await getOneRequest(`${ref}.json`)).json();
      expect(request.description).toBe('Unterführung ohne Licht.');
    });

    it('shows a status change as closed in GET requests, with German status notes', async () => {
      // Browsing shows a category in a hexagon once it holds k = 3 reports of it and the others
      // leave none or k: a hexagon of its own, where nobody else reported.
      const hiddenPlace = { ...validForm, service_code: 'hidden-place', lat: '51.5935', long: '7.5787' };
      for (let i = 0; i < 2; i++) await create(hiddenPlace);
      const { service_request_id: ref } = await create(hiddenPlace);
      const [open] = await (await browse('json', '?service_code=hidden-place&status=open')).json(); // newest first
      expect(open.service_request_id).toBe(ref);

      // The staff inbox does not exist yet: change the status as it would.
      const later = new Date(Date.now() + 1000);
      await database.db.update(reports).set({ status: 'resolved', updatedAt: later }).where(eq(reports.ref, ref));
      const openNow = await (await browse('json', '?service_code=hidden-place&status=open')).json();
      expect(openNow.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(ref);
      const closed = await (await browse('json', '?service_code=hidden-place&status=closed')).json();
      expectSchemaValid('requests.json', closed);
      expect(closed).toEqual([
        expect.objectContaining({
          service_request_id: ref,
          status: 'closed',
          status_notes: 'Erledigt: Zu dieser Meldung wurde etwas unternommen.',
          updated_datetime: later.toISOString(),
        }),
      ]);
      const xmlItems = parseOpen311Xml(await (await browse('xml', '?service_code=hidden-place&status=closed')).text(), 'requests');
      expect(xmlItems).toMatchObject([{ service_request_id: ref, status: 'closed' }]);
    });

    it('maps every status: dismissed and merged duplicates are closed, a duplicate names its target', async () => {
      const target = await insertReport({ status: 'confirmed' });
      const dup = await insertReport({ status: 'duplicate', duplicateOf: target.id });
      const dismissed = await insertReport({ status: 'dismissed' });
      const patrol = await insertReport({ status: 'in_patrol' });
      const body = await (await browse('json', `?service_request_id=${[target, dup, dismissed, patrol].map((r) => r.ref).join(',')}`)).json();
      expectSchemaValid('requests.json', body);
      const byRef = Object.fromEntries(body.map((r: { service_request_id: string }) => [r.service_request_id, r]));
      expect(byRef[target.ref]).toMatchObject({ status: 'open', status_notes: expect.stringContaining('bestätigt') });
      expect(byRef[patrol.ref]).toMatchObject({ status: 'open', status_notes: expect.stringContaining('Streifen') });
      expect(byRef[dismissed.ref]).toMatchObject({ status: 'closed', status_notes: expect.stringContaining('nicht weiter verfolgt') });
      expect(byRef[dup.ref]).toMatchObject({ status: 'closed', status_notes: `Mit einer gleichen Meldung zusammengeführt. Weiter unter ${target.ref}.` });
    });

    it('filters by a list of ids (overriding other arguments), skipping unknown ones', async () => {
      const a = await create();
      const b = await create({ ...validForm, service_code: 'drugs' });
      const old = await insertReport({ createdAt: new Date(Date.now() - 400 * DAY_MS) });
      const query = `?service_request_id=${a.service_request_id},${b.service_request_id.toLowerCase()}, ${old.ref},LUN-222222&service_code=other&status=closed`;
      for (const format of formats) {
        const response = await browse(format, query);
        expect(response.status).toBe(200);
        const ids =
          format === 'json'
            ? (await response.json()).map((r: { service_request_id: string }) => r.service_request_id)
            : parseOpen311Xml(await response.text(), 'requests').map((r) => r.service_request_id);
        expect(ids.sort()).toEqual([a.service_request_id, b.service_request_id, old.ref].sort());
      }
    });

    it('defaults to the last 90 days and honours start_date and end_date', async () => {
      // Three of one category in a hexagon of their own, so that browsing may show them (k).
      const [lighting] = await database.db.select().from(categories).where(eq(categories.slug, 'poor-lighting'));
      const spot = { lat: 51.628, lon: 7.5 };
      const old = await insertReport({ ...spot, categoryId: lighting.id, createdAt: new Date(Date.now() - 120 * DAY_MS) });
      await create({ ...validForm, lat: String(spot.lat), long: String(spot.lon) });
      const recent = await create({ ...validForm, lat: String(spot.lat), long: String(spot.lon) });
      await rebuildCellStats(database.db);
      const ids = async (query: string) =>
        (await (await browse('json', query)).json()).map((r: { service_request_id: string }) => r.service_request_id);
      const byDefault = await ids('');
      expect(byDefault).toContain(recent.service_request_id);
      expect(byDefault).not.toContain(old.ref);

      const start = new Date(Date.now() - 125 * DAY_MS).toISOString();
      const end = new Date(Date.now() - 100 * DAY_MS).toISOString();
      expect(await ids(`?start_date=${start}&end_date=${end}`)).toEqual([old.ref]);
      expect(await ids(`?start_date=${start}`)).toEqual([old.ref]); // start + 90 days
      expect(await ids(`?end_date=${end}`)).toEqual([old.ref]); // end − 90 days
      // An offset with an unencoded '+', which arrives as a space.
      const plus = new Date(Date.now() - 125 * DAY_MS).toISOString().replace('Z', '+00:00');
      expect(await ids(`?start_date=${plus.replace('+', '%20')}&end_date=${end}`)).toEqual([old.ref]);
    });

    it('answers at most 1000 requests per page, newest first, and the rest on page 2', async () => {
      const [category] = await database.db.select().from(categories).where(eq(categories.slug, 'other'));
      const t0 = Date.now() - 300 * DAY_MS;
      // Distinct references: a thousand random ones collide now and then (the intake draws again).
      const refs = new Set<string>();
      while (refs.size < 1001) refs.add(generateRef('LUN'));
      const drawn = [...refs];
      await database.db.insert(reports).values(
        Array.from({ length: 1001 }, (_, i) => ({
          ref: drawn[i],
          lat: 51.6,
          lon: 7.5,
          ...cellsFor(51.6, 7.5),
          categoryId: category.id,
          feeling: 2,
          when: { always: true } as const,
          createdAt: new Date(t0 + i * 60_000),
        })),
      );
      await rebuildCellStats(database.db); // written around the report service, so aggregate them here
      const window = `?service_code=other&start_date=${new Date(t0 - DAY_MS).toISOString()}&end_date=${new Date(t0 + 2 * DAY_MS).toISOString()}`;
      const page1 = await (await browse('json', window)).json();
      expect(page1).toHaveLength(1000);
      expect(page1[0].requested_datetime).toBe(new Date(t0 + 1000 * 60_000).toISOString());
      const page2 = await (await browse('json', `${window}&page=2`)).json();
      expect(page2).toHaveLength(1);
      expect(page2[0].requested_datetime).toBe(new Date(t0).toISOString());
      const page3 = await browse('xml', `${window}&page=3`);
      expect(parseOpen311Xml(await page3.text(), 'requests')).toEqual([]);
    });

    it('lists for browsing only reports in hexagons with at least k reports, yet finds any by its id', async () => {
      const [category] = await database.db.select().from(categories).where(eq(categories.slug, 'traffic-danger'));
      const lonely = { lat: 51.575, lon: 7.455 };
      const t0 = Date.now() - 200 * DAY_MS;
      // Reports of one category in a hexagon far from the others, minutes apart.
      const lonelyReports = async (categoryId: number, from: number, count: number) => {
        const refs: string[] = [];
        for (let i = from; i < from + count; i++) refs.push((await insertReport({ ...lonely, categoryId, createdAt: new Date(t0 + i * 60_000) })).ref);
        await rebuildCellStats(database.db);
        return refs;
      };
      const refs = await lonelyReports(category.id, 0, 2);
      const window = `?service_code=traffic-danger&start_date=${new Date(t0 - DAY_MS).toISOString()}&end_date=${new Date(t0 + DAY_MS).toISOString()}`;
      expect(await (await browse('json', window)).json()).toEqual([]);
      expect((await (await browse('json', `?service_request_id=${refs[0]}`)).json()).map((r: { service_request_id: string }) => r.service_request_id)).toEqual([refs[0]]);

      // Three reports of another kind make the hexagon reach k, yet browsing lists none of them:
      // each record names its category, and the hexagon's 5 on the map minus 3 records of poor
      // lighting would leave the 2 traffic reports. The filtered map withholds both the same way.
      const [other] = await database.db.select().from(categories).where(eq(categories.slug, 'poor-lighting'));
      const more = await lonelyReports(other.id, 2, 3);
      const all = `?start_date=${new Date(t0 - DAY_MS).toISOString()}&end_date=${new Date(t0 + DAY_MS).toISOString()}`;
      const listed = async () => (await (await browse('json', all)).json()).map((r: { service_request_id: string }) => r.service_request_id);
      for (const ref of [...refs, ...more]) expect(await listed()).not.toContain(ref);

      // A third traffic report: each kind reaches k and nothing is left over, so all six are listed.
      const third = await lonelyReports(category.id, 5, 1);
      expect(await listed()).toEqual(expect.arrayContaining([...refs, ...more, ...third]));
    });

    it.each(formats)('browses only with an api_key, while a request asked for by its id needs none (%s)', async (format) => {
      const { service_request_id: ref } = await create();
      const refusal = await expectErrors(await listRequests(format, '?service_code=poor-lighting'), format, 403);
      expect(refusal.join(' ')).toMatch(/^api_key: fehlt\. .*GET requests\/\{service_request_id\} ohne Schlüssel/);
      expect(await expectErrors(await listRequests(format, `?api_key=nope`), format, 403)).toEqual(['api_key: ungültig oder widerrufen.']);
      const byId = await listRequests(format, `?service_request_id=${ref}`);
      expect(byId.status).toBe(200);
      expect(await byId.text()).toContain(ref);
      expect((await getOneRequest(`${ref}.${format}`)).status).toBe(200);
    });

    it('lists neither dismissed reports nor merged duplicates, which no public figure counts', async () => {
      const [category] = await database.db.select().from(categories).where(eq(categories.slug, 'aggressive-groups'));
      const spot = { lat: 51.6405, lon: 7.548 };
      const t0 = Date.now() - 250 * DAY_MS;
      const rows = [];
      for (let i = 0; i < 5; i++) rows.push(await insertReport({ ...spot, categoryId: category.id, createdAt: new Date(t0 + i * 60_000) }));
      await database.db.update(reports).set({ status: 'dismissed' }).where(eq(reports.id, rows[3].id));
      await database.db.update(reports).set({ status: 'duplicate', duplicateOf: rows[0].id }).where(eq(reports.id, rows[4].id));
      await rebuildCellStats(database.db);
      const window = `?service_code=aggressive-groups&start_date=${new Date(t0 - DAY_MS).toISOString()}&end_date=${new Date(t0 + DAY_MS).toISOString()}`;
      const listed = (await (await browse('json', window)).json()).map((r: { service_request_id: string }) => r.service_request_id);
      expect(listed.sort()).toEqual(rows.slice(0, 3).map((r) => r.ref).sort());
    });

    const badQueries: [string, string][] = [
      ['a malformed id', '?service_request_id=../../etc'],
      ['an empty id list', '?service_request_id=,,'],
      ['an unknown service_code', '?service_code=ufo-sighting'],
      ['a malformed service_code', '?service_code=%3Cscript%3E'],
      ['a start_date without time zone', '?start_date=2026-05-01T00:00:00'],
      ['a start_date that is no date', '?start_date=yesterday'],
      ['the 30th of February', '?start_date=2026-02-30T00:00:00Z'],
      ['an end_date before start_date', '?start_date=2026-05-02T00:00:00Z&end_date=2026-05-01T00:00:00Z'],
      ['a window over 90 days', '?start_date=2026-01-01T00:00:00Z&end_date=2026-05-01T00:00:00Z'],
      ['an unknown status', '?status=pending'],
      ['page 0', '?page=0'],
      ['a page that is no number', '?page=two'],
      ['start_date twice', '?start_date=2026-05-01T00:00:00Z&start_date=2026-05-02T00:00:00Z'],
    ];
    describe.each(formats)('bad parameters in %s', (format) => {
      it.each(badQueries)('refuses %s with 400', async (_, query) => {
        await expectErrors(await browse(format, query), format, 400);
      });
      it('refuses another jurisdiction with 404', async () => {
        await expectErrors(await browse(format, '?jurisdiction_id=dortmund.de'), format, 404);
      });
    });

    it('accepts status=open,closed and repeated status parameters', async () => {
      const both = await (await browse('json', '?status=open,closed')).json();
      const repeated = await (await browse('json', '?status=open&status=closed')).json();
      const all = await (await browse('json', '')).json();
      expect(both.length).toBe(all.length);
      expect(repeated.length).toBe(all.length);
    });

    it.each(formats)('answers 404 for an unknown or malformed id (%s)', async (format) => {
      await expectErrors(await getOneRequest(`LUN-222222.${format}`), format, 404);
      await expectErrors(await getOneRequest(`..%2F..%2Fetc.${format}`), format, 404);
      await expectErrors(await getOneRequest(`LUN-222222.${format}`, '?jurisdiction_id=nowhere'), format, 404);
    });

    it('answers 404 in XML for an id without a known extension', async () => {
      await expectErrors(await getOneRequest('LUN-222222.txt'), 'xml', 404);
    });
  });

  describe('tokens', () => {
    it.each(formats)('resolves a token we issued to its request id (%s)', async (format) => {
      const { service_request_id: ref, token } = await create();
      const response = await getTokenRequest(`${token}.${format}`);
      expect(response.status).toBe(200);
      if (format === 'json') {
        const body = await response.json();
        expectSchemaValid('token-response.json', body);
        expect(body).toEqual([{ service_request_id: ref, token }]);
      } else {
        expect(parseOpen311Xml(await response.text(), 'token')).toEqual([{ service_request_id: ref, token }]);
      }
    });

    it.each(formats)('answers 404 for a token we never issued (%s)', async (format) => {
      await expectErrors(await getTokenRequest(`AAAAAAAAAAAAAAAAAAAAAA.${format}`), format, 404);
      await expectErrors(await getTokenRequest(`not a token.${format}`), format, 404);
    });
  });
});
