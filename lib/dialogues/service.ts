import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit, type AuditActor } from '@/lib/audit/audit';
import { getCityConfig } from '@/lib/city/config';
import type { Db } from '@/lib/db/client';
import {
  dialogueConcerns,
  dialogues,
  districts,
  measureUpdates,
  measures,
  reports,
  type Dialogue,
  type DialogueConcern,
  type Measure,
  type MeasureUpdate,
} from '@/lib/db/schema';
import { notifyDialoguePublished, notifyMeasureChanged } from '@/lib/follows/service';
import { findDistrict } from '@/lib/geo/districts';
import type { Bounds } from '@/lib/geo/bounds';
import { errorValuesOf } from '@/lib/zod-checks';
import {
  concernInputSchema,
  dialogueInputSchema,
  fieldErrorsOf,
  measureInputSchema,
  measureUpdateInputSchema,
  versionSchema,
  type FieldErrors,
} from './validation';
import { canApplyDialogueTransition, canChangeMeasureStatus, dialogueTransitions, isCorrection, type DialogueTransition } from './workflow';

/*
 * What coordinators do with dialogues and measures. Every function validates its input, checks
 * the version the editor started from (optimistic locking: a stale edit is refused, never merged
 * silently), changes the rows and writes the audit log in one transaction, and answers with a
 * value — failures that a coordinator can fix are results, not exceptions.
 *
 * Authorisation is the caller's: server actions call requireRole('coordinator') first.
 */

export type ServiceFailure =
  /** `values`: what the messages name, such as the entry at fault (`{entry}`). */
  | { ok: false; error: 'invalid'; fields: FieldErrors; values?: Record<string, string | number> }
  /** Someone changed the record since the editor loaded it (its version moved on). */
  | { ok: false; error: 'conflict' }
  | { ok: false; error: 'not_found' }
  /** The workflow does not allow this step from the current status. */
  | { ok: false; error: 'not_allowed' };
export type ServiceResult<T> = { ok: true; value: T } | ServiceFailure;

export type Actor = NonNullable<AuditActor>;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const invalid = (fields: FieldErrors, values: Record<string, string | number> = {}): ServiceFailure =>
  Object.keys(values).length > 0 ? { ok: false, error: 'invalid', fields, values } : { ok: false, error: 'invalid', fields };
/** The form's input failed its schema: each field's first problem, with what the messages name. */
const invalidInput = (error: z.ZodError): ServiceFailure => invalid(fieldErrorsOf(error), errorValuesOf(error));
const conflict: ServiceFailure = { ok: false, error: 'conflict' };
const notFound: ServiceFailure = { ok: false, error: 'not_found' };
const notAllowed: ServiceFailure = { ok: false, error: 'not_allowed' };

function cityBounds(): Bounds {
  return getCityConfig().bounds;
}

/** The version the editor loaded, as a number, or the field error to show. */
function parseVersion(input: unknown): { ok: true; version: number } | ServiceFailure {
  const parsed = versionSchema.safeParse(input && typeof input === 'object' ? input : {});
  return parsed.success ? { ok: true, version: parsed.data.version } : invalidInput(parsed.error);
}

/** Only what changed, before and after, so the audit log reads as a list of edits. */
function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}

function dialogueSnapshot(d: Dialogue) {
  return {
    districtId: d.districtId,
    heldOn: d.heldOn,
    venue: d.venue,
    participants: d.participants,
    organisers: d.organisers,
    title: d.title,
    summary: d.summary,
    status: d.status,
  };
}

function concernSnapshot(c: DialogueConcern) {
  return { dialogueId: c.dialogueId, text: c.text, geometry: c.geometry, cells: c.cells, reportIds: c.reportIds, sortOrder: c.sortOrder };
}

function measureSnapshot(m: Measure) {
  return {
    dialogueId: m.dialogueId,
    districtId: m.districtId,
    title: m.title,
    description: m.description,
    responsible: m.responsible,
    responsibleName: m.responsibleName,
    lat: m.lat,
    lon: m.lon,
    dueOn: m.dueOn,
    status: m.status,
    rejectionReason: m.rejectionReason,
    published: m.publishedAt !== null,
  };
}

