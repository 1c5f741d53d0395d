/**
 * The priority score of a cell (DESIGN.md, "Patrol priorities"):
 *
 *   S(c, s, t) = Σ_i w_i · f_i · K(d(c, i)) · 2^(−(t − t_i)/T½) · share_i(s)
 *
 * w_i the category weight, f_i the feeling scaled to 0.2–1, K a quartic kernel over the distance from
 * the centre of cell c to report i, T½ the half-life, share_i(s) the part of report i's "when" answer
 * that falls in slot s (see slots.ts). Each reporter counts at most once per cell per 30 days (their
 * strongest contribution stays) and merged duplicates count once (the surviving report counts; the
 * ones marked as its duplicates do not).
 *
 * Pure and database-free: callers load reports and category weights and pass them in.
 *
 * Speed: a city with 1,000,000 reports must rank in well under a second. So reports are turned once
 * into typed arrays (`prepareReports`), each report's kernel neighbourhood — the cells whose centre lies
 * within h, with K — is computed once, lazily, on the first scoring, and kept; and the scoring loop
 * allocates nothing per report.
 */
import { gridDisk, latLngToCell } from 'h3-js';
import { metresPerDegree } from '@/lib/geo/distance';
import { SCORING_RESOLUTION } from '@/lib/geo/cells';
import type { ReportStatus, WhenProfile } from '@/lib/reports/types';
import { CellTable } from './cell-table';
import { SLOT_COUNT, WHEN_KEY_COUNT, fromSlotRecord, slotShareArray, whenFromKey, whenKey, type SlotId } from './slots';

export const DAY_MS = 86_400_000;

/** The UTC day of an instant, in days since 1970-01-01: the trend's unit. */
export function dayOf(time: number): number {
  return Math.floor(time / DAY_MS);
}

// A module-local copy: bundlers that emulate ES modules (tsx, vitest) turn every use of an imported
// binding into a getter call, which costs more than the arithmetic in the scoring loop.
const SLOTS = SLOT_COUNT;
if (SLOTS !== 8) throw new Error('The scoring loop is unrolled for 8 slots.');

/** All parameters of the method in one place; admins change them as settings. */
export type ScoreParams = {
  /** Bandwidth h of the quartic kernel, metres: reports within h of a cell's centre support it. */
  bandwidthMetres: number;
  /** Half-life T½ of a report's weight, days: a report this old weighs half as much as today's. */
  halfLifeDays: number;
  /** A reporter counts at most once per cell within this many days. */
  reporterWindowDays: number;
  /** Category weights w by category slug (the categories table); e.g. 2 for harassment or threat. */
  categoryWeights: Readonly<Record<string, number>>;
  /** Weight of a category missing from `categoryWeights`. */
  defaultCategoryWeight: number;
  /** f for feeling 1; feeling 5 ("very unsafe") gives 1, linear between: 0.2, 0.4, 0.6, 0.8, 1. */
  feelingFloor: number;
  /** Trend: score of the last `trendDays` (UTC days, today included) against the `trendDays` before. */
  trendDays: number;
  /** Gate: at least this many distinct reports support a priority (the privacy threshold k is 3 too). */
  minSupport: number;
  /** Gate: Gi* z-score at least this (1.96, the two-sided 5 % critical value of the normal distribution). */
  minZ: number;
  /** Gate: false-discovery rate for the Benjamini–Hochberg correction over all study-area cells. */
  fdrAlpha: number;
  /**
   * What Gi* tests. 'cell': each report's weight in its own cell only (no kernel), so ring 1 is the only
   * smoothing. 'kernel': the kernel-smoothed score S. Gi* assumes the cell values are exchangeable under
   * the null; S is smoothed over 200 m while ring-1 centres are ≈ 115 m apart, so neighbouring values of
   * S share the same reports and Gi* finds "hot spots" in evenly spread noise (see the evaluation's
   * null check). Hence 'cell' by default.
   */
  hotspotValues: 'cell' | 'kernel';
};

/** The values DESIGN.md ("Patrol priorities") gives. Category weights come from the categories table. */
export const designScoreParams: ScoreParams = {
  bandwidthMetres: 200,
  halfLifeDays: 28,
  reporterWindowDays: 30,
  categoryWeights: {},
  defaultCategoryWeight: 1,
  feelingFloor: 0.2,
  trendDays: 28,
  minSupport: 3,
  minZ: 1.96,
  fdrAlpha: 0.05,
  hotspotValues: 'cell',
};

