import { describe, expect, it } from 'vitest';
import { localDateOf, localToInstant, nextDay, startOfLocalDay, startOfLocalMonth } from './zone';

describe('local days', () => {
  it('begin at local midnight in Berlin, in winter and in summer time', () => {
    expect(startOfLocalDay('2026-01-15', 'Europe/Berlin').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfLocalDay('2026-07-15', 'Europe/Berlin').toISOString()).toBe('2026-07-14T22:00:00.000Z');
  });

  it('are right on the days the clocks change', () => {
    expect(startOfLocalDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDay('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfLocalDay('2026-10-25', 'Europe/Berlin').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfLocalDay('2026-10-26', 'Europe/Berlin').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('follow each other across months and years', () => {
    expect(nextDay('2026-01-31')).toBe('2026-02-01');
    expect(nextDay('2025-12-31')).toBe('2026-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });

  it('keep the wall clock across a daylight-saving change', () => {
    // 25 October 2026: clocks go back at 3:00, so 1:00–5:00 local lasts five hours.
    const start = localToInstant('2026-10-25', 60, 'Europe/Berlin');
    const end = localToInstant('2026-10-25', 300, 'Europe/Berlin');
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(5);
  });

  it('name the local date of an instant, and when its month began', () => {
    // 23:30 UTC on 31 October is already 1 November in Berlin.
    const instant = new Date('2026-10-31T23:30:00Z');
    expect(localDateOf(instant, 'Europe/Berlin')).toBe('2026-11-01');
    expect(startOfLocalMonth(instant, 'Europe/Berlin').toISOString()).toBe('2026-10-31T23:00:00.000Z');
    expect(startOfLocalMonth(new Date('2026-07-15T12:00:00Z'), 'Europe/Berlin').toISOString()).toBe('2026-06-30T22:00:00.000Z');
  });
});
