import { eq } from 'drizzle-orm';
import { cellToLatLng } from 'h3-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  categories,
  priorityCellCategoryTotals,
  priorityCellDays,
  priorityCellStats,
  priorityCellTotals,
  priorityOverrides,
  priorityPending,
  priorityStatsMeta,
  reports,
} from '@/lib/db/schema';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { findDistrict } from '@/lib/geo/districts';
import { mulberry32 } from '@/lib/random';
import { setOverride, endOverride } from '@/lib/priorities/overrides';
import { rankCells, type CellPriority } from '@/lib/priorities/rank';
import {
  applyPendingPriorities,
  getScoreParams,
  priorityStatsOutdated,
  rankPriorities,
  recomputePrioritiesExclusively,
  recomputePriorityStats,
  refreshPriorityCellTotals,
  studyAreaOf,
  toScoring,
} from '@/lib/priorities/service';
import { getPrioritySettings, updatePrioritySettings } from '@/lib/settings/admin';
import type { ScoringReport } from '@/lib/priorities/score';
import { rebuildPriorityRollups } from '@/lib/priorities/rollups';
import { windowSlotWeights } from '@/lib/priorities/slots';
import { createReport, draftReports, insertReports, loadDistricts, withRefs } from '@/lib/reports/service';
import { updateReport } from '@/lib/reports/update';
import type { WhenProfile } from '@/lib/reports/types';
import { createStaff } from '../helpers/staff';

const DAY = 86_400_000;
const NOW = new Date('2026-11-20T12:00:00Z');
// Two places in Lünen's centre where many report, and noise around them.
const HOTSPOTS = [
  { lat: 51.6139, lon: 7.5231 },
  { lat: 51.6175, lon: 7.5302 },
];
const CATEGORIES = ['poor-lighting', 'harassment', 'drugs', 'aggressive-groups', 'other'];
const WHENS: WhenProfile[] = [
  { always: true },
  { times: ['evening', 'night'], days: ['fri', 'sat'] },
  { times: ['night'], days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
  { times: ['morning', 'day'], days: ['sat', 'sun'] },
];

function demoInputs(count: number, seed: number) {
  const rng = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    const spot = rng() < 0.6 ? HOTSPOTS[Math.floor(rng() * HOTSPOTS.length)] : null;
    const lat = spot ? spot.lat + (rng() - 0.5) * 0.002 : 51.6 + rng() * 0.035;
    const lon = spot ? spot.lon + (rng() - 0.5) * 0.003 : 7.5 + rng() * 0.06;
    // Some reporters report several times (a few within 30 days at the same place); most are anonymous.
    const email = rng() < 0.3 ? `resident${Math.floor(rng() * 30)}@example.org` : null;
    return {
      input: {
        lat: Math.round(lat * 1e5) / 1e5,
        lon: Math.round(lon * 1e5) / 1e5,
        category: CATEGORIES[Math.floor(rng() * CATEGORIES.length)],
        feeling: 1 + Math.floor(rng() * 5),
        when: WHENS[Math.floor(rng() * WHENS.length)],
        description: null,
        email,
        locale: 'de' as const,
        reporterToken: null,
        website: null,
      },
      at: new Date(NOW.getTime() - Math.floor(rng() * 70 * DAY) - i * 1000),
    };
  });
}

async function reportsAsScoring(database: TestDatabase): Promise<ScoringReport[]> {
  const cats = new Map((await database.db.select().from(categories)).map((c) => [c.id, c.slug]));
  return (await database.db.select().from(reports)).map((r) => toScoring(r, cats));
}

function expectSameRanking(stored: CellPriority[], direct: CellPriority[], options: { reporters: boolean }) {
  expect(stored.map((p) => p.cell)).toEqual(direct.map((p) => p.cell));
  stored.forEach((p, i) => {
    const q = direct[i];
    expect(p.score).toBeCloseTo(q.score, 9);
    expect(p.total).toBeCloseTo(q.total, 9);
    expect(p.reports).toBe(q.reports);
    if (options.reporters) expect(p.reporters).toBe(q.reporters);
    expect(p.severity).toBeCloseTo(q.severity, 9);
    expect(p.meanAgeDays).toBeCloseTo(q.meanAgeDays, 6);
    expect(p.newestDays).toBeCloseTo(q.newestDays, 6);
    expect(p.categories).toEqual(q.categories);
    expect(p.trend.recent).toBeCloseTo(q.trend.recent, 9);
    expect(p.trend.previous).toBeCloseTo(q.trend.previous, 9);
    expect(p.z).toBeCloseTo(q.z, 6);
    expect(p.gated).toBe(q.gated);
  });
}

