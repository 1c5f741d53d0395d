/**
 * Getis-Ord Gi* hot-spot statistic with binary weights, and the Benjamini–Hochberg correction.
 *
 * Gi* (Ord & Getis 1995, "Local spatial autocorrelation statistics", Geographical Analysis 27(4)):
 * for cell i with neighbourhood N(i) ∪ {i} (the star: the cell itself included), binary weights and
 * n cells with mean x̄ and standard deviation S (population form, divided by n),
 *
 *   z_i = (Σ_{j∈N*(i)} x_j − x̄·W_i) / (S · √((n·W_i − W_i²)/(n − 1))),   W_i = |N*(i)|.
 *
 * This is the same z as PySAL esda's `G_Local(y, w, transform='B', star=True).Zs` (esda/getisord.py,
 * `G_Local.calc`), which the tests check against esda's published values.
 */
import type { CellTable } from './cell-table';

/**
 * Gi* z-scores. `neighbours[i]` lists the cells j ≠ i with weight 1; i itself is always added (the star)
 * and ignored if listed. All values the same (no variance): every z is 0.
 */
export function giStar(values: ArrayLike<number>, neighbours: readonly ArrayLike<number>[]): Float64Array {
  const n = values.length;
  const z = new Float64Array(n);
  if (n < 2) return z;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    sum += values[i];
    sumSq += values[i] * values[i];
  }
  const mean = sum / n;
  const variance = Math.max(0, sumSq / n - mean * mean);
  const sd = Math.sqrt(variance);
  if (sd === 0 || !Number.isFinite(sd)) return z;
  for (let i = 0; i < n; i++) {
    let local = values[i];
    let weight = 1;
    const list = neighbours[i] ?? [];
    for (let k = 0; k < list.length; k++) {
      const j = list[k];
      if (j === i) continue;
      local += values[j];
      weight++;
    }
    const denominator = sd * Math.sqrt((n * weight - weight * weight) / (n - 1));
    z[i] = denominator > 0 ? (local - mean * weight) / denominator : 0;
  }
  return z;
}

/**
 * Complementary error function, Numerical Recipes' `erfcc` (Chebyshev fit, fractional error below
 * 1.2·10⁻⁷ everywhere): ample for p-values compared against 0.05·k/m.
 */
export function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? y : 2 - y;
}

/** One-sided p-value of a z-score: P(Z ≥ z) for a standard normal Z. */
export function upperTailP(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * Benjamini–Hochberg (1995) step-up procedure: rejects the hypotheses with the k smallest p-values,
 * k the largest rank with p_(k) ≤ k·α/m. Controls the false-discovery rate at α for independent or
 * positively dependent tests. Returns, per input, whether it is rejected (a discovery).
 */
export function benjaminiHochberg(pValues: ArrayLike<number>, alpha: number): boolean[] {
  const m = pValues.length;
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => pValues[a] - pValues[b]);
  let cutoff = -1;
  for (let k = m; k >= 1; k--) {
    if (pValues[order[k - 1]] <= (k * alpha) / m) {
      cutoff = k;
      break;
    }
  }
  const rejected = new Array<boolean>(m).fill(false);
  for (let k = 0; k < cutoff; k++) rejected[order[k]] = true;
  return rejected;
}

export type HotspotResult = {
  /** Cell numbers of the study area (plus scored cells outside it), in the order of z, p, significant. */
  cells: Int32Array;
  z: Float64Array;
  p: Float64Array;
  /** z ≥ minZ and a Benjamini–Hochberg discovery at fdrAlpha. */
  significant: Uint8Array;
};

/**
 * Gi* over all cells of a study area with H3 ring-1 neighbours. Cells of the study area without a score
 * count as zeros: leaving them out would compare hot cells only with other reported cells, hiding a hot
 * spot in a quiet city. `value(c)` gives the score of cell number c.
 */
export function cellHotspots(
  cells: CellTable,
  studyArea: readonly number[],
  value: (cell: number) => number,
  options: { minZ: number; fdrAlpha: number },
): HotspotResult {
  const universe = Int32Array.from(new Set(studyArea));
  const position = new Map<number, number>();
  universe.forEach((c, i) => position.set(c, i));
  const values = new Float64Array(universe.length);
  const neighbours: Int32Array[] = new Array<Int32Array>(universe.length);
  for (let i = 0; i < universe.length; i++) {
    values[i] = value(universe[i]);
    const ring = cells.neighboursOf(universe[i]);
    const inside: number[] = [];
    for (let k = 0; k < ring.length; k++) {
      const j = position.get(ring[k]);
      if (j !== undefined) inside.push(j);
    }
    neighbours[i] = Int32Array.from(inside);
  }
  const z = giStar(values, neighbours);
  const p = z.map(upperTailP);
  const discoveries = benjaminiHochberg(p, options.fdrAlpha);
  const significant = new Uint8Array(universe.length);
  for (let i = 0; i < universe.length; i++) significant[i] = discoveries[i] && z[i] >= options.minZ ? 1 : 0;
  return { cells: universe, z, p, significant };
}
