import { eq } from 'drizzle-orm';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCityConfig } from '@/lib/city/config';
import { auditLog, dialogues, districts, reports } from '@/lib/db/schema';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { importDistricts, parseDistrictText, validateDistrictCollection } from '@/lib/districts/import';
import { loadDistricts } from '@/lib/reports/service';
import { insertReport } from '../helpers/reports';

const bounds = () => getCityConfig().bounds;

/** A rectangle as a closed ring (lon/lat, as GeoJSON wants). */
function rectangle(slug: string, name: string, [minLon, minLat, maxLon, maxLat]: number[]): Feature<Polygon> {
  return {
    type: 'Feature',
    properties: { slug, name },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [minLon, minLat],
          [maxLon, minLat],
          [maxLon, maxLat],
          [minLon, maxLat],
          [minLon, minLat],
        ],
      ],
    },
  };
}

// Lünen split at 7.52° E into a west and an east half.
const west = rectangle('west', 'Westhälfte', [7.4, 51.55, 7.52, 51.67]);
const east = rectangle('ost', 'Osthälfte', [7.52, 51.55, 7.64, 51.67]);
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features }) as FeatureCollection;

describe('district GeoJSON validation', () => {
  it('accepts Polygon and MultiPolygon features with slug and name', () => {
    const multi = { ...east, geometry: { type: 'MultiPolygon', coordinates: [east.geometry.coordinates] } };
    const result = validateDistrictCollection(collection(west, multi), bounds());
    expect(result).toMatchObject({ ok: true, districts: [{ slug: 'west', name: 'Westhälfte' }, { slug: 'ost', bbox: [7.52, 51.55, 7.64, 51.67] }] });
  });

  it('names every problem with its feature: geometry type, open ring, short ring, bad position, outside the city, swapped coordinates, slug and name', () => {
    const open = rectangle('offen', 'Offen', [7.45, 51.58, 7.5, 51.6]);
    open.geometry.coordinates[0].pop();
    const swapped = rectangle('vertauscht', 'Vertauscht', [7.45, 51.58, 7.5, 51.6]);
    swapped.geometry.coordinates[0] = swapped.geometry.coordinates[0].map(([lon, lat]) => [lat, lon]);
    const result = validateDistrictCollection(
      collection(
        { type: 'Feature', properties: { slug: 'punkt', name: 'Punkt' }, geometry: { type: 'Point', coordinates: [7.5, 51.6] } },
        open,
        { ...west, properties: { slug: 'kurz', name: 'Kurz' }, geometry: { type: 'Polygon', coordinates: [[[7.45, 51.58], [7.5, 51.58], [7.45, 51.58]]] } },
        { ...west, properties: { slug: 'kaputt', name: 'Kaputt' }, geometry: { type: 'Polygon', coordinates: [[[7.45, 51.58], ['x', 51.6], [7.5, 51.6], [7.45, 51.58]]] } },
        rectangle('dortmund', 'Dortmund', [7.4, 51.45, 7.5, 51.5]),
        swapped,
        rectangle('Groß Buchstaben', '', [7.45, 51.58, 7.5, 51.6]),
        west,
        west,
        'not a feature',
      ),
      bounds(),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { feature: 1, slug: 'punkt', code: 'geometry_type', detail: 'Point' },
      { feature: 2, slug: 'offen', ring: 1, code: 'ring_not_closed' },
      { feature: 3, slug: 'kurz', ring: 1, code: 'ring_too_short' },
      { feature: 4, slug: 'kaputt', ring: 1, position: 2, code: 'position_invalid' },
      { feature: 5, slug: 'dortmund', ring: 1, position: 1, code: 'outside_city' },
      { feature: 6, slug: 'vertauscht', ring: 1, position: 1, code: 'coordinates_swapped' },
      { feature: 7, slug: 'Groß Buchstaben', code: 'slug_invalid' },
      { feature: 7, slug: 'Groß Buchstaben', code: 'name_missing' },
      { feature: 9, slug: 'west', code: 'slug_duplicate', detail: '8' },
      { feature: 10, code: 'not_feature' },
    ]);
  });

  it('refuses what is not a FeatureCollection, an empty one, and text that is not JSON', () => {
    expect(validateDistrictCollection({ type: 'Feature' }, bounds())).toEqual({ ok: false, errors: [{ feature: null, code: 'not_feature_collection' }] });
    expect(validateDistrictCollection(collection(), bounds())).toEqual({ ok: false, errors: [{ feature: null, code: 'no_features' }] });
    expect(parseDistrictText('{"type": "FeatureCollection", ')).toMatchObject({ ok: false, errors: [{ feature: null, code: 'invalid_json', detail: '1' }] });
    // Where the syntax breaks, as a line number: the parser's own (English) message stays out of the page.
    expect(parseDistrictText('{\n  "type": "FeatureCollection",\n  nope\n}')).toEqual({ ok: false, errors: [{ feature: null, code: 'invalid_json', detail: '3' }] });
    expect(parseDistrictText('\uFEFF{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    // Pasted text over the limit, with the limit for the message.
    expect(parseDistrictText(' '.repeat(5 * 1024 * 1024 + 1))).toEqual({ ok: false, errors: [{ feature: null, code: 'too_large', detail: '5' }] });
  });
});

describe.each(testDatabaseKinds())('district import on %s', (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await useTestDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('leaves everything as it was when the import is refused', async () => {
    const before = await database.db.select({ slug: districts.slug }).from(districts);
    const result = validateDistrictCollection(collection(rectangle('x', 'X', [8, 52, 8.1, 52.1])), bounds());
    expect(result.ok).toBe(false);
    expect(await database.db.select({ slug: districts.slug }).from(districts)).toEqual(before);
  });

  it('replaces the districts in one go, assigns every report again and writes the audit log', async () => {
    const db = database.db;
    const seeded = await db.select().from(districts);
    expect(seeded.length).toBeGreaterThan(2);
    const keep = seeded[0];
    const inWest = await insertReport(db, { lat: 51.6, lon: 7.45 });
    const inEast = await insertReport(db, { lat: 51.62, lon: 7.6 });
    const inCentre = await insertReport(db, { lat: 51.6139, lon: 7.5231 });
    const districtOf = async (id: number) => (await db.select({ d: reports.districtId }).from(reports).where(eq(reports.id, id)))[0].d;
    expect(await districtOf(inCentre.id)).not.toBeNull();
    await loadDistricts(db); // warm the intake's cache: the import must make it forget

    // The first seeded district keeps its slug (and id) with a new shape; the rest is replaced.
    const kept = { ...rectangle(keep.slug, `${keep.name} (neu)`, [7.4, 51.55, 7.46, 51.67]) };
    const westRest = rectangle('west', 'Westhälfte', [7.46, 51.55, 7.52, 51.67]);
    const validation = validateDistrictCollection(collection(kept, westRest, east), bounds());
    if (!validation.ok) throw new Error(JSON.stringify(validation.errors));
    const result = await importDistricts(db, null, validation.districts);
    expect(result).toMatchObject({ ok: true, created: 2, updated: 1, removed: seeded.length - 1 });

    const now = await db.select().from(districts);
    expect(now.map((d) => d.slug).sort()).toEqual([keep.slug, 'ost', 'west'].sort());
    const id = (slug: string) => now.find((d) => d.slug === slug)!.id;
    expect(id(keep.slug)).toBe(keep.id);
    expect(await districtOf(inWest.id)).toBe(id(keep.slug));
    expect(await districtOf(inEast.id)).toBe(id('ost'));
    expect(await districtOf(inCentre.id)).toBe(id('ost'));
    expect((await loadDistricts(db)).map((d) => d.slug).sort()).toEqual([keep.slug, 'ost', 'west'].sort());

    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, 'districts.imported'));
    expect(entry.before).toEqual({ districts: seeded.map((d) => d.slug).sort() });
    expect(entry.after).toMatchObject({ districts: [keep.slug, 'ost', 'west'].sort(), created: 2, updated: 1 });
    expect((entry.after as { reportsReassigned: number }).reportsReassigned).toBeGreaterThanOrEqual(2);
    // The same file again changes nothing, and says so.
    expect(await importDistricts(db, null, validation.districts)).toMatchObject({ ok: true, created: 0, updated: 0, removed: 0 });

    // A report outside every new district has none.
    const shrink = validateDistrictCollection(collection(rectangle(keep.slug, keep.name, [7.4, 51.55, 7.46, 51.67]), westRest), bounds());
    if (!shrink.ok) throw new Error('valid');
    expect(await importDistricts(db, null, shrink.districts)).toMatchObject({ ok: true, removed: 1 });
    expect(await districtOf(inEast.id)).toBeNull();
  });

  it('refuses to remove a district that a dialogue belongs to, and changes nothing', async () => {
    const db = database.db;
    const [district] = await db.select().from(districts).where(eq(districts.slug, 'west'));
    await db.insert(dialogues).values({
      districtId: district.id,
      heldOn: '2026-03-01',
      venue: 'Bürgerhaus',
      title: { de: 'Dialog' },
      summary: { de: 'Zusammenfassung' },
    });
    const before = await db.select().from(districts);
    const validation = validateDistrictCollection(collection(east), bounds());
    if (!validation.ok) throw new Error('valid');
    const result = await importDistricts(db, null, validation.districts);
    expect(result).toEqual({ ok: false, errors: [{ feature: null, slug: 'west', code: 'district_in_use', detail: 'Westhälfte' }] });
    expect(await db.select().from(districts)).toEqual(before);
  });
});
