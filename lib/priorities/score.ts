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

/** All parameters of the method in one place; admins change them as settings. */
export type ScoreParams = {
  /** Bandwidth h of the quartic kernel, metres. 200 m: reports within a short walk of a cell's centre support it. */
  bandwidthMetres: number;
  /** Half-life T½ of a report's weight, days. 28 days: a month-old concern weighs half as much as today's. */
  halfLifeDays: number;
  /** A reporter counts at most once per cell within this many days. */
  reporterWindowDays: number;
  /** Category weights w by category slug (the categories table); e.g. 2 for harassment or threat. */
  categoryWeights: Readonly<Record<string, number>>;
  /** Weight of a category missing from `categoryWeights`. */
  defaultCategoryWeight: number;
  /** f for feeling 1; feeling 5 ("very unsafe") gives 1, linear between: 0.2, 0.4, 0.6, 0.8, 1. */
  feelingFloor: number;
  /** Trend: score of the last `trendDays` against the `trendDays` before. */
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

/** The defaults of DESIGN.md, "Patrol priorities". Category weights come from the categories table. */
export const defaultScoreParams: ScoreParams = {
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
  private neighbourhoods: Neighbourhoods | null = null;

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

  get groupCount(): number {
    return this.groupStart.length - 1;
  }

  /** Each report's kernel neighbourhood for bandwidth h, computed on first use and kept. */
  neighbourhoodsFor(bandwidthMetres: number): Neighbourhoods {
    if (!this.neighbourhoods || this.neighbourhoods.bandwidthMetres !== bandwidthMetres) {
      this.neighbourhoods = buildNeighbourhoods(this, bandwidthMetres);
    }
    return this.neighbourhoods;
  }
}

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

function buildNeighbourhoods(set: ReportSet, bandwidthMetres: number): Neighbourhoods {
  const byOrigin = new Map<number, Candidates>();
  const h2 = bandwidthMetres * bandwidthMetres;
  let capacity = Math.max(16, set.size * 12);
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
  return { bandwidthMetres, start, cell: cell.slice(0, used), kernel: kernel.slice(0, used) };
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

/** Slot shares per "when" key, built on demand (at most a few dozen distinct answers occur). */
class ShareTable {
  private readonly shares = new Float64Array(WHEN_KEY_COUNT * SLOT_COUNT);
  private readonly known = new Uint8Array(WHEN_KEY_COUNT);
  readonly windowFactor = new Float64Array(WHEN_KEY_COUNT);

  constructor(private readonly slotWeights: Float64Array | null) {}

  /** Offset of the shares of `key` in `values`. */
  offset(key: number): number {
    if (!this.known[key]) {
      const shares = slotShareArray(whenFromKey(key));
      this.shares.set(shares, key * SLOT_COUNT);
      let factor = 0;
      for (let s = 0; s < SLOT_COUNT; s++) factor += shares[s] * (this.slotWeights ? this.slotWeights[s] : 1);
      this.windowFactor[key] = factor;
      this.known[key] = 1;
    }
    return key * SLOT_COUNT;
  }

  get values(): Float64Array {
    return this.shares;
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
  const cellCount = set.cells.size;
  const nCat = set.categoryNames.length;
  const slotWeights = options.slotWeights ? fromSlotRecord(options.slotWeights) : null;
  const shareTable = new ShareTable(slotWeights);
  const shares = shareTable.values;

  const categoryWeight = new Float64Array(nCat);
  const categoryAllowed = new Uint8Array(nCat);
  const allowed = options.categories ? new Set(options.categories) : null;
  set.categoryNames.forEach((name, k) => {
    categoryWeight[k] = params.categoryWeights[name] ?? params.defaultCategoryWeight;
    categoryAllowed[k] = !allowed || allowed.has(name) ? 1 : 0;
  });
  const feelingWeight = [0, 1, 2, 3, 4, 5].map((f) => feelingFactor(f, params.feelingFloor));

  const slots = new Float64Array(cellCount * SLOT_COUNT);
  const reports = new Int32Array(cellCount);
  const reporters = new Int32Array(cellCount);
  const newestTime = new Float64Array(cellCount).fill(-Infinity);
  const ageDaysSum = new Float64Array(cellCount);
  const feelingSum = new Float64Array(cellCount);
  const categoryCounts = new Int32Array(cellCount * nCat);
  const recent = new Float64Array(cellCount);
  const previous = new Float64Array(cellCount);
  const own = new Float64Array(cellCount);

  const decayPerDay = params.halfLifeDays > 0 && Number.isFinite(params.halfLifeDays) ? Math.LN2 / params.halfLifeDays : 0;
  const trendMs = params.trendDays * DAY_MS;

  // Per report: undecayed weight w·f, or 0 when the report does not count here at all (merged,
  // dismissed, after `now`, another category, or outside the requested slots).
  const weightOf = (i: number): number => {
    if (set.excluded[i] || set.time[i] > now || !categoryAllowed[set.category[i]]) return 0;
    shareTable.offset(set.whenKey[i]);
    if (shareTable.windowFactor[set.whenKey[i]] === 0) return 0;
    return categoryWeight[set.category[i]] * feelingWeight[set.feeling[i]];
  };
  const decayOf = (i: number): number => Math.exp((-decayPerDay * (now - set.time[i])) / DAY_MS);

  const add = (c: number, i: number, kernel: number, weight: number, decay: number): void => {
    const ageMs = now - set.time[i];
    const key = set.whenKey[i];
    const o = shareTable.offset(key);
    const decayed = weight * kernel * decay;
    const so = c * SLOT_COUNT;
    for (let s = 0; s < SLOT_COUNT; s++) slots[so + s] += decayed * shares[o + s];
    reports[c]++;
    if (set.time[i] > newestTime[c]) newestTime[c] = set.time[i];
    ageDaysSum[c] += ageMs / DAY_MS;
    feelingSum[c] += set.feeling[i];
    categoryCounts[c * nCat + set.category[i]]++;
    // The trend compares raw amounts (no decay, which would favour the recent period by construction).
    const windowed = weight * kernel * shareTable.windowFactor[key];
    if (ageMs < trendMs) recent[c] += windowed;
    else if (ageMs < 2 * trendMs) previous[c] += windowed;
    if (c === set.cell[i]) own[c] += weight * decay * shareTable.windowFactor[key];
  };

  // Reports that need no once-per-reporter check: anonymous ones and single reports of a reporter.
  for (let i = 0; i < set.size; i++) {
    if (set.grouped[i]) continue;
    const weight = weightOf(i);
    if (weight === 0) continue;
    const decay = decayOf(i);
    for (let e = nbr.start[i]; e < nbr.start[i + 1]; e++) {
      const c = nbr.cell[e];
      add(c, i, nbr.kernel[e], weight, decay);
      reporters[c]++;
    }
  }

  // Reporters with several reports: per cell, windows of `reporterWindowDays` opened by the first report
  // in them; in each window only the strongest contribution counts. Oldest first, so a window opens on
  // the first report after the previous window closed.
  const windowMs = params.reporterWindowDays * DAY_MS;
  const owner = new Int32Array(cellCount).fill(-1);
  const windowStart = new Float64Array(cellCount);
  const bestReport = new Int32Array(cellCount);
  const bestKernel = new Float64Array(cellCount);
  const bestValue = new Float64Array(cellCount);
  const touched = new Int32Array(cellCount);
  const flush = (c: number): void => {
    const i = bestReport[c];
    add(c, i, bestKernel[c], weightOf(i), decayOf(i));
  };
  for (let g = 0; g < set.groupCount; g++) {
    let touchedCount = 0;
    for (let m = set.groupStart[g]; m < set.groupStart[g + 1]; m++) {
      const i = set.groupMembers[m];
      const weight = weightOf(i);
      if (weight === 0) continue;
      const strength = weight * decayOf(i) * shareTable.windowFactor[set.whenKey[i]];
      for (let e = nbr.start[i]; e < nbr.start[i + 1]; e++) {
        const c = nbr.cell[e];
        const kernel = nbr.kernel[e];
        const value = strength * kernel;
        if (owner[c] !== g) {
          owner[c] = g;
          touched[touchedCount++] = c;
          reporters[c]++;
        } else if (set.time[i] - windowStart[c] < windowMs) {
          // Same window: keep the strongest (the newer one on a tie).
          if (value >= bestValue[c]) {
            bestReport[c] = i;
            bestKernel[c] = kernel;
            bestValue[c] = value;
          }
          continue;
        } else {
          flush(c);
        }
        windowStart[c] = set.time[i];
        bestReport[c] = i;
        bestKernel[c] = kernel;
        bestValue[c] = value;
      }
    }
    for (let t = 0; t < touchedCount; t++) flush(touched[t]);
  }

  const score = new Float64Array(cellCount);
  for (let c = 0; c < cellCount; c++) {
    let sum = 0;
    for (let s = 0; s < SLOT_COUNT; s++) sum += slots[c * SLOT_COUNT + s] * (slotWeights ? slotWeights[s] : 1);
    score[c] = sum;
  }

  return {
    cells: set.cells,
    cellCount,
    slots,
    score,
    own,
    reports,
    reporters,
    newestTime,
    ageDaysSum,
    feelingSum,
    categoryCounts,
    categoryNames: set.categoryNames,
    recent,
    previous,
  };
}
