/**
 * Patrol routes (DESIGN.md, "Patrol plans"): the stops of a shift ordered into a walking route from a
 * start point, with arrival and departure times, and revisits about every two hours.
 *
 * Ordering: nearest neighbour, then 2-opt until no reversal shortens the route. Then, so a patrol is
 * not predictable, a seeded choice among near-optimal orders: randomised nearest-neighbour starts
 * (each step may take any stop almost as near as the nearest) improved by 2-opt, and for a round trip
 * the same loop walked the other way round; any order at most `maxExtraShare` (10 %) longer than the
 * best found may be chosen. The same seed gives the same order, so a printed plan stays reproducible.
 *
 * Distances are walking estimates: great-circle distance times a detour factor (1.3: streets are not
 * straight lines; circuity factors for walking in European cities are usually reported around
 * 1.2–1.4), at 4.5 km/h, a usual urban walking speed for a team that is looking around.
 */
import { haversineMetres, type LatLon } from '@/lib/geo/distance';
import { mulberry32 } from '@/lib/random';

export type RouteParams = {
  /** Walking distance / great-circle distance. */
  detourFactor: number;
  speedKmh: number;
  /** Minutes at each stop: 15 by default, after the Koper curve (a 10–16 minute stop cut disorder in the next 30 minutes from 15 % to 4 %). */
  dwellMinutes: number;
  /** Aim to come back to a stop about this often within a long shift. */
  revisitMinutes: number;
  /** The team ends the shift where it started (station, town hall). */
  returnToStart: boolean;
  /** How much longer than the best order found a varied order may be. */
  maxExtraShare: number;
};

export const defaultRouteParams: RouteParams = {
  detourFactor: 1.3,
  speedKmh: 4.5,
  dwellMinutes: 15,
  revisitMinutes: 120,
  returnToStart: true,
  maxExtraShare: 0.1,
};

/** Walking distance between two points, metres. */
export function walkingMetres(a: LatLon, b: LatLon, detourFactor = defaultRouteParams.detourFactor): number {
  return haversineMetres(a, b) * detourFactor;
}

export function walkingMinutes(metres: number, speedKmh = defaultRouteParams.speedKmh): number {
  return metres / ((speedKmh * 1000) / 60);
}

/** Distances between the start (index 0) and the stops (1..n). */
export function distanceMatrix(start: LatLon, stops: readonly LatLon[], detourFactor: number): number[][] {
  const points = [start, ...stops];
  return points.map((a) => points.map((b) => walkingMetres(a, b, detourFactor)));
}

/**
 * Length of a route from the start (0) through `order` (stop indices 1..n into the matrix), back to
 * the start when `closed`.
 */
export function routeMetres(matrix: readonly (readonly number[])[], order: readonly number[], closed: boolean): number {
  let total = 0;
  let at = 0;
  for (const stop of order) {
    total += matrix[at][stop];
    at = stop;
  }
  return closed && order.length > 0 ? total + matrix[at][0] : total;
}

/** Nearest neighbour from the start; `choose` may pick another among near-equal candidates. */
export function nearestNeighbourOrder(
  matrix: readonly (readonly number[])[],
  choose: (candidates: number[], distances: number[]) => number = (candidates) => candidates[0],
  tolerance = 0,
): number[] {
  const n = matrix.length - 1;
  const left = new Set(Array.from({ length: n }, (_, i) => i + 1));
  const order: number[] = [];
  let at = 0;
  while (left.size > 0) {
    let nearest = Infinity;
    for (const s of left) nearest = Math.min(nearest, matrix[at][s]);
    const candidates = [...left]
      .filter((s) => matrix[at][s] <= nearest * (1 + tolerance) + 1e-9)
      .sort((a, b) => matrix[at][a] - matrix[at][b] || a - b);
    const next = choose(
      candidates,
      candidates.map((s) => matrix[at][s]),
    );
    order.push(next);
    left.delete(next);
    at = next;
  }
  return order;
}

/**
 * 2-opt: reverse the segment between two edges whenever that shortens the route, until no reversal
 * does. Every accepted move shortens the route, so the result is never longer than the input.
 */
export function twoOpt(matrix: readonly (readonly number[])[], order: readonly number[], closed: boolean): number[] {
  const route = [0, ...order];
  const n = route.length;
  // The node after position j: the next stop, the start again on a round trip, or none (−1).
  const after = (j: number) => (j + 1 < n ? route[j + 1] : closed ? 0 : -1);
  const d = (a: number, b: number) => (a < 0 || b < 0 ? 0 : matrix[a][b]);
  let improved = true;
  while (improved) {
    improved = false;
    for (let i = 1; i < n - 1; i++) {
      for (let j = i + 1; j < n; j++) {
        const a = route[i - 1];
        const b = route[i];
        const c = route[j];
        const e = after(j);
        const delta = d(a, c) + d(b, e) - d(a, b) - d(c, e);
        if (delta < -1e-7) {
          for (let lo = i, hi = j; lo < hi; lo++, hi--) [route[lo], route[hi]] = [route[hi], route[lo]];
          improved = true;
        }
      }
    }
  }
  return route.slice(1);
}

export type OrderedRoute = {
  /** Indices into the stops given, in walking order. */
  order: number[];
  metres: number;
  /** The shortest order found; `metres` is at most (1 + maxExtraShare) times this. */
  bestMetres: number;
  /** How many distinct near-optimal orders there were to choose from. */
  choices: number;
};

