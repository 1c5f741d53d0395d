import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getCategories } from '@/app/api/categories/route';
import { GET as getHealth } from '@/app/api/health/route';
import { GET as getReport } from '@/app/api/reports/[ref]/route';
import { POST as postReport } from '@/app/api/reports/route';
import { rateLimits, reportEvents, reports } from '@/lib/db/schema';
import { setDatabaseForTests } from '@/lib/db/client';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { resetEnvCache } from '@/lib/env';

const valid = {
  lat: 51.6139,
  lon: 7.5231,
  category: 'poor-lighting',
  feeling: 4,
  when: { times: ['evening', 'night'], days: ['fri', 'sat'] },
  description: 'Die Unterführung ist abends stockdunkel.',
  email: 'Anwohnerin@Example.org',
  locale: 'de',
};

let nextAddress = 1;

function post(body: unknown, init: { headers?: Record<string, string>; raw?: string } = {}) {
  return postReport(
    new Request('http://localhost/api/reports', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        // Each request from its own address, so the rate limit only bites where a test wants it.
        'x-forwarded-for': `192.0.2.${nextAddress++ % 250}`,
        ...init.headers,
      },
      body: init.raw ?? JSON.stringify(body),
    }),
  );
}

function getByRef(ref: string, query = '') {
  return getReport(new Request(`http://localhost/api/reports/${ref}${query}`), { params: Promise.resolve({ ref }) });
}

