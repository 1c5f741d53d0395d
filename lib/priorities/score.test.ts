import { cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { haversineMetresRaw } from '@/lib/geo/distance';
import {
  DAY_MS,
  decayFactor,
  defaultScoreParams,
  designScoreParams,
  feelingFactor,
  prepareReports,
  quarticKernel,
  scoreCells,
  type ScoreParams,
  type ScoringReport,
} from './score';
import { slotIds } from './slots';

const T0 = Date.UTC(2025, 5, 1, 12);
const CENTRE_CELL = latLngToCell(51.6139, 7.5231, 10);
const [CENTRE_LAT, CENTRE_LON] = cellToLatLng(CENTRE_CELL);
const PARAMS: ScoreParams = { ...designScoreParams, categoryWeights: { harassment: 2, 'poor-lighting': 1 } };

let nextId = 1;
function report(overrides: Partial<ScoringReport> = {}): ScoringReport {
  return {
    id: nextId++,
    lat: CENTRE_LAT,
    lon: CENTRE_LON,
    category: 'poor-lighting',
    feeling: 5,
    when: { always: true },
    createdAt: T0,
    reporterHash: null,
    duplicateOf: null,
    ...overrides,
  };
}

/** Total score and support of one cell. */
function scoreOf(reports: ScoringReport[], now = T0, cell = CENTRE_CELL, params = PARAMS) {
  const set = prepareReports(reports);
  const scores = scoreCells(set, params, now);
  const c = set.cells.indexOf(cell);
  if (c === undefined || c >= scores.cellCount) return { total: 0, reports: 0, reporters: 0, scores, c: -1 };
  return { total: scores.score[c], reports: scores.reports[c], reporters: scores.reporters[c], scores, c };
}

describe('quarticKernel', () => {
  it('is 1 at the report and 0 at and beyond the bandwidth', () => {
    expect(quarticKernel(0, 200)).toBe(1);
    expect(quarticKernel(200, 200)).toBe(0);
    expect(quarticKernel(250, 200)).toBe(0);
    expect(quarticKernel(100, 200)).toBeCloseTo(0.5625, 12); // (1 − ¼)²
  });

  it('falls monotonically', () => {
    let last = 1;
    for (let d = 10; d <= 200; d += 10) {
      const k = quarticKernel(d, 200);
      expect(k).toBeLessThan(last);
      last = k;
    }
  });
});

describe('parameters', () => {
  it("default to DESIGN.md's values except the evaluated bandwidth and half-life", () => {
    expect({ ...defaultScoreParams, bandwidthMetres: 200, halfLifeDays: 28 }).toEqual(designScoreParams);
    expect(defaultScoreParams.bandwidthMetres).toBe(150);
    expect(defaultScoreParams.halfLifeDays).toBe(10);
  });

  it('use the bandwidth given: a cell 170 m away shares a report at h = 200 m, not at 150 m', () => {
    const away = report({ lat: CENTRE_LAT + 170 / 111_195 });
    expect(haversineMetresRaw(away.lat, away.lon, CENTRE_LAT, CENTRE_LON)).toBeCloseTo(170, 0);
    expect(scoreOf([away], T0, CENTRE_CELL, PARAMS).total).toBeCloseTo(quarticKernel(170, 200), 4);
    expect(scoreOf([away], T0, CENTRE_CELL, { ...PARAMS, bandwidthMetres: 150 }).total).toBe(0);
  });
});

describe('decay and feeling', () => {
  it('halves after one half-life', () => {
    expect(decayFactor(0, 28)).toBe(1);
    expect(decayFactor(28, 28)).toBeCloseTo(0.5, 12);
    expect(decayFactor(56, 28)).toBeCloseTo(0.25, 12);
  });

  it('halves a cell score after 28 days', () => {
    const now = scoreOf([report()], T0).total;
    const later = scoreOf([report()], T0 + 28 * DAY_MS).total;
    expect(now).toBeCloseTo(1, 6);
    expect(later / now).toBeCloseTo(0.5, 6);
  });

  it('ignores reports made after the ranking time', () => {
    expect(scoreOf([report({ createdAt: T0 + DAY_MS })], T0).total).toBe(0);
  });

  it('scales feeling 1..5 to 0.2..1', () => {
    expect([1, 2, 3, 4, 5].map((f) => feelingFactor(f))).toEqual([0.2, 0.4, 0.6000000000000001, 0.8, 1]);
    expect(scoreOf([report({ feeling: 2 })]).total).toBeCloseTo(0.4, 6);
  });

  it('multiplies by the category weight', () => {
    expect(scoreOf([report({ category: 'harassment' })]).total).toBeCloseTo(2, 6);
    expect(scoreOf([report({ category: 'unknown' })]).total).toBeCloseTo(1, 6);
  });
});

describe('kernel neighbourhoods', () => {
  it('shares a report with neighbouring cells by K of the centre distance', () => {
    const { scores } = scoreOf([report()]);
    for (const id of gridDisk(CENTRE_CELL, 1)) {
      const c = scores.cells.indexOf(id);
      expect(c).toBeDefined();
      const [lat, lon] = cellToLatLng(id);
      const expected = quarticKernel(haversineMetresRaw(lat, lon, CENTRE_LAT, CENTRE_LON), 200);
      expect(scores.score[c!]).toBeCloseTo(expected, 5);
    }
  });

  it('agrees with a brute-force sum over haversine distances', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const reports = Array.from({ length: 300 }, (_, i) =>
      report({
        lat: CENTRE_LAT + (random() - 0.5) * 0.01,
        lon: CENTRE_LON + (random() - 0.5) * 0.016,
        feeling: 1 + Math.floor(random() * 5),
        createdAt: T0 - Math.floor(random() * 60) * DAY_MS,
        category: i % 3 === 0 ? 'harassment' : 'poor-lighting',
      }),
    );
    const expected = new Map<string, number>();
    for (const r of reports) {
      const age = (T0 - (r.createdAt as number)) / DAY_MS;
      const weight = (r.category === 'harassment' ? 2 : 1) * feelingFactor(r.feeling) * decayFactor(age, 28);
      for (const id of gridDisk(latLngToCell(r.lat, r.lon, 10), 5)) {
        const [lat, lon] = cellToLatLng(id);
        const k = quarticKernel(haversineMetresRaw(lat, lon, r.lat, r.lon), 200);
        if (k > 0) expected.set(id, (expected.get(id) ?? 0) + weight * k);
      }
    }
    const set = prepareReports(reports);
    const scores = scoreCells(set, PARAMS, T0);
    let compared = 0;
    for (let c = 0; c < scores.cellCount; c++) {
      const want = expected.get(set.cells.ids[c]) ?? 0;
      expect(Math.abs(scores.score[c] - want)).toBeLessThan(1e-4 * Math.max(1, want));
      if (want > 0) compared++;
    }
    expect(compared).toBe(expected.size);
  });
});