/**
 * The defaults: DESIGN.md's values except two, changed on the evidence of `npm run eval:priorities`
 * (lib/priorities/NOTES.md has the numbers):
 * - half-life 10 days instead of 28: the ranking predicts the next 28 days, and an exponential memory
 *   with T½ = 10 d has a mean age of 10/ln 2 ≈ 14 days, the same as a 28-day window. With T½ = 28 d
 *   (mean age 40 days) the score lags behind places that flare up or calm down, and every area size
 *   on every seed evaluated did better with 10–14 days.
 * - bandwidth 150 m instead of 200 m: a report still reaches the neighbouring cells around it (centres
 *   ≈ 115 m apart get K ≈ 0.17 from a report at a centre), but a hot spot's own cells keep their
 *   peak; at 200 m the flanks of a large hot spot outrank the centre of a smaller one, and the best
 *   1 % of the area lost to plain last-28-days counts.
 */
export const defaultScoreParams: ScoreParams = { ...designScoreParams, bandwidthMetres: 150, halfLifeDays: 10 };

/** What scoring needs of a report (a row of `reports` with its category slug). */
export type ScoringReport = {
  id?: number;
  lat: number;
  lon: number;
  /** H3 resolution-10 cell (reports.h3_r10); computed from lat/lon when missing. */
  cell?: string;
  category: string;
  /** 1–5; 5 is "very unsafe". */
  feeling: number;
  when: WhenProfile;
  createdAt: Date | number;
  /** Keyed hash of the reporter's e-mail or browser token; null: anonymous, always a distinct reporter. */
  reporterHash: string | null;
  /** Set when staff merged this report into another: then only that other report counts. */
  duplicateOf?: number | null;
  status?: ReportStatus;
};

/** The quartic (biweight) kernel K(d) = (1 − (d/h)²)² for d < h, else 0: 1 at the report, smoothly 0 at h. */
export function quarticKernel(distanceMetres: number, bandwidthMetres: number): number {
  if (distanceMetres >= bandwidthMetres) return 0;
  const u = distanceMetres / bandwidthMetres;
  return (1 - u * u) ** 2;
}

/** Weight left after `ageDays`: 2^(−age/T½), so 1 now, ½ after one half-life. Future reports weigh 0. */
export function decayFactor(ageDays: number, halfLifeDays: number): number {
  if (ageDays < 0) return 0;
  if (!Number.isFinite(halfLifeDays)) return 1;
  return Math.pow(2, -ageDays / halfLifeDays);
}

/** f: feeling 1..5 scaled linearly to floor..1 (0.2..1 by default). */
export function feelingFactor(feeling: number, floor = defaultScoreParams.feelingFloor): number {
  const clamped = Math.min(5, Math.max(1, feeling));
  return floor + ((1 - floor) * (clamped - 1)) / 4;
}

/** Reports as columns, with their cells, categories and reporters numbered. Build once, score often. */
export class ReportSet {
  readonly size: number;
  readonly cells: CellTable;
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  readonly cell: Int32Array;
  readonly time: Float64Array;
  readonly category: Uint16Array;
  readonly categoryNames: string[];
  readonly feeling: Uint8Array;
  readonly whenKey: Uint16Array;
  /** Reporter number, −1 for anonymous. */
  readonly reporter: Int32Array;
  /** 1 for merged duplicates and dismissed reports: they never count. */
  readonly excluded: Uint8Array;
  /** Reports of reporters with several reports, grouped by reporter, oldest first (CSR: start/members). */
  readonly groupStart: Int32Array;
  readonly groupMembers: Int32Array;
  /** 1 when the report is in a group and so goes through the once-per-30-days rule. */
  readonly grouped: Uint8Array;
  /** Per bandwidth: an evaluation or an admin comparing settings switches between a few. */
  private readonly neighbourhoods = new Map<number, Neighbourhoods>();

