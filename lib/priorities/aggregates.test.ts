import { describe, expect, it } from 'vitest';
import { aggregateReports, needsReanchor, slotMaskOf } from './aggregates';
import { DAY_MS, defaultScoreParams, prepareReports, type ScoringReport } from './score';
import { slotShareArray } from './slots';

const params = { bandwidthMetres: 150, halfLifeDays: 10, reporterWindowDays: 30, feelingFloor: 0.2 };
const t0 = Date.UTC(2026, 10, 1);
const report = (over: Partial<ScoringReport>): ScoringReport => ({
  lat: 51.6139,
  lon: 7.5231,
  category: 'harassment',
  feeling: 5,
  when: { always: true },
  createdAt: t0,
  reporterHash: null,
  ...over,
});

describe('stored aggregates', () => {
  it('marks the slots a "when" answer reaches', () => {
    expect(slotMaskOf(slotShareArray({ always: true }))).toBe(0xff);
    // evening-weekday is slot 4, evening-weekend slot 5 (slotIds order).
    expect(slotMaskOf(slotShareArray({ times: ['evening'], days: ['fri'] }))).toBe(1 << 4);
    expect(slotMaskOf(slotShareArray({ times: ['evening'], days: ['fri', 'sat'] }))).toBe((1 << 4) | (1 << 5));
  });

  it('anchors the decay: another anchor scales every sum by the same power of two', () => {
    const set = prepareReports([report({}), report({ createdAt: t0 + 5 * DAY_MS, lat: 51.6141 }), report({ createdAt: t0 - 40 * DAY_MS, feeling: 2 })]);
    const weight = () => 1;
    const a = aggregateReports(set, params, t0, weight);
    const b = aggregateReports(set, params, t0 + 20 * DAY_MS, weight);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [key, row] of a) {
      const other = b.get(key)!;
      row.slots.forEach((v, s) => expect(other.slots[s]).toBeCloseTo(v * 2 ** -2, 12));
      expect(other.reports).toBe(row.reports);
      // Σ (t − anchor) moves by n · 20 days.
      expect(other.timeSum).toBeCloseTo(row.timeSum - 20 * row.reports, 9);
    }
  });

  it('counts a reporter once per cell within the window, keeping the stronger report', () => {
    const same = { reporterHash: 'r1' };
    const set = prepareReports([report({ ...same, feeling: 2 }), report({ ...same, createdAt: t0 + 3 * DAY_MS, feeling: 5 }), report({ ...same, createdAt: t0 + 40 * DAY_MS })]);
    const rows = [...aggregateReports(set, params, t0, () => 1).values()];
    const own = rows.find((r) => r.own.some((v) => v > 0))!;
    // Three reports, two windows (day 0–30 and day 40): two count, one reporter.
    expect(own.reports).toBe(2);
    expect(own.reporters).toBe(1);
    expect(own.feelingSum).toBe(10);
  });

  it('asks for a new anchor before anchored sums can overflow', () => {
    expect(needsReanchor(t0 + 100 * DAY_MS, t0, defaultScoreParams.halfLifeDays)).toBe(false);
    expect(needsReanchor(t0 + 700 * DAY_MS, t0, 1)).toBe(true);
  });
});
