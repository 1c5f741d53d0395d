import { asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { audit, type AuditActor } from '@/lib/audit/audit';
import type { Db } from '@/lib/db/client';
import { dialogues, districts, measures, reports, type BBox } from '@/lib/db/schema';
import { bboxOf } from '@/lib/geo/bbox';
import type { Bounds } from '@/lib/geo/bounds';
import { findDistrict } from '@/lib/geo/districts';
import { forgetDistrictCache } from '@/lib/reports/service';
import { withoutNul } from '@/lib/text';

/**
 * The admin's district import: a GeoJSON FeatureCollection replaces the districts, every report is
 * assigned again by point-in-polygon, all in one transaction (staff area, Administration →
 * Districts). Districts are matched by slug, so a district that stays keeps its id and with it its
 * dialogues and measures.
 */

/** The largest district file (or pasted text) the import takes, in MB and in bytes. */
export const DISTRICT_IMPORT_MAX_MB = 5;
export const DISTRICT_IMPORT_MAX_BYTES = DISTRICT_IMPORT_MAX_MB * 1024 * 1024;
const MAX_FEATURES = 500;
const MAX_POSITIONS = 500_000;
const MAX_ERRORS = 50;

/**
 * How far outside the city's bounds (city.json) a district may reach: about 5 km, enough for
 * official boundaries drawn generously, not enough for the wrong city or swapped coordinates.
 */
const BOUNDS_MARGIN_DEGREES = 0.05;

export type DistrictImportErrorCode =
  | 'invalid_json'
  | 'too_large'
  | 'not_feature_collection'
  | 'no_features'
  | 'too_many_features'
  | 'too_many_positions'
  | 'not_feature'
  | 'slug_missing'
  | 'slug_invalid'
  | 'slug_duplicate'
  | 'name_missing'
  | 'geometry_missing'
  | 'geometry_type'
  | 'coordinates_invalid'
  | 'position_invalid'
  | 'ring_too_short'
  | 'ring_not_closed'
  | 'outside_city'
  | 'coordinates_swapped'
  | 'district_in_use';

/** One problem; `feature` counts from 1 as people do, null for the file as a whole. */
export type DistrictImportError = {
  feature: number | null;
  slug?: string;
  code: DistrictImportErrorCode;
  /** Where in the geometry (1-based), and other details for the message. */
  polygon?: number;
  ring?: number;
  position?: number;
  detail?: string;
};

export type DistrictInput = { slug: string; name: string; geometry: Polygon | MultiPolygon; bbox: BBox };

export type DistrictValidation = { ok: true; districts: DistrictInput[] } | { ok: false; errors: DistrictImportError[] };

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses the text an admin pasted or uploaded; a syntax error says where. */
export function parseDistrictText(text: string): { ok: true; value: unknown } | { ok: false; errors: DistrictImportError[] } {
  if (Buffer.byteLength(text, 'utf8') > DISTRICT_IMPORT_MAX_BYTES) return { ok: false, errors: [{ feature: null, code: 'too_large', detail: String(DISTRICT_IMPORT_MAX_MB) }] };
  const json = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(json) };
  } catch (error) {
    // The parser's message is English: only its position goes on, as a line number (the end when it names none).
    const position = /at position (\d+)/.exec((error as Error).message);
    const line = json.slice(0, position ? Number(position[1]) : json.length).split('\n').length;
    return { ok: false, errors: [{ feature: null, code: 'invalid_json', detail: String(line) }] };
  }
}

/**
 * Checks a FeatureCollection feature by feature: Polygon or MultiPolygon geometry, numeric
 * positions, rings of at least four positions that close, every position within (or just
 * outside) the city's bounds, a `slug` and a `name` property, no slug twice. Reports every problem
 * it finds (up to 50), each tied to its feature, so one upload shows what to fix.
 */