describe.each(testDatabaseKinds())('patrol priorities from stored aggregates on %s', (kind) => {
  let database: TestDatabase;
  let police: { id: number };
  let coordinator: { id: number };
  let triage: { id: number };

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    police = await createStaff(database.db, 'police@stadt.example', ['police']);
    coordinator = await createStaff(database.db, 'coordinator@stadt.example', ['coordinator']);
    triage = await createStaff(database.db, 'triage@stadt.example', ['triage']);
    for (const { input, at } of demoInputs(260, 42)) {
      const created = await createReport(database.db, input, { now: at });
      if (!created.ok) throw new Error(JSON.stringify(created));
    }
  }, 120_000);
  afterAll(async () => {
    await database.drop();
  });

  async function direct(options: { slotWeights?: ReturnType<typeof windowSlotWeights>; limit?: number } = {}) {
    const params = await getScoreParams(database.db);
    const studyArea = studyAreaOf(await loadDistricts(database.db));
    return rankCells(await reportsAsScoring(database), params, NOW, { studyArea, ...options });
  }

  it('ranks from the aggregates kept on every write exactly as rankCells ranks the reports', async () => {
    const stored = await rankPriorities(database.db, { now: NOW, limit: 40 });
    const expected = await direct({ limit: 40 });
    expect(stored.length).toBe(40);
    expect(stored.some((p) => p.gated)).toBe(true);
    expectSameRanking(stored, expected, { reporters: true });
  });

  it('ranks a time window ("Fri 20–24 h") nearly as rankCells does with its slot weights', async () => {
    const slotWeights = windowSlotWeights({ days: ['fri'], from: 20, to: 24 });
    const stored = await rankPriorities(database.db, { now: NOW, slotWeights, limit: 20 });
    const expected = await direct({ slotWeights, limit: 20 });
    // The stored once-per-reporter rule is decided over all slots; rankCells decides it within the
    // window. They differ only where one reporter reported a place twice within 30 days with different
    // "when" answers (NOTES.md, "Stored aggregates"): here a handful of reports, a few per cent of a score.
    const byCell = new Map(expected.map((p) => [p.cell, p]));
    const shared = stored.filter((p) => byCell.has(p.cell));
    expect(shared.length).toBeGreaterThanOrEqual(18);
    expect(stored.slice(0, 5).map((p) => p.cell).sort()).toEqual(expected.slice(0, 5).map((p) => p.cell).sort());
    for (const p of shared) {
      const q = byCell.get(p.cell)!;
      expect(Math.abs(p.score - q.score) / q.score).toBeLessThan(0.05);
      expect(Math.abs(p.reports - q.reports)).toBeLessThanOrEqual(3);
      expect(p.gated).toBe(q.gated);
    }
  });

  it('keeps the aggregates exact when a batch of reports arrives in one statement (the web intake)', async () => {
    // Forty at once, many from reporters who reported before, as the intake's batcher writes them.
    const requests = demoInputs(40, 7).map(({ input, at }) => ({ input, now: at }));
    const drafted = await draftReports(database.db, requests);
    const drafts = drafted.map((d) => {
      if (!d.ok) throw new Error(JSON.stringify(d));
      return d.draft;
    });
    const inserted = await database.db.transaction((tx) => insertReports(tx, withRefs(drafts)));
    expect(inserted).toHaveLength(40);
    expectSameRanking(await rankPriorities(database.db, { now: NOW, limit: 40 }), await direct({ limit: 40 }), { reporters: true });
  });

  it('gives the same rows after a full recomputation as the incremental updates built', async () => {
    await applyPendingPriorities(database.db, { now: NOW });
    const order = (rows: (typeof priorityCellStats.$inferSelect)[]) =>
      rows.sort((a, b) => `${a.cell}${a.categoryId}${a.slotMask}`.localeCompare(`${b.cell}${b.categoryId}${b.slotMask}`));
    const incremental = order(await database.db.select().from(priorityCellStats));
    const dayOrder = (rows: (typeof priorityCellDays.$inferSelect)[]) =>
      rows.sort((a, b) => `${a.cell}${a.day}|${a.categoryId}`.localeCompare(`${b.cell}${b.day}|${b.categoryId}`));
    const incrementalDays = dayOrder(await database.db.select().from(priorityCellDays));
    const before = await rankPriorities(database.db, { now: NOW });
    const result = await recomputePriorityStats(database.db, { now: NOW });
    // Day rows carry no decay: equal to the recomputation's, sums too.
    const rebuiltDays = dayOrder(await database.db.select().from(priorityCellDays));
    expect(rebuiltDays.map((r) => [r.cell, r.day, r.categoryId, r.reports, r.newestAt?.getTime()])).toEqual(
      incrementalDays.map((r) => [r.cell, r.day, r.categoryId, r.reports, r.newestAt?.getTime()]),
    );
    rebuiltDays.forEach((r, i) => expect(r.slot6).toBeCloseTo(incrementalDays[i].slot6, 9));
    expect(result.rows).toBe(incremental.length);
    const rebuilt = order(await database.db.select().from(priorityCellStats));
    // A new anchor scales every stored sum by the same factor: compare the rankings, and the counts row by row.
    expect(rebuilt.map((r) => [r.cell, r.categoryId, r.slotMask, r.reports, r.reporters, r.feelingSum])).toEqual(
      incremental.map((r) => [r.cell, r.categoryId, r.slotMask, r.reports, r.reporters, r.feelingSum]),
    );
    const after = await rankPriorities(database.db, { now: NOW });
    expectSameRanking(after, before, { reporters: true });
  });

  it('moves a cell at once when a report arrives, and drops it again when the report is dismissed', async () => {
    // A quiet corner at the edge of the city: no report within the kernel.
    const place = { lat: 51.6392, lon: 7.4788 };
    const input = { ...demoInputs(1, 1)[0].input, ...place, email: null, category: 'harassment', feeling: 5 };
    const ranked = async () => (await rankPriorities(database.db, { now: NOW })).find((p) => p.lat && p.reports > 0 && near(p, place));
    expect(await ranked()).toBeUndefined();
    const created = await createReport(database.db, input, { now: new Date(NOW.getTime() - DAY) });
    if (!created.ok) throw new Error('not created');
    const cell = await ranked();
    expect(cell?.reports).toBe(1);
    expect(cell?.categories).toEqual({ harassment: 1 });
    expect(cell?.score).toBeGreaterThan(0);

    const [row] = await database.db.select().from(reports).where(eq(reports.ref, created.ref));
    const changed = await updateReport(database.db, triage, created.ref, { version: row.version, status: 'dismissed', reason: 'Test: kein Ort in Lünen' }, { now: NOW });
    expect(changed.ok).toBe(true);
    expect(await ranked()).toBeUndefined();
    expectSameRanking(await rankPriorities(database.db, { now: NOW, limit: 30 }), await direct({ limit: 30 }), { reporters: true });
  });

  it('counts a merged duplicate once and keeps the aggregates equal to a recomputation', async () => {
    const [first, second] = demoInputs(2, 7).map((d) => ({ ...d.input, ...HOTSPOTS[0], email: null }));
    const a = await createReport(database.db, first, { now: new Date(NOW.getTime() - 2 * DAY) });
    const b = await createReport(database.db, second, { now: new Date(NOW.getTime() - DAY) });
    if (!a.ok || !b.ok) throw new Error('not created');
    const [row] = await database.db.select().from(reports).where(eq(reports.ref, b.ref));
    expect((await updateReport(database.db, triage, b.ref, { version: row.version, mergeInto: a.ref }, { now: NOW })).ok).toBe(true);
    const incremental = await rankPriorities(database.db, { now: NOW, limit: 30 });
    expectSameRanking(incremental, await direct({ limit: 30 }), { reporters: true });
    await recomputePriorityStats(database.db, { now: NOW });
    expectSameRanking(await rankPriorities(database.db, { now: NOW, limit: 30 }), incremental, { reporters: true });
  });

  it('adds a report staff changed while it waited in the queue as it is then, once', async () => {
    // One reporter: a report already in the aggregates, and a newer one at the same place still queued.
    const email = 'queued.reporter@example.org';
    const [first, second] = demoInputs(2, 11).map((d) => ({ ...d.input, ...HOTSPOTS[1], email }));
    const a = await createReport(database.db, first, { now: new Date(NOW.getTime() - 3 * DAY) });
    await applyPendingPriorities(database.db, { now: NOW });
    const b = await createReport(database.db, second, { now: new Date(NOW.getTime() - DAY) });
    if (!a.ok || !b.ok) throw new Error('not created');
    const [queued] = await database.db.select().from(reports).where(eq(reports.ref, b.ref));
    expect(await database.db.select().from(priorityPending)).toEqual([{ reportId: queued.id }]);

    // Both change before the queue is applied: the queued one moves a few metres (its kernel still
    // overlaps the other's, so the reporter rule couples them), the other is recategorised.
    const version = async (ref: string) => (await database.db.select().from(reports).where(eq(reports.ref, ref)))[0].version;
    const moved = { lat: HOTSPOTS[1].lat + 0.0004, lon: HOTSPOTS[1].lon };
    expect(await updateReport(database.db, triage, b.ref, { version: await version(b.ref), ...moved }, { now: NOW })).toMatchObject({ ok: true });
    expect(await updateReport(database.db, triage, a.ref, { version: await version(a.ref), category: first.category === 'drugs' ? 'harassment' : 'drugs' }, { now: NOW })).toMatchObject({ ok: true });
    expect(await database.db.select().from(priorityPending)).toHaveLength(1);

    // Two applications at once (two instances): the report goes in once, where it is now.
    expect((await Promise.all([applyPendingPriorities(database.db, { now: NOW }), applyPendingPriorities(database.db, { now: NOW })])).sort()).toEqual([0, 1]);
    expect(await database.db.select().from(priorityPending)).toHaveLength(0);
    expectSameRanking(await rankPriorities(database.db, { now: NOW, limit: 40 }), await direct({ limit: 40 }), { reporters: true });
  });

  it('empties the queue when it recomputes, and adds the reports in it once', async () => {
    for (const { input, at } of demoInputs(5, 13)) expect((await createReport(database.db, input, { now: at })).ok).toBe(true);
    expect(await database.db.select().from(priorityPending)).toHaveLength(5);
    await recomputePriorityStats(database.db, { now: NOW });
    expect(await database.db.select().from(priorityPending)).toHaveLength(0);
    expect(await applyPendingPriorities(database.db, { now: NOW })).toBe(0);
    expectSameRanking(await rankPriorities(database.db, { now: NOW, limit: 40 }), await direct({ limit: 40 }), { reporters: true });
  });

  it('ranks a district from exactly the cells whose centre lies in it', async () => {
    const districtRows = await loadDistricts(database.db);
    const districtOf = (cell: string) => {
      const [lat, lon] = cellToLatLng(cell);
      return findDistrict(districtRows, lat, lon)?.id ?? null;
    };
    const all = await rankPriorities(database.db, { now: NOW });
    let ranked = 0;
    for (const district of districtRows) {
      const cells = (await rankPriorities(database.db, { now: NOW, district: district.slug })).map((p) => p.cell);
      expect(cells).toEqual(all.filter((p) => districtOf(p.cell) === district.id).map((p) => p.cell));
      ranked += cells.length;
    }
    expect(ranked).toBeGreaterThan(0);
  });

  it('finds the city\'s cells anew when an import moves a boundary within the same bounding box', async () => {
    const districtRows = await loadDistricts(database.db);
    const area = studyAreaOf(districtRows)!;
    const [first, ...rest] = districtRows;
    const [minLon, minLat, maxLon, maxLat] = first.bbox;
    const triangle = { type: 'Polygon', coordinates: [[[minLon, minLat], [maxLon, minLat], [minLon, maxLat], [minLon, minLat]]] };
    const moved = studyAreaOf([{ ...first, geometry: triangle }, ...rest])!;
    expect(moved.length).not.toBe(area.length);
    expect(studyAreaOf(districtRows)).toEqual(area);
  });

  it('keeps both rollups (per cell and category, per cell) equal to their rebuild from the rows per slot mask', async () => {
    type Rollup = typeof priorityCellTotals.$inferSelect & { categoryId?: number };
    const key = (r: Rollup) => `${r.cell}|${r.categoryId ?? ''}`;
    const read = async () => {
      const perCategory = (await database.db.select().from(priorityCellCategoryTotals)) as Rollup[];
      const perCell = (await database.db.select().from(priorityCellTotals)) as Rollup[];
      return [perCategory, perCell].map((rows) => rows.sort((a, b) => key(a).localeCompare(key(b))));
    };
    const incremental = await read();
    const cats = await database.db.select().from(categories);
    await database.db.transaction((tx) => rebuildPriorityRollups(tx, cats));
    const rebuilt = await read();
    const counts = (r: Rollup) => [key(r), r.districtId, r.reports, r.reporters, r.reportsIn0, r.reportsIn3, r.reportsIn7, r.newestAt?.getTime()];
    for (const t of [0, 1]) {
      expect(incremental[t].length).toBeGreaterThan(0);
      expect(incremental[t].map(counts)).toEqual(rebuilt[t].map(counts));
      incremental[t].forEach((r, i) => {
        const q = rebuilt[t][i];
        expect(r.slot5).toBeCloseTo(q.slot5, 9);
        expect(r.own0).toBeCloseTo(q.own0, 9);
        expect(r.feelingSum).toBeCloseTo(q.feelingSum, 9);
        expect(r.timeSum).toBeCloseTo(q.timeSum, 6);
      });
    }
  });

  it('ranks with a changed category weight at once, before and after the per-cell rollup is rebuilt', async () => {
    const [harassment] = await database.db.select().from(categories).where(eq(categories.slug, 'harassment'));
    const before = await rankPriorities(database.db, { now: NOW, limit: 30 });
    const onlyBefore = await rankPriorities(database.db, { now: NOW, category: 'harassment', limit: 10 });
    try {
      await database.db.update(categories).set({ weight: 4 }).where(eq(categories.id, harassment.id));
      // Built with the old weights: ranking sums the per-category rollup with the new ones. (The
      // reporter rule keeps the old weight until a recomputation, so rankCells is no reference here.)
      const fallback = await rankPriorities(database.db, { now: NOW, limit: 30 });
      expect(fallback.map((p) => p.score)).not.toEqual(before.map((p) => p.score));
      const only = await rankPriorities(database.db, { now: NOW, category: 'harassment', limit: 10 });
      expect(only.map((p) => p.cell)).toEqual(onlyBefore.map((p) => p.cell));
      only.forEach((p, i) => expect(p.score).toBeCloseTo((onlyBefore[i].score * 4) / harassment.weight, 9));
      expect(await database.db.transaction((tx) => refreshPriorityCellTotals(tx))).toBe(true);
      const [meta] = await database.db.select().from(priorityStatsMeta);
      expect(meta.weights?.[String(harassment.id)]).toBe(4);
      expectSameRanking(await rankPriorities(database.db, { now: NOW, limit: 30 }), fallback, { reporters: true });
    } finally {
      await database.db.update(categories).set({ weight: harassment.weight }).where(eq(categories.id, harassment.id));
      await database.db.transaction((tx) => refreshPriorityCellTotals(tx));
    }
    expectSameRanking(await rankPriorities(database.db, { now: NOW, limit: 30 }), before, { reporters: true });
  });

  it('ranks one category nearly as rankCells ranks the reports of that category', async () => {
    const category = 'harassment';
    const stored = await rankPriorities(database.db, { now: NOW, category, limit: 10 });
    const params = await getScoreParams(database.db);
    const studyArea = studyAreaOf(await loadDistricts(database.db));
    const expected = rankCells((await reportsAsScoring(database)).filter((r) => r.category === category), params, NOW, { studyArea, limit: 10 });
    expect(stored.length).toBe(10);
    expect(stored.every((p) => Object.keys(p.categories).join() === category)).toBe(true);
    // As for a window: the stored reporter rule is decided over all categories (NOTES.md).
    const byCell = new Map(expected.map((p) => [p.cell, p]));
    expect(stored.slice(0, 3).map((p) => p.cell).sort()).toEqual(expected.slice(0, 3).map((p) => p.cell).sort());
    for (const p of stored.filter((q) => byCell.has(q.cell))) {
      const q = byCell.get(p.cell)!;
      expect(Math.abs(p.score - q.score) / q.score).toBeLessThan(0.1);
      expect(Math.abs(p.reports - q.reports)).toBeLessThanOrEqual(3);
    }
  });

  it('rebuilds the aggregates when an admin changes a parameter, and ranks with the new one', async () => {
    const admin = await createStaff(database.db, 'admin@stadt.example', ['admin']);
    const changed = await updatePrioritySettings(database.db, admin, { ...(await getPrioritySettings(database.db)), halfLifeDays: 21, bandwidthMetres: 200 });
    expect(changed.sort()).toEqual(['priorities.bandwidthMetres', 'priorities.halfLifeDays']);
    expect(await priorityStatsOutdated(database.db, NOW)).toBe(true);
    const result = await recomputePrioritiesExclusively(database.db, { now: NOW });
    expect(result?.skipped).toBe(false);
    expect(await priorityStatsOutdated(database.db, NOW)).toBe(false);
    expect((await recomputePrioritiesExclusively(database.db, { now: NOW }))?.skipped).toBe(true);
    expectSameRanking(await rankPriorities(database.db, { now: NOW, limit: 30 }), await direct({ limit: 30 }), { reporters: true });
    // New reports after the change go in with the new parameters too.
    const created = await createReport(database.db, { ...demoInputs(1, 3)[0].input, ...HOTSPOTS[1], email: null }, { now: NOW });
    expect(created.ok).toBe(true);
    expectSameRanking(await rankPriorities(database.db, { now: NOW, limit: 30 }), await direct({ limit: 30 }), { reporters: true });
    const audited = await database.db.select().from(auditLog).where(eq(auditLog.entityId, 'priorities.halfLifeDays'));
    expect(audited).toMatchObject([{ action: 'setting.changed', before: { value: 10 }, after: { value: 21 } }]);
  });

  it('boosts a cell only with a reason, audits it, and lets only police, triage and admin do it', async () => {
    const [top, second] = await rankPriorities(database.db, { now: NOW, limit: 2 });
    const noReason = await setOverride(database.db, { id: police.id, roles: ['police'] }, { cell: second.cell, factor: '3', reason: '  ' }, { now: NOW });
    expect(noReason).toEqual({ ok: false, fields: { reason: 'reason_required' } });
    const badCell = await setOverride(database.db, { id: police.id, roles: ['police'] }, { cell: 'nonsense', factor: '3', reason: 'Schichtbesprechung' }, { now: NOW });
    expect(badCell).toEqual({ ok: false, fields: { cell: 'cell_invalid' } });
    const tooHigh = await setOverride(database.db, { id: police.id, roles: ['police'] }, { cell: second.cell, factor: '50', reason: 'Schichtbesprechung' }, { now: NOW });
    expect(tooHigh).toEqual({ ok: false, fields: { factor: 'factor_too_high' } });
    const denied = await setOverride(database.db, { id: coordinator.id, roles: ['coordinator'] }, { cell: second.cell, factor: '3', reason: 'Schichtbesprechung' }, { now: NOW });
    expect(denied).toEqual({ ok: false, fields: { form: 'forbidden' } });
    expect(await database.db.select().from(priorityOverrides)).toHaveLength(0);

    const boosted = await setOverride(database.db, { id: police.id, roles: ['police'] }, { cell: second.cell, factor: '3', reason: 'Hinweise aus der Schichtbesprechung' }, { now: NOW });
    expect(boosted.ok).toBe(true);
    const ranked = await rankPriorities(database.db, { now: NOW, limit: 2 });
    expect(ranked[0].cell).toBe(second.cell);
    expect(ranked[0].override).toBe(3);
    expect(ranked[0].score).toBeCloseTo(second.score * 3, 9);
    expect(ranked[1].cell).toBe(top.cell);
    const entries = await database.db.select().from(auditLog).where(eq(auditLog.entityId, second.cell));
    expect(entries).toMatchObject([{ actorId: police.id, action: 'priority.override_set', after: { factor: 3, reason: 'Hinweise aus der Schichtbesprechung' } }]);

    // Suppressed to 0, a cell leaves the gate (and so any patrol plan), and ending it restores it.
    await setOverride(database.db, { id: triage.id, roles: ['triage'] }, { cell: top.cell, factor: '0', reason: 'Baustelle, Ort gesperrt' }, { now: NOW });
    const suppressed = (await rankPriorities(database.db, { now: NOW })).find((p) => p.cell === top.cell)!;
    expect(suppressed.gated).toBe(false);
    expect((await endOverride(database.db, { id: triage.id, roles: ['triage'] }, { cell: top.cell, reason: '' })).ok).toBe(false);
    expect((await endOverride(database.db, { id: triage.id, roles: ['triage'] }, { cell: top.cell, reason: 'Baustelle beendet' }, { now: NOW })).ok).toBe(true);
    expect((await rankPriorities(database.db, { now: NOW })).find((p) => p.cell === top.cell)!.override).toBe(1);

    // The last day is a day in the city: 28 November ends at 23:00 UTC in Lünen (winter time).
    const until = await setOverride(database.db, { id: police.id, roles: ['police'] }, { cell: top.cell, factor: '2', reason: 'Aufbau Weihnachtsmarkt', expires: '2026-11-28' }, { now: NOW });
    if (!until.ok) throw new Error('override');
    const [stored] = await database.db.select().from(priorityOverrides).where(eq(priorityOverrides.id, until.id));
    expect(stored.expiresAt?.toISOString()).toBe('2026-11-28T22:59:59.000Z');
  });
});

