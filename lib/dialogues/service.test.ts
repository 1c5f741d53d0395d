import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, dialogueConcerns, dialogues, districts, measureUpdates, measures, reports, users } from '@/lib/db/schema';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { cellsFor } from '@/lib/geo/cells';
import { listPublicMeasures, listPublishedDialogues } from './queries';
import {
  addConcern,
  addMeasureUpdate,
  changeDialogueStatus,
  createDialogue,
  createMeasure,
  moveConcern,
  removeConcern,
  setMeasurePublished,
  updateConcern,
  updateDialogue,
  updateMeasure,
  type Actor,
  type ServiceResult,
} from './service';

function value<T>(result: ServiceResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result.value;
}

const day = (n: number) => new Date(Date.UTC(2026, 10, n, 12));

describe.each(testDatabaseKinds())('dialogue service on %s', (kind) => {
  let database: TestDatabase;
  let actor: Actor;
  let nordId: number;
  let mitteId: number;

  const dialogueForm = (overrides: Record<string, unknown> = {}) => ({
    districtId: String(nordId),
    heldOn: '2026-11-03',
    venue: 'Hansesaal',
    participants: '41',
    organisers: 'Stadt und Polizei',
    title: { de: 'Sicherheitsdialog Nord', en: 'Safety dialogue north', tr: '' },
    summary: { de: 'Es ging um **Licht**.', en: '', tr: '' },
    ...overrides,
  });

  const auditOf = (entity: string, entityId: number) =>
    database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(entityId))))
      .orderBy(asc(auditLog.id));

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    const [user] = await database.db.insert(users).values({ email: 'koordination@stadt.example', name: 'Koordination', roles: ['coordinator'] }).returning();
    actor = { id: user.id };
    const rows = await database.db.select().from(districts);
    nordId = rows.find((d) => d.slug === 'luenen-nord')!.id;
    mitteId = rows.find((d) => d.slug === 'luenen-mitte')!.id;
  });
  afterAll(async () => {
    await database.drop();
  });

  it('creates a draft dialogue from form values and audits it', async () => {
    const dialogue = value(await createDialogue(database.db, actor, dialogueForm(), day(4)));
    expect(dialogue).toMatchObject({
      status: 'draft',
      districtId: nordId,
      participants: 41,
      title: { de: 'Sicherheitsdialog Nord', en: 'Safety dialogue north' },
      summary: { de: 'Es ging um **Licht**.' },
      version: 1,
      publishedAt: null,
      createdBy: actor.id,
    });
    const [entry] = await auditOf('dialogue', dialogue.id);
    expect(entry).toMatchObject({ actorId: actor.id, action: 'dialogue.created', before: null, after: { venue: 'Hansesaal', status: 'draft' } });
  });

  it('refuses invalid input field by field, and an unknown district', async () => {
    const result = await createDialogue(database.db, actor, dialogueForm({ heldOn: '3.11.2026', title: { de: '' }, venue: '' }));
    expect(result).toEqual({ ok: false, error: 'invalid', fields: { heldOn: 'invalid_date', venue: 'required', 'title.de': 'required' } });
    expect(await createDialogue(database.db, actor, dialogueForm({ districtId: '99999' }))).toEqual({
      ok: false,
      error: 'invalid',
      fields: { districtId: 'unknown_district' },
    });
  });

  it('saves with the version the editor loaded, and refuses a stale one', async () => {
    const dialogue = value(await createDialogue(database.db, actor, dialogueForm()));
    const saved = value(await updateDialogue(database.db, actor, dialogue.id, { ...dialogueForm({ venue: 'Rathaus' }), version: '1' }));
    expect(saved).toMatchObject({ venue: 'Rathaus', version: 2, correctedAt: null });
    // A second editor who loaded version 1 loses nothing silently: the save is refused.
    expect(await updateDialogue(database.db, actor, dialogue.id, { ...dialogueForm({ venue: 'Bürgerhaus' }), version: '1' })).toEqual({ ok: false, error: 'conflict' });
    expect(await updateDialogue(database.db, actor, 424242, { ...dialogueForm(), version: '1' })).toEqual({ ok: false, error: 'not_found' });
    expect(await updateDialogue(database.db, actor, dialogue.id, dialogueForm())).toEqual({ ok: false, error: 'invalid', fields: { version: 'required' } });
    // Saving unchanged values is not a change: same version, no audit entry.
    const unchanged = value(await updateDialogue(database.db, actor, dialogue.id, { ...dialogueForm({ venue: 'Rathaus' }), version: '2' }));
    expect(unchanged.version).toBe(2);
    const entries = await auditOf('dialogue', dialogue.id);
    expect(entries.map((e) => e.action)).toEqual(['dialogue.created', 'dialogue.updated']);
    expect(entries[1]).toMatchObject({ before: { venue: 'Hansesaal' }, after: { venue: 'Rathaus' } });
  });

  it('publishes only after review, with its measures; unpublishing hides them again', async () => {
    const dialogue = value(await createDialogue(database.db, actor, dialogueForm({ title: { de: 'Dialog mit Maßnahmen' } })));
    const lights = value(await createMeasure(database.db, actor, { dialogueId: String(dialogue.id), title: { de: 'Licht am Tunnel' }, responsible: 'city' }));
    const patrols = value(
      await createMeasure(database.db, actor, { dialogueId: String(dialogue.id), title: { de: 'Streifen am ZOB' }, responsible: 'police', districtId: String(mitteId) }),
    );
    expect(lights).toMatchObject({ districtId: nordId, publishedAt: null, status: 'planned' });
    expect(patrols.districtId).toBe(mitteId);

    expect(await changeDialogueStatus(database.db, actor, dialogue.id, 'publish', { version: '1' })).toEqual({ ok: false, error: 'not_allowed' });
    const inReview = value(await changeDialogueStatus(database.db, actor, dialogue.id, 'submit', { version: 1 }));
    expect(inReview).toMatchObject({ status: 'in_review', version: 2 });
    expect((await listPublishedDialogues(database.db)).map((d) => d.id)).not.toContain(dialogue.id);

    const published = value(await changeDialogueStatus(database.db, actor, dialogue.id, 'publish', { version: 2 }, day(10)));
    expect(published).toMatchObject({ status: 'published', publishedAt: day(10), correctedAt: null });
    expect((await listPublishedDialogues(database.db)).find((d) => d.id === dialogue.id)?.measureCount).toBe(2);
    expect((await listPublicMeasures(database.db, { dialogueId: dialogue.id })).map((m) => m.id).sort()).toEqual([lights.id, patrols.id].sort());

    const hidden = value(await changeDialogueStatus(database.db, actor, dialogue.id, 'unpublish', { version: 3 }, day(11)));
    expect(hidden.status).toBe('draft');
    expect((await listPublishedDialogues(database.db)).map((d) => d.id)).not.toContain(dialogue.id);
    expect(await listPublicMeasures(database.db, { dialogueId: dialogue.id })).toEqual([]);

    // Back again: the first publication date stays, the new one shows as "updated on".
    value(await changeDialogueStatus(database.db, actor, dialogue.id, 'submit', { version: 4 }));
    const again = value(await changeDialogueStatus(database.db, actor, dialogue.id, 'publish', { version: 5 }, day(12)));
    expect(again).toMatchObject({ publishedAt: day(10), correctedAt: day(12) });
    expect(await listPublicMeasures(database.db, { dialogueId: dialogue.id })).toHaveLength(2);

    const actions = (await auditOf('dialogue', dialogue.id)).map((e) => [e.action, e.before, e.after]);
    expect(actions).toEqual([
      ['dialogue.created', null, expect.objectContaining({ status: 'draft' })],
      ['dialogue.submitted', { status: 'draft' }, { status: 'in_review' }],
      ['dialogue.published', { status: 'in_review' }, { status: 'published', measuresPublished: [lights.id, patrols.id].sort((a, b) => a - b) }],
      ['dialogue.unpublished', { status: 'published' }, { status: 'draft', measuresHidden: [lights.id, patrols.id].sort((a, b) => a - b) }],
      ['dialogue.submitted', { status: 'draft' }, { status: 'in_review' }],
      ['dialogue.published', { status: 'in_review' }, expect.objectContaining({ status: 'published' })],
    ]);
  });

  it('marks a correction to a published dialogue, and makes a measure added to it public at once', async () => {
    let dialogue = value(await createDialogue(database.db, actor, dialogueForm({ title: { de: 'Zu korrigieren' } })));
    dialogue = value(await changeDialogueStatus(database.db, actor, dialogue.id, 'submit', { version: dialogue.version }));
    dialogue = value(await changeDialogueStatus(database.db, actor, dialogue.id, 'publish', { version: dialogue.version }, day(5)));
    const corrected = value(await updateDialogue(database.db, actor, dialogue.id, { ...dialogueForm({ participants: '45', title: { de: 'Zu korrigieren' } }), version: dialogue.version }, day(6)));
    expect(corrected).toMatchObject({ participants: 45, correctedAt: day(6), publishedAt: day(5), status: 'published' });
    const [entry] = (await auditOf('dialogue', dialogue.id)).filter((e) => e.action === 'dialogue.corrected');
    expect(entry).toMatchObject({ before: { participants: 41 }, after: { participants: 45 } });

    const late = value(await createMeasure(database.db, actor, { dialogueId: dialogue.id, title: { de: 'Nachgereicht' }, responsible: 'other' }, day(7)));
    expect(late.publishedAt).toEqual(day(7));
  });

  it('adds, edits, reorders and removes concerns under the dialogue’s version', async () => {
    const [report] = await database.db
      .insert(reports)
      .values({ ref: 'LUN-ABCDE2', lat: 51.62, lon: 7.53, ...cellsFor(51.62, 7.53), categoryId: 1, feeling: 4, when: { always: true } })
      .returning();
    let dialogue = value(await createDialogue(database.db, actor, dialogueForm({ title: { de: 'Mit Anliegen' } })));
    const first = value(
      await addConcern(database.db, actor, dialogue.id, { version: '1', text: { de: 'Dunkle Unterführung' }, placeKind: 'point', lat: '51.6168', lon: '7.5295', reportRefs: 'lun-abcde2' }),
    );
    expect(first).toMatchObject({ geometry: { type: 'Point', coordinates: [7.5295, 51.6168] }, reportIds: [report.id], sortOrder: 0 });
    // The dialogue's version moved on: an editor holding version 1 is refused.
    expect(await addConcern(database.db, actor, dialogue.id, { version: '1', text: { de: 'Zu spät' } })).toEqual({ ok: false, error: 'conflict' });
    expect(await addConcern(database.db, actor, dialogue.id, { version: '2', text: { de: 'Unbekannt' }, reportRefs: 'LUN-ZZZZZ9' })).toEqual({
      ok: false,
      error: 'invalid',
      fields: { reportRefs: 'unknown_report' },
      values: { reportRef: 'LUN-ZZZZZ9' },
    });
    const second = value(
      await addConcern(database.db, actor, dialogue.id, { version: '2', text: { de: 'Gruppen am ZOB' }, placeKind: 'area', area: '51.61,7.52; 51.62,7.52; 51.62,7.53' }),
    );
    expect(second).toMatchObject({ sortOrder: 1, geometry: { type: 'Polygon' } });

    value(await moveConcern(database.db, actor, second.id, 'up', { version: '3' }));
    const order = async () =>
      (await database.db.select().from(dialogueConcerns).where(eq(dialogueConcerns.dialogueId, dialogue.id)).orderBy(asc(dialogueConcerns.sortOrder))).map((c) => c.text.de);
    expect(await order()).toEqual(['Gruppen am ZOB', 'Dunkle Unterführung']);
    expect(await moveConcern(database.db, actor, second.id, 'up', { version: '4' })).toEqual({ ok: false, error: 'not_allowed' });

    const edited = value(await updateConcern(database.db, actor, first.id, { version: '4', text: { de: 'Dunkle Unterführung am Bahnhof', en: 'Dark underpass' }, placeKind: 'none' }));
    expect(edited).toMatchObject({ text: { de: 'Dunkle Unterführung am Bahnhof', en: 'Dark underpass' }, geometry: null, reportIds: [] });
    value(await removeConcern(database.db, actor, second.id, { version: '5' }));
    expect(await order()).toEqual(['Dunkle Unterführung am Bahnhof']);

    [dialogue] = await database.db.select().from(dialogues).where(eq(dialogues.id, dialogue.id));
    expect(dialogue.version).toBe(6);
    expect(dialogue.correctedAt).toBeNull(); // a draft is not corrected, only edited
    const concernAudit = (await database.db.select().from(auditLog).where(eq(auditLog.entity, 'dialogue_concern')).orderBy(asc(auditLog.id))).map((e) => e.action);
    expect(concernAudit).toEqual(['dialogue.concern_added', 'dialogue.concern_added', 'dialogue.concern_updated', 'dialogue.concern_removed']);
  });

  it('publishes a stand-alone measure by itself, finding its district from its place', async () => {
    const measure = value(await createMeasure(database.db, actor, { title: { de: 'Neue Laternen Cappenberger Straße' }, responsible: 'city', lat: '51.6168', lon: '7.5295' }));
    expect(measure).toMatchObject({ dialogueId: null, publishedAt: null });
    expect(measure.districtId).not.toBeNull();
    expect(await setMeasurePublished(database.db, actor, measure.id, false, { version: 1 })).toEqual({ ok: false, error: 'not_allowed' });
    const published = value(await setMeasurePublished(database.db, actor, measure.id, true, { version: 1 }));
    expect(published.publishedAt).not.toBeNull();
    expect((await listPublicMeasures(database.db)).map((m) => m.id)).toContain(measure.id);
    value(await setMeasurePublished(database.db, actor, measure.id, false, { version: 2 }));
    expect((await listPublicMeasures(database.db)).map((m) => m.id)).not.toContain(measure.id);

    // A dialogue's measure follows its dialogue.
    const dialogue = value(await createDialogue(database.db, actor, dialogueForm()));
    const own = value(await createMeasure(database.db, actor, { dialogueId: dialogue.id, title: { de: 'Gehört zum Dialog' }, responsible: 'city' }));
    expect(await setMeasurePublished(database.db, actor, own.id, true, { version: 1 })).toEqual({ ok: false, error: 'not_allowed' });
  });

  it('edits a measure without touching its status or dialogue; a rejected one needs its reason', async () => {
    const rejected = value(
      await createMeasure(database.db, actor, { title: { de: 'Videobeobachtung' }, responsible: 'police', status: 'rejected', rejectionReason: { de: 'Rechtlich nicht möglich' } }),
    );
    expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: { de: 'Rechtlich nicht möglich' } });
    expect(await updateMeasure(database.db, actor, rejected.id, { version: 1, title: { de: 'Videobeobachtung' }, responsible: 'police' })).toEqual({
      ok: false,
      error: 'invalid',
      fields: { 'rejectionReason.de': 'rejection_reason_required' },
    });
    const edited = value(
      await updateMeasure(database.db, actor, rejected.id, {
        version: 1,
        title: { de: 'Videobeobachtung am ZOB' },
        responsible: 'police',
        status: 'planned',
        dialogueId: '1',
        rejectionReason: { de: 'Rechtlich nicht möglich', en: 'Not legally possible' },
      }),
    );
    expect(edited).toMatchObject({ status: 'rejected', dialogueId: null, version: 2, rejectionReason: { en: 'Not legally possible' } });
    expect(await updateMeasure(database.db, actor, rejected.id, { version: 1, title: { de: 'x' }, responsible: 'city' })).toEqual({ ok: false, error: 'conflict' });
    const [entry] = (await auditOf('measure', rejected.id)).filter((e) => e.action === 'measure.updated');
    expect(entry.before).toMatchObject({ title: { de: 'Videobeobachtung' } });
    expect(entry.after).toMatchObject({ title: { de: 'Videobeobachtung am ZOB' } });
    expect(entry.after).not.toHaveProperty('status');
  });

  it('records progress with its status change in one step, only along the allowed path', async () => {
    const measure = value(await createMeasure(database.db, actor, { title: { de: 'Hecken schneiden' }, responsible: 'city' }));
    expect(await addMeasureUpdate(database.db, actor, measure.id, { version: 1, text: { de: 'Fertig?' }, statusTo: 'done' })).toEqual({
      ok: false,
      error: 'invalid',
      fields: { statusTo: 'status_not_allowed' },
    });
    const { measure: started, update } = value(
      await addMeasureUpdate(database.db, actor, measure.id, { version: 1, text: { de: 'Auftrag erteilt', tr: 'Sipariş verildi' }, statusTo: 'in_progress' }, day(20)),
    );
    expect(started).toMatchObject({ status: 'in_progress', version: 2, updatedAt: day(20) });
    expect(update).toMatchObject({ statusTo: 'in_progress', text: { de: 'Auftrag erteilt', tr: 'Sipariş verildi' }, createdBy: actor.id, createdAt: day(20) });

    const note = value(await addMeasureUpdate(database.db, actor, measure.id, { version: 2, text: { de: 'Noch in Arbeit' }, statusTo: '' }));
    expect(note.update.statusTo).toBeNull();
    expect(note.measure.status).toBe('in_progress');

    // Stale: nothing is written, neither the update nor the status.
    expect(await addMeasureUpdate(database.db, actor, measure.id, { version: 2, text: { de: 'Doppelt' }, statusTo: 'done' })).toEqual({ ok: false, error: 'conflict' });
    expect(await addMeasureUpdate(database.db, actor, measure.id, { version: 3, text: { de: 'Geht nicht' }, statusTo: 'rejected' })).toEqual({
      ok: false,
      error: 'invalid',
      fields: { 'rejectionReason.de': 'rejection_reason_required' },
    });
    const rejected = value(
      await addMeasureUpdate(database.db, actor, measure.id, { version: 3, text: { de: 'Eingestellt' }, statusTo: 'rejected', rejectionReason: { de: 'Privatgrund' } }),
    );
    expect(rejected.measure).toMatchObject({ status: 'rejected', rejectionReason: { de: 'Privatgrund' } });
    expect(await addMeasureUpdate(database.db, actor, measure.id, { version: 4, text: { de: 'Doch fertig' }, statusTo: 'done' })).toMatchObject({
      fields: { statusTo: 'status_not_allowed' },
    });

    const texts = (await database.db.select().from(measureUpdates).where(eq(measureUpdates.measureId, measure.id)).orderBy(asc(measureUpdates.id))).map((u) => u.text.de);
    expect(texts).toEqual(['Auftrag erteilt', 'Noch in Arbeit', 'Eingestellt']);
    const progress = (await auditOf('measure', measure.id)).filter((e) => e.action === 'measure.progress_added');
    expect(progress.map((e) => [e.before, e.after])).toEqual([
      [{ status: 'planned' }, expect.objectContaining({ status: 'in_progress', text: { de: 'Auftrag erteilt', tr: 'Sipariş verildi' } })],
      [null, expect.objectContaining({ text: { de: 'Noch in Arbeit' } })],
      [{ status: 'in_progress' }, expect.objectContaining({ status: 'rejected', rejectionReason: { de: 'Privatgrund' } })],
    ]);
    const [stored] = await database.db.select().from(measures).where(eq(measures.id, measure.id));
    expect(stored.version).toBe(4);
  });
});