export function validateDistrictCollection(input: unknown, bounds: Bounds): DistrictValidation {
  const errors: DistrictImportError[] = [];
  if (!isObject(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features)) {
    return { ok: false, errors: [{ feature: null, code: 'not_feature_collection' }] };
  }
  const features = input.features as unknown[];
  if (features.length === 0) return { ok: false, errors: [{ feature: null, code: 'no_features' }] };
  if (features.length > MAX_FEATURES) return { ok: false, errors: [{ feature: null, code: 'too_many_features', detail: String(MAX_FEATURES) }] };

  const box = {
    minLat: bounds.minLat - BOUNDS_MARGIN_DEGREES,
    maxLat: bounds.maxLat + BOUNDS_MARGIN_DEGREES,
    minLon: bounds.minLon - BOUNDS_MARGIN_DEGREES,
    maxLon: bounds.maxLon + BOUNDS_MARGIN_DEGREES,
  };
  const inside = (lon: number, lat: number) => lat >= box.minLat && lat <= box.maxLat && lon >= box.minLon && lon <= box.maxLon;

  const seen = new Map<string, number>();
  const result: DistrictInput[] = [];
  let positions = 0;

  features.forEach((feature, index) => {
    const number = index + 1;
    const featureErrors: DistrictImportError[] = [];
    const add = (error: Omit<DistrictImportError, 'feature'>) => featureErrors.push({ feature: number, ...error });
    if (!isObject(feature) || feature.type !== 'Feature') {
      errors.push({ feature: number, code: 'not_feature' });
      return;
    }
    const properties = isObject(feature.properties) ? feature.properties : {};
    const slug = typeof properties.slug === 'string' ? properties.slug.trim() : '';
    const name = typeof properties.name === 'string' ? properties.name.trim() : '';
    const tag = slug ? { slug } : {};
    if (!slug) add({ code: 'slug_missing' });
    else if (!slugPattern.test(slug) || slug.length > 60) add({ ...tag, code: 'slug_invalid' });
    else if (seen.has(slug)) add({ ...tag, code: 'slug_duplicate', detail: String(seen.get(slug)) });
    else seen.set(slug, number);
    if (!name || name.length > 100 || !withoutNul(name)) add({ ...tag, code: 'name_missing' });

    const geometry = feature.geometry;
    if (!isObject(geometry)) {
      add({ ...tag, code: 'geometry_missing' });
    } else if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
      add({ ...tag, code: 'geometry_type', detail: String(geometry.type ?? '?').slice(0, 40) });
    } else {
      const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
      if (!Array.isArray(polygons) || polygons.length === 0) {
        add({ ...tag, code: 'coordinates_invalid' });
      } else {
        polygons.forEach((rings: unknown, p) => {
          const polygon = geometry.type === 'MultiPolygon' ? { polygon: p + 1 } : {};
          if (!Array.isArray(rings) || rings.length === 0) {
            add({ ...tag, ...polygon, code: 'coordinates_invalid' });
            return;
          }
          rings.forEach((ring: unknown, r) => {
            const where = { ...tag, ...polygon, ring: r + 1 };
            if (!Array.isArray(ring)) {
              add({ ...where, code: 'coordinates_invalid' });
              return;
            }
            positions += ring.length;
            const badPosition = ring.findIndex(
              (pos: unknown) =>
                !Array.isArray(pos) ||
                pos.length < 2 ||
                !pos.every((n) => typeof n === 'number' && Number.isFinite(n)) ||
                Math.abs(pos[0] as number) > 180 ||
                Math.abs(pos[1] as number) > 90,
            );
            if (badPosition >= 0) {
              add({ ...where, position: badPosition + 1, code: 'position_invalid' });
              return;
            }
            const coords = ring as Position[];
            if (coords.length < 4) {
              add({ ...where, code: 'ring_too_short' });
              return;
            }
            const [first, last] = [coords[0], coords[coords.length - 1]];
            if (first[0] !== last[0] || first[1] !== last[1]) add({ ...where, code: 'ring_not_closed' });
            const outside = coords.findIndex(([lon, lat]) => !inside(lon, lat));
            if (outside >= 0) {
              const swapped = coords.every(([lon, lat]) => inside(lat, lon));
              add({ ...where, position: outside + 1, code: swapped ? 'coordinates_swapped' : 'outside_city' });
            }
          });
        });
      }
    }
    if (featureErrors.length > 0) {
      errors.push(...featureErrors);
      return;
    }
    const valid = geometry as unknown as Polygon | MultiPolygon;
    result.push({ slug, name, geometry: { type: valid.type, coordinates: valid.coordinates } as Polygon | MultiPolygon, bbox: bboxOf(valid) });
  });

  if (positions > MAX_POSITIONS) return { ok: false, errors: [{ feature: null, code: 'too_many_positions', detail: String(MAX_POSITIONS) }] };
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
  return { ok: true, districts: result };
}

export type DistrictImportResult =
  | { ok: true; created: number; updated: number; removed: number; reportsReassigned: number }
  | { ok: false; errors: DistrictImportError[] };

const REPORT_BATCH = 5000;

/** The same shape: type and positions (jsonb keeps arrays as they are, but not the order of an object's keys). */
function sameGeometry(a: object, b: object): boolean {
  const positions = (g: object) => JSON.stringify([(g as { type?: unknown }).type, (g as { coordinates?: unknown }).coordinates]);
  return positions(a) === positions(b);
}

/**
 * Replaces all districts with `input` in one transaction: districts with a known slug are updated
 * in place, new ones added, the others removed — unless a dialogue or measure still refers to one
 * (then nothing changes and the error names it). Then every report gets the district its point
 * lies in. Audited with the slugs before and after and the number of reports that moved.
 */
