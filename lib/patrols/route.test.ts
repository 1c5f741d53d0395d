import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haversineMetres } from '@/lib/geo/distance';
import {
  defaultRouteParams,
  distanceMatrix,
  nearestNeighbourOrder,
  orderStops,
  planShift,
  planTimes,
  routeMetres,
  twoOpt,
  walkingMetres,
} from './route';

const TOWN_HALL = { lat: 51.6139, lon: 7.5231 };
const MINUTE = 60_000;

/** Points within ~2 km of the town hall. */
const point = fc.record({
  lat: fc.double({ min: 51.596, max: 51.632, noNaN: true }),
  lon: fc.double({ min: 7.494, max: 7.552, noNaN: true }),
});

function isPermutation(order: number[], n: number) {
  return order.length === n && new Set(order).size === n && order.every((i) => i >= 0 && i < n);
}

/** n stops on a circle of `radius` metres around the start: every direction of travel is as good. */
function circle(n: number, radius = 600) {
  return Array.from({ length: n }, (_, k) => ({
    lat: TOWN_HALL.lat + (radius / 111_195) * Math.sin((2 * Math.PI * k) / n),
    lon: TOWN_HALL.lon + (radius / (111_195 * Math.cos((TOWN_HALL.lat * Math.PI) / 180))) * Math.cos((2 * Math.PI * k) / n),
  }));
}

describe('twoOpt', () => {
  it('never makes a route longer, open or closed, and keeps every stop', () => {
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 14 }), fc.boolean(), fc.integer(), (stops, closed, salt) => {
        const matrix = distanceMatrix(TOWN_HALL, stops, 1.3);
        // Any starting order: a shuffled one from the salt.
        const order = stops.map((_, i) => i + 1).sort((a, b) => ((a * 7919 + salt) % 13) - ((b * 7919 + salt) % 13));
        const improved = twoOpt(matrix, order, closed);
        expect(isPermutation(improved.map((i) => i - 1), stops.length)).toBe(true);
        expect(routeMetres(matrix, improved, closed)).toBeLessThanOrEqual(routeMetres(matrix, order, closed) + 1e-6);
      }),
      { numRuns: 300 },
    );
  });

  it('untangles a crossing', () => {
    // Square corners visited crosswise (0 → A → C → B → D) is longer than around the square.
    const d = 0.004;
    const stops = [
      { lat: TOWN_HALL.lat + d, lon: TOWN_HALL.lon },
      { lat: TOWN_HALL.lat + d, lon: TOWN_HALL.lon + 2 * d },
      { lat: TOWN_HALL.lat, lon: TOWN_HALL.lon + 2 * d },
    ];
    const matrix = distanceMatrix(TOWN_HALL, stops, 1);
    const crossed = [1, 3, 2];
    const improved = twoOpt(matrix, crossed, true);
    expect(routeMetres(matrix, improved, true)).toBeLessThan(routeMetres(matrix, crossed, true));
    expect([improved, [...improved].reverse()].map((o) => o.join())).toContain('1,2,3');
  });
});

describe('orderStops', () => {
  it('returns every stop once, at most 10 % longer than the best order it found, never worse than NN + 10 %', () => {
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 12 }), fc.integer(), (stops, seed) => {
        const route = orderStops(TOWN_HALL, stops, seed);
        expect(isPermutation(route.order, stops.length)).toBe(true);
        const matrix = distanceMatrix(TOWN_HALL, stops, defaultRouteParams.detourFactor);
        const metres = routeMetres(matrix, route.order.map((i) => i + 1), true);
        expect(metres).toBeCloseTo(route.metres, 6);
        expect(route.metres).toBeLessThanOrEqual(route.bestMetres * 1.1 + 1e-6);
        const nn = routeMetres(matrix, twoOpt(matrix, nearestNeighbourOrder(matrix), true), true);
        expect(route.metres).toBeLessThanOrEqual(nn * 1.1 + 1e-6);
      }),
      { numRuns: 100 },
    );
  });

  it('gives different orders for different seeds when several are as good', () => {
    const stops = circle(8);
    const orders = new Set(Array.from({ length: 12 }, (_, seed) => orderStops(TOWN_HALL, stops, seed).order.join()));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('gives the same order for the same seed', () => {
    const stops = circle(9, 900);
    expect(orderStops(TOWN_HALL, stops, 42)).toEqual(orderStops(TOWN_HALL, stops, 42));
  });
});

