import { describe, expect, it } from 'vitest';
import type { CellPriority } from '@/lib/priorities/rank';
import { emptySlotRecord } from '@/lib/priorities/slots';
import { moveItem, proposeStops, reasonsOf, scheduleStops, shiftInstants } from './plan';
import { checkTeam } from './team';

const START = { lat: 51.6139, lon: 7.5231 };
const MINUTE = 60_000;
const params = { dwellMinutes: 15, revisitMinutes: 120 };

/** A priority `north` and `east` hundreds of metres from the start. */
function priority(n: number, north: number, east: number, options: Partial<CellPriority> = {}): CellPriority {
  return {
    cell: `cell-${n}`,
    lat: START.lat + (north * 100) / 111_195,
    lon: START.lon + (east * 100) / 69_000,
    score: 10 - n * 0.1,
    total: 10,
    slots: { ...emptySlotRecord(), 'evening-weekday': 2, 'night-weekday': 1 },
    reports: 5,
    reporters: 4,
    newestDays: 3,
    meanAgeDays: 12,
    severity: 3.5,
    categories: { drugs: 3, harassment: 2 },
    trend: { recent: 2, previous: 1, ratio: 2 },
    z: 4.2,
    p: 0.0001,
    significant: true,
    override: 1,
    gated: true,
    ...options,
  };
}

/** Twelve gated places around the start, 300–900 m away. */
const ring = Array.from({ length: 12 }, (_, k) => priority(k, 3 * Math.sin(k) + (k % 3) * 2, 3 * Math.cos(k) - (k % 4)));

const friday = shiftInstants('2026-11-27', '20:00', '00:00', 'Europe/Berlin');
const long = shiftInstants('2026-11-27', '18:00', '02:00', 'Europe/Berlin');

describe('shift times', () => {
  it('reads local times in the city time zone, past midnight onto the next day', () => {
    expect(friday.startsAt.toISOString()).toBe('2026-11-27T19:00:00.000Z');
    expect(friday.endsAt.toISOString()).toBe('2026-11-27T23:00:00.000Z');
    const summer = shiftInstants('2026-07-03', '22:00', '02:00', 'Europe/Berlin');
    expect(summer.startsAt.toISOString()).toBe('2026-07-03T20:00:00.000Z');
    expect(summer.endsAt.toISOString()).toBe('2026-07-04T00:00:00.000Z');
  });
});

describe('proposeStops', () => {
  it('takes gated places only, and as many as one round fits into the revisit interval', () => {
    const mixed = [priority(90, 1, 1, { gated: false, score: 99 }), ...ring];
    const { stops, ungated } = proposeStops(mixed, { start: START, ...friday, seed: 1, cityCells: 5000, params });
    expect(ungated).toBe(false);
    expect(stops.map((s) => s.cell)).not.toContain('cell-90');
    expect(stops.length).toBeGreaterThan(2);
    const round = scheduleStops(START, stops, friday.startsAt, new Date(friday.startsAt.getTime() + 24 * 3_600_000), params);
    // One round (the first visit of every stop, then back) fits in two hours.
    const firstRoundEnd = Math.max(...round.stops.map((s) => s.departures[0].getTime()));
    expect(firstRoundEnd - friday.startsAt.getTime()).toBeLessThanOrEqual(120 * MINUTE);
  });

  it('does not let one far-off place crowd out a cluster of nearly as urgent ones', () => {
    // The best place is 2.5 km away; six almost as good ones lie within 400 m of the start.
    const far = priority(0, 25, 0, { cell: 'far', score: 12 });
    const near = Array.from({ length: 6 }, (_, k) => priority(k + 1, Math.sin(k) * 3, Math.cos(k) * 3, { score: 10 }));
    const { stops } = proposeStops([far, ...near], { start: START, ...friday, seed: 1, cityCells: 5000, params });
    expect(stops.filter((s) => s.cell !== 'far').length).toBeGreaterThanOrEqual(5);
  });

  it('never covers more than 5 % of the city', () => {
    const { stops } = proposeStops(ring, { start: START, ...long, seed: 1, cityCells: 60, params });
    expect(stops).toHaveLength(3);
  });

  it('falls back to the best ungated places, marked, when nothing passes the gate', () => {
    const quiet = ring.map((p) => ({ ...p, gated: false }));
    const { stops, ungated } = proposeStops(quiet, { start: START, ...friday, seed: 1, cityCells: 5000, params });
    expect(ungated).toBe(true);
    expect(stops.length).toBeGreaterThan(0);
  });

  it('orders the same places differently for different seeds, and alike for the same seed', () => {
    const orders = new Set<string>();
    for (let seed = 1; seed <= 8; seed++) {
      const { stops } = proposeStops(ring.slice(0, 6), { start: START, ...friday, seed, cityCells: 5000, params: { ...params, revisitMinutes: 240 } });
      orders.add(stops.map((s) => s.cell).join());
    }
    expect(orders.size).toBeGreaterThan(1);
    const again = (seed: number) => proposeStops(ring, { start: START, ...friday, seed, cityCells: 5000, params }).stops.map((s) => s.cell).join();
    expect(again(7)).toBe(again(7));
  });
});

