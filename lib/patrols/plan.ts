/**
 * Building a patrol plan (DESIGN.md, "Patrol plans"), pure and database-free: which places a shift
 * visits, in which order, and when the team is at each. The route itself (order, walking times,
 * revisits) is lib/patrols/route.ts; this module decides what goes into it.
 *
 * - Places: the gated priorities of the shift's window, best first, at most `maxAreaShare` (5 %) of
 *   the city's area — the law of concentration says that is where most of the insecurity is.
 * - Which and how many: a round through them must fit into the revisit interval (2 h), so that in a
 *   longer shift the team comes back to each place about every two hours (a shorter shift: into the
 *   shift). Choosing is an orienteering problem; we take the usual greedy answer: again and again
 *   the place that adds the most priority per added minute (walking detour plus dwell), while the
 *   round still fits. A far-off place then does not crowd out a cluster of nearly as urgent ones.
 *   Never more than `maxStops` (a team can keep about a dozen places in mind).
 * - No gated place at all (a quiet city or window): the best ungated places, marked as such.
 */
import type { CellPriority } from '@/lib/priorities/rank';
import { slotIds, type SlotId } from '@/lib/priorities/slots';
import type { LatLon } from '@/lib/geo/distance';
import type { PatrolStopReasons } from '@/lib/db/schema';
import { localToInstant } from '@/lib/time/zone';
import { defaultRouteParams, orderStops, planShift, planTimes, walkingMetres, walkingMinutes, type RouteParams, type Visit } from './route';

export const MAX_AREA_SHARE = 0.05;
export const DEFAULT_MAX_STOPS = 12;

export type PlanParams = Pick<RouteParams, 'dwellMinutes' | 'revisitMinutes'>;

export type Proposal = {
  /** The chosen priorities, in walking order. */
  stops: CellPriority[];
  /** True when none passed the gate and these are the best ungated places. */
  ungated: boolean;
};

/**
 * The places a shift visits, ordered into a route from `start` (varied by `seed`). `cityCells` is the
 * number of scoring cells in the city, for the 5 % area cap.
 */
export function proposeStops(
  ranking: readonly CellPriority[],
  options: { start: LatLon; startsAt: Date; endsAt: Date; seed: number; cityCells: number; params: PlanParams; maxStops?: number },
): Proposal {
  const gated = ranking.filter((p) => p.gated);
  const ungated = gated.length === 0;
  const areaCap = Math.max(1, Math.floor(options.cityCells * MAX_AREA_SHARE));
  // Candidates: the best places within the 5 % area cap, a few more than a round can take, so the choice has room.
  const candidates = (ungated ? ranking.filter((p) => p.override > 0) : gated).slice(0, Math.min(areaCap, 3 * (options.maxStops ?? DEFAULT_MAX_STOPS)));
  const shiftMinutes = (options.endsAt.getTime() - options.startsAt.getTime()) / 60_000;
  const roundBudget = Math.min(shiftMinutes, Math.max(options.params.revisitMinutes, 1));
  const params = { ...defaultRouteParams, ...options.params };

  const minutes = (from: LatLon, to: LatLon) => walkingMinutes(walkingMetres(from, to, params.detourFactor), params.speedKmh);
  const roundMinutes = (places: readonly LatLon[]) => planTimes(options.start, places, options.startsAt, params).totalMinutes;
  const limit = options.maxStops ?? DEFAULT_MAX_STOPS;

  // The tour so far (start … start) and the cheapest place to insert each candidate into it.
  let tour: CellPriority[] = [];
  const left = new Set(candidates);
  while (tour.length < limit && left.size > 0) {
    const stops: LatLon[] = [options.start, ...tour, options.start];
    let best: { place: CellPriority; at: number; value: number } | null = null;
    for (const place of left) {
      let cheapest = { at: 0, cost: Infinity };
      for (let i = 0; i + 1 < stops.length; i++) {
        const cost = minutes(stops[i], place) + minutes(place, stops[i + 1]) - minutes(stops[i], stops[i + 1]);
        if (cost < cheapest.cost) cheapest = { at: i, cost };
      }
      const added = cheapest.cost + params.dwellMinutes;
      const value = place.score / Math.max(added, 1e-6);
      if (roundMinutes(insertAt(tour, cheapest.at, place)) <= roundBudget && (!best || value > best.value)) best = { place, at: cheapest.at, value };
    }
    if (!best) break;
    tour = insertAt(tour, best.at, best.place);
    left.delete(best.place);
  }
  // The seeded order may be up to 10 % longer than the tour built: drop the least valuable place until it fits.
  let chosen = ordered(tour, options.start, options.seed, params);
  while (chosen.length > 0 && roundMinutes(chosen) > roundBudget) {
    const weakest = chosen.reduce((w, p) => (p.score < w.score ? p : w));
    chosen = ordered(chosen.filter((p) => p !== weakest), options.start, options.seed, params);
  }
  return { stops: chosen, ungated };
}