export async function importDistricts(db: Db, actor: AuditActor, input: DistrictInput[]): Promise<DistrictImportResult> {
  const result = await db.transaction(async (tx): Promise<DistrictImportResult> => {
    // One import at a time; the intake keeps working (it reads districts from its cache).
    await tx.execute(sql`lock table districts in share row exclusive mode`);
    const existing = await tx.select({ id: districts.id, slug: districts.slug, name: districts.name, geometry: districts.geometry }).from(districts);
    const bySlug = new Map(existing.map((d) => [d.slug, d]));
    const incoming = new Set(input.map((d) => d.slug));
    const removed = existing.filter((d) => !incoming.has(d.slug));

    if (removed.length > 0) {
      const ids = removed.map((d) => d.id);
      const used = await tx
        .select({ districtId: dialogues.districtId, count: sql<number>`count(*)::int` })
        .from(dialogues)
        .where(inArray(dialogues.districtId, ids))
        .groupBy(dialogues.districtId);
      const usedByMeasures = await tx
        .select({ districtId: measures.districtId, count: sql<number>`count(*)::int` })
        .from(measures)
        .where(inArray(measures.districtId, ids))
        .groupBy(measures.districtId);
      const inUse = new Set([...used, ...usedByMeasures].map((u) => u.districtId));
      if (inUse.size > 0) {
        return {
          ok: false,
          errors: removed.filter((d) => inUse.has(d.id)).map((d) => ({ feature: null, slug: d.slug, code: 'district_in_use', detail: d.name })),
        };
      }
    }

    let created = 0;
    let updated = 0;
    for (const district of input) {
      const values = { name: district.name, geometry: district.geometry, bbox: district.bbox };
      const known = bySlug.get(district.slug);
      if (known) {
        // Counted (and written) only when it changed: re-importing the same file changes nothing.
        if (known.name === district.name && sameGeometry(known.geometry, district.geometry)) continue;
        await tx.update(districts).set(values).where(eq(districts.id, known.id));
        updated++;
      } else {
        await tx.insert(districts).values({ slug: district.slug, ...values });
        created++;
      }
    }
    // Reports move before the removed districts go, so no reference dangles for a moment.
    const removedIds = removed.map((d) => d.id);
    const reportsReassigned = await reassignReports(tx, removedIds);
    if (removedIds.length > 0) await tx.delete(districts).where(inArray(districts.id, removedIds));
    await audit(
      tx,
      actor,
      'districts.imported',
      'district',
      null,
      { districts: existing.map((d) => d.slug).sort() },
      { districts: [...incoming].sort(), created, updated, removed: removed.length, reportsReassigned },
    );
    return { ok: true, created, updated, removed: removed.length, reportsReassigned };
  });
  // This instance forgets its cached districts now; other instances within a minute (service.ts).
  forgetDistrictCache(db);
  return result;
}

/**
 * Puts every report into the district its point lies in (among those not being removed), in
 * batches by id (keyset), writing only the reports whose district changed. Returns how many changed.
 */
async function reassignReports(tx: Db, removedIds: number[]): Promise<number> {
  const all = (await tx.select().from(districts).orderBy(asc(districts.id))).filter((d) => !removedIds.includes(d.id));
  let changed = 0;
  let lastId = 0;
  for (;;) {
    const batch = await tx
      .select({ id: reports.id, lat: reports.lat, lon: reports.lon, districtId: reports.districtId })
      .from(reports)
      .where(gt(reports.id, lastId))
      .orderBy(asc(reports.id))
      .limit(REPORT_BATCH);
    if (batch.length === 0) break;
    lastId = batch[batch.length - 1].id;
    const moves = new Map<number | null, number[]>();
    for (const report of batch) {
      const target = findDistrict(all, report.lat, report.lon)?.id ?? null;
      if (target === report.districtId) continue;
      const ids = moves.get(target) ?? [];
      ids.push(report.id);
      moves.set(target, ids);
    }
    for (const [target, ids] of moves) {
      await tx.update(reports).set({ districtId: target }).where(inArray(reports.id, ids));
      changed += ids.length;
    }
  }
  return changed;
}

/** The districts with how many reports each holds, for the admin page. */
export async function listDistrictsWithCounts(db: Db) {
  const counts = db
    .select({ districtId: reports.districtId, count: sql<number>`count(*)::int`.as('count') })
    .from(reports)
    .groupBy(reports.districtId)
    .as('counts');
  const rows = await db
    .select({ id: districts.id, slug: districts.slug, name: districts.name, reportCount: sql<number>`coalesce(${counts.count}, 0)::int` })
    .from(districts)
    .leftJoin(counts, eq(counts.districtId, districts.id))
    .orderBy(asc(districts.name));
  const [{ outside }] = await db.select({ outside: sql<number>`count(*)::int` }).from(reports).where(isNull(reports.districtId));
  return { districts: rows, outside };
}