  constructor(reports: readonly ScoringReport[], cells = new CellTable()) {
    const n = reports.length;
    this.size = n;
    this.cells = cells;
    this.lat = new Float64Array(n);
    this.lon = new Float64Array(n);
    this.cell = new Int32Array(n);
    this.time = new Float64Array(n);
    this.category = new Uint16Array(n);
    this.feeling = new Uint8Array(n);
    this.whenKey = new Uint16Array(n);
    this.reporter = new Int32Array(n);
    this.excluded = new Uint8Array(n);
    this.grouped = new Uint8Array(n);
    const categoryIndex = new Map<string, number>();
    this.categoryNames = [];
    const reporterIndex = new Map<string, number>();
    const cellIndex = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const r = reports[i];
      this.lat[i] = r.lat;
      this.lon[i] = r.lon;
      const cellId = r.cell ?? latLngToCell(r.lat, r.lon, SCORING_RESOLUTION);
      let c = cellIndex.get(cellId);
      if (c === undefined) {
        c = cells.intern(cellId);
        cellIndex.set(cellId, c);
      }
      this.cell[i] = c;
      this.time[i] = typeof r.createdAt === 'number' ? r.createdAt : r.createdAt.getTime();
      let k = categoryIndex.get(r.category);
      if (k === undefined) {
        k = this.categoryNames.length;
        categoryIndex.set(r.category, k);
        this.categoryNames.push(r.category);
      }
      this.category[i] = k;
      this.feeling[i] = Math.min(5, Math.max(1, Math.round(r.feeling)));
      this.whenKey[i] = whenKey(r.when);
      if (r.reporterHash === null) {
        this.reporter[i] = -1;
      } else {
        let p = reporterIndex.get(r.reporterHash);
        if (p === undefined) {
          p = reporterIndex.size;
          reporterIndex.set(r.reporterHash, p);
        }
        this.reporter[i] = p;
      }
      const merged = r.duplicateOf !== null && r.duplicateOf !== undefined;
      this.excluded[i] = merged || r.status === 'duplicate' || r.status === 'dismissed' ? 1 : 0;
    }

    // Group the reports of reporters who reported more than once, oldest first within a group.
    const perReporter = new Int32Array(reporterIndex.size);
    for (let i = 0; i < n; i++) if (this.reporter[i] >= 0) perReporter[this.reporter[i]]++;
    const groupOfReporter = new Int32Array(reporterIndex.size).fill(-1);
    let groups = 0;
    let members = 0;
    for (let p = 0; p < perReporter.length; p++) {
      if (perReporter[p] > 1) {
        groupOfReporter[p] = groups++;
        members += perReporter[p];
      }
    }
    this.groupStart = new Int32Array(groups + 1);
    for (let p = 0; p < perReporter.length; p++) {
      const g = groupOfReporter[p];
      if (g >= 0) this.groupStart[g + 1] = perReporter[p];
    }
    for (let g = 0; g < groups; g++) this.groupStart[g + 1] += this.groupStart[g];
    this.groupMembers = new Int32Array(members);
    const fill = this.groupStart.slice(0, groups);
    for (let i = 0; i < n; i++) {
      const p = this.reporter[i];
      if (p < 0) continue;
      const g = groupOfReporter[p];
      if (g < 0) continue;
      this.grouped[i] = 1;
      this.groupMembers[fill[g]++] = i;
    }
    const time = this.time;
    for (let g = 0; g < groups; g++) {
      const group = this.groupMembers.subarray(this.groupStart[g], this.groupStart[g + 1]);
      group.sort((a, b) => time[a] - time[b] || a - b);
    }
  }

  private scratchArrays: { weight: Float64Array; decay: Float64Array; factor: Float64Array; shareOffset: Int32Array } | null =
    null;

  /** Per-report working arrays for one scoring pass, reused by the next (scoring is synchronous). */
  scratch() {
    this.scratchArrays ??= {
      weight: new Float64Array(this.size),
      decay: new Float64Array(this.size),
      factor: new Float64Array(this.size),
      shareOffset: new Int32Array(this.size),
    };
    return this.scratchArrays;
  }

  private readonly reporterRules = new Map<string, ReporterRule>();

  /**
   * Which grouped reports the once-per-reporter rule can affect: a report is contested when the same
   * reporter made another report less than the window apart and less than 2h away (only then can both
   * reach one cell). Uncontested reports always count in full, so they take the fast path. Spammers are
   * contested; a resident who reports the same corner every couple of months is not.
   */
  reporterRuleFor(windowDays: number, bandwidthMetres: number): ReporterRule {
    const key = `${windowDays}/${bandwidthMetres}`;
    const rule = this.reporterRules.get(key);
    if (rule) return rule;
    const contested = new Uint8Array(this.size);
    const windowMs = windowDays * DAY_MS;
    const reach = 2 * bandwidthMetres;
    for (let g = 0; g < this.groupCount; g++) {
      const end = this.groupStart[g + 1];
      for (let m = this.groupStart[g]; m < end; m++) {
        const i = this.groupMembers[m];
        const perLon = metresPerDegree(this.lat[i]).lon;
        const perLat = metresPerDegree(this.lat[i]).lat;
        for (let m2 = m + 1; m2 < end && this.time[this.groupMembers[m2]] - this.time[i] < windowMs; m2++) {
          const j = this.groupMembers[m2];
          const dx = (this.lon[j] - this.lon[i]) * perLon;
          const dy = (this.lat[j] - this.lat[i]) * perLat;
          if (dx * dx + dy * dy < reach * reach) {
            contested[i] = 1;
            contested[j] = 1;
          }
        }
      }
    }
    const built = { windowDays, bandwidthMetres, contested };
    this.reporterRules.set(key, built);
    return built;
  }

  get groupCount(): number {
    return this.groupStart.length - 1;
  }

  /** Each report's kernel neighbourhood for bandwidth h, computed on first use and kept. */
  neighbourhoodsFor(bandwidthMetres: number): Neighbourhoods {
    let nbr = this.neighbourhoods.get(bandwidthMetres);
    if (!nbr) {
      nbr = buildNeighbourhoods(this, bandwidthMetres);
      this.neighbourhoods.set(bandwidthMetres, nbr);
    }
    return nbr;
  }
}

