import { enqueueReporterMessage } from '@/lib/email/outbox';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '@/lib/audit/audit';
import { getCityConfig } from '@/lib/city/config';
import type { Db } from '@/lib/db/client';
import { categories, reportEvents, reports, type Report, type ReportEventKind, type ReportStatus } from '@/lib/db/schema';
import { cellsFor } from '@/lib/geo/cells';
import { isInBounds } from '@/lib/geo/bounds';
import { distanceMetres } from '@/lib/geo/distance';
import { findDistrict } from '@/lib/geo/districts';
import { onReportChanged } from '@/lib/priorities/service';
import { withoutNul } from '@/lib/text';
import { adjustCellStats, isCounted } from './cell-stats';
import { normalizeRef } from './ref-format';
import { loadDistricts } from './service';
import { reportStatuses } from './types';
import { DESCRIPTION_MAX } from './validation';
import { canTransition, isMergeTarget, isMergeable, isReporterNotified } from './workflow';

/*
 * Every staff change to a report: status, category, position, public description, merge, note,
 * reply — one at a time or several in one request, and the same in bulk. Each change
 *  - takes the version the staff member saw and fails with a conflict when the report has changed
 *    since (optimistic locking: nothing is silently overwritten), and bumps it;
 *  - writes one report_events row per change and one audit_log entry per change (who, what, when,
 *    before and after), in the same transaction;
 *  - keeps cell_stats (the public map) in step whenever status, category or position change.
 */

export const NOTE_MAX = 4000;
export const REASON_MAX = 1000;

export const changeErrorCodes = [
  'required',
  'invalid',
  'too_long',
  'unknown_field',
  'nothing_to_change',
  'transition_not_allowed',
  'reason_required',
  'use_merge',
  'conflicting_changes',
  'unknown_category',
  'outside_city',
  'unknown_report',
  'merge_into_self',
  'not_mergeable',
  'target_not_open',
  'no_description',
  'no_contact',
] as const;
export type ChangeErrorCode = (typeof changeErrorCodes)[number];

const text = (max: number) =>
  z
    .string({ error: 'invalid' })
    .max(max, { error: 'too_long' })
    .refine(withoutNul, { error: 'invalid' })
    .transform((s) => s.trim());

const coordinate = z.number({ error: 'invalid' }).finite({ error: 'invalid' });

/** A change as the API (PATCH /api/staff/reports/{ref}) and the pages' actions send it. */
export const reportPatchSchema = z
  .object({
    version: z.number({ error: (issue) => (issue.input === undefined ? 'required' : 'invalid') }).int({ error: 'invalid' }).positive({ error: 'invalid' }),
    status: z.enum(reportStatuses, { error: 'invalid' }).optional(),
    /** Why the status changed; required for dismissed. */
    reason: text(REASON_MAX).optional(),
    category: z.string({ error: 'invalid' }).max(64, { error: 'unknown_category' }).refine(withoutNul, { error: 'unknown_category' }).optional(),
    lat: coordinate.optional(),
    lon: coordinate.optional(),
    /** The text that may be shown publicly; empty or null withdraws it. */
    publicDescription: text(DESCRIPTION_MAX).nullable().optional(),
    /** Merge this report into the report with this reference. */
    mergeInto: z.string({ error: 'invalid' }).max(20, { error: 'unknown_report' }).refine(withoutNul, { error: 'unknown_report' }).optional(),
    note: text(NOTE_MAX).optional(),
    reply: text(NOTE_MAX).optional(),
  })
  .strict();

export type ReportPatch = z.output<typeof reportPatchSchema>;
export type ReportPatchInput = z.input<typeof reportPatchSchema>;
export type PatchField = keyof ReportPatch | 'form';
export type ChangeFieldErrors = Partial<Record<PatchField, ChangeErrorCode>>;

/** The first problem per field, as a code (unknown fields each get 'unknown_field'). */
export function patchFieldErrors(error: z.ZodError): Record<string, ChangeErrorCode> {
  const result: Record<string, ChangeErrorCode> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) result[key] ??= 'unknown_field';
      continue;
    }
    const field = String(issue.path[0] ?? 'form');
    result[field] ??= (changeErrorCodes as readonly string[]).includes(issue.message) ? (issue.message as ChangeErrorCode) : 'invalid';
  }
  return result;
}