describe('slots', () => {
  it('spreads "always" at 1/8 per slot and a specific answer into its slot', () => {
    const { scores, c } = scoreOf([
      report(),
      report({ when: { times: ['night'], days: ['sat'] }, reporterHash: 'x' }),
    ]);
    const slots = scores.slots.subarray(c * 8, c * 8 + 8);
    slotIds.forEach((s, i) => expect(slots[i]).toBeCloseTo(s === 'night-weekend' ? 1 + 1 / 8 : 1 / 8, 6));
  });

  it('ranks a window by its slot weights and leaves out reports outside it', () => {
    const reports = [report({ when: { times: ['morning'], days: ['mon'] } }), report({ when: { times: ['night'], days: ['fri'] } })];
    const set = prepareReports(reports);
    const scores = scoreCells(set, PARAMS, T0, { slotWeights: { 'night-weekday': 2 } });
    const c = set.cells.indexOf(CENTRE_CELL)!;
    expect(scores.score[c]).toBeCloseTo(2, 6);
    expect(scores.reports[c]).toBe(1);
  });
});

describe('reporters and duplicates', () => {
  it('counts a reporter once per cell within 30 days, keeping the strongest report', () => {
    const reports = [
      report({ reporterHash: 'a', feeling: 2, createdAt: T0 - 10 * DAY_MS }),
      report({ reporterHash: 'a', feeling: 5, createdAt: T0 - 5 * DAY_MS }),
      report({ reporterHash: 'a', feeling: 3, createdAt: T0 }),
    ];
    const result = scoreOf(reports);
    expect(result.reports).toBe(1);
    expect(result.reporters).toBe(1);
    expect(result.total).toBeCloseTo(1 * decayFactor(5, 28), 6);
  });

  it('counts the same reporter again after 30 days', () => {
    const reports = [
      report({ reporterHash: 'a', createdAt: T0 - 40 * DAY_MS }),
      report({ reporterHash: 'a', createdAt: T0 - 20 * DAY_MS }),
      report({ reporterHash: 'a', createdAt: T0 - 5 * DAY_MS }),
    ];
    const result = scoreOf(reports);
    // Windows: [−40, −10) holds −40 and −20; the report at −5 opens the next window.
    expect(result.reports).toBe(2);
    expect(result.reporters).toBe(1);
    expect(result.total).toBeCloseTo(decayFactor(20, 28) + decayFactor(5, 28), 6);
  });

  it('counts anonymous reports each, and different reporters each', () => {
    expect(scoreOf([report(), report(), report()]).reports).toBe(3);
    const named = scoreOf([report({ reporterHash: 'a' }), report({ reporterHash: 'b' }), report({ reporterHash: 'a' })]);
    expect(named.reports).toBe(2);
    expect(named.reporters).toBe(2);
  });

  it('applies the rule per cell: a spammer still counts once in each cell they reach', () => {
    const spam = Array.from({ length: 20 }, (_, i) => report({ reporterHash: 's', createdAt: T0 - i * 3600_000 }));
    const { scores } = scoreOf(spam);
    for (let c = 0; c < scores.cellCount; c++) {
      if (scores.score[c] > 0) expect(scores.reports[c]).toBe(1);
    }
  });

  it('counts merged duplicates once: only the surviving report', () => {
    const survivor = report({ id: 100 });
    const merged = [report({ id: 101, duplicateOf: 100 }), report({ id: 102, duplicateOf: 100, status: 'duplicate' })];
    const result = scoreOf([survivor, ...merged]);
    expect(result.reports).toBe(1);
    expect(result.total).toBeCloseTo(1, 6);
    expect(scoreOf([report({ status: 'dismissed' })]).total).toBe(0);
  });
});