describe('planTimes', () => {
  it('adds walking and dwell times up', () => {
    const stops = circle(5, 800);
    const startAt = new Date('2025-06-13T18:00:00Z');
    const plan = planTimes(TOWN_HALL, stops, startAt);
    let previous = { at: TOWN_HALL, departAt: startAt.getTime() };
    let walked = 0;
    for (const s of plan.stops) {
      const metres = haversineMetres(previous.at, stops[s.stop]) * 1.3;
      walked += metres;
      expect(s.walkMetres).toBeCloseTo(metres, 6);
      expect((s.arriveAt.getTime() - previous.departAt) / MINUTE).toBeCloseTo(metres / 75, 3); // 4.5 km/h = 75 m/min; Dates keep whole milliseconds
      expect((s.departAt.getTime() - s.arriveAt.getTime()) / MINUTE).toBe(15);
      previous = { at: stops[s.stop], departAt: s.departAt.getTime() };
    }
    walked += haversineMetres(previous.at, TOWN_HALL) * 1.3;
    expect(plan.walkMetres).toBeCloseTo(walked, 6);
    expect(plan.totalMinutes).toBeCloseTo(walked / 75 + 5 * 15, 6);
    expect(plan.endAt.getTime() - startAt.getTime()).toBeCloseTo(plan.totalMinutes * MINUTE, 0);
  });

  it('uses the dwell time and speed given', () => {
    const stop = { lat: TOWN_HALL.lat + 0.009, lon: TOWN_HALL.lon }; // ≈ 1 km north
    const plan = planTimes(TOWN_HALL, [stop], new Date(0), { dwellMinutes: 10, speedKmh: 3, returnToStart: false });
    const metres = walkingMetres(TOWN_HALL, stop);
    expect(plan.totalMinutes).toBeCloseTo(metres / 50 + 10, 6);
  });
});

describe('planShift', () => {
  const startAt = new Date('2025-06-13T16:00:00Z');
  const endAt = new Date('2025-06-13T22:00:00Z');

  it('revisits each stop about every two hours and fits the shift', () => {
    const stops = circle(4, 400);
    const plan = planShift(TOWN_HALL, stops, startAt, endAt);
    expect(plan.dropped).toEqual([]);
    expect(plan.endAt.getTime()).toBeLessThanOrEqual(endAt.getTime());
    for (let i = 0; i < stops.length; i++) {
      const times = plan.visits.filter((v) => v.stop === i).map((v) => v.arriveAt.getTime());
      expect(times.length).toBeGreaterThanOrEqual(2);
      for (let k = 1; k < times.length; k++) {
        const gap = (times[k] - times[k - 1]) / MINUTE;
        expect(gap).toBeGreaterThanOrEqual(120);
        expect(gap).toBeLessThan(120 + 60);
      }
    }
    for (const v of plan.visits) expect(v.departAt.getTime()).toBeLessThanOrEqual(endAt.getTime());
  });

  it('drops stops that do not fit a short shift', () => {
    const far = circle(6, 3000);
    const plan = planShift(TOWN_HALL, far, startAt, new Date(startAt.getTime() + 90 * MINUTE));
    expect(plan.dropped.length).toBeGreaterThan(0);
    expect(plan.endAt.getTime()).toBeLessThanOrEqual(startAt.getTime() + 90 * MINUTE);
  });
});