export type ChangeActor = { id: number };

export type UpdateResult =
  | { ok: true; version: number; changes: ReportEventKind[] }
  | { ok: false; error: 'not_found' }
  /** Someone changed the report since `version`: nothing was written; show the current state. */
  | { ok: false; error: 'conflict'; version: number }
  | { ok: false; error: 'invalid'; fields: ChangeFieldErrors };

type Lookups = {
  category?: { id: number; slug: string } | null;
  categorySlugs: Map<number, string>;
  districts: Awaited<ReturnType<typeof loadDistricts>>;
};

type Plan = {
  set: Partial<Report>;
  events: { kind: ReportEventKind; fromStatus?: ReportStatus | null; toStatus?: ReportStatus | null; data?: Record<string, unknown> | null }[];
  audits: { action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[];
  target?: Report;
};

/** Whether the patch asks for anything at all besides the version. */
function isEmptyPatch(patch: ReportPatch): boolean {
  return Object.entries(patch).every(([key, value]) => key === 'version' || value === undefined);
}

/**
 * Checks a patch against the report as it is (locked) and turns it into what to write. Values equal
 * to the current ones are no change; a patch that changes nothing is refused, so an empty history
 * entry never appears.
 */
function planChange(row: Report, patch: ReportPatch, lookups: Lookups, target: Report | null | undefined): { ok: true; plan: Plan } | { ok: false; fields: ChangeFieldErrors } {
  const fields: ChangeFieldErrors = {};
  const plan: Plan = { set: {}, events: [], audits: [] };

  if (patch.category !== undefined) {
    if (!lookups.category) fields.category = 'unknown_category';
    else if (lookups.category.id !== row.categoryId) {
      const from = lookups.categorySlugs.get(row.categoryId) ?? null;
      plan.set.categoryId = lookups.category.id;
      plan.events.push({ kind: 'categorised', data: { from, to: lookups.category.slug } });
      plan.audits.push({ action: 'report.categorised', before: { category: from }, after: { category: lookups.category.slug } });
    }
  }

  if (patch.lat !== undefined || patch.lon !== undefined) {
    if (patch.lat === undefined) fields.lat = 'required';
    else if (patch.lon === undefined) fields.lon = 'required';
    else if (!isInBounds(patch.lat, patch.lon, getCityConfig().bounds)) {
      fields.lat = 'outside_city';
      fields.lon = 'outside_city';
    } else if (patch.lat !== row.lat || patch.lon !== row.lon) {
      const cells = cellsFor(patch.lat, patch.lon);
      const district = findDistrict(lookups.districts, patch.lat, patch.lon);
      Object.assign(plan.set, { lat: patch.lat, lon: patch.lon, ...cells, districtId: district?.id ?? null });
      const from = { lat: row.lat, lon: row.lon };
      const to = { lat: patch.lat, lon: patch.lon };
      plan.events.push({ kind: 'moved', data: { from, to, distanceM: Math.round(distanceMetres(from, to)) } });
      plan.audits.push({
        action: 'report.moved',
        before: { ...from, h3r10: row.h3r10, districtId: row.districtId },
        after: { ...to, h3r10: cells.h3r10, districtId: district?.id ?? null },
      });
    }
  }

  if (patch.publicDescription !== undefined) {
    const next = patch.publicDescription || null;
    if (row.description === null) fields.publicDescription = 'no_description';
    else if (next !== row.publicDescription) {
      plan.set.publicDescription = next;
      // The history says that it happened; the text itself is on the report (and in the audit log).
      plan.events.push({ kind: 'redacted', data: { withdrawn: next === null } });
      plan.audits.push({ action: 'report.redacted', before: { publicDescription: row.publicDescription }, after: { publicDescription: next } });
    }
  }

  if (patch.status !== undefined && patch.mergeInto !== undefined) fields.status = 'conflicting_changes';
  else if (patch.status === 'duplicate') fields.status = 'use_merge';
  else if (patch.status !== undefined && patch.status !== row.status) {
    if (!canTransition(row.status, patch.status)) fields.status = 'transition_not_allowed';
    else if (patch.status === 'dismissed' && !patch.reason) fields.reason = 'reason_required';
    else {
      plan.set.status = patch.status;
      const data: Record<string, unknown> = {};
      if (patch.reason) data.reason = patch.reason;
      if (row.status === 'duplicate') {
        // Unmerge: the report stands on its own again (and counts again).
        plan.set.duplicateOf = null;
        if (target) data.unmergedFrom = target.ref;
      }
      plan.events.push({ kind: 'status_changed', fromStatus: row.status, toStatus: patch.status, data: Object.keys(data).length ? data : null });
      plan.audits.push({
        action: 'report.status_changed',
        before: { status: row.status, ...(row.status === 'duplicate' ? { duplicateOf: target?.ref ?? null } : {}) },
        after: { status: patch.status, ...(patch.reason ? { reason: patch.reason } : {}) },
      });
    }
  } else if (patch.reason && patch.status === undefined && patch.mergeInto === undefined) fields.reason = 'invalid';

  if (patch.mergeInto !== undefined && !fields.status) {
    const targetRef = normalizeRef(patch.mergeInto);
    if (!targetRef || !target) fields.mergeInto = 'unknown_report';
    else if (target.id === row.id) fields.mergeInto = 'merge_into_self';
    else if (!isMergeable(row.status)) fields.mergeInto = 'not_mergeable';
    else if (!isMergeTarget(target.status)) fields.mergeInto = 'target_not_open';
    else {
      plan.set.status = 'duplicate';
      plan.set.duplicateOf = target.id;
      plan.target = target;
      plan.events.push({ kind: 'merged', fromStatus: row.status, toStatus: 'duplicate', data: { into: target.ref, ...(patch.reason ? { reason: patch.reason } : {}) } });
      plan.audits.push({ action: 'report.merged', before: { status: row.status, duplicateOf: null }, after: { status: 'duplicate', duplicateOf: target.ref } });
    }
  }

  if (patch.note !== undefined) {
    if (!patch.note) fields.note = 'required';
    else {
      plan.events.push({ kind: 'note', data: { text: patch.note } });
      plan.audits.push({ action: 'report.note_added', before: null, after: { text: patch.note } });
    }
  }

  if (patch.reply !== undefined) {
    if (!patch.reply) fields.reply = 'required';
    else if (!row.contactEmail) fields.reply = 'no_contact';
    else {
      plan.events.push({ kind: 'reply', data: { text: patch.reply } });
      plan.audits.push({ action: 'report.replied', before: null, after: { text: patch.reply } });
    }
  }

  if (Object.keys(fields).length > 0) return { ok: false, fields };
  if (plan.events.length === 0) return { ok: false, fields: { form: 'nothing_to_change' } };
  return { ok: true, plan };
}

async function lookupsFor(db: Db, categorySlug: string | undefined): Promise<Lookups> {
  const rows = await db.select({ id: categories.id, slug: categories.slug, active: categories.active }).from(categories);
  const category = categorySlug === undefined ? undefined : (rows.find((c) => c.slug === categorySlug && c.active) ?? null);
  return { category, categorySlugs: new Map(rows.map((c) => [c.id, c.slug])), districts: await loadDistricts(db) };
}

/** Writes a plan: the row (only at the version checked), the aggregates, the history, the audit log. */
async function applyPlan(tx: Db, actor: ChangeActor, row: Report, plan: Plan, now: Date): Promise<number> {
  const [updated] = await tx
    .update(reports)
    .set({ ...plan.set, version: sql`${reports.version} + 1`, updatedAt: now })
    .where(and(eq(reports.id, row.id), eq(reports.version, row.version)))
    .returning();
  // The row is locked and its version checked, so this cannot miss; if it ever did, roll back.
  if (!updated) throw new Error(`Report ${row.ref} changed under a row lock`);

  const after = { ...row, ...plan.set };
  if (isCounted(row.status) !== isCounted(after.status) || row.h3r9 !== after.h3r9 || row.categoryId !== after.categoryId) {
    if (isCounted(row.status)) await adjustCellStats(tx, row, -1);
    if (isCounted(after.status)) await adjustCellStats(tx, after, 1);
  }
  await onReportChanged(tx, row, updated, { now });

  // A resident who left an e-mail address is told about a reply, a confirmation, resolution or
  // dismissal and a merge — in their language, queued in this transaction so nothing is lost.
  for (const e of plan.events) {
    if (e.kind === 'reply') {
      await enqueueReporterMessage(tx, { reportId: row.id, kind: 'reply', text: String(e.data?.text ?? '') }, { now });
    } else if (e.kind === 'merged') {
      await enqueueReporterMessage(tx, { reportId: row.id, kind: 'merged' }, { now });
    } else if (e.kind === 'status_changed' && e.toStatus && isReporterNotified(e.toStatus)) {
      await enqueueReporterMessage(tx, { reportId: row.id, kind: e.toStatus }, { now });
    }
  }
  await tx.insert(reportEvents).values(
    plan.events.map((e) => ({
      reportId: row.id,
      kind: e.kind,
      fromStatus: e.fromStatus ?? null,
      toStatus: e.toStatus ?? null,
      data: e.data ?? null,
      actorId: actor.id,
      createdAt: now,
    })),
  );
  for (const entry of plan.audits) {
    await audit(tx, actor, entry.action, 'report', row.id, { ref: row.ref, ...entry.before }, { ref: row.ref, ...entry.after });
  }

  if (plan.target) {
    const target = plan.target;
    await tx.insert(reportEvents).values({ reportId: target.id, kind: 'merged', data: { from: row.ref }, actorId: actor.id, createdAt: now });
    // Reports merged into this one earlier follow it to the survivor: no chains, and their
    // residents' tracking pages point to the report that carries on.
    const followers = await tx
      .update(reports)
      .set({ duplicateOf: target.id, version: sql`${reports.version} + 1`, updatedAt: now })
      .where(eq(reports.duplicateOf, row.id))
      .returning({ id: reports.id, ref: reports.ref });
    for (const follower of followers) {
      await tx.insert(reportEvents).values({ reportId: follower.id, kind: 'merged', data: { into: target.ref, via: row.ref }, actorId: actor.id, createdAt: now });
      await audit(tx, actor, 'report.merged', 'report', follower.id, { ref: follower.ref, duplicateOf: row.ref }, { ref: follower.ref, duplicateOf: target.ref });
    }
  }
  return updated.version;
}

/**
 * Locks the reports involved in id order (two merges of the same pair in opposite directions
 * then wait for each other instead of deadlocking) and returns them by reference.
 */
async function lockReports(tx: Db, refs: string[]): Promise<Map<string, Report>> {
  if (refs.length === 0) return new Map();
  const rows = await tx.select().from(reports).where(inArray(reports.ref, refs)).orderBy(asc(reports.id)).for('update');
  return new Map(rows.map((r) => [r.ref, r]));
}

/** The survivor an unmerge leaves, for the history ("unmerged from …"). */
async function survivorOf(tx: Db, row: Report): Promise<Report | undefined> {
  if (row.duplicateOf === null) return undefined;
  const [survivor] = await tx.select().from(reports).where(eq(reports.id, row.duplicateOf));
  return survivor;
}

/**
 * Applies one staff change to the report `ref`, if it is still at `input.version`. The input is
 * validated here (reportPatchSchema), so the API and the pages' actions pass on what they received.
 */
export async function updateReport(db: Db, actor: ChangeActor, ref: string, input: ReportPatchInput | unknown, options: { now?: Date } = {}): Promise<UpdateResult> {
  const parsed = reportPatchSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'invalid', fields: patchFieldErrors(parsed.error) };
  const patch = parsed.data;
  if (isEmptyPatch(patch)) return { ok: false, error: 'invalid', fields: { form: 'nothing_to_change' } };
  const now = options.now ?? new Date();
  const lookups = await lookupsFor(db, patch.category);
  const targetRef = patch.mergeInto === undefined ? undefined : normalizeRef(patch.mergeInto);
  return db.transaction(async (tx) => {
    const locked = await lockReports(tx, [ref, ...(targetRef ? [targetRef] : [])]);
    const row = locked.get(ref);
    if (!row) return { ok: false, error: 'not_found' } as const;
    if (row.version !== patch.version) return { ok: false, error: 'conflict', version: row.version } as const;
    const target = targetRef ? (locked.get(targetRef) ?? null) : patch.status && row.status === 'duplicate' ? await survivorOf(tx, row) : undefined;
    const planned = planChange(row, patch, lookups, target);
    if (!planned.ok) return { ok: false, error: 'invalid', fields: planned.fields } as const;
    const version = await applyPlan(tx, actor, row, planned.plan, now);
    return { ok: true, version, changes: planned.plan.events.map((e) => e.kind) } as const;
  });
}