async function districtExists(db: Db | Tx, id: number) {
  const [row] = await db.select({ id: districts.id }).from(districts).where(eq(districts.id, id));
  return Boolean(row);
}

type Locked<R> = { ok: true; record: R } | ServiceFailure;

const ok = <T>(value: T) => ({ ok: true as const, value });

/** Locks the dialogue for this transaction and checks the editor's version against it. */
async function lockDialogue(tx: Tx, id: number, version: number): Promise<Locked<Dialogue>> {
  const [dialogue] = await tx.select().from(dialogues).where(eq(dialogues.id, id)).for('update');
  if (!dialogue) return notFound;
  if (dialogue.version !== version) return conflict;
  return { ok: true, record: dialogue };
}

/** A concern with its dialogue, locked at the editor's version (concerns share their dialogue's). */
async function lockConcern(tx: Tx, id: number, version: number): Promise<Locked<{ concern: DialogueConcern; dialogue: Dialogue }>> {
  const [concern] = await tx.select().from(dialogueConcerns).where(eq(dialogueConcerns.id, id));
  if (!concern) return notFound;
  const locked = await lockDialogue(tx, concern.dialogueId, version);
  return locked.ok ? { ok: true, record: { concern, dialogue: locked.record } } : locked;
}

async function lockMeasure(tx: Tx, id: number, version: number): Promise<Locked<Measure>> {
  const [measure] = await tx.select().from(measures).where(eq(measures.id, id)).for('update');
  if (!measure) return notFound;
  if (measure.version !== version) return conflict;
  return { ok: true, record: measure };
}

/**
 * The shape of every edit: the version the editor loaded, then one transaction in which the record
 * is locked and checked against it before `work` changes anything.
 */
async function withLocked<R, T>(
  db: Db,
  input: unknown,
  lock: (tx: Tx, version: number) => Promise<Locked<R>>,
  work: (tx: Tx, record: R) => Promise<ServiceResult<T>>,
): Promise<ServiceResult<T>> {
  const version = parseVersion(input);
  if (!version.ok) return version;
  return db.transaction(async (tx) => {
    const locked = await lock(tx, version.version);
    return locked.ok ? work(tx, locked.record) : locked;
  });
}

/**
 * A new version of the dialogue: every change to it or its concerns goes through here, so one
 * version number guards the whole dialogue, and a change to a published one is marked as a
 * correction (the public page shows "updated on").
 */
async function bumpDialogue(tx: Tx, dialogue: Dialogue, now: Date, changes: Partial<typeof dialogues.$inferInsert> = {}) {
  const [row] = await tx
    .update(dialogues)
    .set({
      ...changes,
      version: sql`${dialogues.version} + 1`,
      updatedAt: now,
      ...(isCorrection(dialogue.status) ? { correctedAt: now } : {}),
    })
    .where(eq(dialogues.id, dialogue.id))
    .returning();
  return row;
}

// ---------------------------------------------------------------------------------------------
// Dialogues