describe('scheduleStops', () => {
  const stops = ring.slice(0, 4);

  it('fits the shift: every visit ends and the team is back by the end', () => {
    const schedule = scheduleStops(START, stops, long.startsAt, long.endsAt, params);
    expect(schedule.endAt.getTime()).toBeLessThanOrEqual(long.endsAt.getTime());
    for (const visit of schedule.visits) {
      expect(visit.arriveAt.getTime()).toBeGreaterThanOrEqual(long.startsAt.getTime());
      expect(visit.departAt.getTime()).toBeLessThanOrEqual(long.endsAt.getTime());
    }
  });

  it('stays the dwell time at each stop', () => {
    const schedule = scheduleStops(START, stops, long.startsAt, long.endsAt, { ...params, dwellMinutes: 12 });
    for (const visit of schedule.visits) expect(visit.departAt.getTime() - visit.arriveAt.getTime()).toBe(12 * MINUTE);
  });

  it('comes back to each stop about every two hours in a long shift, not sooner', () => {
    const schedule = scheduleStops(START, stops, long.startsAt, long.endsAt, params);
    for (const stop of schedule.stops) {
      expect(stop.arrivals.length).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < stop.arrivals.length; i++) {
        const gap = stop.arrivals[i].getTime() - stop.arrivals[i - 1].getTime();
        expect(gap).toBeGreaterThanOrEqual(120 * MINUTE);
        expect(gap).toBeLessThan(180 * MINUTE);
      }
    }
  });

  it('updates the times when a stop is dropped, added or moved', () => {
    const before = scheduleStops(START, stops, friday.startsAt, friday.endsAt, params);
    const dropped = scheduleStops(START, stops.slice(1), friday.startsAt, friday.endsAt, params);
    // Without the first stop, the (former) second stop is reached sooner.
    expect(dropped.stops[0].arrivals[0].getTime()).toBeLessThan(before.stops[1].arrivals[0].getTime());
    const added = scheduleStops(START, [...stops, ring[8]], friday.startsAt, friday.endsAt, params);
    expect(added.stops[4].arrivals[0].getTime()).toBeGreaterThan(before.stops[3].departures[0].getTime());
    const moved = moveItem(stops, 3, 0);
    expect(moved.map((s) => s.cell)).toEqual([stops[3], stops[0], stops[1], stops[2]].map((s) => s.cell));
    const reordered = scheduleStops(START, moved, friday.startsAt, friday.endsAt, params);
    expect(reordered.stops[1].arrivals[0].getTime()).toBeGreaterThan(before.stops[0].arrivals[0].getTime());
  });

  it('lists stops that do not fit even once', () => {
    const far = priority(50, 200, 0);
    const short = shiftInstants('2026-11-27', '20:00', '21:00', 'Europe/Berlin');
    expect(scheduleStops(START, [stops[0], far], short.startsAt, short.endsAt, params).unreachable).toEqual([1]);
  });
});

describe('reasonsOf', () => {
  it('keeps the numbers that explain a stop, with the shift slots it scores in', () => {
    const reasons = reasonsOf(ring[0], { 'evening-weekday': 2, 'night-weekday': 2, 'day-weekday': 1 });
    expect(reasons).toMatchObject({ reports: 5, reporters: 4, severity: 3.5, z: 4.2, gated: true, topSlots: ['evening-weekday', 'night-weekday'], trendRatio: 2 });
  });
});

describe('checkTeam', () => {
  const staff = [
    { id: 1, roles: ['police' as const], active: true },
    { id: 2, roles: ['triage' as const], active: true },
    { id: 3, roles: ['police' as const, 'triage' as const], active: true },
    { id: 4, roles: ['coordinator' as const], active: false },
  ];
  it('needs a police member and another, city member', () => {
    expect(checkTeam([1, 2], staff)).toBeNull();
    expect(checkTeam([3, 2], staff)).toBeNull();
    expect(checkTeam([1], staff)).toBe('team_needs_city_and_police');
    expect(checkTeam([3], staff)).toBe('team_needs_city_and_police');
    expect(checkTeam([2, 2], staff)).toBe('team_needs_city_and_police');
  });
  it('refuses unknown and inactive members', () => {
    expect(checkTeam([1, 4], staff)).toBe('team_unknown_member');
    expect(checkTeam([1, 99], staff)).toBe('team_unknown_member');
  });
});