/** Orders stops into a route from `start`: near-optimal, varied by `seed`. */
export function orderStops(
  start: LatLon,
  stops: readonly LatLon[],
  seed: number,
  params: RouteParams = defaultRouteParams,
): OrderedRoute {
  if (stops.length === 0) return { order: [], metres: 0, bestMetres: 0, choices: 1 };
  const matrix = distanceMatrix(start, stops, params.detourFactor);
  const closed = params.returnToStart;
  const random = mulberry32(seed);
  const candidates = new Map<string, { order: number[]; metres: number }>();
  const consider = (order: number[]) => {
    const improved = twoOpt(matrix, order, closed);
    for (const o of closed ? [improved, [...improved].reverse()] : [improved]) {
      candidates.set(o.join(','), { order: o, metres: routeMetres(matrix, o, closed) });
    }
  };
  consider(nearestNeighbourOrder(matrix));
  const tries = Math.min(40, 4 + 2 * stops.length);
  for (let t = 0; t < tries; t++) {
    // Any stop up to 25 % farther than the nearest may come next; the first stop may be any stop.
    const firstAny = t % 2 === 0;
    let step = 0;
    consider(
      nearestNeighbourOrder(
        matrix,
        (c) => {
          const pickFrom = firstAny && step === 0 ? Array.from({ length: stops.length }, (_, i) => i + 1) : c;
          step++;
          return pickFrom[Math.floor(random() * pickFrom.length)];
        },
        0.25,
      ),
    );
  }
  const all = [...candidates.values()];
  const bestMetres = Math.min(...all.map((c) => c.metres));
  const acceptable = all
    .filter((c) => c.metres <= bestMetres * (1 + params.maxExtraShare) + 1e-6)
    .sort((a, b) => a.metres - b.metres || a.order.join(',').localeCompare(b.order.join(',')));
  const chosen = acceptable[Math.floor(random() * acceptable.length)];
  return {
    order: chosen.order.map((i) => i - 1),
    metres: chosen.metres,
    bestMetres,
    choices: acceptable.length,
  };
}

export type TimedStop = {
  /** Index into the stops given. */
  stop: number;
  walkMetres: number;
  arriveAt: Date;
  departAt: Date;
};

export type StopTimes = {
  stops: TimedStop[];
  /** Back at the start (when returning), else departure from the last stop. */
  endAt: Date;
  walkMetres: number;
  totalMinutes: number;
};

const MINUTE_MS = 60_000;

/** Arrival and departure at each stop, walking the stops in the order given from `start` at `startAt`. */
export function planTimes(
  start: LatLon,
  stops: readonly LatLon[],
  startAt: Date,
  params: Partial<RouteParams> = {},
): StopTimes {
  const p = { ...defaultRouteParams, ...params };
  let at: LatLon = start;
  let clock = startAt.getTime();
  let walked = 0;
  const timed: TimedStop[] = stops.map((stop, i) => {
    const metres = walkingMetres(at, stop, p.detourFactor);
    walked += metres;
    const arriveAt = clock + walkingMinutes(metres, p.speedKmh) * MINUTE_MS;
    clock = arriveAt + p.dwellMinutes * MINUTE_MS;
    at = stop;
    return { stop: i, walkMetres: metres, arriveAt: new Date(arriveAt), departAt: new Date(clock) };
  });
  if (p.returnToStart && stops.length > 0) {
    const back = walkingMetres(at, start, p.detourFactor);
    walked += back;
    clock += walkingMinutes(back, p.speedKmh) * MINUTE_MS;
  }
  return {
    stops: timed,
    endAt: new Date(clock),
    walkMetres: walked,
    totalMinutes: (clock - startAt.getTime()) / MINUTE_MS,
  };
}

export type Visit = TimedStop & { round: number };

export type ShiftPlan = {
  visits: Visit[];
  endAt: Date;
  /** Stops (indices into the stops given) that did not fit the shift even once. */
  dropped: number[];
};

/**
 * Visits for a whole shift: the ordered stops round after round. A stop is not visited again before
 * `revisitMinutes` after the previous visit (the team patrols freely in between), and a visit is
 * planned only if the team can still be back at the start (or finish) by `endAt`, so the plan always
 * fits the shift; stops that do not fit even once are listed as dropped.
 */
export function planShift(
  start: LatLon,
  stops: readonly LatLon[],
  startAt: Date,
  endAt: Date,
  params: Partial<RouteParams> = {},
): ShiftPlan {
  const p = { ...defaultRouteParams, ...params };
  const end = endAt.getTime();
  const lastVisit = new Array<number>(stops.length).fill(-Infinity);
  const visits: Visit[] = [];
  const backBy = (from: LatLon, clock: number) =>
    p.returnToStart ? clock + walkingMinutes(walkingMetres(from, start, p.detourFactor), p.speedKmh) * MINUTE_MS : clock;
  let at: LatLon = start;
  let clock = startAt.getTime();
  // Every visit takes time (walk, dwell or wait), so rounds end; the cap guards against zero settings.
  for (let round = 1; stops.length > 0 && round <= 1000; round++) {
    let visitedThisRound = 0;
    for (let i = 0; i < stops.length; i++) {
      const metres = walkingMetres(at, stops[i], p.detourFactor);
      const arrive = Math.max(
        clock + walkingMinutes(metres, p.speedKmh) * MINUTE_MS,
        lastVisit[i] + p.revisitMinutes * MINUTE_MS,
      );
      const depart = arrive + p.dwellMinutes * MINUTE_MS;
      if (backBy(stops[i], depart) > end) continue;
      visits.push({ stop: i, round, walkMetres: metres, arriveAt: new Date(arrive), departAt: new Date(depart) });
      lastVisit[i] = arrive;
      clock = depart;
      at = stops[i];
      visitedThisRound++;
    }
    if (visitedThisRound === 0) break;
  }
  const visited = new Set(visits.map((v) => v.stop));
  return {
    visits,
    endAt: new Date(backBy(at, clock)),
    dropped: stops.map((_, i) => i).filter((i) => !visited.has(i)),
  };
}
