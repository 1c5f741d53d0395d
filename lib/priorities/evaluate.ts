/**
 * Prospective evaluation of the ranking (DESIGN.md, "Patrol priorities", Quality): rank on the data
 * before t, test on the next 28 days, roll t forward a week at a time over the year, and compare with
 * two baselines on the same data — all-time counts and last-28-days counts per cell.
 *
 * Measures, for the best 1 %, 5 % and 10 % of the study area (a = that many cells, A = all cells):
 * - hit rate n/N: share of the test reports that fall in the chosen cells;
 * - PAI = (n/N)/(a/A), the Predictive Accuracy Index (Chainey, Tompson & Uhlig 2008);
 * - PEI = n/n*, with n* the most test reports any a cells could have held: PAI divided by the best PAI
 *   possible for the same area (Hunt 2016, "Do crime hot spots move?").
 * Counts are pooled over all folds (Σn/ΣN), so quiet weeks weigh less than busy ones.
 *
 * What counts as a test report: every report of the test window except merged duplicates, each
 * reporter once per cell (anonymous reports each). The point of a plan is to be where many people
 * feel unsafe, not where one person reports fifty times; raw counts would reward following a spammer.
 *
 * Ties (all baselines have many cells with the same count, and every method has zeros) are broken at
 * random in expectation: a tied group straddling the cut-off contributes its test reports in proportion
 * to the part of it that fits. No method profits from the order of cell ids.
 */
import { cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import { haversineMetresRaw } from '@/lib/geo/distance';
import { SCORING_RESOLUTION } from '@/lib/geo/cells';
import { CellTable } from './cell-table';
import { hotspotsOf } from './rank';
import { DAY_MS, ReportSet, scoreCells, type ScoreOptions, type ScoreParams } from './score';
import { SLOT_COUNT, fromSlotRecord, slotShareArray, whenFromKey, type SlotId } from './slots';
import type { SyntheticCity, SyntheticReport } from './synthetic-city';

export const AREA_PERCENTS = [1, 5, 10] as const;
export type AreaKey = `${(typeof AREA_PERCENTS)[number]}`;
type PerArea = Record<AreaKey, number>;

export type MethodResult = {
  pai: PerArea;
  hitRate: PerArea;
  pei: PerArea;
  /** Share of folds in which this method captured at least as many test reports as each baseline (at 5 %). */
  foldsAtLeastAllTime: number;
  foldsAtLeastRecent: number;
};

export type EvaluationSettings = {
  /** Weeks of data before the first ranking. */
  burnInWeeks: number;
  testDays: number;
  stepDays: number;
  /** Days the "recent" baseline counts. */
  recentDays: number;
};

export const defaultEvaluationSettings: EvaluationSettings = {
  burnInWeeks: 8,
  testDays: 28,
  stepDays: 7,
  recentDays: 28,
};

/** A way of ranking: scores for every study-area cell (by position) at time t, from reports before t. */
export type RankingMethod = (t: number) => Float64Array;

/** Cells of the scoring resolution whose centre lies within `radiusMetres` of a point. */
export function cellsWithinRadius(centre: { lat: number; lon: number }, radiusMetres: number): string[] {
  const origin = latLngToCell(centre.lat, centre.lon, SCORING_RESOLUTION);
  // Ring k is at least ≈ 1.5 · k · 66 m from the centre at resolution 10; a margin of two rings.
  const rings = Math.ceil(radiusMetres / 95) + 2;
  return gridDisk(origin, rings).filter((id) => {
    const [lat, lon] = cellToLatLng(id);
    return haversineMetresRaw(lat, lon, centre.lat, centre.lon) <= radiusMetres;
  });
}

/** Expected test reports captured by the best k cells, ties broken at random (in expectation). */
export function capturedInTop(scores: ArrayLike<number>, truth: ArrayLike<number>, k: number): number {
  return capturedInTopAreas(scores, truth, [k])[0];
}

/** `capturedInTop` for several k at once (one sort). */
export function capturedInTopAreas(scores: ArrayLike<number>, truth: ArrayLike<number>, ks: readonly number[]): number[] {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  return ks.map((k) => {
    let captured = 0;
    let remaining = k;
    for (let i = 0; i < order.length && remaining > 0; ) {
      let j = i;
      let groupTruth = 0;
      while (j < order.length && scores[order[j]] === scores[order[i]]) groupTruth += truth[order[j++]];
      const size = j - i;
      captured += size <= remaining ? groupTruth : (groupTruth * remaining) / size;
      remaining -= Math.min(size, remaining);
      i = j;
    }
    return captured;
  });
}

/** The most test reports any k cells hold. */
export function bestPossible(truth: ArrayLike<number>, k: number): number {
  const sorted = Float64Array.from(truth).sort().reverse();
  let sum = 0;
  for (let i = 0; i < Math.min(k, sorted.length); i++) sum += sorted[i];
  return sum;
}

/** Everything the methods share: the study area, the reports as columns, the folds. */
export class EvaluationContext {
  readonly studyArea: string[];
  readonly cells = new CellTable();
  readonly set: ReportSet;
  readonly reports: readonly SyntheticReport[];
  readonly folds: number[];
  readonly settings: EvaluationSettings;
  /** Study-area position of each report's cell, −1 outside. */
  private readonly position: Int32Array;

  constructor(city: SyntheticCity, settings: EvaluationSettings = defaultEvaluationSettings) {
    this.settings = settings;
    this.studyArea = cellsWithinRadius(city.options.centre, city.options.radiusMetres);
    // Study-area cells first, so cell number = position in the study area for them.
    for (const id of this.studyArea) this.cells.intern(id);
    this.reports = city.reports;
    this.set = new ReportSet(city.reports, this.cells);
    this.position = Int32Array.from(this.set.cell, (c) => (c < this.studyArea.length ? c : -1));
    const end = city.options.start + city.options.days * DAY_MS;
    this.folds = [];
    for (
      let t = city.options.start + settings.burnInWeeks * 7 * DAY_MS;
      t + settings.testDays * DAY_MS <= end;
      t += settings.stepDays * DAY_MS
    ) {
      this.folds.push(t);
    }
  }

  get area(): number {
    return this.studyArea.length;
  }

  /**
   * Test reports per study cell in [t, t + testDays): merged duplicates left out, each reporter once per
   * cell. `relevance` weighs a report (e.g. by its share in a time window); 1 by default.
   */
  truthAt(t: number, relevance: (i: number) => number = () => 1): Float64Array {
    const truth = new Float64Array(this.area);
    const seen = new Set<string>();
    const end = t + this.settings.testDays * DAY_MS;
    for (let i = 0; i < this.set.size; i++) {
      const time = this.set.time[i];
      if (time < t || time >= end || this.set.excluded[i] || this.position[i] < 0) continue;
      const weight = relevance(i);
      if (weight === 0) continue;
      const reporter = this.set.reporter[i];
      if (reporter >= 0) {
        const key = `${reporter}:${this.set.cell[i]}`;
        if (seen.has(key)) continue;
        seen.add(key);
      }
      truth[this.position[i]] += weight;
    }
    return truth;
  }

  /** Raw report counts per study cell created in [from, t), every report as stored (duplicates, spam). */
  countsBetween(from: number, t: number, relevance: (i: number) => number = () => 1): Float64Array {
    const counts = new Float64Array(this.area);
    for (let i = 0; i < this.set.size; i++) {
      const time = this.set.time[i];
      if (time >= from && time < t && this.position[i] >= 0) counts[this.position[i]] += relevance(i);
    }
    return counts;
  }

  /** Our score for every study cell at t (reports before t). */
  oursAt(params: ScoreParams, t: number, options: ScoreOptions = {}): Float64Array {
    const scores = scoreCells(this.set, params, t - 1, options);
    const out = new Float64Array(this.area);
    for (let c = 0; c < Math.min(this.area, scores.cellCount); c++) out[c] = scores.score[c];
    return out;
  }

  /** Our weighted sum per cell without the kernel (each report in its own cell), for the ablation. */
  ownAt(params: ScoreParams, t: number, options: ScoreOptions = {}): Float64Array {
    const scores = scoreCells(this.set, params, t - 1, options);
    const out = new Float64Array(this.area);
    for (let c = 0; c < Math.min(this.area, scores.cellCount); c++) out[c] = scores.own[c];
    return out;
  }

  /** Our score with the gated cells (patrol priorities) first, and the share of the area they cover. */
  gatedAt(params: ScoreParams, t: number, options: ScoreOptions = {}): { scores: Float64Array; gatedCells: number } {
    const scores = scoreCells(this.set, params, t - 1, options);
    const hotspots = hotspotsOf(scores, params, this.studyArea);
    const out = new Float64Array(this.area);
    let gatedCells = 0;
    let top = 0;
    for (let c = 0; c < Math.min(this.area, scores.cellCount); c++) top = Math.max(top, scores.score[c]);
    hotspots.cells.forEach((c, i) => {
      if (c >= this.area || c >= scores.cellCount) return;
      const gated = hotspots.significant[i] === 1 && scores.reports[c] >= params.minSupport;
      out[c] = scores.score[c] + (gated ? top + 1 : 0);
      if (gated) gatedCells++;
    });
    return { scores: out, gatedCells };
  }

  /** Relevance of each report to a set of slot weights: Σ_s weight_s · share_s, normalised to at most 1. */
  windowRelevance(slotWeights: Partial<Record<SlotId, number>>): (i: number) => number {
    const weights = fromSlotRecord(slotWeights);
    const max = Math.max(...weights);
    const cache = new Map<number, number>();
    return (i: number) => {
      const key = this.set.whenKey[i];
      let r = cache.get(key);
      if (r === undefined) {
        const shares = slotShareArray(whenFromKey(key));
        r = 0;
        for (let s = 0; s < SLOT_COUNT; s++) r += (shares[s] * weights[s]) / max;
        cache.set(key, r);
      }
      return r;
    };
  }
}

/** Runs the rolling evaluation for named methods; every method sees the same folds and test reports. */
export function evaluateMethods(
  context: EvaluationContext,
  methods: Record<string, RankingMethod>,
  truthAt: (t: number) => Float64Array = (t) => context.truthAt(t),
): Record<string, MethodResult> {
  const names = Object.keys(methods);
  const captured = new Map(names.map((n) => [n, { '1': 0, '5': 0, '10': 0 } as PerArea]));
  const perFold5 = new Map(names.map((n) => [n, [] as number[]]));
  const best: PerArea = { '1': 0, '5': 0, '10': 0 };
  let total = 0;
  const k = (percent: number) => Math.round((context.area * percent) / 100);

  for (const t of context.folds) {
    const truth = truthAt(t);
    total += truth.reduce((a, b) => a + b, 0);
    for (const p of AREA_PERCENTS) best[`${p}`] += bestPossible(truth, k(p));
    for (const name of names) {
      const n = capturedInTopAreas(methods[name](t), truth, AREA_PERCENTS.map(k));
      AREA_PERCENTS.forEach((p, a) => (captured.get(name)![`${p}`] += n[a]));
      perFold5.get(name)!.push(n[AREA_PERCENTS.indexOf(5)]);
    }
  }

  const results: Record<string, MethodResult> = {};
  const atLeast = (name: string, baseline: string) => {
    const mine = perFold5.get(name)!;
    const theirs = perFold5.get(baseline);
    if (!theirs) return NaN;
    return mine.filter((n, i) => n >= theirs[i] - 1e-9).length / Math.max(1, mine.length);
  };
  for (const name of names) {
    const pai = {} as PerArea;
    const hitRate = {} as PerArea;
    const pei = {} as PerArea;
    for (const p of AREA_PERCENTS) {
      const key: AreaKey = `${p}`;
      const n = captured.get(name)![key];
      hitRate[key] = total > 0 ? n / total : 0;
      pai[key] = hitRate[key] / (k(p) / context.area);
      pei[key] = best[key] > 0 ? n / best[key] : 0;
    }
    results[name] = {
      pai,
      hitRate,
      pei,
      foldsAtLeastAllTime: atLeast(name, 'allTime'),
      foldsAtLeastRecent: atLeast(name, 'recent'),
    };
  }
  return results;
}

/** The two baselines of DESIGN.md: raw all-time counts and raw counts of the last 28 days. */
export function baselineMethods(
  context: EvaluationContext,
  relevance?: (i: number) => number,
): Record<'allTime' | 'recent', RankingMethod> {
  return {
    allTime: (t) => context.countsBetween(-Infinity, t, relevance),
    recent: (t) => context.countsBetween(t - context.settings.recentDays * DAY_MS, t, relevance),
  };
}

/**
 * Null check for the gate: reports spread uniformly at random over the study area (no hot spot
 * anywhere), scored at the end of the period. Every significant or gated cell is a false discovery.
 */
export function nullCheck(
  context: EvaluationContext,
  params: ScoreParams,
  reports: readonly SyntheticReport[],
): { significantShare: number; gatedShare: number } {
  const cells = new CellTable();
  for (const id of context.studyArea) cells.intern(id);
  const set = new ReportSet(reports, cells);
  const now = Math.max(...reports.map((r) => r.createdAt));
  const scores = scoreCells(set, params, now);
  const hotspots = hotspotsOf(scores, params, context.studyArea);
  let significant = 0;
  let gated = 0;
  hotspots.cells.forEach((c, i) => {
    if (!hotspots.significant[i]) return;
    significant++;
    if (c < scores.cellCount && scores.reports[c] >= params.minSupport) gated++;
  });
  return { significantShare: significant / context.area, gatedShare: gated / context.area };
}
