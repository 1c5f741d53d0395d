import { randomInt } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { latLngToCell } from 'h3-js';
import { audit, type AuditActor } from '@/lib/audit/audit';
import { getCityConfig } from '@/lib/city/config';
import type { Db } from '@/lib/db/client';
import {
  categories,
  patrolLogs,
  patrolPlans,
  patrolStops,
  reports,
  users,
  type PatrolPlan,
  type PatrolPlanStatus,
  type PatrolStartPoint,
  type PatrolStop,
  type ReportStatus,
} from '@/lib/db/schema';
import { isInBounds } from '@/lib/geo/bounds';
import { SCORING_RESOLUTION } from '@/lib/geo/cells';
import { shiftSlotWeights } from '@/lib/priorities/slots';
import { updateReport } from '@/lib/reports/update';
import { nextStatuses } from '@/lib/reports/workflow';
import { localToInstant } from '@/lib/time/zone';
import { cityCells } from './city-area';
import { moveItem, orderPlaces, proposeStops, reasonsOf, scheduleStops, shiftInstants, type Schedule } from './plan';
import { rankPriorities } from '@/lib/priorities/service';
import { getPatrolSettings, type PatrolSettings } from './settings';
import { checkTeam, mayLogVisits } from './team';
import {
  parseAddStop,
  fieldErrors,
  logVisitSchema,
  newPlanSchema,
  type FieldErrors,
  type PlanErrorCode,
} from './validation';

/*
 * Patrol plans (DESIGN.md, "Patrol plans"; issue 4): create, change, publish, finish, log. Every
 * change checks the version the staff member saw (nothing is silently overwritten), bumps it and is
 * written to the audit log in the same transaction. Callers check the role first (lib/auth/require.ts).
 */

export type PlanResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: 'invalid'; fields: FieldErrors }
  | { ok: false; error: 'not_found' | 'conflict' | 'not_editable' | 'transition_not_allowed' | 'not_on_team' };

const invalid = (fields: FieldErrors) => ({ ok: false, error: 'invalid', fields }) as const;

/** The plan's states move forward only: a published plan is what the team carries. */
export const planTransitions: Readonly<Record<PatrolPlanStatus, readonly PatrolPlanStatus[]>> = {
  draft: ['published'],
  published: ['done'],
  done: [],
};

/** Open reports a visit can move on (closed and merged ones stay as they are). */
const openStatuses: ReportStatus[] = ['new', 'in_review', 'confirmed', 'in_patrol'];

const MAX_SHIFT_HOURS = 12;
const MIN_SHIFT_MINUTES = 30;

export async function listStaffForTeam(db: Db) {
  return db
    .select({ id: users.id, name: users.name, roles: users.roles, active: users.active })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.name));
}

function slotWeightsOf(plan: Pick<PatrolPlan, 'startsAt' | 'endsAt'>) {
  return shiftSlotWeights(plan.startsAt, plan.endsAt, getCityConfig().timeZone);
}

/**
 * The stops proposed for a shift: ranked for the shift's slots (200 candidates), then chosen, routed
 * and timed. What a new plan starts with; `npm run bench` times it.
 */
export async function proposePlan(
  db: Db,
  settings: PatrolSettings,
  shift: { start: PatrolStartPoint; startsAt: Date; endsAt: Date; seed: number; now?: Date },
) {
  const { start, startsAt, endsAt, seed, now } = shift;
  const slotWeights = slotWeightsOf({ startsAt, endsAt });
  const params = { dwellMinutes: settings.dwellMinutes, revisitMinutes: settings.revisitMinutes };
  const ranking = await rankPriorities(db, { now, slotWeights, limit: 200 });
  const proposal = proposeStops(ranking, { start, startsAt, endsAt, seed, cityCells: (await cityCells(db)).length, params });
  return { slotWeights, params, proposal };
}

