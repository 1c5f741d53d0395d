import { gridDisk, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { CellTable } from './cell-table';
import { benjaminiHochberg, cellHotspots, giStar, upperTailP } from './getis-ord';

/** Binary distance-band neighbours: j ≠ i within `threshold` (libpysal `DistanceBand`, which includes the threshold). */
function distanceBand(points: [number, number][], threshold: number): number[][] {
  return points.map(([x, y], i) =>
    points.flatMap(([u, v], j) => (j !== i && Math.hypot(x - u, y - v) <= threshold ? [j] : [])),
  );
}

describe('giStar', () => {
  it("matches PySAL esda's published G_Local star=True, transform='B' z-scores", () => {
    // Source: pysal/esda, esda/getisord.py, docstring of G_Local ("Applying Getis and Ord local G* test
    // using a binary weights object"), commit 01704e94d0ad9208179af14dc6d605c40167394f:
    //   points = [(10, 10), (20, 10), (40, 10), (15, 20), (30, 20), (30, 30)]
    //   w = libpysal.weights.DistanceBand(points, threshold=15)
    //   y = numpy.array([2, 3, 3.2, 5, 8, 7])
    //   G_Local(y, w, transform='B', star=True).Zs
    //   → [-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331]
    // esda/tests/test_getisord.py (test_star_binary) asserts Zs[0] == -1.39727626 on the same data.
    const points: [number, number][] = [
      [10, 10],
      [20, 10],
      [40, 10],
      [15, 20],
      [30, 20],
      [30, 30],
    ];
    const y = [2, 3, 3.2, 5, 8, 7];
    const published = [-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331];
    const z = giStar(y, distanceBand(points, 15));
    published.forEach((want, i) => expect(z[i]).toBeCloseTo(want, 7));
  });

  it('ignores the cell itself in its neighbour list (the star adds it once)', () => {
    const values = [1, 2, 3, 10];
    const without = giStar(values, [[1], [0, 2], [1, 3], [2]]);
    const withSelf = giStar(values, [[0, 1], [0, 1, 2], [1, 2, 3], [2, 3]]);
    expect(Array.from(withSelf)).toEqual(Array.from(without));
  });

  it('gives 0 when all values are equal', () => {
    expect(Array.from(giStar([3, 3, 3], [[1], [0, 2], [1]]))).toEqual([0, 0, 0]);
  });
});

describe('upperTailP', () => {
  it('is the one-sided normal tail', () => {
    expect(upperTailP(0)).toBeCloseTo(0.5, 7);
    expect(upperTailP(1.96)).toBeCloseTo(0.0249979, 6);
    expect(upperTailP(1.644854)).toBeCloseTo(0.05, 6);
    expect(upperTailP(3)).toBeCloseTo(0.0013499, 6);
    expect(upperTailP(-1.96)).toBeCloseTo(0.9750021, 6);
  });
});

describe('benjaminiHochberg', () => {
  it('rejects by the step-up rule on a small example', () => {
    // Sorted: 0.005 ≤ 1·0.05/4 = 0.0125 ✓, 0.01 ≤ 0.025 ✓, 0.03 ≤ 0.0375 ✓, 0.04 ≤ 0.05 ✓: all four.
    expect(benjaminiHochberg([0.01, 0.04, 0.03, 0.005], 0.05)).toEqual([true, true, true, true]);
    // 0.045 > 0.0375 at rank 3, but 0.05 ≤ 0.05 at rank 4: step-up rejects all, a step-down would stop.
    expect(benjaminiHochberg([0.01, 0.05, 0.045, 0.005], 0.05)).toEqual([true, true, true, true]);
    // Only the smallest two: 0.04 at rank 3 > 0.0375 and 0.2 at rank 4 > 0.05.
    expect(benjaminiHochberg([0.01, 0.2, 0.04, 0.005], 0.05)).toEqual([true, false, false, true]);
    expect(benjaminiHochberg([0.3, 0.6], 0.05)).toEqual([false, false]);
  });

  it('is stricter than testing each at α', () => {
    // Five p-values below 0.05, but among 100 tests only 0.0001 ≤ 1·0.05/100 survives.
    const p = Array.from({ length: 100 }, (_, i) => (i === 0 ? 0.0001 : i < 5 ? 0.04 : 0.5));
    const rejected = benjaminiHochberg(p, 0.05);
    expect(rejected.filter(Boolean)).toHaveLength(1);
    expect(rejected[0]).toBe(true);
  });
});

describe('cellHotspots', () => {
  it('finds a hot cluster in a quiet study area and counts empty cells as zeros', () => {
    const cells = new CellTable();
    const centre = latLngToCell(51.6139, 7.5231, 10);
    const area = gridDisk(centre, 8).map((id) => cells.intern(id));
    const hot = new Set(gridDisk(centre, 1).map((id) => cells.indexOf(id)!));
    const result = cellHotspots(cells, area, (c) => (hot.has(c) ? 5 : c % 7 === 0 ? 1 : 0), {
      minZ: 1.96,
      fdrAlpha: 0.05,
    });
    const at = (c: number) => result.cells.indexOf(c);
    const centreIndex = at(cells.indexOf(centre)!);
    expect(result.z[centreIndex]).toBeGreaterThan(5);
    expect(result.significant[centreIndex]).toBe(1);
    const far = at(cells.indexOf(gridDisk(centre, 8).at(-1)!)!);
    expect(result.significant[far]).toBe(0);
    expect(result.cells).toHaveLength(area.length);
  });
});
