import { cellToLatLng, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import {
  EvaluationContext,
  bestPossible,
  capturedInTop,
  cellsWithinRadius,
  evaluateMethods,
  type RankingMethod,
} from './evaluate';
import { DAY_MS } from './score';
import { defaultSyntheticCityOptions, type SyntheticCity, type SyntheticReport } from './synthetic-city';

describe('capturedInTop', () => {
  it('counts the test reports in the best k cells', () => {
    expect(capturedInTop([5, 4, 3, 2], [10, 0, 7, 1], 2)).toBe(10);
    expect(capturedInTop([5, 4, 3, 2], [10, 0, 7, 1], 3)).toBe(17);
  });

  it('splits a tied group at the cut-off in proportion, whatever the cell order', () => {
    // Three cells tied for places 2–4, one of them fits: a third of their 9 test reports.
    expect(capturedInTop([9, 1, 1, 1], [2, 0, 0, 9], 2)).toBeCloseTo(2 + 3, 12);
    expect(capturedInTop([9, 1, 1, 1], [2, 9, 0, 0], 2)).toBeCloseTo(2 + 3, 12);
  });

  it('gives PAI 1 in expectation for a method that ranks nothing', () => {
    const truth = [4, 0, 1, 7, 0, 3, 2, 3];
    const total = truth.reduce((a, b) => a + b, 0);
    expect(capturedInTop(new Array(8).fill(0), truth, 2)).toBeCloseTo((total * 2) / 8, 12);
  });
});

describe('bestPossible', () => {
  it('sums the k largest counts', () => {
    expect(bestPossible([1, 9, 3, 7], 2)).toBe(16);
    expect(bestPossible([1, 9], 5)).toBe(10);
  });
});

describe('cellsWithinRadius', () => {
  it('covers a disk with cells of about 0.015 km²', () => {
    const cells = cellsWithinRadius({ lat: 51.6139, lon: 7.5231 }, 1000);
    // π · 1 km² / 0.015 km² ≈ 209 cells at resolution 10.
    expect(cells.length).toBeGreaterThan(180);
    expect(cells.length).toBeLessThan(240);
  });
});

describe('EvaluationContext', () => {
  const start = Date.UTC(2025, 0, 6);
  const centre = { lat: 51.6139, lon: 7.5231 };
  const cellA = latLngToCell(centre.lat, centre.lon, 10);
  const cellB = latLngToCell(centre.lat + 0.005, centre.lon, 10);
  let id = 0;
  const at = (cell: string, day: number, extra: Partial<SyntheticReport> = {}): SyntheticReport => {
    const [lat, lon] = cellToLatLng(cell);
    return {
      id: ++id,
      lat,
      lon,
      cell,
      category: 'other',
      feeling: 3,
      when: { always: true },
      createdAt: start + day * DAY_MS + 3_600_000,
      reporterHash: null,
      duplicateOf: null,
      source: 'background',
      ...extra,
    };
  };
  // History: cell A busy early, cell B busy lately. Test period from day 70: B keeps going.
  const reports = [
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((d) => at(cellA, d)),
    ...[60, 62, 64].map((d) => at(cellB, d)),
    at(cellB, 71),
    at(cellB, 72, { reporterHash: 'x' }),
    at(cellB, 73, { reporterHash: 'x' }),
    at(cellB, 74, { duplicateOf: 1, status: 'duplicate' }),
    at(cellA, 75),
  ];
  const city: SyntheticCity = {
    options: { ...defaultSyntheticCityOptions, start, days: 98, radiusMetres: 1500 },
    reports,
  };
  const context = new EvaluationContext(city, { burnInWeeks: 10, testDays: 28, stepDays: 7, recentDays: 28 });

  it('makes folds from the burn-in to the last full test window', () => {
    expect(context.folds).toEqual([start + 70 * DAY_MS]);
  });

  it('counts test reports without duplicates and each reporter once per cell', () => {
    const truth = context.truthAt(context.folds[0]);
    const a = context.studyArea.indexOf(cellA);
    const b = context.studyArea.indexOf(cellB);
    expect(truth[b]).toBe(2); // the anonymous one and reporter x once; the duplicate is left out
    expect(truth[a]).toBe(1);
    expect(truth.reduce((s, v) => s + v, 0)).toBe(3);
  });

  it('scores PEI 1 for an oracle and shows recency where it matters', () => {
    const oracle: RankingMethod = (t) => context.truthAt(t);
    const results = evaluateMethods(context, {
      oracle,
      allTime: (t) => context.countsBetween(-Infinity, t),
      recent: (t) => context.countsBetween(t - 28 * DAY_MS, t),
    });
    expect(results.oracle.pei['1']).toBeCloseTo(1, 12);
    // 1 % of the area is k cells. All-time counts put A and B first: all 3 test reports. The last 28
    // days know only B (2 of 3); A is among the A − 1 cells tied at zero for the other k − 1 places.
    const k = Math.round(context.area / 100);
    expect(results.recent.hitRate['1']).toBeCloseTo((2 + (k - 1) / (context.area - 1)) / 3, 9);
    expect(results.allTime.hitRate['1']).toBeCloseTo(1, 12);
    expect(results.oracle.pai['1']).toBeCloseTo(1 / (Math.round(context.area / 100) / context.area), 9);
  });
});