function insertAt<T>(items: readonly T[], index: number, item: T): T[] {
  return [...items.slice(0, index), item, ...items.slice(index)];
}

function ordered<T extends LatLon>(places: readonly T[], start: LatLon, seed: number, params: RouteParams): T[] {
  return orderStops(start, places, seed, params).order.map((i) => places[i]);
}

/** Orders any places into a route from `start`, varied by `seed` (used when a plan is created). */
export function orderPlaces<T extends LatLon>(places: readonly T[], start: LatLon, seed: number, params: PlanParams): T[] {
  return ordered(places, start, seed, { ...defaultRouteParams, ...params });
}

export type StopSchedule = {
  /** Arrival times at this stop, one per round it is visited in. */
  arrivals: Date[];
  departures: Date[];
};

export type Schedule = {
  /** Per stop in the order given. */
  stops: StopSchedule[];
  /** Every visit in time order (stop: index into the stops given). */
  visits: Visit[];
  /** Back at the start point. */
  endAt: Date;
  /** Indices of stops that do not fit the shift even once. */
  unreachable: number[];
};

/** The times of a plan's stops in the order given: rounds with revisits, all within the shift. */
export function scheduleStops(start: LatLon, stops: readonly LatLon[], startsAt: Date, endsAt: Date, params: PlanParams): Schedule {
  const shift = planShift(start, stops, startsAt, endsAt, params);
  const perStop: StopSchedule[] = stops.map(() => ({ arrivals: [], departures: [] }));
  for (const visit of shift.visits) {
    perStop[visit.stop].arrivals.push(visit.arriveAt);
    perStop[visit.stop].departures.push(visit.departAt);
  }
  return { stops: perStop, visits: shift.visits, endAt: shift.endAt, unreachable: shift.dropped };
}

/** The slots of the shift in which a place scores highest, best first (for "why this place, now"). */
export function topSlots(priority: CellPriority, slotWeights: Partial<Record<SlotId, number>>): SlotId[] {
  return slotIds
    .filter((s) => (slotWeights[s] ?? 0) > 0 && priority.slots[s] > 0)
    .sort((a, b) => priority.slots[b] * (slotWeights[b] ?? 0) - priority.slots[a] * (slotWeights[a] ?? 0))
    .slice(0, 2);
}

/** What a stop keeps of its priority: the numbers the printed plan explains the stop with. */
export function reasonsOf(priority: CellPriority, slotWeights: Partial<Record<SlotId, number>>): PatrolStopReasons {
  const round = (n: number, digits = 2) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : 0);
  return {
    score: round(priority.score, 3),
    reports: priority.reports,
    reporters: priority.reporters,
    newestDays: round(priority.newestDays, 1),
    severity: round(priority.severity, 1),
    z: round(priority.z),
    gated: priority.gated,
    categories: priority.categories,
    topSlots: topSlots(priority, slotWeights),
    trendRatio: priority.trend.ratio === null ? null : round(priority.trend.ratio),
  };
}

/** Moves the item at `from` to `to` (both clamped), returning a new array. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const result = [...items];
  if (from < 0 || from >= items.length) return result;
  const [item] = result.splice(from, 1);
  result.splice(Math.max(0, Math.min(to, result.length)), 0, item);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Local shift times: a shift is written as a local date and hours in the city's time zone.

/** A shift from local "HH:MM" to "HH:MM"; an end at or before the start is on the next day (20:00–02:00). */
export function shiftInstants(date: string, from: string, to: string, timeZone: string): { startsAt: Date; endsAt: Date } {
  const minutes = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return h * 60 + m;
  };
  const start = minutes(from);
  let end = minutes(to);
  if (end <= start) end += 24 * 60;
  return { startsAt: localToInstant(date, start, timeZone), endsAt: localToInstant(date, end, timeZone) };
}