export type ReporterRule = { windowDays: number; bandwidthMetres: number; contested: Uint8Array };

export function prepareReports(reports: readonly ScoringReport[], cells?: CellTable): ReportSet {
  return new ReportSet(reports, cells);
}

/** For each report, the cells with K > 0 and their K (CSR: report i owns entries start[i]..start[i+1]). */
export type Neighbourhoods = {
  bandwidthMetres: number;
  start: Int32Array;
  cell: Int32Array;
  kernel: Float32Array;
};

type Candidates = { cells: Int32Array; dx: Float64Array; dy: Float64Array; perLat: number; perLon: number };

/**
 * Cells whose centre can lie within h of a report in `origin`: a report is at most the circumradius r
 * from its cell's centre, so every centre within h + r of the origin's centre is a candidate. Centres
 * k rings away are at least ≈ 1.5·k·r apart (hexagon geometry), with a margin for H3's distortion.
 */
function candidatesFor(cells: CellTable, origin: number, bandwidthMetres: number): Candidates {
  const radius = cells.circumradiusOf(origin);
  const reach = bandwidthMetres + radius;
  const rings = Math.max(1, Math.ceil(reach / (1.5 * radius * 0.9)));
  const { lat: perLat, lon: perLon } = metresPerDegree(cells.lat[origin]);
  const ids: number[] = [];
  const dx: number[] = [];
  const dy: number[] = [];
  for (const id of gridDisk(cells.ids[origin], rings)) {
    const c = cells.intern(id);
    const x = (cells.lon[c] - cells.lon[origin]) * perLon;
    const y = (cells.lat[c] - cells.lat[origin]) * perLat;
    if (x * x + y * y <= reach * reach) {
      ids.push(c);
      dx.push(x);
      dy.push(y);
    }
  }
  return { cells: Int32Array.from(ids), dx: Float64Array.from(dx), dy: Float64Array.from(dy), perLat, perLon };
}

/**
 * Candidates per cell table and bandwidth, kept with the table: a table shared between calls (the
 * writers' one in service.ts) finds them again instead of walking H3 rings for every new report.
 */
const candidateCache = new WeakMap<CellTable, Map<number, Map<number, Candidates>>>();