/** Creates a plan for a shift and proposes its stops from the shift's priorities. */
export async function createPlan(
  db: Db,
  actor: NonNullable<AuditActor>,
  input: unknown,
  options: { now?: Date; seed?: number } = {},
): Promise<PlanResult<{ id: number }>> {
  const parsed = newPlanSchema.safeParse(input);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const { date, from, to, team, startPoint } = parsed.data;
  const fields: FieldErrors = {};
  const { startsAt, endsAt } = shiftInstants(date, from, to, getCityConfig().timeZone);
  const minutes = (endsAt.getTime() - startsAt.getTime()) / 60_000;
  if (minutes > MAX_SHIFT_HOURS * 60) fields.to = 'shift_too_long';
  else if (minutes < MIN_SHIFT_MINUTES) fields.to = 'shift_too_short';
  const teamError = checkTeam(team, await listStaffForTeam(db));
  if (teamError) fields.team = teamError;
  const settings = await getPatrolSettings(db);
  const start = settings.startPoints[startPoint];
  if (!start) fields.startPoint = 'start_unknown';
  if (Object.keys(fields).length > 0 || !start) return invalid(fields);

  const seed = options.seed ?? randomInt(0, 2 ** 31 - 1);
  const { slotWeights, params, proposal } = await proposePlan(db, settings, { start, startsAt, endsAt, seed, now: options.now });

  return db.transaction(async (tx) => {
    const [plan] = await tx
      .insert(patrolPlans)
      .values({ shiftDate: date, startsAt, endsAt, team: [...new Set(team)], start, ...params, seed, ungated: proposal.ungated, createdBy: actor.id })
      .returning();
    if (proposal.stops.length > 0) {
      await tx.insert(patrolStops).values(
        proposal.stops.map((p, position) => ({
          planId: plan.id,
          position,
          cell: p.cell,
          lat: p.lat,
          lon: p.lon,
          source: 'ranking' as const,
          reasons: reasonsOf(p, slotWeights),
        })),
      );
    }
    await audit(tx, actor, 'patrol_plan.created', 'patrol_plan', plan.id, null, {
      shiftDate: date,
      from,
      to,
      team: plan.team,
      start: start.name,
      stops: proposal.stops.map((p) => p.cell),
      ungated: proposal.ungated,
    });
    return { ok: true, value: { id: plan.id } } as const;
  });
}

export type PlanListRow = Pick<PatrolPlan, 'id' | 'shiftDate' | 'startsAt' | 'endsAt' | 'status' | 'ungated'> & { stops: number; startName: string };

export async function listPlans(db: Db): Promise<PlanListRow[]> {
  const rows = await db
    .select({
      id: patrolPlans.id,
      shiftDate: patrolPlans.shiftDate,
      startsAt: patrolPlans.startsAt,
      endsAt: patrolPlans.endsAt,
      status: patrolPlans.status,
      ungated: patrolPlans.ungated,
      start: patrolPlans.start,
      stops: count(patrolStops.id),
    })
    .from(patrolPlans)
    .leftJoin(patrolStops, eq(patrolStops.planId, patrolPlans.id))
    .groupBy(patrolPlans.id)
    .orderBy(desc(patrolPlans.startsAt), desc(patrolPlans.id))
    .limit(200);
  return rows.map(({ start, ...row }) => ({ ...row, startName: start.name }));
}

export type StopReport = { ref: string; status: ReportStatus; version: number; category: string; next: readonly ReportStatus[] };

export type PlanView = {
  plan: PatrolPlan;
  stops: PatrolStop[];
  schedule: Schedule;
  team: { id: number; name: string; roles: string[] }[];
  logs: (typeof patrolLogs.$inferSelect)[];
};

export async function getPlan(db: Db, id: number): Promise<PlanView | null> {
  const [plan] = await db.select().from(patrolPlans).where(eq(patrolPlans.id, id));
  if (!plan) return null;
  const stops = await db.select().from(patrolStops).where(eq(patrolStops.planId, id)).orderBy(asc(patrolStops.position), asc(patrolStops.id));
  const team = plan.team.length
    ? await db.select({ id: users.id, name: users.name, roles: users.roles }).from(users).where(inArray(users.id, plan.team)).orderBy(asc(users.name))
    : [];
  const logs = await db.select().from(patrolLogs).where(eq(patrolLogs.planId, id)).orderBy(asc(patrolLogs.visitedAt), asc(patrolLogs.id));
  const schedule = scheduleStops(plan.start, stops, plan.startsAt, plan.endsAt, plan);
  return { plan, stops, schedule, team, logs };
}

/** Open reports in a stop's cell, for the patrol log (reference, status, category: no personal data). */
export async function reportsAtStop(db: Db, cell: string): Promise<StopReport[]> {
  const rows = await db
    .select({ ref: reports.ref, status: reports.status, version: reports.version, category: categories.slug })
    .from(reports)
    .innerJoin(categories, eq(categories.id, reports.categoryId))
    .where(and(eq(reports.h3r10, cell), inArray(reports.status, openStatuses)))
    .orderBy(desc(reports.createdAt))
    .limit(50);
  return rows.map((r) => ({ ...r, next: nextStatuses(r.status).filter((s) => s !== 'dismissed') }));
}

/**
 * Runs a change to a plan at the version the staff member saw: locks the row, refuses a finished
 * plan, bumps the version. `change` returns what to audit, or a failure.
 */
