import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categoryFigure, type CellCategoryCounts } from './cell-stats';
import { shownParts } from './disclosure';
import { timesOfDay, type TimeOfDay } from './types';

const parts = (...counts: number[]) => counts.map((n, key) => ({ key, counts: [n] }));
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('shownParts', () => {
  it('shows every part of k or more when the hidden ones together are 0 or k or more', () => {
    expect(shownParts(parts(4, 3), [7], 3)).toEqual(new Set([0, 1]));
    expect(shownParts(parts(5, 1, 1, 1), [8], 3)).toEqual(new Set([0]));
  });

  it('hides one more part when the hidden ones together are 1 to k − 1', () => {
    // 8 reports: 3, 3 and 2. Showing both 3s would leave the 2.
    expect(shownParts(parts(3, 3, 2), [8], 3)).toEqual(new Set([1]));
    // 5 reports, 4 of one kind: the one other report would show.
    expect(shownParts(parts(4, 1), [5], 3)).toEqual(new Set());
    // The smallest part goes, not the first.
    expect(shownParts(parts(9, 4, 1), [14], 3)).toEqual(new Set([0]));
  });

  it('hides a part whose further figure is 1 to k − 1, and nothing when a whole is 1 to k − 1', () => {
    const twoColumns = [
      { key: 'a', counts: [4, 2] },
      { key: 'b', counts: [3, 0] },
    ];
    expect(shownParts(twoColumns, [7, 2], 3)).toEqual(new Set());
    expect(shownParts([{ key: 'a', counts: [4, 3] }, { key: 'b', counts: [3, 0] }], [7, 3], 3)).toEqual(new Set(['a', 'b']));
  });
});

/** One report in a hexagon: its category (0 to 3) and the times of day it names. */
const reportArb = fc.record({
  category: fc.integer({ min: 0, max: 3 }),
  times: fc.subarray([...timesOfDay], { minLength: 1 }),
});

function countsOf(reports: { category: number; times: TimeOfDay[] }[], time?: TimeOfDay): CellCategoryCounts[] {
  return [0, 1, 2, 3].map((categoryId) => {
    const mine = reports.filter((r) => r.category === categoryId);
    return { categoryId, all: mine.length, slice: time ? mine.filter((r) => r.times.includes(time)).length : mine.length };
  });
}

/** Every sum of a subset of the values (at most 4 here). */
function subsetSums(values: number[]): number[] {
  return values.reduce((sums, v) => [...sums, ...sums.map((s) => s + v)], [0]);
}

describe('categoryFigure', () => {
  it('gives the true figure where nothing is left over', () => {
    const counts = [
      { categoryId: 1, all: 4, slice: 4 },
      { categoryId: 2, all: 3, slice: 3 },
    ];
    expect(categoryFigure(counts, 3, 1)).toBe(4);
    expect(categoryFigure(counts, 3, 2, 'night')).toBe(3);
    expect(categoryFigure(counts, 3, 3)).toBeNull();
  });

  it('withholds a time of day when the other times would leave 1 to k − 1', () => {
    // 10 reports: category 1 has 6, 3 of them at night; category 2 has 4, 3 at night. Shown, the 3
    // of category 1 at night would leave its 3 at other times, and of the 4 at other times the 1 of
    // category 2 (each pairwise difference being 3 or more).
    const counts = [
      { categoryId: 1, all: 6, slice: 3 },
      { categoryId: 2, all: 4, slice: 3 },
    ];
    expect(categoryFigure(counts, 3, 1)).toBe(6);
    expect(categoryFigure(counts, 3, 2)).toBe(4);
    expect(categoryFigure(counts, 3, 1, 'night')).toBeNull();
    expect(categoryFigure(counts, 3, 2, 'night')).toBeNull();
  });

  // What the public sees of one hexagon from every view of the map, and what it can work out: no
  // shown figure and no difference of them may be 1 to k − 1.
  it.each([3, 5])('leaves nothing of 1 to k − 1 to subtract from all map views together (k = %i)', (k) => {
    fc.assert(
      fc.property(fc.array(reportArb, { maxLength: 30 }), (reports) => {
        const safe = (n: number) => n === 0 || n >= k;
        const total = reports.length;
        const totalShown = total >= k;
        const overDay = [0, 1, 2, 3].map((c) => categoryFigure(countsOf(reports), k, c));
        for (const time of timesOfDay) {
          const inTime = reports.filter((r) => r.times.includes(time)).length;
          // The map filtered by time of day only (getPublicCells' rule without a category).
          const timeShown = inTime >= k && safe(total - inTime);
          const atTime = [0, 1, 2, 3].map((c) => categoryFigure(countsOf(reports, time), k, c, time));
          for (const figure of [...overDay, ...atTime]) if (figure !== null) expect(figure).toBeGreaterThanOrEqual(k);
          const shownAtTime = atTime.filter((n): n is number => n !== null);
          if (timeShown) for (const s of subsetSums(shownAtTime)) expect(safe(inTime - s)).toBe(true);
          const otherTimes = atTime.flatMap((n, c) => (n !== null && overDay[c] !== null ? [overDay[c]! - n] : []));
          for (const n of otherTimes) expect(safe(n)).toBe(true);
          if (totalShown && timeShown) for (const s of subsetSums(otherTimes)) expect(safe(total - inTime - s)).toBe(true);
        }
        if (totalShown) for (const s of subsetSums(overDay.filter((n): n is number => n !== null))) expect(safe(total - s)).toBe(true);
        expect(sum(overDay.map((n) => n ?? 0))).toBeLessThanOrEqual(total);
      }),
      { numRuns: 2000 },
    );
  });
});