function candidatesByOrigin(cells: CellTable, bandwidthMetres: number): Map<number, Candidates> {
  let byBandwidth = candidateCache.get(cells);
  if (!byBandwidth) candidateCache.set(cells, (byBandwidth = new Map()));
  let byOrigin = byBandwidth.get(bandwidthMetres);
  if (!byOrigin) byBandwidth.set(bandwidthMetres, (byOrigin = new Map()));
  return byOrigin;
}

function buildNeighbourhoods(set: ReportSet, bandwidthMetres: number): Neighbourhoods {
  const byOrigin = candidatesByOrigin(set.cells, bandwidthMetres);
  const h2 = bandwidthMetres * bandwidthMetres;
  // About 10 cells per report at h = 200 m (π·200² / 0.015 km²); grown when needed.
  let capacity = Math.max(64, Math.ceil(set.size * 10 * (bandwidthMetres / 200) ** 2));
  let cell = new Int32Array(capacity);
  let kernel = new Float32Array(capacity);
  const start = new Int32Array(set.size + 1);
  let used = 0;
  for (let i = 0; i < set.size; i++) {
    start[i] = used;
    const origin = set.cell[i];
    let cand = byOrigin.get(origin);
    if (!cand) {
      cand = candidatesFor(set.cells, origin, bandwidthMetres);
      byOrigin.set(origin, cand);
    }
    const x = (set.lon[i] - set.cells.lon[origin]) * cand.perLon;
    const y = (set.lat[i] - set.cells.lat[origin]) * cand.perLat;
    if (used + cand.cells.length > capacity) {
      capacity = Math.max(capacity * 2, used + cand.cells.length);
      const grownCell = new Int32Array(capacity);
      grownCell.set(cell.subarray(0, used));
      cell = grownCell;
      const grownKernel = new Float32Array(capacity);
      grownKernel.set(kernel.subarray(0, used));
      kernel = grownKernel;
    }
    for (let j = 0; j < cand.cells.length; j++) {
      const ex = cand.dx[j] - x;
      const ey = cand.dy[j] - y;
      const d2 = ex * ex + ey * ey;
      if (d2 < h2) {
        const u = 1 - d2 / h2;
        cell[used] = cand.cells[j];
        kernel[used] = u * u;
        used++;
      }
    }
  }
  start[set.size] = used;
  // Views, not copies: copying ~10 million entries would cost more than the spare capacity.
  return { bandwidthMetres, start, cell: cell.subarray(0, used), kernel: kernel.subarray(0, used) };
}

export type ScoreOptions = {
  /** Weight per slot, e.g. hours of a shift or of "Fri 20–24 h" (`windowSlotWeights`); none: all slots alike. */
  slotWeights?: Partial<Record<SlotId, number>>;
  /** Only these category slugs; none: all. */
  categories?: readonly string[];
};

/** Per-cell sums, as columns indexed by cell number (cells.ids[c]). */
export type CellScores = {
  cells: CellTable;
  /** Number of cells scored; cells numbered later (e.g. study-area cells without reports) score 0. */
  cellCount: number;
  /** S(c, s, now) for the 8 slots in `slotIds` order: slots[c * 8 + s]. */
  slots: Float64Array;
  /** Σ_s slotWeight_s · S(c, s): the score ranked by (the total when no slot weights were given). */
  score: Float64Array;
  /** The same weighted sum without the kernel: each report in its own cell only (input of Gi* 'cell'). */
  own: Float64Array;
  /** Supporting reports (K > 0) after merges and the once-per-reporter-per-30-days rule. */
  reports: Int32Array;
  /** Distinct reporters among them; anonymous reports each count as one. */
  reporters: Int32Array;
  newestTime: Float64Array;
  ageDaysSum: Float64Array;
  feelingSum: Float64Array;
  /** categoryCounts[c * categoryNames.length + k]: supporting reports per category. */
  categoryCounts: Int32Array;
  categoryNames: string[];
  /** Undecayed weighted sums Σ w·f·K·(slot weight) of the last `trendDays` and of the `trendDays` before. */
  recent: Float64Array;
  previous: Float64Array;
};

// Layout of the per-cell sums: one row of 16 numbers per cell, so one report's contribution to a cell
// touches two cache lines instead of ten scattered arrays (the loop is bound by memory, not arithmetic).
const ROW = 16;
const REPORTS = 8;
const REPORTERS = 9;
const NEWEST = 10;
const AGE_SUM = 11;
const FEELING_SUM = 12;
const RECENT = 13;
const PREVIOUS = 14;
const OWN = 15;

