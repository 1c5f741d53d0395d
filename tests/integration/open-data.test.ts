import { eq, sql } from 'drizzle-orm';
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as cellsCsv } from '@/app/api/open-data/cells.csv/route';
import { GET as cellsGeoJson } from '@/app/api/open-data/cells.geojson/route';
import { GET as measuresCsv } from '@/app/api/open-data/measures.csv/route';
import { GET as measuresGeoJson } from '@/app/api/open-data/measures.geojson/route';
import { GET as metadataJson } from '@/app/api/open-data/metadata.json/route';
import { GET as monthlyCsv } from '@/app/api/open-data/monthly.csv/route';
import { categories, districts, measures, reports, settings } from '@/lib/db/schema';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { cellsFor } from '@/lib/geo/cells';
import { MEASURES_CSV_HEADER } from '@/lib/open-data/exports';
import { generateRef } from '@/lib/reports/reference';

const base = 'http://localhost/api/open-data';
const get = {
  geojson: () => cellsGeoJson(new Request(`${base}/cells.geojson`)),
  cellsCsv: () => cellsCsv(new Request(`${base}/cells.csv`)),
  monthly: () => monthlyCsv(new Request(`${base}/monthly.csv`)),
  metadata: () => metadataJson(new Request(`${base}/metadata.json`)),
  measuresGeoJson: () => measuresGeoJson(new Request(`${base}/measures.geojson`)),
  measuresCsv: () => measuresCsv(new Request(`${base}/measures.csv`)),
};

/** Four places, each in its own H3 resolution-9 cell. */
const places = {
  two: [51.6, 7.5],
  three: [51.62, 7.52],
  threeOneDismissed: [51.64, 7.54],
  threeOneMerged: [51.58, 7.48],
  single: [51.655, 7.6],
} as const;
const cellOf = (p: readonly [number, number]) => latLngToCell(p[0], p[1], 9);

const DESCRIPTION = 'Hinter dem Kiosk wird gedealt, Herr M. steht jeden Abend da.';
const EMAIL = 'geheim@example.org';

function rows(csv: string): string[][] {
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv
    .slice(0, -2)
    .split('\r\n')
    .map((line) => line.split(','));
}