export async function createDialogue(db: Db, actor: Actor, input: unknown, now = new Date()): Promise<ServiceResult<Dialogue>> {
  const parsed = dialogueInputSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const values = parsed.data;
  if (!(await districtExists(db, values.districtId))) return invalid({ districtId: 'unknown_district' });
  return db.transaction(async (tx) => {
    const [dialogue] = await tx
      .insert(dialogues)
      .values({
        ...values,
        participants: values.participants ?? null,
        organisers: values.organisers ?? null,
        status: 'draft',
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, actor, 'dialogue.created', 'dialogue', dialogue.id, null, dialogueSnapshot(dialogue));
    return ok(dialogue);
  });
}

export async function updateDialogue(db: Db, actor: Actor, id: number, input: unknown, now = new Date()): Promise<ServiceResult<Dialogue>> {
  const parsed = dialogueInputSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const values = parsed.data;
  if (!(await districtExists(db, values.districtId))) return invalid({ districtId: 'unknown_district' });
  return withLocked(db, input, (tx, version) => lockDialogue(tx, id, version), async (tx, current) => {
    const before = dialogueSnapshot(current);
    const changes = { ...values, participants: values.participants ?? null, organisers: values.organisers ?? null };
    const change = diff(before, { ...before, ...changes });
    // Saving an unchanged form is not a correction and needs no new version.
    if (!change.changed) return ok(current);
    const dialogue = await bumpDialogue(tx, current, now, changes);
    await audit(tx, actor, isCorrection(current.status) ? 'dialogue.corrected' : 'dialogue.updated', 'dialogue', id, change.before, change.after);
    return ok(dialogue);
  });
}

/**
 * Moves a dialogue along its workflow. Publishing makes its measures public with it (sets their
 * published_at); unpublishing hides them again. A dialogue published a second time keeps its first
 * publication date and shows the new one as "updated on".
 */
export async function changeDialogueStatus(
  db: Db,
  actor: Actor,
  id: number,
  transition: DialogueTransition,
  input: unknown,
  now = new Date(),
): Promise<ServiceResult<Dialogue>> {
  return withLocked(db, input, (tx, version) => lockDialogue(tx, id, version), async (tx, current) => {
    if (!canApplyDialogueTransition(current.status, transition)) return notAllowed;
    const to = dialogueTransitions[transition].to;
    const changes: Partial<typeof dialogues.$inferInsert> = { status: to };
    let measureIds: number[] = [];
    if (transition === 'publish') {
      changes.publishedAt = current.publishedAt ?? now;
      if (current.publishedAt) changes.correctedAt = now;
      measureIds = (
        await tx
          .update(measures)
          .set({ publishedAt: now })
          .where(and(eq(measures.dialogueId, id), isNull(measures.publishedAt)))
          .returning({ id: measures.id })
      ).map((m) => m.id);
    } else if (transition === 'unpublish') {
      measureIds = (
        await tx.update(measures).set({ publishedAt: null }).where(eq(measures.dialogueId, id)).returning({ id: measures.id })
      ).map((m) => m.id);
    }
    // A status change is not a correction of the content: no "updated on" from this alone.
    const [dialogue] = await tx
      .update(dialogues)
      .set({ ...changes, version: sql`${dialogues.version} + 1`, updatedAt: now })
      .where(eq(dialogues.id, id))
      .returning();
    // Followers of the district hear of a dialogue once, when it is first published.
    if (transition === 'publish' && !current.publishedAt) await notifyDialoguePublished(tx, dialogue, now);
    const action = { submit: 'dialogue.submitted', return_to_draft: 'dialogue.returned_to_draft', publish: 'dialogue.published', unpublish: 'dialogue.unpublished' }[transition];
    const measureKey = transition === 'publish' ? 'measuresPublished' : 'measuresHidden';
    await audit(
      tx,
      actor,
      action,
      'dialogue',
      id,
      { status: current.status },
      { status: to, ...(measureIds.length > 0 ? { [measureKey]: measureIds.sort((a, b) => a - b) } : {}) },
    );
    return ok(dialogue);
  });
}

// ---------------------------------------------------------------------------------------------
// Concerns (guarded by their dialogue's version)

/** Report references (LUN-XXXXXX) → report ids; unknown references are field errors. */
async function resolveReportRefs(db: Db | Tx, refs: string[]): Promise<{ ok: true; ids: number[] } | ServiceFailure> {
  if (refs.length === 0) return { ok: true, ids: [] };
  const rows = await db.select({ id: reports.id, ref: reports.ref }).from(reports).where(inArray(reports.ref, refs));
  const byRef = new Map(rows.map((r) => [r.ref, r.id]));
  const unknown = refs.find((ref) => !byRef.has(ref));
  if (unknown !== undefined) return invalid({ reportRefs: 'unknown_report' }, { reportRef: unknown });
  return { ok: true, ids: refs.map((ref) => byRef.get(ref)!) };
}

export async function addConcern(
  db: Db,
  actor: Actor,
  dialogueId: number,
  input: unknown,
  now = new Date(),
): Promise<ServiceResult<DialogueConcern>> {
  const parsed = concernInputSchema(cityBounds()).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const resolved = await resolveReportRefs(db, parsed.data.reportRefs);
  if (!resolved.ok) return resolved;
  return withLocked(db, input, (tx, version) => lockDialogue(tx, dialogueId, version), async (tx, dialogue) => {
    const [{ next }] = await tx
      .select({ next: sql<number>`coalesce(max(${dialogueConcerns.sortOrder}) + 1, 0)::int` })
      .from(dialogueConcerns)
      .where(eq(dialogueConcerns.dialogueId, dialogueId));
    const [concern] = await tx
      .insert(dialogueConcerns)
      .values({
        dialogueId,
        text: parsed.data.text,
        geometry: parsed.data.geometry,
        cells: parsed.data.cells,
        reportIds: resolved.ids,
        sortOrder: next,
      })
      .returning();
    await bumpDialogue(tx, dialogue, now);
    await audit(tx, actor, 'dialogue.concern_added', 'dialogue_concern', concern.id, null, concernSnapshot(concern));
    return ok(concern);
  });
}

export async function updateConcern(db: Db, actor: Actor, concernId: number, input: unknown, now = new Date()): Promise<ServiceResult<DialogueConcern>> {
  const parsed = concernInputSchema(cityBounds()).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const resolved = await resolveReportRefs(db, parsed.data.reportRefs);
  if (!resolved.ok) return resolved;
  return withLocked(db, input, (tx, version) => lockConcern(tx, concernId, version), async (tx, { concern: existing, dialogue }) => {
    const before = concernSnapshot(existing);
    const change = diff(before, { ...before, text: parsed.data.text, geometry: parsed.data.geometry, cells: parsed.data.cells, reportIds: resolved.ids });
    if (!change.changed) return ok(existing);
    const [concern] = await tx
      .update(dialogueConcerns)
      .set({ text: parsed.data.text, geometry: parsed.data.geometry, cells: parsed.data.cells, reportIds: resolved.ids })
      .where(eq(dialogueConcerns.id, concernId))
      .returning();
    await bumpDialogue(tx, dialogue, now);
    await audit(tx, actor, 'dialogue.concern_updated', 'dialogue_concern', concernId, change.before, change.after);
    return ok(concern);
  });
}

export async function removeConcern(db: Db, actor: Actor, concernId: number, input: unknown, now = new Date()): Promise<ServiceResult<null>> {
  return withLocked(db, input, (tx, version) => lockConcern(tx, concernId, version), async (tx, { concern, dialogue }) => {
    await tx.delete(dialogueConcerns).where(eq(dialogueConcerns.id, concernId));
    await bumpDialogue(tx, dialogue, now);
    await audit(tx, actor, 'dialogue.concern_removed', 'dialogue_concern', concernId, concernSnapshot(concern), null);
    return ok(null);
  });
}

/** Swaps the concern with its neighbour; the order is the order of the public list. */
export async function moveConcern(
  db: Db,
  actor: Actor,
  concernId: number,
  direction: 'up' | 'down',
  input: unknown,
  now = new Date(),
): Promise<ServiceResult<null>> {
  return withLocked(db, input, (tx, version) => lockConcern(tx, concernId, version), async (tx, { concern: existing, dialogue }) => {
    const siblings = await tx
      .select()
      .from(dialogueConcerns)
      .where(eq(dialogueConcerns.dialogueId, existing.dialogueId))
      .orderBy(asc(dialogueConcerns.sortOrder), asc(dialogueConcerns.id));
    const index = siblings.findIndex((c) => c.id === concernId);
    const target = direction === 'up' ? index - 1 : index + 1;
    if (target < 0 || target >= siblings.length) return notAllowed;
    const order = siblings.map((c) => c.id);
    [order[index], order[target]] = [order[target], order[index]];
    // Renumber 0…n-1, which also repairs gaps and ties left by earlier removals.
    for (const [position, id] of order.entries()) {
      await tx.update(dialogueConcerns).set({ sortOrder: position }).where(eq(dialogueConcerns.id, id));
    }
    await bumpDialogue(tx, dialogue, now);
    await audit(tx, actor, 'dialogue.concerns_reordered', 'dialogue', existing.dialogueId, { order: siblings.map((c) => c.id) }, { order });
    return ok(null);
  });
}

// ---------------------------------------------------------------------------------------------
// Measures

/**
 * A measure from a dialogue, or one on its own (dialogueId empty). One added to a published
 * dialogue is public at once, as every change to a published dialogue is; one from a draft becomes
 * public when its dialogue is published; one on its own is published by itself (setMeasurePublished).
 * Its district is the one chosen, else its dialogue's, else the one its place lies in.
 */
export async function createMeasure(db: Db, actor: Actor, input: unknown, now = new Date()): Promise<ServiceResult<Measure>> {
  const parsed = measureInputSchema(cityBounds()).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const values = parsed.data;
  return db.transaction(async (tx) => {
    let dialogue: Dialogue | undefined;
    if (values.dialogueId !== undefined) {
      [dialogue] = await tx.select().from(dialogues).where(eq(dialogues.id, values.dialogueId)).for('update');
      if (!dialogue) return invalid({ dialogueId: 'unknown_dialogue' });
    }
    const districtId = await chooseDistrict(tx, values.districtId, dialogue?.districtId, values.lat, values.lon);
    if (districtId === false) return invalid({ districtId: 'unknown_district' });
    const [measure] = await tx
      .insert(measures)
      .values({
        dialogueId: dialogue?.id ?? null,
        districtId,
        title: values.title,
        description: values.description,
        responsible: values.responsible,
        responsibleName: values.responsibleName ?? null,
        lat: values.lat ?? null,
        lon: values.lon ?? null,
        dueOn: values.dueOn ?? null,
        status: values.status,
        rejectionReason: values.status === 'rejected' ? values.rejectionReason : null,
        publishedAt: dialogue?.status === 'published' ? now : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, actor, 'measure.created', 'measure', measure.id, null, measureSnapshot(measure));
    return ok(measure);
  });
}

/** The district id to store, null for none, or false when the chosen one does not exist. */
async function chooseDistrict(tx: Tx, chosen: number | undefined, fromDialogue: number | undefined, lat?: number, lon?: number): Promise<number | null | false> {
  if (chosen !== undefined) return (await districtExists(tx, chosen)) ? chosen : false;
  if (fromDialogue !== undefined) return fromDialogue;
  if (lat === undefined || lon === undefined) return null;
  return findDistrict(await tx.select().from(districts), lat, lon)?.id ?? null;
}

/**
 * Edits what a measure says. Its dialogue stays (moving a measure between dialogues would change
 * what was agreed where), and its status moves only through progress updates, so every change of
 * status is dated in the public history; the reason of a rejected measure can be corrected here.
 */
export async function updateMeasure(db: Db, actor: Actor, id: number, input: unknown, now = new Date()): Promise<ServiceResult<Measure>> {
  const raw = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  return withLocked(db, input, (tx, version) => lockMeasure(tx, id, version), async (tx, current) => {
    // Status and dialogue come from the record, not the form.
    const parsed = measureInputSchema(cityBounds()).safeParse({ ...raw, dialogueId: undefined, status: current.status });
    if (!parsed.success) return invalidInput(parsed.error);
    const values = parsed.data;
    const districtId = await chooseDistrict(tx, values.districtId, current.dialogueId === null ? undefined : (await dialogueDistrict(tx, current.dialogueId)), values.lat, values.lon);
    if (districtId === false) return invalid({ districtId: 'unknown_district' });
    const changes = {
      districtId,
      title: values.title,
      description: values.description,
      responsible: values.responsible,
      responsibleName: values.responsibleName ?? null,
      lat: values.lat ?? null,
      lon: values.lon ?? null,
      dueOn: values.dueOn ?? null,
      rejectionReason: current.status === 'rejected' ? values.rejectionReason : null,
    };
    const before = measureSnapshot(current);
    const change = diff(before, { ...before, ...changes });
    if (!change.changed) return ok(current);
    const [measure] = await tx
      .update(measures)
      .set({ ...changes, version: sql`${measures.version} + 1`, updatedAt: now })
      .where(eq(measures.id, id))
      .returning();
    await audit(tx, actor, 'measure.updated', 'measure', id, change.before, change.after);
    return ok(measure);
  });
}

async function dialogueDistrict(tx: Tx, dialogueId: number) {
  const [row] = await tx.select({ districtId: dialogues.districtId }).from(dialogues).where(eq(dialogues.id, dialogueId));
  return row?.districtId;
}

/**
 * A dated progress update, optionally moving the measure's status on (planned → in progress →
 * done, or rejected with a reason). The update and the status change are one transaction: the
 * public history never shows a status without the update that explains it.
 */
export async function addMeasureUpdate(
  db: Db,
  actor: Actor,
  measureId: number,
  input: unknown,
  now = new Date(),
): Promise<ServiceResult<{ measure: Measure; update: MeasureUpdate }>> {
  const parsed = measureUpdateInputSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { text, statusTo, rejectionReason } = parsed.data;
  return withLocked(db, input, (tx, version) => lockMeasure(tx, measureId, version), async (tx, current) => {
    const changesStatus = statusTo !== undefined && statusTo !== current.status;
    if (changesStatus && !canChangeMeasureStatus(current.status, statusTo)) return invalid({ statusTo: 'status_not_allowed' });
    const [update] = await tx
      .insert(measureUpdates)
      .values({ measureId, text, statusTo: changesStatus ? statusTo : null, createdBy: actor.id, createdAt: now })
      .returning();
    const [measure] = await tx
      .update(measures)
      .set({
        ...(changesStatus ? { status: statusTo, rejectionReason: statusTo === 'rejected' ? rejectionReason : null } : {}),
        version: sql`${measures.version} + 1`,
        updatedAt: now,
      })
      .where(eq(measures.id, measureId))
      .returning();
    await audit(
      tx,
      actor,
      'measure.progress_added',
      'measure',
      measureId,
      changesStatus ? { status: current.status } : null,
      { updateId: update.id, text, ...(changesStatus ? { status: statusTo, ...(statusTo === 'rejected' ? { rejectionReason } : {}) } : {}) },
    );
    await notifyMeasureChanged(tx, measure, { update }, now);
    return ok({ measure, update });
  });
}

/**
 * Publishes or hides a measure that stands on its own. A measure from a dialogue follows its
 * dialogue (publishing the dialogue publishes it), so it is refused here.
 */
export async function setMeasurePublished(
  db: Db,
  actor: Actor,
  measureId: number,
  published: boolean,
  input: unknown,
  now = new Date(),
): Promise<ServiceResult<Measure>> {
  return withLocked(db, input, (tx, version) => lockMeasure(tx, measureId, version), async (tx, current) => {
    if (current.dialogueId !== null) return notAllowed;
    if ((current.publishedAt !== null) === published) return notAllowed;
    const [measure] = await tx
      .update(measures)
      .set({ publishedAt: published ? now : null, version: sql`${measures.version} + 1`, updatedAt: now })
      .where(eq(measures.id, measureId))
      .returning();
    await audit(tx, actor, published ? 'measure.published' : 'measure.unpublished', 'measure', measureId, { published: !published }, { published });
    if (published) await notifyMeasureChanged(tx, measure, { published: true }, now);
    return ok(measure);
  });
}
