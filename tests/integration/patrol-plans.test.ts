/**
 * Patrol plans (issue 4, "Patrol plans") on a real database: a plan proposed from reports, its
 * changes with optimistic locking, its states, the patrol log moving a report on through the
 * reports' own update path, and the GPX and GeoJSON downloads with their authorisation.
 */
import { and, count, eq } from 'drizzle-orm';
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getGeoJson } from '@/app/api/staff/patrols/[id]/plan.geojson/route';
import { GET as getGpx } from '@/app/api/staff/patrols/[id]/plan.gpx/route';
import { auditLog, outbox, patrolLogs, patrolPlans, patrolStops, reportEvents, reports } from '@/lib/db/schema';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { effectAt, patrolledStops } from '@/lib/patrols/effect';
import { addStop, changePlanStatus, createPlan, dropStop, getPlan, listPlans, logVisit, moveStop, reportsAtStop } from '@/lib/patrols/service';
import { createReport } from '@/lib/reports/service';
import { createStaff, ORIGIN, sessionCookieFor } from '../helpers/staff';

// Lünen Hauptbahnhof: a Friday-evening hot spot of reports from different residents.
const HOTSPOT = { lat: 51.6173, lon: 7.5293 };
const NOW = new Date('2026-11-25T12:00:00Z');