/**
 * Age for the trend, in whole UTC days (as ms): the last `trendDays` are today and the days before,
 * so the stored ranking can sum contributions per day (`priority_cell_days`) and agree exactly.
 */
function trendAgeMs(now: number, time: number): number {
  return (dayOf(now) - dayOf(time)) * DAY_MS;
}

/**
 * The running sums of one scoring pass. A class with typed-array fields keeps one shape, so the hot
 * methods stay monomorphic and inlined.
 */
class CellAccumulator {
  readonly rows: Float64Array;
  readonly categoryCounts: Int32Array;

  constructor(
    cellCount: number,
    private readonly categoryCount: number,
    private readonly set: ReportSet,
    private readonly now: number,
    private readonly trendMs: number,
    /** Per report for this pass: w·f (0: does not count), decay, window factor, share offset. */
    private readonly weight: Float64Array,
    private readonly decay: Float64Array,
    private readonly factor: Float64Array,
    private readonly shareOffset: Int32Array,
    private readonly shares: Float64Array,
  ) {
    this.rows = new Float64Array(cellCount * ROW);
    for (let c = 0; c < cellCount; c++) this.rows[c * ROW + NEWEST] = -Infinity;
    this.categoryCounts = new Int32Array(cellCount * categoryCount);
  }

  /** Report i contributes to cell c with kernel value `kernel` (reports under the reporter rule). */
  add(c: number, i: number, kernel: number): void {
    const set = this.set;
    const time = set.time[i];
    const ageMs = this.now - time;
    const weight = this.weight[i];
    const decayed = weight * kernel * this.decay[i];
    const rows = this.rows;
    const r = c * ROW;
    const o = this.shareOffset[i];
    for (let s = 0; s < SLOTS; s++) rows[r + s] += decayed * this.shares[o + s];
    rows[r + REPORTS]++;
    if (time > rows[r + NEWEST]) rows[r + NEWEST] = time;
    rows[r + AGE_SUM] += ageMs / DAY_MS;
    rows[r + FEELING_SUM] += set.feeling[i];
    this.categoryCounts[c * this.categoryCount + set.category[i]]++;
    // The trend compares raw amounts: decay would favour the recent period by construction.
    const windowed = weight * kernel * this.factor[i];
    const trendAge = trendAgeMs(this.now, time);
    if (trendAge < this.trendMs) rows[r + RECENT] += windowed;
    else if (trendAge < 2 * this.trendMs) rows[r + PREVIOUS] += windowed;
    if (c === set.cell[i]) rows[r + OWN] += weight * this.decay[i] * this.factor[i];
  }

  /**
   * Report i contributes to every cell of its neighbourhood: the same sums as `add`, with everything
   * that depends only on the report loaded once. This loop runs ~10 times per report, so it matters.
   */
  addAll(i: number, nbr: Neighbourhoods, countReporter: number): void {
    const set = this.set;
    const time = set.time[i];
    const ageMs = this.now - time;
    const ageDays = ageMs / DAY_MS;
    const weight = this.weight[i];
    const decayedWeight = weight * this.decay[i];
    const windowedWeight = weight * this.factor[i];
    const trendAge = trendAgeMs(this.now, time);
    const trendAt = trendAge < this.trendMs ? RECENT : trendAge < 2 * this.trendMs ? PREVIOUS : -1;
    const feeling = set.feeling[i];
    const category = set.category[i];
    const categoryCount = this.categoryCount;
    const categoryCounts = this.categoryCounts;
    const o = this.shareOffset[i];
    const shares = this.shares;
    const s0 = shares[o];
    const s1 = shares[o + 1];
    const s2 = shares[o + 2];
    const s3 = shares[o + 3];
    const s4 = shares[o + 4];
    const s5 = shares[o + 5];
    const s6 = shares[o + 6];
    const s7 = shares[o + 7];
    const rows = this.rows;
    const cells = nbr.cell;
    const kernels = nbr.kernel;
    const end = nbr.start[i + 1];
    for (let e = nbr.start[i]; e < end; e++) {
      const c = cells[e];
      const kernel = kernels[e];
      const v = decayedWeight * kernel;
      const r = c * ROW;
      rows[r] += v * s0;
      rows[r + 1] += v * s1;
      rows[r + 2] += v * s2;
      rows[r + 3] += v * s3;
      rows[r + 4] += v * s4;
      rows[r + 5] += v * s5;
      rows[r + 6] += v * s6;
      rows[r + 7] += v * s7;
      rows[r + REPORTS]++;
      rows[r + REPORTERS] += countReporter;
      if (time > rows[r + NEWEST]) rows[r + NEWEST] = time;
      rows[r + AGE_SUM] += ageDays;
      rows[r + FEELING_SUM] += feeling;
      if (trendAt >= 0) rows[r + trendAt] += windowedWeight * kernel;
      categoryCounts[c * categoryCount + category]++;
    }
    // The report's own cell always lies in its neighbourhood (a cell's corners are nearer than h).
    rows[set.cell[i] * ROW + OWN] += decayedWeight * this.factor[i];
  }

