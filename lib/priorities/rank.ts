/**
 * Ranked patrol priorities with their reasons (DESIGN.md, "Patrol priorities").
 *
 * The gate: a cell is a patrol priority only when its Gi* z-score over ring-1 neighbours is at least
 * 1.96 and survives the Benjamini–Hochberg correction at 5 %, *and* at least 3 distinct reports support
 * it. Cells below the gate are still ranked (the staff map shows them), with `gated: false`.
 */
import { type CellTable } from './cell-table';
import { cellHotspots } from './getis-ord';
import { DAY_MS, ReportSet, scoreCells, type CellScores, type ScoreOptions, type ScoreParams, type ScoringReport } from './score';
import { SLOT_COUNT, toSlotRecord, type SlotId } from './slots';

export type RankOptions = ScoreOptions & {
  /**
   * H3 resolution-10 cells of the city (e.g. `cellsInBounds` of its districts). Cells without reports
   * count as zeros in Gi*. Without it, only the cells near reports form the study area, which makes
   * Gi* compare reported places with each other only, and so understates hot spots.
   */
  studyArea?: readonly string[];
  /** Manual boost or suppress per cell (a factor, e.g. 1.5 or 0), applied to the score after Gi*. */
  overrides?: Readonly<Record<string, number>>;
  /** Only the best this many cells (all by default). */
  limit?: number;
};

export type CellPriority = {
  cell: string;
  lat: number;
  lon: number;
  /** The ranking score: over the requested slots (or all), times any manual override. */
  score: number;
  /** The score over all slots, without override. */
  total: number;
  /** The week-by-slot grid: S(c, s, now) per slot. */
  slots: Record<SlotId, number>;
  /** Supporting reports (kernel > 0), each reporter once per cell per 30 days, merged duplicates once. */
  reports: number;
  /** Distinct reporters among them (anonymous reports count one each). */
  reporters: number;
  /** Days since the newest supporting report. */
  newestDays: number;
  /** Mean age of the supporting reports, days. */
  meanAgeDays: number;
  /** Mean feeling of the supporting reports, 1–5 (5: very unsafe). */
  severity: number;
  /** Supporting reports per category slug. */
  categories: Record<string, number>;
  /** Weighted amount in the last `trendDays` and the `trendDays` before; ratio null when nothing before. */
  trend: { recent: number; previous: number; ratio: number | null };
  z: number;
  p: number;
  /** Gi* z ≥ minZ and an FDR discovery. */
  significant: boolean;
  override: number;
  /** A patrol priority: significant and at least `minSupport` distinct reports. */
  gated: boolean;
};

/**
 * Scores, tests and ranks every cell near a report, best first. `now` is epoch ms or a Date; reports
 * after it are ignored.
 */
export function rankCells(
  reports: readonly ScoringReport[] | ReportSet,
  params: ScoreParams,
  now: Date | number,
  options: RankOptions = {},
): CellPriority[] {
  const set = reports instanceof ReportSet ? reports : new ReportSet(reports);
  const at = typeof now === 'number' ? now : now.getTime();
  const scores = scoreCells(set, params, at, options);
  const hotspots = hotspotsOf(scores, params, options.studyArea);

  const zOf = new Map<number, { z: number; p: number; significant: boolean }>();
  hotspots.cells.forEach((c, i) =>
    zOf.set(c, { z: hotspots.z[i], p: hotspots.p[i], significant: hotspots.significant[i] === 1 }),
  );

  const candidates: number[] = [];
  for (let c = 0; c < scores.cellCount; c++) if (scores.reports[c] > 0) candidates.push(c);
  const rankScore = (c: number) => scores.score[c] * (options.overrides?.[scores.cells.ids[c]] ?? 1);
  candidates.sort((a, b) => rankScore(b) - rankScore(a) || scores.cells.ids[a].localeCompare(scores.cells.ids[b]));
  const chosen = options.limit === undefined ? candidates : candidates.slice(0, options.limit);

  return chosen.map((c) => {
    const test = zOf.get(c) ?? { z: 0, p: 0.5, significant: false };
    const override = options.overrides?.[scores.cells.ids[c]] ?? 1;
    return describeCell(scores, c, at, params, test, override);
  });
}

/** Gi* over the study area (plus any scored cell outside it), on the values `params.hotspotValues` names. */
export function hotspotsOf(scores: CellScores, params: ScoreParams, studyArea?: readonly string[]) {
  const values = params.hotspotValues === 'kernel' ? scores.score : scores.own;
  return hotspotsOver(scores.cells, scores.cellCount, scores.score, values, params, studyArea);
}

/**
 * Gi* for cells numbered 0..cellCount−1 in `cells` with their ranking `score` and tested `values`
 * (cells numbered later count as 0). Shared by `rankCells` and the stored ranking (service.ts).
 */
export function hotspotsOver(
  cells: CellTable,
  cellCount: number,
  score: ArrayLike<number>,
  values: ArrayLike<number>,
  params: Pick<ScoreParams, 'minZ' | 'fdrAlpha'>,
  studyArea?: readonly string[],
) {
  const universe: number[] = [];
  if (studyArea) for (const id of studyArea) universe.push(cells.intern(id));
  for (let c = 0; c < cellCount; c++) if (score[c] > 0) universe.push(c);
  if (!studyArea) for (let c = 0; c < cellCount; c++) if (score[c] === 0) universe.push(c);
  return cellHotspots(cells, universe, (c) => (c < cellCount ? values[c] : 0), {
    minZ: params.minZ,
    fdrAlpha: params.fdrAlpha,
  });
}

function describeCell(
  scores: CellScores,
  c: number,
  now: number,
  params: ScoreParams,
  test: { z: number; p: number; significant: boolean },
  override: number,
): CellPriority {
  const cells: CellTable = scores.cells;
  const slotValues = scores.slots.subarray(c * SLOT_COUNT, (c + 1) * SLOT_COUNT);
  let total = 0;
  for (let s = 0; s < SLOT_COUNT; s++) total += slotValues[s];
  const n = scores.reports[c];
  const categories: Record<string, number> = {};
  scores.categoryNames.forEach((name, k) => {
    const count = scores.categoryCounts[c * scores.categoryNames.length + k];
    if (count > 0) categories[name] = count;
  });
  const recent = scores.recent[c];
  const previous = scores.previous[c];
  return {
    cell: cells.ids[c],
    lat: cells.lat[c],
    lon: cells.lon[c],
    score: scores.score[c] * override,
    total,
    slots: toSlotRecord(slotValues),
    reports: n,
    reporters: scores.reporters[c],
    newestDays: n > 0 ? (now - scores.newestTime[c]) / DAY_MS : Infinity,
    meanAgeDays: n > 0 ? scores.ageDaysSum[c] / n : Infinity,
    severity: n > 0 ? scores.feelingSum[c] / n : 0,
    categories,
    trend: { recent, previous, ratio: previous > 0 ? recent / previous : null },
    z: test.z,
    p: test.p,
    significant: test.significant,
    override,
    gated: test.significant && n >= params.minSupport && override > 0,
  };
}