describe.each(testDatabaseKinds())('patrol plans on %s', (kind) => {
  let database: TestDatabase;
  const staff = { police: 0, otherPolice: 0, triage: 0, coordinator: 0 };
  const cookie = { police: '', none: '' };
  let hotspotRef = '';

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    staff.police = (await createStaff(database.db, 'plan-police@stadt.example', ['police'])).id;
    staff.otherPolice = (await createStaff(database.db, 'plan-police-2@stadt.example', ['police'])).id;
    staff.triage = (await createStaff(database.db, 'plan-triage@stadt.example', ['triage'])).id;
    staff.coordinator = (await createStaff(database.db, 'plan-coordinator@stadt.example', ['coordinator'])).id;
    await createStaff(database.db, 'plan-none@stadt.example', []);
    cookie.police = await sessionCookieFor('plan-police@stadt.example');
    cookie.none = await sessionCookieFor('plan-none@stadt.example');
    for (let i = 0; i < 10; i++) {
      const result = await createReport(
        database.db,
        {
          lat: HOTSPOT.lat + (i % 3) * 0.00008,
          lon: HOTSPOT.lon + (i % 4) * 0.00008,
          category: 'harassment',
          feeling: 4,
          when: { times: ['evening', 'night'], days: ['fri', 'sat'] },
          email: `anwohner${i}@example.org`,
          locale: 'de',
        },
        { now: new Date(NOW.getTime() - (i + 1) * 86_400_000) },
      );
      if (!result.ok) throw new Error('fixture');
      if (i === 0) hotspotRef = result.ref;
    }
    // Triage confirmed the first report and sent it to the patrols.
    await database.db.update(reports).set({ status: 'in_patrol' }).where(eq(reports.ref, hotspotRef));
  });
  afterAll(async () => {
    await database.drop();
  });

  const police = () => ({ id: staff.police, roles: ['police' as const] });
  const friday = () => ({ date: '2026-11-27', from: '20:00', to: '00:00', team: [staff.police, staff.triage], startPoint: 0 });
  const planCount = async () => (await database.db.select({ n: count() }).from(patrolPlans))[0].n;

  it('proposes the gated hot spot for a Friday evening, with times that fit the shift, and audits it', async () => {
    const created = await createPlan(database.db, police(), friday(), { now: NOW, seed: 42 });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const view = (await getPlan(database.db, created.value.id))!;
    expect(view.plan.status).toBe('draft');
    expect(view.plan.ungated).toBe(false);
    expect(view.stops.length).toBeGreaterThan(0);
    expect(view.stops.every((s) => s.reasons?.gated)).toBe(true);
    expect(view.stops.map((s) => s.cell)).toContain(latLngToCell(HOTSPOT.lat, HOTSPOT.lon, 10));
    expect(view.plan.startsAt.toISOString()).toBe('2026-11-27T19:00:00.000Z');
    expect(view.schedule.endAt.getTime()).toBeLessThanOrEqual(view.plan.endsAt.getTime());
    expect(view.schedule.visits[0].departAt.getTime() - view.schedule.visits[0].arriveAt.getTime()).toBe(15 * 60_000);
    const [entry] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'patrol_plan.created'), eq(auditLog.entityId, String(created.value.id))));
    expect(entry.actorId).toBe(staff.police);
  });

  it('refuses a team without a city member, a bad date and an unknown start point, and writes nothing', async () => {
    const before = await planCount();
    expect(await createPlan(database.db, police(), { ...friday(), team: [staff.police, staff.police] })).toEqual({
      ok: false,
      error: 'invalid',
      fields: { team: 'team_needs_city_and_police' },
    });
    expect(await createPlan(database.db, police(), { ...friday(), date: '2026-02-30' })).toMatchObject({ fields: { date: 'date_invalid' } });
    expect(await createPlan(database.db, police(), { ...friday(), startPoint: 7 })).toMatchObject({ fields: { startPoint: 'start_unknown' } });
    expect(await createPlan(database.db, police(), { ...friday(), from: '08:00', to: '22:00' })).toMatchObject({ fields: { to: 'shift_too_long' } });
    // A coordinator is city staff, so a police officer and a coordinator are a double patrol.
    expect((await createPlan(database.db, police(), { ...friday(), team: [staff.police, staff.coordinator] })).ok).toBe(true);
    expect(await planCount()).toBe(before + 1);
  });

  it('drops, adds and reorders stops at the version seen; a stale version changes nothing', async () => {
    const created = await createPlan(database.db, police(), friday(), { now: NOW, seed: 7 });
    if (!created.ok) throw new Error('plan');
    const id = created.value.id;
    let view = (await getPlan(database.db, id))!;
    // Typed the German way, with a decimal comma.
    const added = await addStop(database.db, police(), id, { version: view.plan.version, lat: '51,6100', lon: '7,5200' });
    expect(added.ok).toBe(true);
    view = (await getPlan(database.db, id))!;
    const last = view.stops[view.stops.length - 1];
    expect(last).toMatchObject({ source: 'place', cell: latLngToCell(51.61, 7.52, 10) });
    const firstArrivalOfLast = view.schedule.stops[view.stops.length - 1].arrivals[0];

    const moved = await moveStop(database.db, police(), id, view.plan.version, last.id, -1);
    expect(moved.ok).toBe(true);
    const afterMove = (await getPlan(database.db, id))!;
    expect(afterMove.stops.map((s) => s.id)).toEqual([...view.stops.slice(0, -2), last, view.stops[view.stops.length - 2]].map((s) => s.id));
    expect(afterMove.schedule.stops[afterMove.stops.length - 2].arrivals[0].getTime()).not.toBe(firstArrivalOfLast.getTime());

    expect(await dropStop(database.db, police(), id, view.plan.version, last.id)).toEqual({ ok: false, error: 'conflict' });
    expect(await addStop(database.db, police(), id, { version: afterMove.plan.version, lat: '52.5', lon: '13.4' })).toMatchObject({ fields: { lat: 'place_outside_city' } });
    expect(await addStop(database.db, police(), id, { version: afterMove.plan.version, lat: 'abc', lon: '' })).toMatchObject({ fields: { lat: 'coordinate_invalid', lon: 'coordinate_invalid' } });
    expect(await addStop(database.db, police(), id, { version: afterMove.plan.version, lat: String(last.lat), lon: String(last.lon) })).toMatchObject({ fields: { lat: 'stop_exists' } });
    const dropped = await dropStop(database.db, police(), id, afterMove.plan.version, last.id);
    expect(dropped.ok).toBe(true);
    const afterDrop = (await getPlan(database.db, id))!;
    expect(afterDrop.stops.map((s) => s.id)).not.toContain(last.id);
    expect(afterDrop.stops.map((s) => s.position)).toEqual(afterDrop.stops.map((_, i) => i));
    const actions = (await database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, String(id)))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['patrol_plan.stop_added', 'patrol_plan.stop_moved', 'patrol_plan.stop_dropped']));
    // The list of plans counts each plan's own stops.
    const listed = await listPlans(database.db);
    expect(listed.find((p) => p.id === id)?.stops).toBe(afterDrop.stops.length);
    expect(afterDrop.stops.length).toBeGreaterThan(1);
  });

  it('goes draft → published → done, logs only while published, and a visit moves a report on with history, audit and e-mail', async () => {
    const created = await createPlan(database.db, police(), friday(), { now: NOW, seed: 3 });
    if (!created.ok) throw new Error('plan');
    const id = created.value.id;
    let view = (await getPlan(database.db, id))!;
    const stop = view.stops.find((s) => s.cell === latLngToCell(HOTSPOT.lat, HOTSPOT.lon, 10))!;
    const visit = { stopId: stop.id, visitedAt: '2026-11-27T20:30', findings: ['group'], note: 'Gruppe am Eingang' };
    expect(await logVisit(database.db, police(), id, { ...visit, version: view.plan.version })).toEqual({ ok: false, error: 'not_editable' });
    expect(await changePlanStatus(database.db, police(), id, view.plan.version, 'done')).toEqual({ ok: false, error: 'transition_not_allowed' });
    expect((await changePlanStatus(database.db, police(), id, view.plan.version, 'published')).ok).toBe(true);
    view = (await getPlan(database.db, id))!;

    const report = (await reportsAtStop(database.db, stop.cell)).find((r) => r.ref === hotspotRef)!;
    expect(report.next).toContain('resolved');
    // A stale report version: nothing is written, neither the log nor the report.
    const stale = await logVisit(database.db, police(), id, { ...visit, version: view.plan.version, moves: [{ ref: hotspotRef, version: report.version + 1, status: 'resolved' }] });
    expect(stale).toMatchObject({ fields: { moves: 'report_conflict' } });
    expect(await database.db.select().from(patrolLogs).where(eq(patrolLogs.planId, id))).toHaveLength(0);
    expect(await logVisit(database.db, police(), id, { ...visit, version: view.plan.version, findings: [] })).toMatchObject({ fields: { findings: 'findings_required' } });
    expect(await logVisit(database.db, police(), id, { ...visit, version: view.plan.version, findings: ['nothing', 'group'] })).toMatchObject({ fields: { findings: 'findings_nothing_alone' } });
    expect(await logVisit(database.db, police(), id, { ...visit, version: view.plan.version, visitedAt: '2026-11-29T20:30' })).toMatchObject({ fields: { visitedAt: 'visit_outside_shift' } });
    // 20:30 in Lünen is 19:30 UTC: at 19:00 UTC that visit has not happened yet.
    const before = { now: new Date('2026-11-27T19:00:00Z') };
    expect(await logVisit(database.db, police(), id, { ...visit, version: view.plan.version }, before)).toMatchObject({ fields: { visitedAt: 'visit_in_future' } });
    expect(await logVisit(database.db, police(), id, { ...visit, version: view.plan.version, findings: ['other'], note: '' })).toMatchObject({ fields: { note: 'note_required' } });

    // Police outside the team may not log (and so move reports on); triage may type up the team's log.
    const move = { ...visit, version: view.plan.version, moves: [{ ref: hotspotRef, version: report.version, status: 'resolved' }] };
    expect(await logVisit(database.db, { id: staff.otherPolice, roles: ['police'] }, id, move)).toEqual({ ok: false, error: 'not_on_team' });
    expect(await database.db.select().from(patrolLogs).where(eq(patrolLogs.planId, id))).toHaveLength(0);
    expect((await database.db.select({ status: reports.status }).from(reports).where(eq(reports.ref, hotspotRef)))[0].status).toBe('in_patrol');

    const logged = await logVisit(database.db, police(), id, move);
    expect(logged.ok).toBe(true);
    const [row] = await database.db.select().from(reports).where(eq(reports.ref, hotspotRef));
    expect(row.status).toBe('resolved');
    const events = await database.db.select().from(reportEvents).where(and(eq(reportEvents.reportId, row.id), eq(reportEvents.toStatus, 'resolved')));
    expect(events).toEqual([expect.objectContaining({ kind: 'status_changed', fromStatus: 'in_patrol', actorId: staff.police })]);
    expect(await database.db.select().from(outbox).where(and(eq(outbox.reportId, row.id), eq(outbox.kind, 'resolved')))).toHaveLength(1);
    const [log] = await database.db.select().from(patrolLogs).where(eq(patrolLogs.planId, id));
    expect(log).toMatchObject({ findings: ['group'], note: 'Gruppe am Eingang', movedReports: [{ ref: hotspotRef, status: 'resolved' }], visitedAt: new Date('2026-11-27T19:30:00Z') });
    const audited = await database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.actorId, staff.police));
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['report.status_changed', 'patrol_plan.visit_logged', 'patrol_plan.published']));

    // The effect view: the place's reports before the visit, none after (yet), beside its district.
    const [patrolled] = (await patrolledStops(database.db)).filter((s) => s.stopId === stop.id);
    expect(patrolled.firstVisit).toEqual(new Date('2026-11-27T19:30:00Z'));
    const effect = await effectAt(database.db, stop, patrolled.firstVisit!, { now: new Date('2026-12-10T12:00:00Z') });
    expect(effect.totals).toMatchObject({ before: 10, after: 0 });
    expect(effect.totals.districtBefore).toBeGreaterThanOrEqual(10);
    expect(effect.weeks.filter((w) => w.phase === 'before')).toHaveLength(8);
    expect(effect.weeks.filter((w) => w.phase === 'after')).toHaveLength(2);
    expect(effect.districtName).not.toBeNull();

    // A logged stop stays on the plan; a finished plan changes no more.
    view = (await getPlan(database.db, id))!;
    expect(await dropStop(database.db, police(), id, view.plan.version, stop.id)).toMatchObject({ fields: { stop: 'stop_logged' } });
    expect((await changePlanStatus(database.db, police(), id, view.plan.version, 'done')).ok).toBe(true);
    view = (await getPlan(database.db, id))!;
    expect(view.plan.status).toBe('done');
    expect(await moveStop(database.db, police(), id, view.plan.version, stop.id, 1)).toEqual({ ok: false, error: 'not_editable' });
    expect(await database.db.select().from(patrolStops).where(eq(patrolStops.planId, id))).toHaveLength(view.stops.length);
  });

  describe('downloads', () => {
    let id = 0;
    beforeAll(async () => {
      const created = await createPlan(database.db, police(), friday(), { now: NOW, seed: 5 });
      if (!created.ok) throw new Error('plan');
      id = created.value.id;
    });
    const request = (format: 'gpx' | 'geojson', who: string, planId = String(id)) => {
      const handler = format === 'gpx' ? getGpx : getGeoJson;
      return handler(new Request(`${ORIGIN}/api/staff/patrols/${planId}/plan.${format}?locale=de`, { headers: { cookie: who } }), { params: Promise.resolve({ id: planId }) });
    };

    it('answer 401 without a session and 403 without a role, in the API error shape', async () => {
      for (const format of ['gpx', 'geojson'] as const) {
        const anonymous = await request(format, '');
        expect(anonymous.status).toBe(401);
        expect(await anonymous.json()).toMatchObject({ error: 'unauthenticated' });
        const roleless = await request(format, cookie.none);
        expect(roleless.status).toBe(403);
        expect(await roleless.json()).toMatchObject({ error: 'forbidden' });
      }
      expect((await request('gpx', cookie.police, '999999')).status).toBe(404);
    });

    it('give GPX 1.1 with the start and each stop as waypoints and the route with every visit', async () => {
      const response = await request('gpx', cookie.police);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/gpx+xml; charset=utf-8');
      expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="streifenplan-\d+-2026-11-27\.gpx"/);
      const body = await response.text();
      const view = (await getPlan(database.db, id))!;
      expect(body).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<gpx version="1\.1" creator="Sicherheitsportal" xmlns="http:\/\/www\.topografix\.com\/GPX\/1\/1"/);
      expect(body.match(/<wpt /g)).toHaveLength(view.stops.length + 1);
      expect(body.match(/<rtept /g)).toHaveLength(view.schedule.visits.length + 2);
      expect(body).toContain('<name>Halt 1</name>');
      // The order GPX 1.1 prescribes: metadata, waypoints, route.
      expect(body.indexOf('<metadata>')).toBeLessThan(body.indexOf('<wpt '));
      expect(body.lastIndexOf('<wpt ')).toBeLessThan(body.indexOf('<rte>'));
      expect(body).toMatch(/<wpt lat="51\.\d{6}" lon="7\.\d{6}"><time>[^<]+Z<\/time><name>/);
    });

    it('give GeoJSON with the start, the stops and the route line', async () => {
      const response = await request('geojson', cookie.police);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
      const body = await response.json();
      const view = (await getPlan(database.db, id))!;
      expect(body.type).toBe('FeatureCollection');
      expect(body.features.filter((f: { geometry: { type: string } }) => f.geometry.type === 'Point')).toHaveLength(view.stops.length + 1);
      const line = body.features.find((f: { geometry: { type: string } }) => f.geometry.type === 'LineString');
      expect(line.geometry.coordinates).toHaveLength(view.schedule.visits.length + 2);
      expect(line.geometry.coordinates[0]).toEqual([view.plan.start.lon, view.plan.start.lat]);
    });
  });
});
