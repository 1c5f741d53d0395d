import { describe, expect, it } from 'vitest';
import {
  parseWeekWindow,
  shiftSlotWeights,
  slotIds,
  slotOf,
  slotShares,
  whenFromKey,
  whenKey,
  windowSlotWeights,
  type SlotId,
} from './slots';

const BERLIN = 'Europe/Berlin';

function sum(record: Record<SlotId, number>): number {
  return Object.values(record).reduce((a, b) => a + b, 0);
}

function nonZero(record: Record<SlotId, number>): Partial<Record<SlotId, number>> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== 0));
}

describe('slotShares', () => {
  it('spreads "always" evenly: 1/8 per slot', () => {
    const shares = slotShares({ always: true });
    expect(Object.keys(shares)).toHaveLength(8);
    for (const s of slotIds) expect(shares[s]).toBeCloseTo(1 / 8, 12);
  });

  it('puts a single time and day in one slot', () => {
    expect(nonZero(slotShares({ times: ['night'], days: ['sat'] }))).toEqual({ 'night-weekend': 1 });
    expect(nonZero(slotShares({ times: ['morning'], days: ['mon', 'tue'] }))).toEqual({ 'morning-weekday': 1 });
  });

  it('weighs weekday and weekend slots by the number of chosen days', () => {
    const shares = slotShares({ times: ['evening', 'night'], days: ['thu', 'fri', 'sat'] });
    expect(shares['evening-weekday']).toBeCloseTo((1 / 2) * (2 / 3), 12);
    expect(shares['night-weekday']).toBeCloseTo((1 / 2) * (2 / 3), 12);
    expect(shares['evening-weekend']).toBeCloseTo((1 / 2) * (1 / 3), 12);
    expect(shares['night-weekend']).toBeCloseTo((1 / 2) * (1 / 3), 12);
    expect(shares['day-weekday']).toBe(0);
  });

  it('always sums to 1, whatever was ticked', () => {
    const times = ['morning', 'day', 'evening', 'night'] as const;
    const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
    for (let mask = 1; mask < 16; mask++) {
      for (let dayMask = 1; dayMask < 128; dayMask += 7) {
        const when = {
          times: times.filter((_, i) => mask & (1 << i)),
          days: days.filter((_, i) => dayMask & (1 << i)),
        };
        expect(sum(slotShares(when))).toBeCloseTo(1, 12);
      }
    }
  });

  it('round-trips answers through their compact key', () => {
    const when = { times: ['day' as const, 'night' as const], days: ['mon' as const, 'sun' as const] };
    expect(whenFromKey(whenKey(when))).toEqual(when);
    expect(whenFromKey(whenKey({ always: true }))).toEqual({ always: true });
  });
});

describe('slotOf', () => {
  it('uses local time, not UTC', () => {
    // 2025-06-13 is a Friday; 16:30 UTC is 18:30 in Berlin (summer time).
    expect(slotOf(new Date('2025-06-13T16:30:00Z'), BERLIN)).toBe('evening-weekday');
    expect(slotOf(new Date('2025-06-13T16:30:00Z'), 'UTC')).toBe('day-weekday');
  });

  it('gives the hours after midnight to the night that began the day before', () => {
    // Saturday 02:00 local belongs to Friday night, a weekday night.
    expect(slotOf(new Date('2025-06-14T00:00:00Z'), BERLIN)).toBe('night-weekday');
    // Monday 03:00 local belongs to Sunday night.
    expect(slotOf(new Date('2025-06-16T01:00:00Z'), BERLIN)).toBe('night-weekend');
    // Saturday 07:00 local is a weekend morning.
    expect(slotOf(new Date('2025-06-14T05:00:00Z'), BERLIN)).toBe('morning-weekend');
  });

  it('puts the slot boundaries where the form says', () => {
    const at = (iso: string) => slotOf(new Date(iso), 'UTC');
    expect(at('2025-06-11T05:59:00Z')).toBe('night-weekday');
    expect(at('2025-06-11T06:00:00Z')).toBe('morning-weekday');
    expect(at('2025-06-11T10:00:00Z')).toBe('day-weekday');
    expect(at('2025-06-11T18:00:00Z')).toBe('evening-weekday');
    expect(at('2025-06-11T22:00:00Z')).toBe('night-weekday');
  });
});

describe('windowSlotWeights', () => {
  it('splits "Fri 20–24 h" into evening and night hours', () => {
    expect(nonZero(windowSlotWeights({ days: ['fri'], from: 20, to: 24 }))).toEqual({
      'evening-weekday': 2,
      'night-weekday': 2,
    });
  });

  it('follows a window past midnight', () => {
    expect(nonZero(windowSlotWeights({ days: ['sat'], from: 22, to: 2 }))).toEqual({ 'night-weekend': 4 });
    // Sunday night runs into Monday: the week wraps.
    expect(nonZero(windowSlotWeights({ days: ['sun'], from: 20, to: 8 }))).toEqual({
      'evening-weekend': 2,
      'night-weekend': 8,
      'morning-weekday': 2,
    });
  });

  it('covers the whole week with 168 hours', () => {
    const week = windowSlotWeights({ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: 0, to: 24 });
    expect(sum(week)).toBe(168);
    expect(week['day-weekday']).toBe(5 * 8);
    expect(week['night-weekend']).toBe(2 * 8);
  });
});

describe('parseWeekWindow', () => {
  it('reads the forms staff type', () => {
    expect(parseWeekWindow('Fri 20–24 h')).toEqual({ days: ['fri'], from: 20, to: 24 });
    expect(parseWeekWindow('sat 22-2')).toEqual({ days: ['sat'], from: 22, to: 2 });
    expect(parseWeekWindow('Mon-Fri 7:30-9')).toEqual({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: 7.5, to: 9 });
    expect(parseWeekWindow('sat, sun 18–22')).toEqual({ days: ['sat', 'sun'], from: 18, to: 22 });
    expect(parseWeekWindow('Freitag abends')).toBeNull();
  });
});

describe('shiftSlotWeights', () => {
  it('counts the hours of a shift per slot in local time', () => {
    // Friday 2025-06-13 19:00–01:00 Berlin = 17:00–23:00 UTC.
    const weights = shiftSlotWeights(new Date('2025-06-13T17:00:00Z'), new Date('2025-06-13T23:00:00Z'), BERLIN);
    expect(nonZero(weights)).toEqual({ 'evening-weekday': 3, 'night-weekday': 3 });
  });
});
