import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getCells } from '@/app/api/public/cells/route';
import { POST as postReport } from '@/app/api/reports/route';
import { reports } from '@/lib/db/schema';
import { cellsFor } from '@/lib/geo/cells';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { rebuildCellStats } from '@/lib/reports/cell-stats';

const bbox = '7.45,51.58,7.60,51.65';
// Two spots in different resolution-9 cells, a few hundred metres apart.
const spotA = { lat: 51.6139, lon: 7.5231 };
const spotB = { lat: 51.6200, lon: 7.5420 };

let address = 1;
async function report(spot: { lat: number; lon: number }, extra: Record<string, unknown> = {}) {
  const response = await postReport(
    new Request('http://localhost/api/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${address++}` },
      body: JSON.stringify({ ...spot, category: 'poor-lighting', feeling: 3, when: { always: true }, ...extra }),
    }),
  );
  expect(response.status).toBe(201);
  return (await response.json()).ref as string;
}

async function cells(query: string) {
  const response = await getCells(new Request(`http://localhost/api/public/cells?${query}`));
  return { status: response.status, body: await response.json() };
}

const counts = (body: { features: { properties: { cell: string; count: number } }[] }) =>
  Object.fromEntries(body.features.map((f) => [f.properties.cell, f.properties.count]));

