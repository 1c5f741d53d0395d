import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getFeed } from '@/app/feed.xml/route';
import { dialogues, districts, measures, reports } from '@/lib/db/schema';
import { seedDemoDialogues } from '@/lib/db/seed/demo-dialogues';
import { testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import {
  getDistrictMonthlyCounts,
  getHeadlineNumbers,
  getPublishedDialogue,
  listPublicMeasures,
  listPublishedDialogues,
} from '@/lib/dialogues/queries';
import { cellsFor } from '@/lib/geo/cells';
import { generateRef } from '@/lib/reports/reference';

describe.each(testDatabaseKinds())('public dialogues and measures on %s', (kind) => {
  let database: TestDatabase;
  let mitteId: number;
  let draftId: number;

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    await seedDemoDialogues(database.db, new Date('2026-11-26T12:00:00Z'));
    [{ id: mitteId }] = await database.db.select({ id: districts.id }).from(districts).where(eq(districts.slug, 'luenen-mitte'));
    const [draft] = await database.db
      .insert(dialogues)
      .values({ districtId: mitteId, heldOn: '2026-11-20', venue: 'Rathaus', title: { de: 'Entwurf' }, summary: { de: 'geheim' } })
      .returning({ id: dialogues.id });
    draftId = draft.id;
    await database.db.insert(measures).values({ dialogueId: draftId, districtId: mitteId, title: { de: 'Unveröffentlichte Maßnahme' }, responsible: 'city' });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('lists only published dialogues and measures', async () => {
    const list = await listPublishedDialogues(database.db);
    expect(list.map((d) => d.title.de)).toEqual(['Sicherheitsdialog Bahnhofsumfeld']);
    expect(list[0].measureCount).toBe(4);
    expect(await getPublishedDialogue(database.db, draftId)).toBeNull();
    const measureTitles = (await listPublicMeasures(database.db)).map((m) => m.title.de);
    expect(measureTitles).toHaveLength(5);
    expect(measureTitles).not.toContain('Unveröffentlichte Maßnahme');
  });

  it('shows a dialogue with its concerns, measures and their updates, newest update first', async () => {
    const [{ id }] = await listPublishedDialogues(database.db);
    const dialogue = (await getPublishedDialogue(database.db, id))!;
    expect(dialogue.concerns).toHaveLength(3);
    const lighting = dialogue.measures.find((m) => m.title.de.startsWith('Neue LED'))!;
    expect(lighting.status).toBe('done');
    expect(lighting.updates.map((u) => u.statusTo)).toEqual(['done', 'in_progress']);
  });

  it('filters measures by status and district', async () => {
    expect((await listPublicMeasures(database.db, { status: 'rejected' })).map((m) => m.title.de)).toEqual(['Videobeobachtung am ZOB']);
    expect((await listPublicMeasures(database.db, { districtId: mitteId })).map((m) => m.title.de)).toEqual([
      'Wöchentliche Reinigung der Lippeauen am Bahnhof',
    ]);
  });

  it('serves an Atom feed of published dialogues, measures and measure updates, escaped, in the asked language', async () => {
    const response = await getFeed(new Request('http://portal.test/feed.xml?locale=en'));
    expect(response.headers.get('content-type')).toContain('application/atom+xml');
    const xml = await response.text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">');
    expect(xml).toContain('<title>Safety dialogue: the station area</title>');
    expect(xml).toContain('The new lights are in operation.');
    expect(xml).toContain('href="http://portal.test/en/dialogues/');
    expect(xml).not.toContain('Entwurf');
    // The dialogue, three progress updates, and the measure that was published on its own.
    expect(xml).toContain('<title>Lighting on the Seepark circular path</title>');
    expect(xml.match(/<entry>/g)).toHaveLength(5);
  });

  it('withholds monthly figures below k in district statistics, zeros too, by months of the city', async () => {
    const make = (n: number, category: number, createdAt: string) =>
      Array.from({ length: n }, () => ({
        ref: generateRef('LUN'),
        lat: 51.61,
        lon: 7.52,
        ...cellsFor(51.61, 7.52),
        districtId: mitteId,
        categoryId: category,
        feeling: 3,
        when: { always: true as const },
        createdAt: new Date(createdAt),
      }));
    await database.db.insert(reports).values([
      ...make(2, 1, '2026-10-15T12:00:00Z'),
      ...make(2, 2, '2026-10-15T12:00:00Z'),
      // 00:30 on 1 October in Lünen: October there, September in UTC.
      ...make(1, 2, '2026-09-30T22:30:00Z'),
      ...make(1, 1, '2026-11-15T12:00:00Z'),
    ]);
    const stats = await getDistrictMonthlyCounts(database.db, mitteId, 'de', 3, { now: new Date('2026-11-26T12:00:00Z'), months: 2 });
    expect(stats.months).toEqual(['2026-10', '2026-11']);
    // Poor lighting never reaches 3 in a month: left out, as a category without reports is.
    // A month with no harassment report reads as one with one or two.
    expect(stats.rows).toEqual([{ category: 'Belästigung oder Bedrohung', counts: [3, null] }]);
  });

  it("counts the home page's reports of this month in the city's time zone, without dismissed ones", async () => {
    const now = new Date('2026-11-26T12:00:00Z');
    const before = await getHeadlineNumbers(database.db, now);
    const report = (createdAt: string, status: 'new' | 'dismissed' = 'new') => ({
      ref: generateRef('LUN'),
      lat: 51.61,
      lon: 7.52,
      ...cellsFor(51.61, 7.52),
      districtId: mitteId,
      categoryId: 1,
      feeling: 3,
      when: { always: true as const },
      status,
      createdAt: new Date(createdAt),
    });
    await database.db.insert(reports).values([
      report('2026-10-31T23:30:00Z'), // 00:30 on 1 November in Lünen: this month
      report('2026-10-31T22:30:00Z'), // 23:30 on 31 October in Lünen: last month
      report('2026-11-20T12:00:00Z', 'dismissed'),
    ]);
    const after = await getHeadlineNumbers(database.db, now);
    expect(after.reportsThisMonth - before.reportsThisMonth).toBe(1);
    expect(after.measuresDone).toBe((await listPublicMeasures(database.db, { status: 'done' })).length);
  });
});