describe('the reporter rule against a plain implementation', () => {
  it('gives the same cell sums and counts as checking every reporter–cell pair', () => {
    let seed = 99;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const reporters = ['a', 'b', 'c', 'd', null];
    const reports = Array.from({ length: 400 }, () =>
      report({
        // A few spots per reporter, a little scatter: pairs within and beyond 2h and 30 days.
        lat: CENTRE_LAT + Math.floor(random() * 4) * 0.0015 + random() * 0.0004,
        lon: CENTRE_LON + Math.floor(random() * 4) * 0.0022 + random() * 0.0006,
        reporterHash: reporters[Math.floor(random() * reporters.length)],
        feeling: 1 + Math.floor(random() * 5),
        createdAt: T0 - Math.floor(random() * 120 * 24) * 3_600_000,
      }),
    );
    const params = { ...PARAMS, bandwidthMetres: 150, halfLifeDays: 10 };

    // Plain: every contribution, then per reporter and cell greedy 30-day windows keeping the strongest.
    type Contribution = { reporter: string | null; cell: string; time: number; value: number };
    const contributions: Contribution[] = [];
    for (const r of reports) {
      const time = r.createdAt as number;
      const weight = feelingFactor(r.feeling, params.feelingFloor) * decayFactor((T0 - time) / DAY_MS, 10);
      for (const id of gridDisk(latLngToCell(r.lat, r.lon, 10), 4)) {
        const [lat, lon] = cellToLatLng(id);
        const k = quarticKernel(haversineMetresRaw(lat, lon, r.lat, r.lon), 150);
        if (k > 0) contributions.push({ reporter: r.reporterHash, cell: id, time, value: weight * k });
      }
    }
    const total = new Map<string, number>();
    const count = new Map<string, number>();
    const count1 = (c: Contribution) => {
      total.set(c.cell, (total.get(c.cell) ?? 0) + c.value);
      count.set(c.cell, (count.get(c.cell) ?? 0) + 1);
    };
    contributions.filter((c) => c.reporter === null).forEach(count1);
    const byPair = new Map<string, Contribution[]>();
    for (const c of contributions.filter((c) => c.reporter !== null)) {
      const key = `${c.reporter}|${c.cell}`;
      byPair.set(key, [...(byPair.get(key) ?? []), c]);
    }
    for (const list of byPair.values()) {
      list.sort((x, y) => x.time - y.time);
      let best: Contribution | null = null;
      let opened = -Infinity;
      for (const c of list) {
        if (best && c.time - opened < 30 * DAY_MS) {
          if (c.value >= best.value) best = c;
          continue;
        }
        if (best) count1(best);
        best = c;
        opened = c.time;
      }
      if (best) count1(best);
    }

    const set = prepareReports(reports);
    const scores = scoreCells(set, params, T0);
    for (let c = 0; c < scores.cellCount; c++) {
      const id = set.cells.ids[c];
      expect(scores.reports[c]).toBe(count.get(id) ?? 0);
      expect(Math.abs(scores.score[c] - (total.get(id) ?? 0))).toBeLessThan(1e-4);
    }
    expect(set.reporterRuleFor(30, 150).contested.some((x) => x === 0)).toBe(true);
  });
});

describe('explanation components', () => {
  it('reports recency, severity, categories and trend', () => {
    const reports = [
      report({ feeling: 5, category: 'harassment', createdAt: T0 - 2 * DAY_MS }),
      report({ feeling: 3, createdAt: T0 - 10 * DAY_MS }),
      report({ feeling: 4, createdAt: T0 - 40 * DAY_MS }),
    ];
    const { scores, c } = scoreOf(reports);
    expect(scores.reports[c]).toBe(3);
    expect((T0 - scores.newestTime[c]) / DAY_MS).toBeCloseTo(2, 9);
    expect(scores.ageDaysSum[c] / 3).toBeCloseTo(52 / 3, 9);
    expect(scores.feelingSum[c] / 3).toBeCloseTo(4, 9);
    const k = scores.categoryNames.indexOf('harassment');
    expect(scores.categoryCounts[c * scores.categoryNames.length + k]).toBe(1);
    // Trend without decay: last 28 days 2·1 + 1·0.6; the 28 days before 1·0.8.
    expect(scores.recent[c]).toBeCloseTo(2.6, 6);
    expect(scores.previous[c]).toBeCloseTo(0.8, 6);
  });

  it('filters by category', () => {
    const set = prepareReports([report({ category: 'harassment' }), report()]);
    const scores = scoreCells(set, PARAMS, T0, { categories: ['harassment'] });
    expect(scores.score[set.cells.indexOf(CENTRE_CELL)!]).toBeCloseTo(2, 6);
  });
});
