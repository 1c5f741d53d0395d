/**
 * The per-cell aggregates behind the stored ranking (table `priority_cell_stats`): what each report
 * contributes to each cell it reaches, summed per (cell, category, slot mask). Pure and database-free,
 * so the full recomputation, the incremental update of one reporter's reports and the tests all use
 * the same code — and the same kernel neighbourhoods as `scoreCells` (score.ts).
 *
 * Decay factors out of the sum: 2^(−(now − t_i)/T½) = 2^(−(now − anchor)/T½) · 2^((t_i − anchor)/T½).
 * Rows store Σ f·K·2^((t_i − anchor)/T½)·share_i(s); ranking multiplies by 2^(−(now − anchor)/T½) and
 * by the category weight. The anchor is chosen by the last recomputation (its start, rounded down to a
 * day). A double overflows beyond 2^1023, i.e. (t − anchor) > 1023·T½ — 28 years at T½ = 10 days, but
 * under three years at the smallest half-life allowed (1 day); `needsReanchor` says when the
 * recomputation should move the anchor (it is scheduled daily). Reports far older than the anchor
 * underflow towards 0, as their weight does.
 *
 * The once-per-reporter rule is the one `scoreCells` applies: per reporter and cell, windows of
 * `reporterWindowDays` opened by the first report in them, and only the strongest contribution of a
 * window counts (the newer on a tie). Strength here is w·f·K·2^((t − anchor)/T½) over all slots and
 * categories; `scoreCells` compares strengths within the slots and categories being ranked, so for a
 * time window or a category filter the stored ranking can differ where one reporter reported the same
 * place several times within the window with different "when" answers or categories (documented in
 * NOTES.md, "Stored aggregates").
 */
import { SLOT_COUNT, slotShareArray, whenFromKey } from './slots';
import { DAY_MS, dayOf, feelingFactor, type ReportSet } from './score';

/** Parameters the stored rows depend on: changing one needs a recomputation. */
export type WriteParams = {
  bandwidthMetres: number;
  halfLifeDays: number;
  reporterWindowDays: number;
  feelingFloor: number;
};

export function writeParamsEqual(a: WriteParams, b: WriteParams): boolean {
  return (
    a.bandwidthMetres === b.bandwidthMetres &&
    a.halfLifeDays === b.halfLifeDays &&
    a.reporterWindowDays === b.reporterWindowDays &&
    a.feelingFloor === b.feelingFloor
  );
}

/** log2 of the anchored decay 2^((t − anchor)/T½). */
export function anchoredExponent(time: number, anchor: number, halfLifeDays: number): number {
  return (time - anchor) / (halfLifeDays * DAY_MS);
}

/** True when reports made at `now` would need more than 2^600 (room for sums of many reports). */
export function needsReanchor(now: number, anchor: number, halfLifeDays: number): boolean {
  return anchoredExponent(now, anchor, halfLifeDays) > 600;
}

/** Bit s set when a "when" answer gives slot s a share (`slotIds` order). */
export function slotMaskOf(shares: ArrayLike<number>): number {
  let mask = 0;
  for (let s = 0; s < SLOT_COUNT; s++) if (shares[s] > 0) mask |= 1 << s;
  return mask;
}

export type AggregateRow = {
  cell: string;
  category: string;
  slotMask: number;
  slots: number[];
  own: number[];
  reports: number;
  reporters: number;
  feelingSum: number;
  timeSum: number;
  newest: number;
};

/** Contributions of one UTC day to a cell and category, undecayed and unweighted (`priority_cell_days`). */
export type DayRow = {
  cell: string;
  category: string;
  day: number;
  slots: number[];
  reports: number;
  newest: number;
};

/** The key of an aggregate row (`part`: its slot mask) or of a day row (`part`: its day). */
export function rowKey(cell: string, category: string, part: number): string {
  return `${cell}|${category}|${part}`;
}

function emptyRow(cell: string, category: string, slotMask: number): AggregateRow {
  return {
    cell,
    category,
    slotMask,
    slots: new Array<number>(SLOT_COUNT).fill(0),
    own: new Array<number>(SLOT_COUNT).fill(0),
    reports: 0,
    reporters: 0,
    feelingSum: 0,
    timeSum: 0,
    newest: -Infinity,
  };
}

/**
 * One counted contribution: report i reaches cell c with kernel value `kernel`. `reporter` is 1 when
 * this is where the reporter is counted in cell c (their first report there), else 0.
 */
export type Contribution = (c: number, i: number, kernel: number) => void;
export type ReporterMark = (c: number, i: number) => void;

/**
 * Walks the counted contributions of `set`: excluded reports (dismissed, merged) and reports whose
 * category weight is 0 never count; reporters with several reports go through the window rule.
 * `categoryWeight(slug)` gives w. Calls `mark` once per (reporter, cell) at the reporter's first
 * report reaching the cell, and once per (anonymous report, cell).
 */
