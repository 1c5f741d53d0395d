/**
 * The report inbox's domain (lib/reports/inbox.ts, report-detail.ts, update.ts) against a real
 * database: workflow, merge, redaction, concurrent edits, bulk changes, duplicates, filters and
 * keyset pagination — and what each does to the public map, read through its route handler.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getCells } from '@/app/api/public/cells/route';
import { GET as getPublicReportRoute } from '@/app/api/reports/[ref]/route';
import type { StaffRole } from '@/lib/auth/roles';
import { auditLog, cellStats, outbox, reports, type ReportStatus } from '@/lib/db/schema';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { cellsFor } from '@/lib/geo/cells';
import { rebuildCellStats } from '@/lib/reports/cell-stats';
import { listInbox } from '@/lib/reports/inbox';
import { decodeCursor, parseInboxQuery, type InboxCursor, type InboxQuery } from '@/lib/reports/inbox-query';
import { getReportDetail } from '@/lib/reports/report-detail';
import { createReport, getPublicReport, loadDistricts } from '@/lib/reports/service';
import { findDistrict } from '@/lib/geo/districts';
import { bulkUpdateReports, updateReport, type ReportPatchInput } from '@/lib/reports/update';
import type { ReportInput } from '@/lib/reports/validation';
import { createStaff } from '../helpers/staff';

const BBOX = '7.40,51.55,7.64,51.67';
// One metre of latitude is 1/111,195 degree.
const north = (spot: { lat: number; lon: number }, metres: number) => ({ lat: spot.lat + metres / 111_195, lon: spot.lon });

let place = 0;
/** A fresh spot per test, about 1.1 km apart, so tests never share a hexagon. */
function freshSpot() {
  place++;
  return { lat: 51.56 + (place % 10) * 0.01, lon: 7.41 + Math.floor(place / 10) * 0.016 };
}