  countReporter(c: number): void {
    this.rows[c * ROW + REPORTERS]++;
  }
}

/**
 * Reporters with several reports. Uncontested reports count in full; contested ones form, per cell,
 * windows of `reporterWindowDays` opened by the first report in them, and in each window only the
 * strongest contribution counts. Oldest first, so a window opens on the first report after the previous
 * window closed. A reporter counts once per cell among the distinct reporters.
 */
function applyReporterRule(
  set: ReportSet,
  nbr: Neighbourhoods,
  acc: CellAccumulator,
  params: ScoreParams,
  weight: Float64Array,
  decay: Float64Array,
  factor: Float64Array,
  cellCount: number,
): void {
  const { contested } = set.reporterRuleFor(params.reporterWindowDays, params.bandwidthMetres);
  const windowMs = params.reporterWindowDays * DAY_MS;
  const nbrStart = nbr.start;
  const nbrCell = nbr.cell;
  const nbrKernel = nbr.kernel;
  const time = set.time;
  const groupStart = set.groupStart;
  const groupMembers = set.groupMembers;
  const reporterSeen = new Int32Array(cellCount).fill(-1);
  const owner = new Int32Array(cellCount).fill(-1);
  const windowStart = new Float64Array(cellCount);
  const bestReport = new Int32Array(cellCount);
  const bestKernel = new Float64Array(cellCount);
  const bestValue = new Float64Array(cellCount);
  const touched = new Int32Array(cellCount);
  const groups = set.groupCount;
  for (let g = 0; g < groups; g++) {
    let touchedCount = 0;
    const end = groupStart[g + 1];
    for (let m = groupStart[g]; m < end; m++) {
      const i = groupMembers[m];
      if (weight[i] === 0) continue;
      const from = nbrStart[i];
      const to = nbrStart[i + 1];
      for (let e = from; e < to; e++) {
        const c = nbrCell[e];
        if (reporterSeen[c] !== g) {
          reporterSeen[c] = g;
          acc.countReporter(c);
        }
      }
      if (!contested[i]) {
        acc.addAll(i, nbr, 0);
        continue;
      }
      const strength = weight[i] * decay[i] * factor[i];
      const t = time[i];
      for (let e = from; e < to; e++) {
        const c = nbrCell[e];
        const kernel = nbrKernel[e];
        const value = strength * kernel;
        if (owner[c] !== g) {
          owner[c] = g;
          touched[touchedCount++] = c;
        } else if (t - windowStart[c] < windowMs) {
          // Same window: keep the strongest (the newer one on a tie).
          if (value >= bestValue[c]) {
            bestReport[c] = i;
            bestKernel[c] = kernel;
            bestValue[c] = value;
          }
          continue;
        } else {
          acc.add(c, bestReport[c], bestKernel[c]);
        }
        windowStart[c] = t;
        bestReport[c] = i;
        bestKernel[c] = kernel;
        bestValue[c] = value;
      }
    }
    for (let k = 0; k < touchedCount; k++) {
      const c = touched[k];
      acc.add(c, bestReport[c], bestKernel[c]);
    }
  }
}

/**
 * Scores every cell near a report at time `now` (epoch ms). Reports created after `now` are ignored, so
 * the same set serves a rolling evaluation ("rank on data before t").
 */
