import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
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
  type DialogueStatus,
  type LocalizedText,
  type Measure,
  type MeasureUpdate,
} from '@/lib/db/schema';

/*
 * What the coordinators' pages read: every dialogue and measure, whatever its status. Never used
 * by public pages (those read lib/dialogues/queries.ts, which sees published ones only).
 */

export type StaffDialogueRow = Pick<Dialogue, 'id' | 'heldOn' | 'venue' | 'title' | 'status' | 'publishedAt' | 'correctedAt' | 'updatedAt'> & {
  districtName: string;
  measureCount: number;
};

export async function listStaffDialogues(db: Db): Promise<StaffDialogueRow[]> {
  return db
    .select({
      id: dialogues.id,
      heldOn: dialogues.heldOn,
      venue: dialogues.venue,
      title: dialogues.title,
      status: dialogues.status,
      publishedAt: dialogues.publishedAt,
      correctedAt: dialogues.correctedAt,
      updatedAt: dialogues.updatedAt,
      districtName: districts.name,
      measureCount: sql<number>`(select count(*)::int from ${measures} m where m.dialogue_id = ${dialogues.id})`,
    })
    .from(dialogues)
    .innerJoin(districts, eq(districts.id, dialogues.districtId))
    .orderBy(desc(dialogues.heldOn), desc(dialogues.id));
}

export type StaffConcern = DialogueConcern & { reportRefs: string[] };

export type StaffDialogue = Dialogue & {
  district: { id: number; slug: string; name: string };
  concerns: StaffConcern[];
  measures: Measure[];
};

export async function getStaffDialogue(db: Db, id: number): Promise<StaffDialogue | null> {
  const [row] = await db
    .select({ dialogue: dialogues, district: { id: districts.id, slug: districts.slug, name: districts.name } })
    .from(dialogues)
    .innerJoin(districts, eq(districts.id, dialogues.districtId))
    .where(eq(dialogues.id, id));
  if (!row) return null;
  const [concernRows, measureRows] = await Promise.all([
    db
      .select()
      .from(dialogueConcerns)
      .where(eq(dialogueConcerns.dialogueId, id))
      .orderBy(asc(dialogueConcerns.sortOrder), asc(dialogueConcerns.id)),
    db.select().from(measures).where(eq(measures.dialogueId, id)).orderBy(asc(measures.id)),
  ]);
  const refs = await reportRefsById(db, concernRows.flatMap((c) => c.reportIds));
  return {
    ...row.dialogue,
    district: row.district,
    concerns: concernRows.map((c) => ({ ...c, reportRefs: c.reportIds.map((rid) => refs.get(rid) ?? `#${rid}`) })),
    measures: measureRows,
  };
}

export async function getStaffConcern(db: Db, id: number): Promise<StaffConcern | null> {
  const [concern] = await db.select().from(dialogueConcerns).where(eq(dialogueConcerns.id, id));
  if (!concern) return null;
  const refs = await reportRefsById(db, concern.reportIds);
  return { ...concern, reportRefs: concern.reportIds.map((rid) => refs.get(rid) ?? `#${rid}`) };
}

async function reportRefsById(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: reports.id, ref: reports.ref }).from(reports).where(inArray(reports.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.ref]));
}

export type StaffMeasureRow = Measure & {
  districtName: string | null;
  dialogue: { id: number; title: LocalizedText; heldOn: string; status: DialogueStatus } | null;
  lastUpdateAt: Date | null;
};

export async function listStaffMeasures(db: Db, options: { standaloneOnly?: boolean } = {}): Promise<StaffMeasureRow[]> {
  const rows = await db
    .select({
      measure: measures,
      districtName: districts.name,
      dialogueId: dialogues.id,
      dialogueTitle: dialogues.title,
      dialogueHeldOn: dialogues.heldOn,
      dialogueStatus: dialogues.status,
      lastUpdateAt: sql<string | null>`(select max(u.created_at) from ${measureUpdates} u where u.measure_id = ${measures.id})`,
    })
    .from(measures)
    .leftJoin(districts, eq(districts.id, measures.districtId))
    .leftJoin(dialogues, eq(dialogues.id, measures.dialogueId))
    .where(options.standaloneOnly ? sql`${measures.dialogueId} is null` : undefined)
    .orderBy(desc(measures.updatedAt), desc(measures.id));
  return rows.map((r) => ({
    ...r.measure,
    districtName: r.districtName,
    dialogue:
      r.dialogueId !== null && r.dialogueTitle && r.dialogueHeldOn && r.dialogueStatus
        ? { id: r.dialogueId, title: r.dialogueTitle, heldOn: r.dialogueHeldOn, status: r.dialogueStatus }
        : null,
    // A raw subquery comes back as text on one driver and a Date on the other.
    lastUpdateAt: r.lastUpdateAt ? new Date(r.lastUpdateAt) : null,
  }));
}

export type StaffMeasure = Measure & {
  district: { id: number; name: string } | null;
  dialogue: { id: number; title: LocalizedText; heldOn: string; status: DialogueStatus } | null;
  updates: MeasureUpdate[];
};

export async function getStaffMeasure(db: Db, id: number): Promise<StaffMeasure | null> {
  const [measure] = await db.select().from(measures).where(eq(measures.id, id));
  if (!measure) return null;
  const [districtRows, dialogueRows, updates] = await Promise.all([
    measure.districtId
      ? db.select({ id: districts.id, name: districts.name }).from(districts).where(eq(districts.id, measure.districtId))
      : Promise.resolve([]),
    measure.dialogueId
      ? db
          .select({ id: dialogues.id, title: dialogues.title, heldOn: dialogues.heldOn, status: dialogues.status })
          .from(dialogues)
          .where(eq(dialogues.id, measure.dialogueId))
      : Promise.resolve([]),
    db.select().from(measureUpdates).where(eq(measureUpdates.measureId, id)).orderBy(desc(measureUpdates.createdAt), desc(measureUpdates.id)),
  ]);
  return { ...measure, district: districtRows[0] ?? null, dialogue: dialogueRows[0] ?? null, updates };
}

/** Dialogues a new measure can belong to, newest first. */
export async function listDialogueChoices(db: Db) {
  return db
    .select({ id: dialogues.id, title: dialogues.title, heldOn: dialogues.heldOn, districtName: districts.name })
    .from(dialogues)
    .innerJoin(districts, eq(districts.id, dialogues.districtId))
    .orderBy(desc(dialogues.heldOn), desc(dialogues.id));
}

/** Districts for the editors' selects. */
export async function listDistrictChoices(db: Db) {
  return db.select({ id: districts.id, slug: districts.slug, name: districts.name }).from(districts).orderBy(asc(districts.name));
}