describe.each(testDatabaseKinds())('report inbox on %s', (kind) => {
  let database: TestDatabase;
  let triage: { id: number };
  let colleague: { id: number };

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    triage = await createStaff(database.db, 'sichtung@stadt.example', ['triage']);
    colleague = await createStaff(database.db, 'kollegin@stadt.example', ['triage']);
  });
  afterAll(async () => {
    await database.drop();
  });

  async function report(spot: { lat: number; lon: number }, extra: Partial<ReportInput> = {}, now?: Date) {
    const input: ReportInput = {
      ...spot,
      category: 'poor-lighting',
      feeling: 4,
      when: { always: true },
      description: 'Dunkle Ecke hinter dem Kiosk, Herr Müller aus Nr. 5 sieht alles.',
      email: 'anwohner@example.org',
      locale: 'de',
      ...extra,
    } as ReportInput;
    const result = await createReport(database.db, input, { now });
    if (!result.ok) throw new Error(JSON.stringify(result));
    return result.ref;
  }

  const detail = (ref: string, roles: StaffRole[] = ['triage']) => getReportDetail(database.db, ref, { viewer: { roles }, locale: 'de' });
  const versionOf = async (ref: string) => (await detail(ref))!.version;
  const change = async (ref: string, patch: Omit<ReportPatchInput, 'version'>, actor = triage) =>
    updateReport(database.db, actor, ref, { version: await versionOf(ref), ...patch });

  /** The public map's count for a hexagon: 0 when it is below k and therefore not shown. */
  async function publicCount(spot: { lat: number; lon: number }) {
    const response = await getCells(new Request(`http://localhost/api/public/cells?bbox=${BBOX}`));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { features: { properties: { cell: string; count: number } }[] };
    return body.features.find((f) => f.properties.cell === cellsFor(spot.lat, spot.lon).h3r9)?.properties.count ?? 0;
  }

  /** What the aggregates hold for a hexagon, below k too. */
  async function storedCount(spot: { lat: number; lon: number }) {
    const [{ n }] = await database.db
      .select({ n: sql<number>`coalesce(sum(${cellStats.reportCount}), 0)::int` })
      .from(cellStats)
      .where(and(eq(cellStats.cell, cellsFor(spot.lat, spot.lon).h3r9), eq(cellStats.timeOfDay, 'all')));
    return Number(n);
  }

  async function auditActions(ref: string) {
    const { id } = (await detail(ref))!;
    const rows = await database.db
      .select({ action: auditLog.action, actorId: auditLog.actorId, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'report'), eq(auditLog.entityId, String(id))))
      .orderBy(asc(auditLog.id));
    return rows;
  }

  it('walks new → in_review → confirmed → in_patrol → resolved, with the history naming who did it', async () => {
    const ref = await report(freshSpot());
    for (const status of ['in_review', 'confirmed', 'in_patrol', 'resolved'] as const) {
      const result = await change(ref, { status });
      expect(result).toMatchObject({ ok: true, changes: ['status_changed'] });
    }
    const d = (await detail(ref))!;
    expect(d.status).toBe('resolved');
    expect(d.version).toBe(5);
    expect(d.nextStatuses).toEqual(['in_review']);
    expect(d.history.map((h) => [h.kind, h.fromStatus, h.toStatus, h.actor?.name ?? null])).toEqual([
      ['created', null, 'new', null],
      ['status_changed', 'new', 'in_review', 'sichtung'],
      ['status_changed', 'in_review', 'confirmed', 'sichtung'],
      ['status_changed', 'confirmed', 'in_patrol', 'sichtung'],
      ['status_changed', 'in_patrol', 'resolved', 'sichtung'],
    ]);
    const audits = await auditActions(ref);
    expect(audits).toHaveLength(4);
    expect(audits[1]).toMatchObject({ action: 'report.status_changed', actorId: triage.id, before: { ref, status: 'in_review' }, after: { ref, status: 'confirmed' } });
    // The reporter's tracking page sees the same steps, and nothing staff-internal.
    expect((await getPublicReport(database.db, ref, 'de'))!.history.map((h) => h.status)).toEqual(['new', 'in_review', 'confirmed', 'in_patrol', 'resolved']);
  });

  it('refuses steps the workflow does not have, and dismissing without a reason', async () => {
    const ref = await report(freshSpot());
    expect(await change(ref, { status: 'confirmed' })).toEqual({ ok: false, error: 'invalid', fields: { status: 'transition_not_allowed' } });
    expect(await change(ref, { status: 'duplicate' })).toEqual({ ok: false, error: 'invalid', fields: { status: 'use_merge' } });
    expect(await change(ref, { status: 'dismissed' })).toEqual({ ok: false, error: 'invalid', fields: { reason: 'reason_required' } });
    expect(await change(ref, {})).toEqual({ ok: false, error: 'invalid', fields: { form: 'nothing_to_change' } });
    expect(await change(ref, { status: 'new' })).toEqual({ ok: false, error: 'invalid', fields: { form: 'nothing_to_change' } });
    const d = (await detail(ref))!;
    expect([d.status, d.version, d.history.length]).toEqual(['new', 1, 1]);
    expect(await auditActions(ref)).toEqual([]);
  });

  it('dismissing takes a report off the public map, reopening puts it back', async () => {
    const spot = freshSpot();
    const refs = [await report(spot), await report(spot), await report(spot)];
    expect(await publicCount(spot)).toBe(3);
    const result = await change(refs[0], { status: 'dismissed', reason: 'Ort liegt außerhalb der Zuständigkeit' });
    expect(result.ok).toBe(true);
    expect(await publicCount(spot)).toBe(0);
    expect(await storedCount(spot)).toBe(2);
    const d = (await detail(refs[0]))!;
    expect(d.history.at(-1)).toMatchObject({ kind: 'status_changed', toStatus: 'dismissed', data: { reason: 'Ort liegt außerhalb der Zuständigkeit' } });
    await change(refs[0], { status: 'in_review' });
    expect(await publicCount(spot)).toBe(3);
  });

  it('merges a duplicate: the survivor keeps counting, the merged one stops, and its tracking points to the survivor', async () => {
    const spot = freshSpot();
    const survivor = await report(spot);
    const duplicate = await report(north(spot, 20));
    const third = await report(north(spot, -15));
    expect(await publicCount(spot)).toBe(3);

    const result = await updateReport(database.db, triage, duplicate, { version: 1, mergeInto: survivor.toLowerCase() });
    expect(result).toMatchObject({ ok: true, changes: ['merged'] });
    expect(await publicCount(spot)).toBe(0); // 2 < k
    expect(await storedCount(spot)).toBe(2);

    const merged = (await detail(duplicate))!;
    expect(merged).toMatchObject({ status: 'duplicate', mergedInto: survivor, nextStatuses: ['in_review'], canMerge: false });
    const kept = (await detail(survivor))!;
    expect(kept.mergedReports).toEqual([{ ref: duplicate }]);
    expect(kept.history.at(-1)).toMatchObject({ kind: 'merged', toStatus: null, data: { from: duplicate } });
    expect(kept.version).toBe(1); // the survivor itself did not change: nobody editing it gets a conflict

    const tracking = await getPublicReportRoute(new Request(`http://localhost/api/reports/${duplicate}`), { params: Promise.resolve({ ref: duplicate }) });
    expect(await tracking.json()).toMatchObject({ status: 'duplicate', mergedInto: survivor });
    expect((await auditActions(duplicate)).map((a) => [a.action, a.after])).toEqual([
      ['report.merged', { ref: duplicate, status: 'duplicate', duplicateOf: survivor }],
    ]);

    // When the survivor is merged on, what was merged into it follows: no chains.
    expect((await change(survivor, { mergeInto: third })).ok).toBe(true);
    expect((await detail(duplicate))!.mergedInto).toBe(third);
    expect((await detail(third))!.mergedReports.map((m) => m.ref).sort()).toEqual([duplicate, survivor].sort());
    expect(await storedCount(spot)).toBe(1);

    // Unmerging puts a report back on its own, counting again.
    expect((await change(duplicate, { status: 'in_review' })).ok).toBe(true);
    expect((await detail(duplicate))!).toMatchObject({ status: 'in_review', mergedInto: null });
    expect((await detail(duplicate))!.history.at(-1)).toMatchObject({ kind: 'status_changed', data: { unmergedFrom: third } });
    expect(await storedCount(spot)).toBe(2);
  });

  it('refuses merges that make no sense', async () => {
    const spot = freshSpot();
    const a = await report(spot);
    const b = await report(spot);
    const dismissed = await report(spot);
    await change(dismissed, { status: 'dismissed', reason: 'Spaß-Meldung' });
    expect(await change(a, { mergeInto: a })).toMatchObject({ error: 'invalid', fields: { mergeInto: 'merge_into_self' } });
    expect(await change(a, { mergeInto: 'LUN-ZZZZZZ' })).toMatchObject({ error: 'invalid', fields: { mergeInto: 'unknown_report' } });
    expect(await change(a, { mergeInto: 'kein Verweis' })).toMatchObject({ error: 'invalid', fields: { mergeInto: 'unknown_report' } });
    expect(await change(a, { mergeInto: dismissed })).toMatchObject({ error: 'invalid', fields: { mergeInto: 'target_not_open' } });
    expect(await change(dismissed, { mergeInto: a })).toMatchObject({ error: 'invalid', fields: { mergeInto: 'not_mergeable' } });
    expect(await change(a, { mergeInto: b, status: 'in_review' })).toMatchObject({ error: 'invalid', fields: { status: 'conflicting_changes' } });
  });

  it('suggests duplicates: same category, within 50 m and 30 days, not merged or dismissed', async () => {
    const spot = freshSpot();
    const day = 86_400_000;
    const t0 = new Date('2026-02-01T12:00:00Z');
    const main = await report(spot, {}, t0);
    const near = await report(north(spot, 30), {}, new Date(t0.getTime() + 2 * day));
    const nearEarlier = await report(north(spot, -45), {}, new Date(t0.getTime() - 20 * day));
    await report(north(spot, 60), {}, t0); // too far
    await report(north(spot, 10), { category: 'drugs' }, t0); // other category
    await report(north(spot, 10), {}, new Date(t0.getTime() + 31 * day)); // too late
    const merged = await report(north(spot, 5), {}, t0);
    await change(merged, { mergeInto: nearEarlier });
    const dismissed = await report(north(spot, 5), {}, t0);
    await change(dismissed, { status: 'dismissed', reason: 'Test' });

    const suggestions = (await detail(main))!.duplicates;
    expect(suggestions.map((s) => s.ref)).toEqual([near, nearEarlier]);
    expect(suggestions[0]).toMatchObject({ distanceM: 30, daysApart: 2, status: 'new', canMergeIntoThis: true, canMergeIntoIt: true });
    expect(suggestions[1]).toMatchObject({ distanceM: 45, daysApart: 20 });
    // Police see the suggestions but may not act on them.
    expect((await detail(main, ['police']))!.duplicates[0]).toMatchObject({ canMergeIntoThis: false, canMergeIntoIt: false });
  });

  it('re-categorises and moves the pin, with new hexagons and district, keeping the aggregates right', async () => {
    const spot = { lat: 51.6139, lon: 7.5231 }; // Lünen-Mitte
    const elsewhere = { lat: 51.6301, lon: 7.5102 }; // Lünen-Nord
    const before = { here: await storedCount(spot), there: await storedCount(elsewhere) };
    const ref = await report(spot, { category: 'drugs', when: { times: ['night'], days: ['sat'] } });
    expect(await storedCount(spot)).toBe(before.here + 1);

    expect(await change(ref, { category: 'harassment' })).toMatchObject({ ok: true, changes: ['categorised'] });
    const drugs = await database.db
      .select({ n: cellStats.reportCount, category: cellStats.categoryId, time: cellStats.timeOfDay })
      .from(cellStats)
      .where(eq(cellStats.cell, cellsFor(spot.lat, spot.lon).h3r9));
    expect(drugs.filter((r) => r.n !== 0).length).toBeGreaterThan(0);
    expect(await change(ref, { category: 'no-such-category' })).toMatchObject({ fields: { category: 'unknown_category' } });

    expect(await change(ref, { ...elsewhere })).toMatchObject({ ok: true, changes: ['moved'] });
    expect(await storedCount(spot)).toBe(before.here);
    expect(await storedCount(elsewhere)).toBe(before.there + 1);
    const d = (await detail(ref))!;
    expect(d).toMatchObject({ ...elsewhere, category: { slug: 'harassment' }, district: { slug: 'luenen-nord' }, ...cellsFor(elsewhere.lat, elsewhere.lon) });
    expect(d.history.map((h) => h.kind)).toEqual(['created', 'categorised', 'moved']);
    expect(d.history[1].data).toEqual({ from: 'drugs', to: 'harassment' });
    expect(d.history[2].data).toMatchObject({ from: spot, to: elsewhere });
    expect(await change(ref, { lat: 48.1, lon: 11.5 })).toMatchObject({ fields: { lat: 'outside_city', lon: 'outside_city' } });
    expect(await change(ref, { lat: 51.62 })).toMatchObject({ fields: { lon: 'required' } });

    // Rebuilding the aggregates from the rows gives what the changes kept.
    const snapshot = async () =>
      (await database.db.select().from(cellStats).where(sql`${cellStats.reportCount} <> 0`)).map((r) => `${r.cell}/${r.categoryId}/${r.timeOfDay}=${r.reportCount}`).sort();
    const kept = await snapshot();
    await rebuildCellStats(database.db);
    expect(await snapshot()).toEqual(kept);
  });

  it('redacts: the public description is what may be shown, the original stays for triage and admin only', async () => {
    const ref = await report(freshSpot());
    const original = 'Dunkle Ecke hinter dem Kiosk, Herr Müller aus Nr. 5 sieht alles.';
    expect(await change(ref, { publicDescription: '  Dunkle Ecke hinter dem Kiosk.  ' })).toMatchObject({ ok: true, changes: ['redacted'] });

    const [row] = await database.db.select().from(reports).where(eq(reports.ref, ref));
    expect(row.description).toBe(original);
    expect(row.publicDescription).toBe('Dunkle Ecke hinter dem Kiosk.');

    expect(await detail(ref, ['triage'])).toMatchObject({ description: original, publicDescription: 'Dunkle Ecke hinter dem Kiosk.', contactEmail: 'anwohner@example.org' });
    expect(await detail(ref, ['admin'])).toMatchObject({ description: original });
    const police = (await detail(ref, ['police']))!;
    expect(police.publicDescription).toBe('Dunkle Ecke hinter dem Kiosk.');
    expect(police).not.toHaveProperty('description');
    expect(police).not.toHaveProperty('contactEmail');
    expect(police).toMatchObject({ hasDescription: true, hasContactEmail: true, canEdit: false, nextStatuses: [] });
    expect(JSON.stringify(police)).not.toContain('Müller');

    // The public tracking endpoint shows neither text; the audit log keeps only the staff's version.
    const tracking = await getPublicReportRoute(new Request(`http://localhost/api/reports/${ref}`), { params: Promise.resolve({ ref }) });
    expect(JSON.stringify(await tracking.json())).not.toContain('Kiosk');
    const audits = await auditActions(ref);
    expect(audits).toEqual([
      expect.objectContaining({ action: 'report.redacted', before: { ref, publicDescription: null }, after: { ref, publicDescription: 'Dunkle Ecke hinter dem Kiosk.' } }),
    ]);
    expect(JSON.stringify(audits)).not.toContain('Müller');

    // Withdrawing the public text, and nothing to redact where the resident wrote nothing.
    expect(await change(ref, { publicDescription: '' })).toMatchObject({ ok: true });
    expect((await detail(ref))!.publicDescription).toBeNull();
    const silent = await report(freshSpot(), { description: null });
    expect(await change(silent, { publicDescription: 'Etwas' })).toMatchObject({ fields: { publicDescription: 'no_description' } });
  });

  it('two edits at the same version: one wins, the other gets a conflict and writes nothing', async () => {
    const ref = await report(freshSpot());
    const results = await Promise.all([
      updateReport(database.db, triage, ref, { version: 1, status: 'in_review' }),
      updateReport(database.db, colleague, ref, { version: 1, category: 'drugs', note: 'Eher Drogenszene' }),
    ]);
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual([{ ok: false, error: 'conflict', version: 2 }]);
    const d = (await detail(ref))!;
    expect(d.version).toBe(2);
    expect(d.history).toHaveLength(results[0].ok ? 2 : 3); // created + the winner's events only
    expect(await auditActions(ref)).toHaveLength(results[0].ok ? 1 : 2);
    // A stale version later on is a conflict as well.
    expect(await updateReport(database.db, triage, ref, { version: 1, note: 'zu spät' })).toEqual({ ok: false, error: 'conflict', version: 2 });
  });

  it('adds internal notes and replies; a reply needs an e-mail address, and police do not read its text', async () => {
    const ref = await report(freshSpot());
    expect(await change(ref, { note: 'Vor Ort prüfen' })).toMatchObject({ ok: true, changes: ['note'] });
    expect(await change(ref, { reply: 'Danke, wir schauen es uns an.' })).toMatchObject({ ok: true, changes: ['reply'] });
    expect(await change(ref, { note: '   ' })).toMatchObject({ fields: { note: 'required' } });
    const d = (await detail(ref))!;
    expect(d.history.slice(1).map((h) => [h.kind, h.data])).toEqual([
      ['note', { text: 'Vor Ort prüfen' }],
      ['reply', { text: 'Danke, wir schauen es uns an.' }],
    ]);
    const police = (await detail(ref, ['police']))!;
    expect(police.history.map((h) => [h.kind, h.data])).toEqual([
      ['created', null],
      ['note', { text: 'Vor Ort prüfen' }],
      ['reply', null],
    ]);
    expect((await auditActions(ref)).map((a) => a.action)).toEqual(['report.note_added', 'report.replied']);
    // Nothing of this reaches the resident's tracking page.
    expect((await getPublicReport(database.db, ref, 'de'))!.history).toHaveLength(1);

    const anonymous = await report(freshSpot(), { email: null });
    expect(await change(anonymous, { reply: 'Hallo?' })).toMatchObject({ fields: { reply: 'no_contact' } });
  });

  it('changes a selection in bulk: one history and audit entry per report, skipping conflicts and steps the workflow lacks', async () => {
    const spot = freshSpot();
    const refs = [await report(spot), await report(spot), await report(spot), await report(spot)];
    await change(refs[2], { status: 'in_review' }); // now at version 2, and in_review
    const selection = [
      { ref: refs[0], version: 1 },
      { ref: refs[1], version: 1 },
      { ref: refs[2], version: 1 }, // stale
      { ref: refs[3], version: 1 },
      { ref: 'LUN-ZZZZZZ', version: 1 },
    ];
    const result = await bulkUpdateReports(database.db, triage, selection, { status: 'in_review' });
    expect(result).toEqual({
      ok: true,
      changed: [refs[0], refs[1], refs[3]],
      skipped: [
        { ref: refs[2], reason: 'conflict' },
        { ref: 'LUN-ZZZZZZ', reason: 'not_found' },
      ],
    });
    for (const ref of [refs[0], refs[1], refs[3]]) {
      expect((await detail(ref))!.history.map((h) => h.kind)).toEqual(['created', 'status_changed']);
      expect((await auditActions(ref)).map((a) => a.action)).toEqual(['report.status_changed']);
    }

    // new → confirmed is not a step: those reports are skipped and named.
    const again = await bulkUpdateReports(database.db, triage, [{ ref: refs[0], version: 2 }, { ref: refs[2], version: 2 }], { status: 'confirmed' });
    expect(again).toEqual({ ok: true, changed: [refs[0], refs[2]], skipped: [] });
    const fresh = await report(spot);
    expect(await bulkUpdateReports(database.db, triage, [{ ref: fresh, version: 1 }], { status: 'confirmed' })).toEqual({
      ok: true,
      changed: [],
      skipped: [{ ref: fresh, reason: 'transition_not_allowed' }],
    });
    expect(await bulkUpdateReports(database.db, triage, [{ ref: fresh, version: 1 }], { status: 'dismissed' })).toEqual({ ok: false, fields: { reason: 'reason_required' } });

    // Re-categorising in bulk moves the counts to the new category.
    const before = await storedCount(spot);
    expect(await bulkUpdateReports(database.db, triage, [{ ref: refs[1], version: 2 }, { ref: fresh, version: 1 }], { category: 'hidden-place' })).toMatchObject({
      changed: [refs[1], fresh],
    });
    expect(await storedCount(spot)).toBe(before);
    expect((await detail(fresh))!.category.slug).toBe('hidden-place');
  });

  // Last, so the spots of the tests above stay where they were chosen (freshSpot counts up).
  it('tells a reporter who left an e-mail about confirmation, a reply and resolution, in their language', async () => {
    const ref = await report(freshSpot(), { locale: 'en' });
    const silent = await report(freshSpot(), { email: null });
    for (const status of ['in_review', 'confirmed'] as const) expect((await change(ref, { status })).ok).toBe(true);
    expect((await change(ref, { reply: 'Thank you, we will look at it on Friday.' })).ok).toBe(true);
    for (const status of ['in_review', 'confirmed'] as const) expect((await change(silent, { status })).ok).toBe(true);
    const [{ id }] = await database.db.select({ id: reports.id }).from(reports).where(eq(reports.ref, ref));
    const queued = await database.db.select().from(outbox).where(eq(outbox.reportId, id)).orderBy(asc(outbox.id));
    expect(queued.map((m) => m.kind)).toEqual(['confirmed', 'reply']);
    expect(queued.every((m) => m.to === 'anwohner@example.org' && m.locale === 'en')).toBe(true);
    expect(queued[1].textBody).toContain('Thank you, we will look at it on Friday.');
    expect(queued[0].textBody).toContain(`/en/track/${ref}`);
    const [{ id: silentId }] = await database.db.select({ id: reports.id }).from(reports).where(eq(reports.ref, silent));
    expect(await database.db.select().from(outbox).where(eq(outbox.reportId, silentId))).toEqual([]);

    // The report's page says whether they went out: a reply is not "sent" while it waits.
    await database.db.update(outbox).set({ status: 'sent', sentAt: new Date('2026-11-28T11:00:00Z') }).where(eq(outbox.id, queued[0].id));
    expect((await detail(ref))!.emails).toEqual([
      { kind: 'confirmed', status: 'sent', createdAt: queued[0].createdAt.toISOString(), sentAt: '2026-11-28T11:00:00.000Z' },
      { kind: 'reply', status: 'pending', createdAt: queued[1].createdAt.toISOString(), sentAt: null },
    ]);
    expect((await detail(ref, ['police']))!.emails).toBeUndefined();
    expect((await detail(silent))!.emails).toEqual([]);
  });

});