async function changePlan(
  db: Db,
  id: number,
  version: number,
  change: (tx: Db, plan: PatrolPlan, stops: PatrolStop[]) => Promise<PlanResult<{ action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }>>,
  actor: NonNullable<AuditActor>,
  options: { allowDone?: boolean } = {},
): Promise<PlanResult<{ version: number }>> {
  return db.transaction(async (tx) => {
    const [plan] = await tx.select().from(patrolPlans).where(eq(patrolPlans.id, id)).for('update');
    if (!plan) return { ok: false, error: 'not_found' } as const;
    if (plan.version !== version) return { ok: false, error: 'conflict' } as const;
    if (plan.status === 'done' && !options.allowDone) return { ok: false, error: 'not_editable' } as const;
    const stops = await tx.select().from(patrolStops).where(eq(patrolStops.planId, id)).orderBy(asc(patrolStops.position), asc(patrolStops.id));
    const result = await change(tx, plan, stops);
    if (!result.ok) return result;
    const [updated] = await tx
      .update(patrolPlans)
      .set({ version: sql`${patrolPlans.version} + 1`, updatedAt: new Date() })
      .where(eq(patrolPlans.id, id))
      .returning({ version: patrolPlans.version });
    await audit(tx, actor, result.value.action, 'patrol_plan', id, result.value.before, result.value.after);
    return { ok: true, value: { version: updated.version } } as const;
  });
}

async function renumber(tx: Db, stops: readonly PatrolStop[]) {
  for (const [position, stop] of stops.entries()) {
    if (stop.position !== position) await tx.update(patrolStops).set({ position }).where(eq(patrolStops.id, stop.id));
  }
}

const cellsOf = (stops: readonly PatrolStop[]) => stops.map((s) => s.cell);

export async function dropStop(db: Db, actor: NonNullable<AuditActor>, id: number, version: number, stopId: number) {
  return changePlan(db, id, version, async (tx, _plan, stops) => {
    const stop = stops.find((s) => s.id === stopId);
    if (!stop) return invalid({ stop: 'stop_unknown' });
    const logged = await tx.select({ id: patrolLogs.id }).from(patrolLogs).where(eq(patrolLogs.stopId, stopId)).limit(1);
    if (logged.length > 0) return invalid({ stop: 'stop_logged' });
    await tx.delete(patrolStops).where(eq(patrolStops.id, stopId));
    const rest = stops.filter((s) => s.id !== stopId);
    await renumber(tx, rest);
    return { ok: true, value: { action: 'patrol_plan.stop_dropped', before: { stops: cellsOf(stops) }, after: { stops: cellsOf(rest), dropped: stop.cell } } };
  }, actor);
}

/** Moves a stop one place earlier (-1) or later (+1) in the route. */
export async function moveStop(db: Db, actor: NonNullable<AuditActor>, id: number, version: number, stopId: number, by: -1 | 1) {
  return changePlan(db, id, version, async (tx, _plan, stops) => {
    const from = stops.findIndex((s) => s.id === stopId);
    if (from < 0) return invalid({ stop: 'stop_unknown' });
    const to = from + by;
    if (to < 0 || to >= stops.length) return invalid({ stop: 'stop_cannot_move' });
    const moved = moveItem(stops, from, to);
    await renumber(tx, moved);
    return { ok: true, value: { action: 'patrol_plan.stop_moved', before: { stops: cellsOf(stops) }, after: { stops: cellsOf(moved) } } };
  }, actor);
}

/** Adds a place at the end of the route: a cell from the shift's ranking, or a place given by its coordinates. */
export async function addStop(db: Db, actor: NonNullable<AuditActor>, id: number, input: unknown, options: { now?: Date } = {}) {
  const parsed = parseAddStop(input);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const { version, ...place } = parsed.data;
  const [current] = await db.select().from(patrolPlans).where(eq(patrolPlans.id, id));
  if (!current) return { ok: false, error: 'not_found' } as const;
  const slotWeights = slotWeightsOf(current);
  let cell: string;
  if ('cell' in place) cell = place.cell;
  else if (!isInBounds(place.lat, place.lon, getCityConfig().bounds)) return invalid({ lat: 'place_outside_city' });
  else cell = latLngToCell(place.lat, place.lon, SCORING_RESOLUTION);
  const ranking = await rankPriorities(db, { now: options.now, slotWeights });
  const priority = ranking.find((p) => p.cell === cell);
  if ('cell' in place && !priority) return invalid({ cell: 'cell_unknown' });

  return changePlan(db, id, version, async (tx, _plan, stops) => {
    if (stops.some((s) => s.cell === cell)) return invalid({ [('cell' in place ? 'cell' : 'lat')]: 'stop_exists' });
    const lat = 'cell' in place ? priority!.lat : place.lat;
    const lon = 'cell' in place ? priority!.lon : place.lon;
    await tx.insert(patrolStops).values({
      planId: id,
      position: stops.length,
      cell,
      lat,
      lon,
      source: 'cell' in place ? 'ranking' : 'place',
      reasons: priority ? reasonsOf(priority, slotWeights) : null,
    });
    return { ok: true, value: { action: 'patrol_plan.stop_added', before: { stops: cellsOf(stops) }, after: { stops: [...cellsOf(stops), cell], added: { cell, lat, lon } } } };
  }, actor);
}