describe.each(testDatabaseKinds())('open-data exports on %s', (kind) => {
  let database: TestDatabase;
  let categoryId: number;

  async function insert(place: readonly [number, number], values: Partial<typeof reports.$inferInsert> = {}) {
    const [row] = await database.db
      .insert(reports)
      .values({
        ref: generateRef('LUN'),
        lat: place[0],
        lon: place[1],
        ...cellsFor(place[0], place[1]),
        categoryId,
        feeling: 4,
        when: { always: true },
        description: DESCRIPTION,
        contactEmail: EMAIL,
        ...values,
      })
      .returning();
    return row;
  }
  const setSetting = (key: string, value: unknown) =>
    database.db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } });

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    [{ id: categoryId }] = await database.db.select().from(categories).where(eq(categories.slug, 'drugs'));
    await insert(places.two);
    await insert(places.two);
    for (let i = 0; i < 3; i++) await insert(places.three, { createdAt: new Date('2026-01-31T23:30:00Z') });
    await insert(places.threeOneDismissed);
    await insert(places.threeOneDismissed);
    await insert(places.threeOneDismissed, { status: 'dismissed' });
    const target = await insert(places.threeOneMerged);
    await insert(places.threeOneMerged);
    await insert(places.threeOneMerged, { status: 'duplicate', duplicateOf: target.id });
    await insert(places.single, { createdAt: new Date('2025-12-24T18:00:00Z') });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('exports only cells with at least k = 3 counted reports as GeoJSON with licence metadata', async () => {
    const response = await get.geojson();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const text = await response.text();
    const body = JSON.parse(text);
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.map((f: { properties: unknown }) => f.properties)).toEqual([{ cell: cellOf(places.three), count: 3 }]);
    const [feature] = body.features;
    expect(feature.geometry.type).toBe('Polygon');
    const ring = feature.geometry.coordinates[0];
    expect(ring).toHaveLength(7);
    expect(ring[0]).toEqual(ring[6]);
    // [lon, lat] order: the mean of the corners lies in the cell itself.
    const mean = (i: number) => ring.slice(0, 6).reduce((sum: number, p: number[]) => sum + p[i], 0) / 6;
    expect(latLngToCell(mean(1), mean(0), 9)).toBe(cellOf(places.three));
    expect(body.metadata).toMatchObject({
      licence: { name: 'Datenlizenz Deutschland – Zero – Version 2.0', url: 'https://www.govdata.de/dl-de/zero-2-0' },
      publisher: 'Stadt Lünen – Ordnungsamt',
      attribution: expect.stringContaining('Sicherheitsportal Lünen'),
      privacy: { k: 3, h3Resolution: 9 },
      documentation: 'http://localhost/api/open-data/metadata.json',
    });
    expect(text).not.toContain('example.org');
    expect(text).not.toContain('Kiosk');
  });

  it('exports the same cells as CSV with their centres, and links licence and metadata', async () => {
    const response = await get.cellsCsv();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="sicherheitsportal-luenen-cells.csv"');
    expect(response.headers.get('link')).toBe(
      '<https://www.govdata.de/dl-de/zero-2-0>; rel="license", <http://localhost/api/open-data/metadata.json>; rel="describedby"',
    );
    const table = rows(await response.text());
    expect(table[0]).toEqual(['cell', 'lat', 'lon', 'count']);
    expect(table.slice(1)).toEqual([[cellOf(places.three), expect.stringMatching(/^51\.6\d+$/), expect.stringMatching(/^7\.5\d+$/), '3']]);
    expect(latLngToCell(Number(table[1][1]), Number(table[1][2]), 9)).toBe(cellOf(places.three));

    // Links name the address the request came to (the proxy's X-Forwarded-Host), not the server's own.
    const proxied = await cellsCsv(new Request(`${base}/cells.csv`, { headers: { 'x-forwarded-host': 'sicherheit.luenen.example', 'x-forwarded-proto': 'https' } }));
    expect(proxied.headers.get('link')).toContain('<https://sicherheit.luenen.example/api/open-data/metadata.json>; rel="describedby"');
  });

  it('shows a cell once its third report arrives, and hides cells again when k is raised', async () => {
    await insert(places.two, { createdAt: new Date('2026-03-10T12:00:00Z') });
    const cells = async () => (await (await get.geojson()).json()).features.map((f: { properties: { cell: string } }) => f.properties.cell);
    expect((await cells()).sort()).toEqual([cellOf(places.two), cellOf(places.three)].sort());

    await setSetting('privacy.k', 4);
    try {
      expect(await cells()).toEqual([]);
      expect(rows(await (await get.cellsCsv()).text())).toHaveLength(1);
      // Never below 3, whatever is stored.
      await setSetting('privacy.k', 1);
      expect((await cells()).sort()).toEqual([cellOf(places.two), cellOf(places.three)].sort());
    } finally {
      await setSetting('privacy.k', 3);
      await database.db.delete(reports).where(eq(reports.createdAt, new Date('2026-03-10T12:00:00Z')));
    }
  });

  it('counts per month (city time), district and category, leaving out figures below k', async () => {
    const response = await get.monthly();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('sicherheitsportal-luenen-monthly.csv');
    const text = await response.text();
    const table = rows(text);
    expect(table[0]).toEqual(['month', 'district', 'district_name', 'category', 'category_name', 'count']);
    // 23:30 UTC on 31 January is February in Lünen.
    const february = table.filter((r) => r[0] === '2026-02');
    expect(february).toHaveLength(1);
    expect(february[0].slice(3)).toEqual(['drugs', 'Drogenhandel oder -konsum', '3']);
    const counts = table.slice(1).map((r) => Number(r[5]));
    expect(counts.length).toBeGreaterThan(0);
    for (const count of counts) expect(count).toBeGreaterThanOrEqual(3);
    // A single report in December: no row says there was one.
    expect(table.filter((r) => r[0] === '2025-12')).toEqual([]);
    // 12 reports stored; the dismissed one and the merged duplicate are not counted.
    const total = await database.db.select({ n: sql<number>`count(*)::int` }).from(reports);
    expect(total[0].n).toBe(12);
    expect(counts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(9);
    expect(text).not.toContain('example.org');
    expect(text).not.toContain('Kiosk');
  });

  it('defuses a category name that a spreadsheet would run as a formula', async () => {
    const [evil] = await database.db
      .insert(categories)
      .values({ slug: 'evil', label: { de: '=HYPERLINK("http://x","klick")' }, sortOrder: 99 })
      .returning();
    for (let i = 0; i < 3; i++) await insert(places.three, { categoryId: evil.id });
    try {
      const text = await (await get.monthly()).text();
      expect(text).toMatch(/"'=HYPERLINK\(""http:\/\/x"",""klick""\)",3\r\n/);
      for (const line of text.split('\r\n')) for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+\-@]/);
    } finally {
      await database.db.delete(reports).where(eq(reports.categoryId, evil.id));
      await database.db.delete(categories).where(eq(categories.id, evil.id));
    }
  });

  it('describes every export, its columns, licence and anonymisation in metadata.json', async () => {
    const response = await get.metadata();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.licence).toEqual({ name: 'Datenlizenz Deutschland – Zero – Version 2.0', url: 'https://www.govdata.de/dl-de/zero-2-0' });
    expect(body.datasets.map((d: { id: string }) => d.id)).toEqual(['cells', 'monthly', 'measures']);
    const urls = body.datasets.flatMap((d: { distributions: { url: string }[] }) => d.distributions.map((x) => x.url));
    expect(urls).toEqual([
      'http://localhost/api/open-data/cells.geojson',
      'http://localhost/api/open-data/cells.csv',
      'http://localhost/api/open-data/monthly.csv',
      'http://localhost/api/open-data/measures.geojson',
      'http://localhost/api/open-data/measures.csv',
    ]);
    expect(body.datasets[1].description).toContain('mindestens 3 Meldungen');
    expect(Object.keys(body.datasets[2].columns)).toEqual([
      'id',
      'title',
      'description',
      'status',
      'rejection_reason',
      'responsible',
      'responsible_name',
      'district',
      'district_name',
      'dialogue_id',
      'dialogue_held_on',
      'due_on',
      'published_at',
      'updated_at',
      'lat',
      'lon',
    ]);
  });

  it('carries the licence an admin set, and the default when the stored value is broken', async () => {
    const other = { name: 'Creative Commons Namensnennung 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' };
    await setSetting('openData.licence', other);
    try {
      expect((await (await get.geojson()).json()).metadata.licence).toEqual(other);
      expect((await get.cellsCsv()).headers.get('link')).toContain('<https://creativecommons.org/licenses/by/4.0/>; rel="license"');
      await setSetting('openData.licence', { name: 'ohne URL' });
      expect((await (await get.metadata()).json()).licence.url).toBe('https://www.govdata.de/dl-de/zero-2-0');
      await setSetting('openData.licence', 'kaputt');
      expect((await (await get.metadata()).json()).licence.url).toBe('https://www.govdata.de/dl-de/zero-2-0');
    } finally {
      await database.db.delete(settings).where(eq(settings.key, 'openData.licence'));
    }
  });

  it('exports published measures only, as GeoJSON points and CSV, with licence metadata', async () => {
    const [district] = await database.db.select().from(districts).limit(1);
    const published = new Date('2026-05-01T10:00:00Z');
    const [lit, , placeless] = await database.db
      .insert(measures)
      .values([
        {
          title: { de: 'Neue Beleuchtung am Bahnhof', en: 'New lighting at the station' },
          description: { de: 'LED-Leuchten, Rückschnitt der Hecken.' },
          responsible: 'city',
          responsibleName: 'Tiefbauamt',
          districtId: district.id,
          lat: 51.6139,
          lon: 7.5231,
          dueOn: '2026-09-30',
          status: 'in_progress',
          publishedAt: published,
        },
        { title: { de: 'Entwurf, nicht öffentlich' }, responsible: 'police', status: 'planned', lat: 51.6, lon: 7.5 },
        {
          title: { de: '=Streife am Markt' },
          responsible: 'police',
          status: 'rejected',
          rejectionReason: { de: 'Nicht zuständig' },
          publishedAt: published,
        },
      ])
      .returning();
    try {
      const geo = await get.measuresGeoJson();
      expect(geo.status).toBe(200);
      expect(geo.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
      const body = await geo.json();
      expect(body.metadata.licence.url).toBe('https://www.govdata.de/dl-de/zero-2-0');
      expect(body.features).toHaveLength(2);
      const byId = Object.fromEntries(body.features.map((f: { id: number }) => [f.id, f]));
      expect(byId[lit.id]).toMatchObject({
        geometry: { type: 'Point', coordinates: [7.5231, 51.6139] },
        properties: {
          title: 'Neue Beleuchtung am Bahnhof',
          status: 'in_progress',
          responsible: 'city',
          responsible_name: 'Tiefbauamt',
          district: district.slug,
          due_on: '2026-09-30',
          published_at: published.toISOString(),
        },
      });
      expect(byId[placeless.id]).toMatchObject({ geometry: null, properties: { status: 'rejected', rejection_reason: 'Nicht zuständig' } });
      expect(JSON.stringify(body)).not.toContain('Entwurf');

      const csv = await get.measuresCsv();
      expect(csv.headers.get('content-disposition')).toBe('attachment; filename="sicherheitsportal-luenen-measures.csv"');
      const text = await csv.text();
      const table = rows(text);
      expect(table[0]).toEqual(MEASURES_CSV_HEADER);
      expect(table).toHaveLength(3);
      expect(text).not.toContain('Entwurf');
      const placelessRow = table.find((r) => r[0] === String(placeless.id))!;
      expect(placelessRow[1]).toBe("'=Streife am Markt");
      expect(placelessRow.slice(-2)).toEqual(['', '']);
      const litRow = table.find((r) => r[0] === String(lit.id))!;
      expect(litRow.slice(-2)).toEqual(['51.6139', '7.5231']);
    } finally {
      await database.db.delete(measures);
    }
  });

  it('gives every new database the licence setting', async () => {
    // Deleted by the test before: the city data loader puts it back on the next start.
    const { ensureCityData } = await import('@/lib/db/seed/city');
    await ensureCityData(database.db);
    const [row] = await database.db.select().from(settings).where(eq(settings.key, 'openData.licence'));
    expect(row.value).toEqual({ name: 'Datenlizenz Deutschland – Zero – Version 2.0', url: 'https://www.govdata.de/dl-de/zero-2-0' });
  });
});