export function forEachContribution(
  set: ReportSet,
  params: WriteParams,
  anchor: number,
  categoryWeight: (slug: string) => number,
  add: Contribution,
  mark: ReporterMark,
): void {
  const nbr = set.neighbourhoodsFor(params.bandwidthMetres);
  const weights = set.categoryNames.map(categoryWeight);
  const strength = new Float64Array(set.size);
  for (let i = 0; i < set.size; i++) {
    if (set.excluded[i]) continue;
    const w = weights[set.category[i]] * feelingFactor(set.feeling[i], params.feelingFloor);
    strength[i] = w * 2 ** anchoredExponent(set.time[i], anchor, params.halfLifeDays);
    // A weight of 0 never counts; a report so old that its decay underflows still counts (as 0).
    if (w === 0) continue;
    if (set.grouped[i]) continue;
    for (let e = nbr.start[i]; e < nbr.start[i + 1]; e++) {
      add(nbr.cell[e], i, nbr.kernel[e]);
      mark(nbr.cell[e], i);
    }
  }

  const windowMs = params.reporterWindowDays * DAY_MS;
  const seen = new Map<number, number>();
  const windowStart = new Map<number, number>();
  const best = new Map<number, { i: number; kernel: number; value: number }>();
  for (let g = 0; g < set.groupCount; g++) {
    seen.clear();
    windowStart.clear();
    best.clear();
    for (let m = set.groupStart[g]; m < set.groupStart[g + 1]; m++) {
      const i = set.groupMembers[m];
      if (set.excluded[i] || weights[set.category[i]] === 0) continue;
      const t = set.time[i];
      for (let e = nbr.start[i]; e < nbr.start[i + 1]; e++) {
        const c = nbr.cell[e];
        const kernel = nbr.kernel[e];
        const value = strength[i] * kernel;
        if (!seen.has(c)) {
          seen.set(c, i);
          mark(c, i);
        }
        const current = best.get(c);
        if (current && t - windowStart.get(c)! < windowMs) {
          if (value >= current.value) best.set(c, { i, kernel, value });
          continue;
        }
        if (current) add(c, current.i, current.kernel);
        windowStart.set(c, t);
        best.set(c, { i, kernel, value });
      }
    }
    for (const [c, b] of best) add(c, b.i, b.kernel);
  }
}

/**
 * The aggregate rows of a set of reports, keyed by `rowKey`; with `days`, also their contributions
 * per cell, category and day (keyed by `rowKey` with the day), from the same walk.
 */
export function aggregateReports(
  set: ReportSet,
  params: WriteParams,
  anchor: number,
  categoryWeight: (slug: string) => number,
  days?: Map<string, DayRow>,
): Map<string, AggregateRow> {
  const rows = new Map<string, AggregateRow>();
  const sharesByKey = new Map<number, { shares: Float64Array; mask: number }>();
  const sharesOf = (i: number) => {
    const key = set.whenKey[i];
    let entry = sharesByKey.get(key);
    if (!entry) {
      const shares = slotShareArray(whenFromKey(key));
      entry = { shares, mask: slotMaskOf(shares) };
      sharesByKey.set(key, entry);
    }
    return entry;
  };
  const rowFor = (c: number, i: number) => {
    const { mask } = sharesOf(i);
    const cell = set.cells.ids[c];
    const category = set.categoryNames[set.category[i]];
    const key = rowKey(cell, category, mask);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = emptyRow(cell, category, mask)));
    return row;
  };
  const floor = params.feelingFloor;
  forEachContribution(
    set,
    params,
    anchor,
    categoryWeight,
    (c, i, kernel) => {
      const row = rowFor(c, i);
      const { shares } = sharesOf(i);
      const base = feelingFactor(set.feeling[i], floor) * 2 ** anchoredExponent(set.time[i], anchor, params.halfLifeDays);
      const own = c === set.cell[i];
      for (let s = 0; s < SLOT_COUNT; s++) {
        row.slots[s] += base * kernel * shares[s];
        if (own) row.own[s] += base * shares[s];
      }
      row.reports++;
      row.feelingSum += set.feeling[i];
      row.timeSum += (set.time[i] - anchor) / DAY_MS;
      if (set.time[i] > row.newest) row.newest = set.time[i];
      if (!days) return;
      const day = dayOf(set.time[i]);
      const key = rowKey(row.cell, row.category, day);
      let dayRow = days.get(key);
      if (!dayRow) days.set(key, (dayRow = { cell: row.cell, category: row.category, day, slots: new Array<number>(SLOT_COUNT).fill(0), reports: 0, newest: -Infinity }));
      const amount = feelingFactor(set.feeling[i], floor) * kernel;
      for (let s = 0; s < SLOT_COUNT; s++) dayRow.slots[s] += amount * shares[s];
      dayRow.reports++;
      if (set.time[i] > dayRow.newest) dayRow.newest = set.time[i];
    },
    (c, i) => {
      rowFor(c, i).reporters++;
    },
  );
  return rows;
}