/** Orders the plan's stops afresh from its start point (after adding places, say), with the plan's seed. */
export async function reorderRoute(db: Db, actor: NonNullable<AuditActor>, id: number, version: number) {
  return changePlan(db, id, version, async (tx, plan, stops) => {
    const ordered = orderPlaces(stops, plan.start, plan.seed, plan);
    await renumber(tx, ordered);
    return { ok: true, value: { action: 'patrol_plan.route_reordered', before: { stops: cellsOf(stops) }, after: { stops: cellsOf(ordered) } } };
  }, actor);
}

export async function changePlanStatus(db: Db, actor: NonNullable<AuditActor>, id: number, version: number, to: PatrolPlanStatus) {
  return changePlan(db, id, version, async (tx, plan, stops) => {
    if (!planTransitions[plan.status].includes(to)) return { ok: false, error: 'transition_not_allowed' } as const;
    if (to === 'published' && stops.length === 0) return invalid({ status: 'plan_without_stops' });
    const now = new Date();
    await tx
      .update(patrolPlans)
      .set({ status: to, ...(to === 'published' ? { publishedAt: now } : { doneAt: now }) })
      .where(eq(patrolPlans.id, id));
    return { ok: true, value: { action: `patrol_plan.${to}`, before: { status: plan.status }, after: { status: to } } };
  }, actor, { allowDone: false });
}

/**
 * Records a visit of a stop; reports in the stop's cell may be moved on in the same transaction,
 * through the reports' own update path (history, audit log and the reporter's e-mail stay consistent).
 * Only a published plan is logged: a draft is not on the street yet, a finished one is closed.
 */
export async function logVisit(
  db: Db,
  actor: Parameters<typeof mayLogVisits>[0],
  id: number,
  input: unknown,
  options: { now?: Date } = {},
): Promise<PlanResult<{ version: number }>> {
  const parsed = logVisitSchema.safeParse(input);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const { version, stopId, visitedAt, findings, note, moves } = parsed.data;
  const visited = localToInstant(visitedAt.slice(0, 10), Number(visitedAt.slice(11, 13)) * 60 + Number(visitedAt.slice(14, 16)), getCityConfig().timeZone);
  try {
    return await changePlan(db, id, version, async (tx, plan, stops) => {
      if (plan.status !== 'published') return { ok: false, error: 'not_editable' } as const;
      if (!mayLogVisits(actor, plan)) return { ok: false, error: 'not_on_team' } as const;
      const stop = stops.find((s) => s.id === stopId);
      if (!stop) return invalid({ stop: 'stop_unknown' });
      // A visit belongs to its shift: a little before or after is fine (the team may start early), a day off is a typo.
      const slack = 2 * 3_600_000;
      if (visited.getTime() < plan.startsAt.getTime() - slack || visited.getTime() > plan.endsAt.getTime() + slack) return invalid({ visitedAt: 'visit_outside_shift' });
      // A visit is logged after it happened (a few minutes' leeway for clocks).
      if (visited.getTime() > (options.now ?? new Date()).getTime() + 5 * 60_000) return invalid({ visitedAt: 'visit_in_future' });
      if (findings.includes('other') && !note) return invalid({ note: 'note_required' });
      const open = await reportsAtStop(tx, stop.cell);
      const moved: { ref: string; status: ReportStatus }[] = [];
      for (const move of moves) {
        const report = open.find((r) => r.ref === move.ref);
        if (!report) return invalid({ moves: 'report_not_at_stop' });
        const result = await updateReport(tx, actor, move.ref, { version: move.version, status: move.status });
        if (!result.ok) throw new ReportMoveFailed(result.error === 'conflict' ? 'report_conflict' : 'report_transition_not_allowed');
        moved.push({ ref: move.ref, status: move.status });
      }
      await tx.insert(patrolLogs).values({ planId: id, stopId, visitedAt: visited, findings, note: note || null, movedReports: moved, actorId: actor.id });
      return { ok: true, value: { action: 'patrol_plan.visit_logged', before: null, after: { stop: stop.cell, visitedAt: visited.toISOString(), findings, note: note || null, moved } } };
    }, actor);
  } catch (error) {
    if (error instanceof ReportMoveFailed) return invalid({ moves: error.code });
    throw error;
  }
}

/** Rolls the whole visit back when one report cannot be moved on. */
class ReportMoveFailed extends Error {
  constructor(readonly code: PlanErrorCode) {
    super(code);
  }
}