describe.each(testDatabaseKinds())('public cells on %s', (kind) => {
  let database: TestDatabase;
  const cellA = cellsFor(spotA.lat, spotA.lon).h3r9;
  const cellB = cellsFor(spotB.lat, spotB.lon).h3r9;

  beforeAll(async () => {
    database = await useTestDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('hides a cell with 2 reports and shows it with 3 (k = 3)', async () => {
    await report(spotA);
    await report(spotA);
    await report(spotB, { when: { times: ['night'], days: ['sat'] }, category: 'drugs' });
    expect(counts((await cells(`bbox=${bbox}`)).body)).toEqual({});

    await report(spotA);
    const { status, body } = await cells(`bbox=${bbox}`);
    expect(status).toBe(200);
    expect(counts(body)).toEqual({ [cellA]: 3 });
    const feature = body.features[0];
    expect(feature.geometry.type).toBe('Polygon');
    expect(feature.geometry.coordinates[0].length).toBeGreaterThanOrEqual(7);
    expect(feature.properties.district).toBe('luenen-mitte');
    // Nothing but the aggregate: no positions of reports, no descriptions.
    expect(Object.keys(feature.properties).sort()).toEqual(['cell', 'count', 'district']);
  });

  it('filters by category and by time of day', async () => {
    await report(spotB, { when: { times: ['night'], days: ['fri'] }, category: 'drugs' });
    await report(spotB, { when: { times: ['evening', 'night'], days: ['sat'] }, category: 'drugs' });
    expect(counts((await cells(`bbox=${bbox}&category=drugs`)).body)).toEqual({ [cellB]: 3 });
    expect(counts((await cells(`bbox=${bbox}&time=night`)).body)).toEqual({ [cellA]: 3, [cellB]: 3 });
    // Only one report at B names the evening; the three "always" reports at A count for every time.
    expect(counts((await cells(`bbox=${bbox}&time=evening`)).body)).toEqual({ [cellA]: 3 });
    expect(counts((await cells(`bbox=${bbox}&category=poor-lighting&time=morning`)).body)).toEqual({ [cellA]: 3 });
  });

  it('leaves out cells outside the box', async () => {
    expect(counts((await cells('bbox=7.40,51.55,7.45,51.57')).body)).toEqual({});
  });

  it('counts a report once however often it names a time of day (k holds)', async () => {
    const spotC = { lat: 51.593, lon: 7.5788 };
    const ref = await report(spotC, { when: { times: ['night', 'night', 'night'], days: ['sat', 'sat'] } });
    const [row] = await database.db.select({ when: reports.when }).from(reports).where(eq(reports.ref, ref));
    expect(row.when).toEqual({ times: ['night'], days: ['sat'] });
    expect(counts((await cells(`bbox=${bbox}&time=night`)).body)).not.toHaveProperty(cellsFor(spotC.lat, spotC.lon).h3r9);
  });

  it('does not count dismissed reports once the aggregates are rebuilt', async () => {
    const rows = await database.db.select({ id: reports.id }).from(reports).where(eq(reports.h3r9, cellA)).limit(1);
    await database.db.update(reports).set({ status: 'dismissed' }).where(inArray(reports.id, rows.map((r) => r.id)));
    await rebuildCellStats(database.db);
    expect(counts((await cells(`bbox=${bbox}`)).body)).toEqual({ [cellB]: 3 });
  });

  it('leaves a hexagon out of a filtered view when the rest of it would single out 1 to k − 1 reports', async () => {
    const spotD = { lat: 51.635, lon: 7.47 };
    const cellD = cellsFor(spotD.lat, spotD.lon).h3r9;
    const countD = async (query: string) => counts((await cells(`bbox=${bbox}${query}`)).body)[cellD];
    for (let i = 0; i < 4; i++) await report(spotD);
    await report(spotD, { category: 'drugs', when: { times: ['night'], days: ['sat'] } });
    expect(await countD('')).toBe(5);
    // 4 of 5 are poor lighting, 4 of 5 name the morning: each would show the one other report.
    expect(await countD('&category=poor-lighting')).toBeUndefined();
    expect(await countD('&time=morning')).toBeUndefined();
    expect(await countD('&category=poor-lighting&time=night')).toBeUndefined();
    expect(await countD('&category=drugs')).toBeUndefined();
    // All five name the night: nothing is singled out.
    expect(await countD('&time=night')).toBe(5);

    await report(spotD, { category: 'drugs', when: { times: ['night'], days: ['fri'] } });
    await report(spotD, { category: 'drugs', when: { times: ['night'], days: ['sun'] } });
    expect(await countD('&category=poor-lighting')).toBe(4);
    expect(await countD('&category=drugs')).toBe(3);
    expect(await countD('&time=morning')).toBe(4);
    expect(await countD('&category=drugs&time=night')).toBe(3);
    expect(await countD('&category=poor-lighting&time=night')).toBe(4);
  });

  it('hides one more category when the categories shown would leave 1 to k − 1 reports of the others', async () => {
    const spotE = { lat: 51.6, lon: 7.55 };
    const cellE = cellsFor(spotE.lat, spotE.lon).h3r9;
    const countE = async (query: string) => counts((await cells(`bbox=${bbox}${query}`)).body)[cellE];
    for (let i = 0; i < 3; i++) await report(spotE);
    for (let i = 0; i < 3; i++) await report(spotE, { category: 'drugs' });
    await report(spotE, { category: 'harassment' });
    await report(spotE, { category: 'harassment' });
    expect(await countE('')).toBe(8);
    // 8 minus 3 poor lighting minus 3 drugs would leave the 2 harassment reports: one of the 3s is
    // hidden too, so the remainder is 5.
    const shown = [await countE('&category=poor-lighting'), await countE('&category=drugs')];
    expect(shown.filter((n) => n === 3)).toHaveLength(1);
    expect(shown.filter((n) => n === undefined)).toHaveLength(1);
    expect(await countE('&category=harassment')).toBeUndefined();

    await report(spotE, { category: 'harassment' });
    expect(await countE('&category=poor-lighting')).toBe(3);
    expect(await countE('&category=drugs')).toBe(3);
    expect(await countE('&category=harassment')).toBe(3);
  });

  it.each([
    ['', 'bbox'],
    ['bbox=1,2,3', 'bbox'],
    ['bbox=7.6,51.5,7.4,51.7', 'bbox'],
    ['bbox=0,0,10,10', 'bbox'],
    ['bbox=a,b,c,d', 'bbox'],
    [`bbox=${bbox}&time=noon`, 'time'],
    [`bbox=${bbox}&category=ufo`, 'category'],
    [`bbox=${bbox}&category=<script>`, 'category'],
  ])('refuses %s with 400 naming the parameter', async (query, field) => {
    const { status, body } = await cells(query);
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_query');
    expect(body.fields[field]).toEqual(expect.any(String));
  });
});
