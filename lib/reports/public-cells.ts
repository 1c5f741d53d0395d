import { and, eq } from 'drizzle-orm';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { cellToBoundary, cellToLatLng } from 'h3-js';
import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { categories } from '@/lib/db/schema';
import { findDistrict } from '@/lib/geo/districts';
import { getSetting } from '@/lib/settings/queries';
import { getPublicCells } from './cell-stats';
import { loadDistricts } from './service';
import { timesOfDay } from './types';

/** The widest box one request may ask for (about 110 km): the map never needs more. */
const MAX_SPAN_DEGREES = 1;

export const publicCellsQuerySchema = z.object({
  bbox: z
    .string({ error: 'bbox_required' })
    .transform((value, ctx) => {
      const parts = value.split(',').map((p) => Number(p.trim()));
      const [minLon, minLat, maxLon, maxLat] = parts;
      const valid =
        parts.length === 4 &&
        parts.every(Number.isFinite) &&
        minLon >= -180 &&
        maxLon <= 180 &&
        minLat >= -90 &&
        maxLat <= 90 &&
        minLon < maxLon &&
        minLat < maxLat &&
        maxLon - minLon <= MAX_SPAN_DEGREES &&
        maxLat - minLat <= MAX_SPAN_DEGREES;
      if (!valid) {
        ctx.addIssue({ code: 'custom', message: 'bbox_invalid' });
        return z.NEVER;
      }
      return { minLon, minLat, maxLon, maxLat };
    }),
  category: z.string().regex(/^[a-z0-9-]{1,64}$/, { error: 'category_unknown' }).optional(),
  time: z.enum(timesOfDay, { error: 'time_invalid' }).optional(),
});

export type PublicCellsQuery = z.output<typeof publicCellsQuerySchema>;

export type PublicCellProperties = { cell: string; count: number; district: string | null };

/**
 * The public map's data: H3 resolution-9 hexagons with at least k counted reports (the privacy
 * threshold, never below 3). Exact positions and descriptions never leave the server.
 */
export async function getPublicCellCollection(
  db: Db,
  query: PublicCellsQuery,
): Promise<{ ok: true; value: FeatureCollection<Polygon, PublicCellProperties> } | { ok: false; field: 'category' }> {
  let categoryId: number | undefined;
  if (query.category) {
    const [row] = await db
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.slug, query.category), eq(categories.active, true)));
    if (!row) return { ok: false, field: 'category' };
    categoryId = row.id;
  }
  const [k, districts] = await Promise.all([getSetting(db, 'privacy.k'), loadDistricts(db)]);
  const cells = await getPublicCells(db, { bbox: query.bbox, k, categoryId, time: query.time });
  const shapes = shapesFor(districts);
  const features = cells.map(({ cell, count }): Feature<Polygon, PublicCellProperties> => {
    let shape = shapes.get(cell);
    if (!shape) {
      const [lat, lon] = cellToLatLng(cell);
      shape = { boundary: cellToBoundary(cell, true), district: findDistrict(districts, lat, lon)?.slug ?? null };
      shapes.set(cell, shape);
    }
    return {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [shape.boundary] },
      properties: { cell, count, district: shape.district },
    };
  });
  return { ok: true, value: { type: 'FeatureCollection', features } };
}

type CellShape = { boundary: number[][]; district: string | null };

/**
 * Each hexagon's outline and district, worked out once per set of districts (loadDistricts hands
 * out the same rows until they change): the map asks for the same few thousand cells again and
 * again, and computing them took longer than the query. Only cells that have reports get here.
 */
const shapeCache = new WeakMap<object, Map<string, CellShape>>();

function shapesFor(districts: object): Map<string, CellShape> {
  let shapes = shapeCache.get(districts);
  if (!shapes) shapeCache.set(districts, (shapes = new Map()));
  return shapes;
}