/** A bulk change: a new status (with a reason where needed) or a new category. */
export const bulkChangeSchema = z.union([
  z.object({ status: z.enum(reportStatuses, { error: 'invalid' }), reason: text(REASON_MAX).optional() }).strict(),
  z.object({ category: z.string({ error: 'invalid' }).max(64, { error: 'unknown_category' }).refine(withoutNul, { error: 'unknown_category' }) }).strict(),
]);
export type BulkChange = z.output<typeof bulkChangeSchema>;

export const BULK_MAX = 200;

export type BulkResult =
  | { ok: true; changed: string[]; skipped: { ref: string; reason: 'not_found' | 'conflict' | ChangeErrorCode }[] }
  | { ok: false; fields: ChangeFieldErrors };

/**
 * The same change for a selection, each report at the version the staff member saw. Reports that
 * changed since, or where the change is not allowed (e.g. a status step the workflow does not
 * have), are skipped and named; the others change, each with its own history entry and audit entry.
 */
export async function bulkUpdateReports(
  db: Db,
  actor: ChangeActor,
  selection: { ref: string; version: number }[],
  input: z.input<typeof bulkChangeSchema> | unknown,
  options: { now?: Date } = {},
): Promise<BulkResult> {
  const parsed = bulkChangeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fields: patchFieldErrors(parsed.error) };
  const change = parsed.data;
  if (selection.length === 0) return { ok: false, fields: { form: 'nothing_to_change' } };
  if (selection.length > BULK_MAX) return { ok: false, fields: { form: 'too_long' } };
  if ('status' in change && change.status === 'duplicate') return { ok: false, fields: { status: 'use_merge' } };
  if ('status' in change && change.status === 'dismissed' && !change.reason) return { ok: false, fields: { reason: 'reason_required' } };
  const now = options.now ?? new Date();
  const lookups = await lookupsFor(db, 'category' in change ? change.category : undefined);
  if ('category' in change && !lookups.category) return { ok: false, fields: { category: 'unknown_category' } };

  return db.transaction(async (tx) => {
    const locked = await lockReports(tx, [...new Set(selection.map((s) => s.ref))]);
    const changed: string[] = [];
    const skipped: { ref: string; reason: 'not_found' | 'conflict' | ChangeErrorCode }[] = [];
    const seen = new Set<string>();
    for (const { ref, version } of selection) {
      if (seen.has(ref)) continue;
      seen.add(ref);
      const row = locked.get(ref);
      if (!row) {
        skipped.push({ ref, reason: 'not_found' });
        continue;
      }
      if (row.version !== version) {
        skipped.push({ ref, reason: 'conflict' });
        continue;
      }
      const target = 'status' in change && row.status === 'duplicate' ? await survivorOf(tx, row) : undefined;
      const planned = planChange(row, { version, ...change }, lookups, target);
      if (!planned.ok) {
        skipped.push({ ref, reason: Object.values(planned.fields)[0] ?? 'invalid' });
        continue;
      }
      await applyPlan(tx, actor, row, planned.plan, now);
      changed.push(ref);
    }
    return { ok: true, changed, skipped };
  });
}
