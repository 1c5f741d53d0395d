import { cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { rankCells } from './rank';
import { DAY_MS, designScoreParams, prepareReports, type ScoringReport } from './score';

const NOW = Date.UTC(2025, 5, 13, 20);
const CENTRE = latLngToCell(51.6139, 7.5231, 10);
const STUDY_AREA = gridDisk(CENTRE, 12);
const PARAMS = { ...designScoreParams, categoryWeights: { harassment: 2 } };

function at(cell: string, overrides: Partial<ScoringReport> = {}): ScoringReport {
  const [lat, lon] = cellToLatLng(cell);
  return {
    lat,
    lon,
    cell,
    category: 'poor-lighting',
    feeling: 4,
    when: { always: true },
    createdAt: NOW - DAY_MS,
    reporterHash: null,
    duplicateOf: null,
    ...overrides,
  };
}

/** Sparse background: one report in every 9th cell of the study area, so Gi* has something to compare with. */
const BACKGROUND = STUDY_AREA.filter((_, i) => i % 9 === 4 && i > 40).map((cell) => at(cell, { feeling: 2 }));

function priorityOf(reports: ScoringReport[], cell = CENTRE) {
  const ranked = rankCells([...BACKGROUND, ...reports], PARAMS, NOW, { studyArea: STUDY_AREA });
  return { ranked, cell: ranked.find((p) => p.cell === cell)! };
}

describe('rankCells', () => {
  it('sorts by score, best first, with the components', () => {
    const { ranked } = priorityOf([at(CENTRE), at(CENTRE), at(CENTRE, { category: 'harassment', feeling: 5 })]);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1].score).toBeGreaterThanOrEqual(ranked[i].score);
    const top = ranked[0];
    expect(top.cell).toBe(CENTRE);
    expect(top.reports).toBe(3);
    expect(top.reporters).toBe(3);
    expect(top.severity).toBeCloseTo(13 / 3, 9);
    expect(top.categories).toEqual({ 'poor-lighting': 2, harassment: 1 });
    expect(top.newestDays).toBeCloseTo(1, 9);
    expect(top.total).toBeCloseTo(top.score, 9);
    expect(Object.values(top.slots).reduce((a, b) => a + b, 0)).toBeCloseTo(top.total, 9);
  });

  it('gates a significant cell only with at least 3 distinct reports', () => {
    const two = priorityOf([at(CENTRE, { feeling: 5 }), at(CENTRE, { feeling: 5 })]).cell;
    expect(two.significant).toBe(true);
    expect(two.reports).toBe(2);
    expect(two.gated).toBe(false);

    const three = priorityOf([at(CENTRE), at(CENTRE), at(CENTRE)]).cell;
    expect(three.significant).toBe(true);
    expect(three.gated).toBe(true);
  });

  it('does not let one reporter pass the gate alone', () => {
    const spam = Array.from({ length: 12 }, (_, i) =>
      at(CENTRE, { reporterHash: 'same-person', feeling: 5, createdAt: NOW - i * DAY_MS }),
    );
    const { cell } = priorityOf(spam);
    expect(cell.reports).toBe(1);
    expect(cell.gated).toBe(false);
  });

  it('does not gate cells that are not significantly hot', () => {
    const { ranked } = priorityOf([]);
    expect(ranked.filter((p) => p.significant)).toHaveLength(0);
    expect(ranked.filter((p) => p.gated)).toHaveLength(0);
  });

  it('finds no hot spot in evenly spread single reports, which Gi* on the smoothed score would', () => {
    // Why `hotspotValues: 'cell'` is the default: the kernel spreads each report over ≈ 8 cells, so
    // neighbouring values share reports and Gi* mistakes that for clustering.
    const smoothed = rankCells(BACKGROUND, { ...PARAMS, hotspotValues: 'kernel' }, NOW, { studyArea: STUDY_AREA });
    expect(smoothed.filter((p) => p.significant).length).toBeGreaterThan(0);
    const own = rankCells(BACKGROUND, PARAMS, NOW, { studyArea: STUDY_AREA });
    expect(own.filter((p) => p.significant)).toHaveLength(0);
  });

  it('applies manual overrides after the test, and a suppressed cell is no priority', () => {
    const reports = [at(CENTRE), at(CENTRE), at(CENTRE)];
    const set = prepareReports([...BACKGROUND, ...reports]);
    const plain = rankCells(set, PARAMS, NOW, { studyArea: STUDY_AREA });
    const boosted = rankCells(set, PARAMS, NOW, { studyArea: STUDY_AREA, overrides: { [CENTRE]: 0 } });
    const before = plain.find((p) => p.cell === CENTRE)!;
    const after = boosted.find((p) => p.cell === CENTRE)!;
    expect(after.z).toBe(before.z);
    expect(after.score).toBe(0);
    expect(after.gated).toBe(false);
    expect(boosted[0].cell).not.toBe(CENTRE);
  });

  it('ranks for a time window', () => {
    const night = gridDisk(CENTRE, 4).at(-1)!;
    const reports = [
      ...[1, 2, 3].map(() => at(CENTRE, { when: { times: ['morning'], days: ['mon'] } })),
      ...[1, 2, 3].map(() => at(night, { when: { times: ['night'], days: ['fri'] } })),
    ];
    const ranked = rankCells(reports, PARAMS, NOW, { studyArea: STUDY_AREA, slotWeights: { 'night-weekday': 2 }, limit: 1 });
    expect(ranked).toHaveLength(1);
    expect(ranked[0].cell).toBe(night);
  });
});