describe.each(testDatabaseKinds())('reports API on %s', (kind) => {
  let database: TestDatabase;
  const countReports = async () =>
    (await database.db.select({ n: sql<number>`count(*)::int` }).from(reports))[0].n;

  beforeAll(async () => {
    database = await useTestDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('answers health with the database kind after a real query', async () => {
    const response = await getHealth();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', db: kind });
  });

  it('answers health with 503 and Retry-After when the database does not answer', async () => {
    // A database whose every query fails the way postgres.js fails when the server is away.
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const unreachable: unknown = new Proxy(() => {}, {
      get: (_, property) => (property === 'then' ? (_ok: unknown, fail: (e: Error) => void) => fail(down) : unreachable),
      apply: () => unreachable,
    });
    setDatabaseForTests({ ...database, db: unreachable as TestDatabase['db'] });
    try {
      const response = await getHealth();
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await response.json()).toMatchObject({ status: 'unavailable', db: kind });
      const post = await postReport(
        new Request('http://localhost/api/reports', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(valid),
        }),
      );
      expect(post.status).toBe(503);
      expect(post.headers.get('retry-after')).toBe('5');
      expect(await post.json()).toMatchObject({ error: 'database_unavailable' });
    } finally {
      setDatabaseForTests(database);
    }
  });

  it('lists categories in the requested language', async () => {
    const de = await (await getCategories(new Request('http://localhost/api/categories'))).json();
    const tr = await (await getCategories(new Request('http://localhost/api/categories?locale=tr'))).json();
    expect(de.length).toBeGreaterThanOrEqual(6);
    expect(de[0]).toMatchObject({ slug: 'poor-lighting', label: 'Schlechte Beleuchtung' });
    expect(tr[0]).toMatchObject({ slug: 'poor-lighting', label: 'Yetersiz aydınlatma' });

    // Without ?locale the browser's language decides, and a cache is told so.
    const english = await getCategories(new Request('http://localhost/api/categories', { headers: { 'accept-language': 'en-GB,en;q=0.8' } }));
    expect((await english.json())[0]).toMatchObject({ label: 'Poor lighting' });
    expect(english.headers.get('content-language')).toBe('en');
    expect(english.headers.get('vary')).toContain('Accept-Language');
  });

  it('stores a valid report with its cell, district and history, and answers 201 with ref and tracking URL', async () => {
    const response = await post(valid);
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.ref).toMatch(/^LUN-[2-9A-HJKMNP-TV-Z]{6}$/);
    expect(body.trackingUrl).toBe(`/track/${body.ref}`);

    const [row] = await database.db.select().from(reports).where(eq(reports.ref, body.ref));
    expect(row).toMatchObject({ status: 'new', feeling: 4, contactEmail: 'anwohnerin@example.org', source: 'web' });
    expect(row.h3r10).toMatch(/^8a/);
    expect(row.h3r9).toMatch(/^89/);
    expect(row.districtId).not.toBeNull();
    expect(row.reporterHash).toHaveLength(32);
    expect(row.contactEmailDeleteAt!.getTime()).toBeGreaterThan(Date.now() + 170 * 86_400_000);
    const events = await database.db.select().from(reportEvents).where(eq(reportEvents.reportId, row.id));
    expect(events).toMatchObject([{ kind: 'created', toStatus: 'new' }]);
  });

  it('shows the public status by reference without description or e-mail', async () => {
    const { ref } = await (await post(valid)).json();
    const response = await getByRef(ref.toLowerCase(), '?locale=en');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ ref, status: 'new', category: { slug: 'poor-lighting', label: 'Poor lighting' } });
    expect(body.history).toEqual([{ status: 'new', at: expect.any(String) }]);
    // Timestamps aside (their seconds can read like "17.523"), no trace of the position.
    const text = JSON.stringify(body).replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '');
    expect(text).not.toContain('Unterführung');
    expect(text).not.toContain('example.org');
    expect(text).not.toMatch(/51\.61|7\.52/);
  });

  it('answers 404 for an unknown or malformed reference', async () => {
    expect((await getByRef('LUN-222222')).status).toBe(404);
    const malformed = await getByRef('../../etc');
    expect(malformed.status).toBe(404);
    expect(await malformed.json()).toMatchObject({ error: 'not_found' });
  });

  it('answers a client that asked for too many unknown references 429, for known ones too', async () => {
    process.env.REF_LOOKUP_RATE_LIMIT_PER_HOUR = '2';
    resetEnvCache();
    try {
      const { ref } = await (await post(valid)).json();
      const from = { headers: { 'x-forwarded-for': '198.51.100.44' } };
      const lookUp = (r: string) => getReport(new Request(`http://localhost/api/reports/${r}?locale=en`, from), { params: Promise.resolve({ ref: r }) });
      // A reference that exists costs nothing, however often; malformed ones are no guesses.
      for (let i = 0; i < 3; i++) expect((await lookUp(ref)).status).toBe(200);
      expect((await lookUp('not-a-ref')).status).toBe(404);
      expect((await lookUp('LUN-222222')).status).toBe(404);
      expect((await lookUp('LUN-333333')).status).toBe(404);
      const limited = await lookUp(ref);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await limited.json()).toMatchObject({ error: 'rate_limited', message: expect.stringContaining('unknown reference numbers') });
      // Another client is not affected.
      expect((await getByRef(ref)).status).toBe(200);
    } finally {
      delete process.env.REF_LOOKUP_RATE_LIMIT_PER_HOUR;
      resetEnvCache();
    }
  });

  it('returns the same report for a retried Idempotency-Key and never stores a second one', async () => {
    const headers = { 'idempotency-key': `draft-${kind}-0f1e2d3c` };
    const before = await countReports();
    const first = await post(valid, { headers });
    const again = await post(valid, { headers });
    const concurrent = await Promise.all([post(valid, { headers }), post(valid, { headers })]);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    const refs = new Set([first, again, ...concurrent].map(async (r) => (await r.json()).ref));
    const resolved = new Set(await Promise.all(refs));
    expect(resolved.size).toBe(1);
    expect(await countReports()).toBe(before + 1);
  });

  it('refuses another report under a key already used, storing nothing, while a retry still gets its report', async () => {
    const headers = { 'idempotency-key': `reused-${kind}-5e6f7a8b` };
    const first = await post(valid, { headers });
    expect(first.status).toBe(201);
    const before = await countReports();
    // Another report under the same key: refused, not answered with the first one (it would be lost).
    const other = await post({ ...valid, category: 'drugs', description: 'Ein anderer Ort, eine andere Sorge' }, { headers });
    expect(other.status).toBe(422);
    expect(await other.json()).toEqual({ error: 'idempotency_key_reused', message: expect.stringContaining('Idempotency-Key'), fields: {} });
    // Two at once, one of them different: the retry gets the report, the other is refused.
    const [retry, twin] = await Promise.all([post(valid, { headers }), post({ ...valid, feeling: 1 }, { headers })]);
    expect(retry.status).toBe(200);
    expect((await retry.json()).ref).toBe((await first.json()).ref);
    expect(twin.status).toBe(422);
    expect(await countReports()).toBe(before);

    // Two different first submissions under a new key at once: one is stored, the other refused.
    const fresh = { 'idempotency-key': `reused-${kind}-9c0d1e2f` };
    const pair = await Promise.all([post(valid, { headers: fresh }), post({ ...valid, feeling: 5 }, { headers: fresh })]);
    expect(pair.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(await countReports()).toBe(before + 1);
  });

  it('stores two concurrent first submissions with one Idempotency-Key only once', async () => {
    const headers = { 'idempotency-key': `race-${kind}-7a6b5c4d` };
    const before = await countReports();
    const answers = await Promise.all([post(valid, { headers }), post(valid, { headers }), post(valid, { headers })]);
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(new Set(bodies.map((b) => b.ref)).size).toBe(1);
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
    expect(await countReports()).toBe(before + 1);
  });

  const badInputs: [string, unknown, string, string][] = [
    ['a missing category', { ...valid, category: undefined }, 'category', 'Bitte wählen Sie eine Kategorie.'],
    ['a missing feeling', { ...valid, feeling: undefined }, 'feeling', 'Bitte wählen Sie, wie unsicher'],
    ['an unknown category', { ...valid, category: 'ufo-sighting' }, 'category', 'Bitte wählen Sie eine der angebotenen Kategorien.'],
    ['a feeling of 0', { ...valid, feeling: 0 }, 'feeling', 'Bitte wählen Sie einen Wert von 1 bis 5.'],
    ['a feeling of 6', { ...valid, feeling: 6 }, 'feeling', 'Bitte wählen Sie einen Wert von 1 bis 5.'],
    ['a fractional feeling', { ...valid, feeling: 2.5 }, 'feeling', 'Bitte wählen Sie einen Wert von 1 bis 5.'],
    ['coordinates outside the city', { ...valid, lat: 52.52, lon: 13.4 }, 'lat', 'Dieser Ort liegt außerhalb von Lünen.'],
    ['coordinates that are not numbers', { ...valid, lat: '51.6' }, 'lat', 'Bitte geben Sie eine Zahl ein, etwa 51,6139 für den Breitengrad und 7,5231 für den Längengrad.'],
    ['missing coordinates', { ...valid, lon: undefined }, 'lon', 'Bitte ausfüllen.'],
    ['an empty when', { ...valid, when: { times: [], days: ['mon'] } }, 'when', 'Bitte wählen Sie „Immer“'],
    ['an unknown time of day', { ...valid, when: { times: ['noon'], days: ['mon'] } }, 'when', 'Bitte wählen Sie „Immer“'],
    ['an over-long description', { ...valid, description: 'x'.repeat(2001) }, 'description', 'höchstens 2000 Zeichen'],
    ['a malformed e-mail', { ...valid, email: 'not-an-address' }, 'email', 'gültige E-Mail-Adresse'],
    ['an unknown locale', { ...valid, locale: 'fr' }, 'locale', 'nicht unterstützt'],
    ['a NUL character in the description', { ...valid, description: 'a\u0000b' }, 'description', 'ungültig'],
    ['a NUL character in the category', { ...valid, category: 'drugs\u0000' }, 'category', 'angebotenen Kategorien'],
  ];

  it.each(badInputs)('refuses %s with a field error and stores nothing', async (_, body, field, message) => {
    const before = await countReports();
    const response = await post(body);
    expect(response.status).toBe(422);
    const answer = await response.json();
    expect(answer.error).toBe('validation_failed');
    expect(answer.fields[field]).toContain(message);
    expect(await countReports()).toBe(before);
  });

  it('answers field errors in the language of the report', async () => {
    const response = await post({ ...valid, locale: 'en', feeling: 9 });
    expect((await response.json()).fields.feeling).toBe('Please choose a value from 1 to 5.');
  });

  it('takes a JSON body that starts with a byte order mark, as some Windows tools write it', async () => {
    const response = await post(null, { raw: `\uFEFF${JSON.stringify(valid)}` });
    expect(response.status).toBe(201);
  });

  it('refuses malformed JSON, a wrong content type and a body over 16 KB, storing nothing', async () => {
    const before = await countReports();
    const malformed = await post(null, { raw: '{"lat": 51.6,' });
    expect(malformed.status).toBe(400);
    // The contract's shape, `fields` included (empty: no one field is at fault).
    expect(await malformed.json()).toEqual({ error: 'invalid_json', message: expect.any(String), fields: {} });

    const form = await post(null, { raw: 'lat=51.6', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect((await form.json()).error).toBe('unsupported_media_type');

    const huge = await post({ ...valid, description: 'x'.repeat(17 * 1024) });
    expect(huge.status).toBe(413);
    expect((await huge.json()).error).toBe('payload_too_large');

    const array = await post([valid]);
    expect(array.status).toBe(422);
    expect(await countReports()).toBe(before);
  });

  it('refuses a filled-in honeypot without storing anything', async () => {
    const before = await countReports();
    const response = await post({ ...valid, website: 'http://spam.example' });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe('honeypot');
    expect(await countReports()).toBe(before);
  });

  it('stores HTML in the description as plain text', async () => {
    const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const { ref } = await (await post({ ...valid, description: payload })).json();
    const [row] = await database.db.select().from(reports).where(eq(reports.ref, ref));
    expect(row.description).toBe(payload);
  });

  it('rate-limits one client with 429 and Retry-After, keyed without storing the address', async () => {
    process.env.REPORT_RATE_LIMIT_PER_HOUR = '3';
    resetEnvCache();
    try {
      const headers = { 'x-forwarded-for': '198.51.100.77' };
      const before = await countReports();
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await post(valid, { headers }));
      expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 429]);
      const limited = answers[3];
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await limited.json()).error).toBe('rate_limited');
      expect(await countReports()).toBe(before + 3);

      const keys = await database.db.select().from(rateLimits);
      expect(JSON.stringify(keys)).not.toContain('198.51.100.77');
    } finally {
      delete process.env.REPORT_RATE_LIMIT_PER_HOUR;
      resetEnvCache();
    }
  });
});