export function scoreCells(
  set: ReportSet,
  params: ScoreParams,
  now: number,
  options: ScoreOptions = {},
): CellScores {
  const nbr = set.neighbourhoodsFor(params.bandwidthMetres);
  const n = set.size;
  const cellCount = set.cells.size;
  const nCat = set.categoryNames.length;
  const slotWeights = options.slotWeights ? fromSlotRecord(options.slotWeights) : null;

  // Slot shares and window factor Σ_s weight_s · share_s per distinct "when" answer.
  const keyOffset = new Int32Array(WHEN_KEY_COUNT).fill(-1);
  const keyFactor = new Float64Array(WHEN_KEY_COUNT);
  const shareRows: number[] = [];
  const categoryWeight = new Float64Array(nCat);
  const categoryAllowed = new Uint8Array(nCat);
  const allowed = options.categories ? new Set(options.categories) : null;
  set.categoryNames.forEach((name, k) => {
    categoryWeight[k] = params.categoryWeights[name] ?? params.defaultCategoryWeight;
    categoryAllowed[k] = !allowed || allowed.has(name) ? 1 : 0;
  });
  const feelingWeight = Float64Array.from([0, 1, 2, 3, 4, 5], (f) => feelingFactor(f, params.feelingFloor));
  const decayPerMs = params.halfLifeDays > 0 && Number.isFinite(params.halfLifeDays) ? Math.LN2 / (params.halfLifeDays * DAY_MS) : 0;

  // Per-report inputs of this pass, in scratch arrays kept on the set (no allocation per pass).
  const { weight, decay, factor, shareOffset } = set.scratch();
  for (let i = 0; i < n; i++) {
    const time = set.time[i];
    const k = set.category[i];
    weight[i] = 0;
    if (set.excluded[i] || time > now || !categoryAllowed[k]) continue;
    const key = set.whenKey[i];
    if (keyOffset[key] < 0) {
      const shares = slotShareArray(whenFromKey(key));
      let f = 0;
      for (let s = 0; s < SLOTS; s++) f += shares[s] * (slotWeights ? slotWeights[s] : 1);
      keyOffset[key] = shareRows.length;
      keyFactor[key] = f;
      shareRows.push(...shares);
    }
    if (keyFactor[key] === 0) continue;
    weight[i] = categoryWeight[k] * feelingWeight[set.feeling[i]];
    decay[i] = Math.exp(-decayPerMs * (now - time));
    factor[i] = keyFactor[key];
    shareOffset[i] = keyOffset[key];
  }

  const acc = new CellAccumulator(
    cellCount,
    nCat,
    set,
    now,
    params.trendDays * DAY_MS,
    weight,
    decay,
    factor,
    shareOffset,
    Float64Array.from(shareRows),
  );

  // Reports the once-per-reporter rule cannot affect: anonymous ones, single reports of a reporter.
  for (let i = 0; i < n; i++) {
    if (set.grouped[i] || weight[i] === 0) continue;
    acc.addAll(i, nbr, 1);
  }

  applyReporterRule(set, nbr, acc, params, weight, decay, factor, cellCount);

  // Unpack the rows into one column per component.
  const rows = acc.rows;
  const slots = new Float64Array(cellCount * SLOTS);
  const score = new Float64Array(cellCount);
  const column = (offset: number) => Float64Array.from({ length: cellCount }, (_, c) => rows[c * ROW + offset]);
  for (let c = 0; c < cellCount; c++) {
    let sum = 0;
    for (let s = 0; s < SLOTS; s++) {
      const value = rows[c * ROW + s];
      slots[c * SLOTS + s] = value;
      sum += value * (slotWeights ? slotWeights[s] : 1);
    }
    score[c] = sum;
  }

  return {
    cells: set.cells,
    cellCount,
    slots,
    score,
    own: column(OWN),
    reports: Int32Array.from(column(REPORTS)),
    reporters: Int32Array.from(column(REPORTERS)),
    newestTime: column(NEWEST),
    ageDaysSum: column(AGE_SUM),
    feelingSum: column(FEELING_SUM),
    categoryCounts: acc.categoryCounts,
    categoryNames: set.categoryNames,
    recent: column(RECENT),
    previous: column(PREVIOUS),
  };
}