describe.each(testDatabaseKinds())('inbox listing on %s', (kind) => {
  let database: TestDatabase;
  const allIds: number[] = [];
  const statuses: ReportStatus[] = ['new', 'in_review', 'confirmed', 'in_patrol', 'resolved', 'dismissed', 'duplicate'];
  // A few spots in different hexagons, one of them holding only dismissed reports.
  const spots = [
    { lat: 51.6139, lon: 7.5231 },
    { lat: 51.6301, lon: 7.5102 },
    { lat: 51.5985, lon: 7.549 },
    { lat: 51.6173, lon: 7.5293 },
  ];
  const lonely = { lat: 51.5801, lon: 7.5801 };

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    // 137 reports: ties in created_at (several per microsecond) and microsecond timestamps, so the
    // keyset must break ties by id and must not round to milliseconds.
    const alphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
    const rows = Array.from({ length: 137 }, (_, i) => {
      const spot = i % 23 === 0 ? lonely : spots[i % spots.length];
      const status = i % 23 === 0 ? 'dismissed' : statuses[i % statuses.length];
      const second = Math.floor(i / 3);
      return {
        ref: `LUN-${alphabet[Math.floor(i / 30)]}${alphabet[i % 30]}2222`,
        lat: spot.lat,
        lon: spot.lon,
        ...cellsFor(spot.lat, spot.lon),
        categoryId: 1 + (i % 3),
        feeling: 3,
        when: { always: true } as const,
        description: i % 5 === 0 ? `Beschreibung Nummer ${i} am Tunnel` : null,
        publicDescription: i % 10 === 0 ? `Öffentlich ${i}` : null,
        status,
        createdAt: sql`${`2026-01-${String(1 + (second % 28)).padStart(2, '0')}T${String(second % 24).padStart(2, '0')}:00:00.${String(123456 + (i % 3)).padStart(6, '0')}Z`}::timestamptz`,
      };
    });
    const districtRows = await loadDistricts(database.db);
    for (const row of rows) Object.assign(row, { districtId: findDistrict(districtRows, row.lat, row.lon)?.id ?? null });
    const inserted = await database.db.insert(reports).values(rows as never).returning({ id: reports.id });
    allIds.push(...inserted.map((r) => r.id));
    await rebuildCellStats(database.db);
  });
  afterAll(async () => {
    await database.drop();
  });

  async function walk(query: Omit<InboxQuery, 'cursor'>, roles: StaffRole[] = ['triage']) {
    const seen: number[] = [];
    let cursor: InboxCursor | undefined;
    let pages = 0;
    do {
      const page = await listInbox(database.db, { ...query, cursor }, { viewer: { roles }, locale: 'de', timeZone: 'Europe/Berlin', pageSize: 10 });
      expect(page.items.length).toBeLessThanOrEqual(10);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ? (decodeCursor(page.nextCursor) ?? undefined) : undefined;
      expect(++pages).toBeLessThan(50);
    } while (cursor);
    return seen;
  }

  it('pages newest first through every report exactly once', async () => {
    const seen = await walk({ statuses: [], sort: 'newest' });
    expect(seen).toHaveLength(137);
    expect(new Set(seen).size).toBe(137);
    const expected = await database.db.select({ id: reports.id }).from(reports).orderBy(sql`${reports.createdAt} desc, ${reports.id} desc`);
    expect(seen).toEqual(expected.map((r) => r.id));
  });

  it('pages by reports nearby through every report exactly once, the busiest hexagon first', async () => {
    const seen = await walk({ statuses: [], sort: 'nearby' });
    expect(seen).toHaveLength(137);
    expect(new Set(seen).size).toBe(137);
    // The lonely hexagon holds only dismissed reports: no aggregates after the rebuild, so they come last.
    const lonelyIds = (await database.db.select({ id: reports.id }).from(reports).where(eq(reports.h3r9, cellsFor(lonely.lat, lonely.lon).h3r9))).map((r) => r.id);
    expect(seen.slice(-lonelyIds.length).sort()).toEqual(lonelyIds.sort());
    const first = await listInbox(database.db, { statuses: [], sort: 'nearby' }, { viewer: { roles: ['triage'] }, locale: 'de', timeZone: 'Europe/Berlin', pageSize: 200 });
    const nearby = first.items.map((i) => i.nearby);
    expect(nearby).toEqual([...nearby].sort((a, b) => b - a));
  });

  it('pages through a filtered view exactly once, in both orders', async () => {
    const expected = (await database.db.select({ id: reports.id }).from(reports).where(sql`${reports.status} in ('new', 'dismissed')`)).map((r) => r.id).sort();
    for (const sort of ['newest', 'nearby'] as const) {
      const seen = await walk({ statuses: ['new', 'dismissed'], sort });
      expect([...seen].sort()).toEqual(expected);
    }
  });

  it('filters by status, category, district, period and text', async () => {
    const list = async (params: string, roles: StaffRole[] = ['triage']) => {
      const { query, fields } = parseInboxQuery(new URLSearchParams(params));
      expect(fields).toEqual({});
      const page = await listInbox(database.db, query, { viewer: { roles }, locale: 'de', timeZone: 'Europe/Berlin', pageSize: 500 });
      return page.items;
    };
    const count = async (where: ReturnType<typeof sql>) => (await database.db.select({ n: sql<number>`count(*)::int` }).from(reports).where(where))[0].n;

    expect((await list('status=confirmed')).every((i) => i.status === 'confirmed')).toBe(true);
    expect(await list('status=confirmed')).toHaveLength(await count(sql`status = 'confirmed'`));
    const drugs = await list('category=poor-lighting');
    expect(drugs.length).toBe(await count(sql`category_id = 1`));
    expect(drugs.every((i) => i.category.slug === 'poor-lighting' && i.category.label !== 'poor-lighting')).toBe(true);
    expect(await list('category=unknown-one')).toEqual([]);
    const nord = await list('district=luenen-nord');
    expect(nord.length).toBeGreaterThan(0);
    expect(nord.every((i) => i.district?.name === 'Lünen-Nord')).toBe(true);
    // Local days: 2 January in Berlin runs from 1 January 23:00 UTC to 2 January 23:00 UTC.
    const day = await list('from=2026-01-02&to=2026-01-02');
    expect(day.length).toBe(await count(sql`created_at >= '2026-01-01T23:00:00Z' and created_at < '2026-01-02T23:00:00Z'`));
    expect(day.length).toBeGreaterThan(0);

    // Text: the resident's words for triage, only the public text for police; references exactly.
    expect((await list('q=tunnel')).length).toBe(await count(sql`description ilike '%tunnel%'`));
    expect(await list('q=tunnel', ['police'])).toEqual([]);
    expect((await list('q=öffentlich', ['police'])).length).toBe(await count(sql`public_description is not null`));
    const [one] = await database.db.select({ ref: reports.ref }).from(reports).limit(1);
    expect((await list(`q=${one.ref.toLowerCase()}`)).map((i) => i.ref)).toEqual([one.ref]);
    expect((await list(`q=${encodeURIComponent(one.ref.replace('-', ' '))}`)).map((i) => i.ref)).toEqual([one.ref]);
    // A word shaped like a reference of no city here ("Kanaltreppe": KANAL-TREPPE) is searched as text.
    await database.db.update(reports).set({ description: 'An der Kanaltreppe ist es dunkel.' }).where(eq(reports.ref, one.ref));
    expect((await list('q=Kanaltreppe')).map((i) => i.ref)).toEqual([one.ref]);
    expect(await list('q=100%25')).toEqual([]); // % is matched literally
    // Rows carry no personal data, only whether there is a description and whether staff reviewed it.
    const row = (await list('status=new'))[0];
    expect(Object.keys(row).sort()).toEqual(
      ['category', 'createdAt', 'district', 'feeling', 'hasDescription', 'id', 'lat', 'lon', 'nearby', 'ref', 'reviewed', 'status', 'version'].sort(),
    );
  });

  it('shows each row how many counted reports share its hexagon', async () => {
    const items = (await listInbox(database.db, { statuses: [], sort: 'newest' }, { viewer: { roles: ['triage'] }, locale: 'de', timeZone: 'Europe/Berlin', pageSize: 500 })).items;
    const cell = cellsFor(spots[0].lat, spots[0].lon).h3r9;
    const inCell = await database.db.select({ ref: reports.ref, status: reports.status }).from(reports).where(eq(reports.h3r9, cell));
    const counted = inCell.filter((r) => r.status !== 'dismissed' && r.status !== 'duplicate').length;
    expect(counted).toBeGreaterThan(3);
    for (const { ref } of inCell) expect(items.find((i) => i.ref === ref)?.nearby).toBe(counted);
  });
});