function near(p: { lat: number; lon: number }, place: { lat: number; lon: number }) {
  return Math.abs(p.lat - place.lat) < 0.002 && Math.abs(p.lon - place.lon) < 0.003;
}

describe.each(testDatabaseKinds().filter((k) => k === 'postgres'))('priority recomputation across instances on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await useTestDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('stores reports and ranks while a recomputation runs, and adds those reports once it is done', async () => {
    for (const { input, at } of demoInputs(20, 5)) expect((await createReport(database.db, input, { now: at })).ok).toBe(true);
    await recomputePriorityStats(database.db, { now: NOW });
    const before = await rankPriorities(database.db, { now: NOW, limit: 20 });
    const other = postgres(database.url!, { max: 1, onnotice: () => {} });
    const arriving = demoInputs(10, 6);
    try {
      await other.begin(async (sql) => {
        // What recomputePriorityStats holds while it rebuilds: the meta row, for update.
        await sql`select 1 from priority_stats_meta for update`;
        // Neither waits for it: the reports are stored (and queued), the ranking shows the rows as they were.
        for (const { input, at } of arriving) expect((await createReport(database.db, input, { now: at })).ok).toBe(true);
        expectSameRanking(await rankPriorities(database.db, { now: NOW, limit: 20 }), before, { reporters: true });
      });
    } finally {
      await other.end();
    }
    expect(await database.db.select().from(priorityPending)).toHaveLength(arriving.length);
    const after = await rankPriorities(database.db, { now: NOW, limit: 20 });
    expect(await database.db.select().from(priorityPending)).toHaveLength(0);
    const params = await getScoreParams(database.db);
    const studyArea = studyAreaOf(await loadDistricts(database.db));
    expectSameRanking(after, rankCells(await reportsAsScoring(database), params, NOW, { studyArea, limit: 20 }), { reporters: true });
  });

  it('ranks without waiting for another instance adding its queue when nothing is queued here', async () => {
    await rankPriorities(database.db, { now: NOW });
    expect(await database.db.select().from(priorityPending)).toHaveLength(0);
    const before = await rankPriorities(database.db, { now: NOW, limit: 20 });
    const other = postgres(database.url!, { max: 1, onnotice: () => {} });
    try {
      await other.begin(async (sql) => {
        // The lock a writer (a staff change, an application of the queue) holds (lib/priorities/service.ts).
        await sql`select pg_advisory_xact_lock(7418304)`;
        expectSameRanking(await rankPriorities(database.db, { now: NOW, limit: 20 }), before, { reporters: true });
      });
    } finally {
      await other.end();
    }
  });

  it('is skipped while another instance recomputes, and runs once it is done', async () => {
    const other = postgres(database.url!, { max: 1, onnotice: () => {} });
    try {
      await other.begin(async (sql) => {
        // The lock recomputePrioritiesExclusively takes (lib/priorities/service.ts).
        await sql`select pg_advisory_xact_lock(7418303)`;
        expect(await recomputePrioritiesExclusively(database.db, { force: true })).toBeNull();
      });
      expect((await recomputePrioritiesExclusively(database.db, { force: true }))?.skipped).toBe(false);
    } finally {
      await other.end();
    }
  });
});
