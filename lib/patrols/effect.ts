import { and, asc, eq, gte, inArray, isNotNull, lt, min, notInArray } from 'drizzle-orm';
import { gridDisk, latLngToCell } from 'h3-js';
import type { Db } from '@/lib/db/client';
import { measures, patrolLogs, patrolPlans, patrolStops, reports } from '@/lib/db/schema';
import { SCORING_RESOLUTION } from '@/lib/geo/cells';
import { findDistrict } from '@/lib/geo/districts';
import { loadDistricts } from '@/lib/reports/service';

/*
 * Did insecurity fall where the patrol went or a measure was taken? Reports per week at the place
 * (its cell and ring 1, ≈ 200 m: the kernel's reach) before and after a reference date, next to the
 * same weeks in the whole district, so a city-wide rise or fall is not mistaken for an effect.
 * Descriptive, not a causal test: few reports per week at one place are noisy.
 */

export const EFFECT_WEEKS = 8;
const WEEK_MS = 7 * 86_400_000;

export type EffectWeek = { start: Date; phase: 'before' | 'after'; place: number; district: number };
export type Effect = {
  lat: number;
  lon: number;
  since: Date;
  districtName: string | null;
  weeks: EffectWeek[];
  totals: { before: number; after: number; districtBefore: number; districtAfter: number };
};

export async function effectAt(db: Db, place: { lat: number; lon: number }, since: Date, options: { now?: Date; weeks?: number } = {}): Promise<Effect> {
  const weeks = options.weeks ?? EFFECT_WEEKS;
  const now = options.now ?? new Date();
  const from = new Date(since.getTime() - weeks * WEEK_MS);
  const to = new Date(Math.min(now.getTime(), since.getTime() + weeks * WEEK_MS));
  const cells = gridDisk(latLngToCell(place.lat, place.lon, SCORING_RESOLUTION), 1);
  const district = findDistrict(await loadDistricts(db), place.lat, place.lon);
  const counted = notInArray(reports.status, ['dismissed', 'duplicate']);
  const inPeriod = and(gte(reports.createdAt, from), lt(reports.createdAt, to), counted);
  const atPlace = await db.select({ createdAt: reports.createdAt }).from(reports).where(and(inPeriod, inArray(reports.h3r10, cells)));
  const inDistrict = district
    ? await db.select({ createdAt: reports.createdAt }).from(reports).where(and(inPeriod, eq(reports.districtId, district.id)))
    : [];

  const result: EffectWeek[] = [];
  for (let w = -weeks; w < weeks; w++) {
    const start = new Date(since.getTime() + w * WEEK_MS);
    if (start.getTime() >= to.getTime()) break;
    const end = start.getTime() + WEEK_MS;
    const count = (rows: { createdAt: Date }[]) => rows.filter((r) => r.createdAt.getTime() >= start.getTime() && r.createdAt.getTime() < end).length;
    result.push({ start, phase: w < 0 ? 'before' : 'after', place: count(atPlace), district: count(inDistrict) });
  }
  const sum = (phase: EffectWeek['phase'], key: 'place' | 'district') => result.filter((w) => w.phase === phase).reduce((n, w) => n + w[key], 0);
  return {
    ...place,
    since,
    districtName: district?.name ?? null,
    weeks: result,
    totals: { before: sum('before', 'place'), after: sum('after', 'place'), districtBefore: sum('before', 'district'), districtAfter: sum('after', 'district') },
  };
}

/** Stops that have been visited (first visit first), for choosing a place. */
export async function patrolledStops(db: Db) {
  return db
    .select({ stopId: patrolStops.id, planId: patrolPlans.id, position: patrolStops.position, lat: patrolStops.lat, lon: patrolStops.lon, shiftDate: patrolPlans.shiftDate, startsAt: patrolPlans.startsAt, endsAt: patrolPlans.endsAt, firstVisit: min(patrolLogs.visitedAt) })
    .from(patrolStops)
    .innerJoin(patrolPlans, eq(patrolPlans.id, patrolStops.planId))
    .innerJoin(patrolLogs, eq(patrolLogs.stopId, patrolStops.id))
    .groupBy(patrolStops.id, patrolPlans.id)
    .orderBy(asc(min(patrolLogs.visitedAt)))
    .limit(200);
}

/** Measures with a place; their reference date is when they were recorded. */
export async function placedMeasures(db: Db) {
  return db
    .select({ id: measures.id, title: measures.title, lat: measures.lat, lon: measures.lon, createdAt: measures.createdAt })
    .from(measures)
    .where(and(isNotNull(measures.lat), isNotNull(measures.lon)))
    .orderBy(asc(measures.createdAt))
    .limit(200);
}

