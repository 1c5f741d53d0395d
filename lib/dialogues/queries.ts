import { and, asc, desc, eq, gte, inArray, isNotNull, notInArray, sql } from 'drizzle-orm';
import { getCityConfig } from '@/lib/city/config';
import type { Db } from '@/lib/db/client';
import {
  categories,
  dialogueConcerns,
  dialogues,
  districts,
  measureUpdates,
  measures,
  reports,
  type Dialogue,
  type Measure,
  type MeasureStatus,
  type MeasureUpdate,
} from '@/lib/db/schema';
import { localize } from '@/lib/i18n/localize';
import type { Locale } from '@/lib/i18n/routing';
import { uncountedStatuses } from '@/lib/reports/cell-stats';
import { localDateOf, startOfLocalDay, startOfLocalMonth } from '@/lib/time/zone';

/**
 * What the public sees of dialogues and measures: published ones only. Staff drafts, reviews and
 * unpublished measures never reach these functions' results.
 */
const isPublic = eq(dialogues.status, 'published');

export type DialogueSummary = Pick<Dialogue, 'id' | 'heldOn' | 'venue' | 'title' | 'publishedAt' | 'correctedAt'> & {
  district: { slug: string; name: string };
  measureCount: number;
};

export async function listPublishedDialogues(
  db: Db,
  options: { districtId?: number; limit?: number } = {},
): Promise<DialogueSummary[]> {
  const rows = await db
    .select({
      id: dialogues.id,
      heldOn: dialogues.heldOn,
      venue: dialogues.venue,
      title: dialogues.title,
      publishedAt: dialogues.publishedAt,
      correctedAt: dialogues.correctedAt,
      districtSlug: districts.slug,
      districtName: districts.name,
      measureCount: sql<number>`(select count(*)::int from ${measures} m where m.dialogue_id = ${dialogues.id} and m.published_at is not null)`,
    })
    .from(dialogues)
    .innerJoin(districts, eq(districts.id, dialogues.districtId))
    .where(and(isPublic, options.districtId ? eq(dialogues.districtId, options.districtId) : undefined))
    .orderBy(desc(dialogues.heldOn), desc(dialogues.id))
    .limit(options.limit ?? 100);
  return rows.map(({ districtSlug, districtName, ...rest }) => ({ ...rest, district: { slug: districtSlug, name: districtName } }));
}

export type PublicMeasure = Measure & {
  district: { slug: string; name: string } | null;
  dialogue: { id: number; heldOn: string } | null;
  updates: MeasureUpdate[];
};

/**
 * Measures with their updates, district and dialogue. The dialogue is named only when it is
 * public, except for the staff preview (publicOnly = false), which must show a draft's measures as
 * they will read once it is published ("from the dialogue of …").
 */
async function withDetails(db: Db, rows: Measure[], publicOnly = true): Promise<PublicMeasure[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((m) => m.id);
  const [updates, districtRows, dialogueRows] = await Promise.all([
    db.select().from(measureUpdates).where(inArray(measureUpdates.measureId, ids)).orderBy(desc(measureUpdates.createdAt)),
    db.select({ id: districts.id, slug: districts.slug, name: districts.name }).from(districts),
    db
      .select({ id: dialogues.id, heldOn: dialogues.heldOn })
      .from(dialogues)
      .where(and(publicOnly ? isPublic : undefined, inArray(dialogues.id, rows.map((m) => m.dialogueId ?? -1)))),
  ]);
  const districtById = new Map(districtRows.map((d) => [d.id, { slug: d.slug, name: d.name }]));
  const dialogueById = new Map(dialogueRows.map((d) => [d.id, d]));
  return rows.map((m) => ({
    ...m,
    district: m.districtId ? (districtById.get(m.districtId) ?? null) : null,
    dialogue: m.dialogueId ? (dialogueById.get(m.dialogueId) ?? null) : null,
    updates: updates.filter((u) => u.measureId === m.id),
  }));
}

export async function listPublicMeasures(
  db: Db,
  options: { districtId?: number; status?: MeasureStatus; dialogueId?: number; limit?: number } = {},
): Promise<PublicMeasure[]> {
  const rows = await db
    .select()
    .from(measures)
    .where(
      and(
        isNotNull(measures.publishedAt),
        options.districtId ? eq(measures.districtId, options.districtId) : undefined,
        options.status ? eq(measures.status, options.status) : undefined,
        options.dialogueId ? eq(measures.dialogueId, options.dialogueId) : undefined,
      ),
    )
    .orderBy(desc(measures.updatedAt), desc(measures.id))
    .limit(options.limit ?? 200);
  return withDetails(db, rows);
}

export type PublicDialogue = Dialogue & {
  district: { slug: string; name: string };
  concerns: (typeof dialogueConcerns.$inferSelect)[];
  measures: PublicMeasure[];
};

export async function getPublishedDialogue(db: Db, id: number): Promise<PublicDialogue | null> {
  const [row] = await db
    .select({ dialogue: dialogues, districtSlug: districts.slug, districtName: districts.name })
    .from(dialogues)
    .innerJoin(districts, eq(districts.id, dialogues.districtId))
    .where(and(isPublic, eq(dialogues.id, id)));
  if (!row) return null;
  return getDialogueView(db, row.dialogue, { slug: row.districtSlug, name: row.districtName }, true);
}

/** The dialogue as the public page shows it; staff preview passes publicOnly = false. */
export async function getDialogueView(
  db: Db,
  dialogue: Dialogue,
  district: { slug: string; name: string },
  publicOnly: boolean,
): Promise<PublicDialogue> {
  const [concerns, measureRows] = await Promise.all([
    db.select().from(dialogueConcerns).where(eq(dialogueConcerns.dialogueId, dialogue.id)).orderBy(asc(dialogueConcerns.sortOrder)),
    db
      .select()
      .from(measures)
      .where(and(eq(measures.dialogueId, dialogue.id), publicOnly ? isNotNull(measures.publishedAt) : undefined))
      .orderBy(asc(measures.id)),
  ]);
  return { ...dialogue, district, concerns, measures: await withDetails(db, measureRows, publicOnly) };
}

export type FeedEntry = { id: string; kind: 'dialogue' | 'measure' | 'measure_update'; title: string; summary: string; updated: Date; path: string };

/**
 * Published dialogues, measures made public on their own, and progress on public measures, newest
 * first, for /feed.xml. A measure published with its dialogue is in the dialogue's entry; one that
 * stands alone, or joined a dialogue after it was published, gets an entry of its own.
 */
export async function getFeedEntries(db: Db, locale: Locale, limit = 50): Promise<FeedEntry[]> {
  const [dialogueRows, measureRows, updateRows] = await Promise.all([
    listPublishedDialogues(db, { limit }),
    db
      .select({ id: measures.id, title: measures.title, description: measures.description, publishedAt: measures.publishedAt, district: districts.name })
      .from(measures)
      .leftJoin(dialogues, eq(dialogues.id, measures.dialogueId))
      .leftJoin(districts, eq(districts.id, measures.districtId))
      .where(and(isNotNull(measures.publishedAt), sql`(${dialogues.publishedAt} is null or ${measures.publishedAt} > ${dialogues.publishedAt} + interval '1 minute')`))
      .orderBy(desc(measures.publishedAt))
      .limit(limit),
    db
      .select({ update: measureUpdates, title: measures.title, measureId: measures.id })
      .from(measureUpdates)
      .innerJoin(measures, eq(measures.id, measureUpdates.measureId))
      .where(isNotNull(measures.publishedAt))
      .orderBy(desc(measureUpdates.createdAt))
      .limit(limit),
  ]);
  const entries: FeedEntry[] = [
    ...dialogueRows.map((d) => ({
      id: `dialogue-${d.id}`,
      kind: 'dialogue' as const,
      title: localize(d.title, locale),
      summary: `${d.district.name}, ${d.heldOn}, ${d.venue}`,
      updated: d.correctedAt ?? d.publishedAt ?? new Date(`${d.heldOn}T00:00:00Z`),
      path: `/dialogues/${d.id}`,
    })),
    ...measureRows.map((m) => ({
      id: `measure-${m.id}`,
      kind: 'measure' as const,
      title: localize(m.title, locale),
      summary: (m.description ? localize(m.description, locale) : null) || m.district || '',
      updated: m.publishedAt!,
      path: `/measures#measure-${m.id}`,
    })),
    ...updateRows.map(({ update, title, measureId }) => ({
      id: `measure-update-${update.id}`,
      kind: 'measure_update' as const,
      title: localize(title, locale),
      summary: localize(update.text, locale),
      updated: update.createdAt,
      path: `/measures#measure-${measureId}`,
    })),
  ];
  return entries.sort((a, b) => b.updated.getTime() - a.updated.getTime()).slice(0, limit);
}

export type MonthlyCounts = { months: string[]; rows: { category: string; counts: (number | null)[] }[] };

/**
 * Reports per month (in the city's time zone, as in the open-data export) and category in a
 * district, for its public page. A figure below the privacy threshold k is withheld (null), and so
 * is a zero: telling 0 from "1 or 2" would show that someone reported, and what, in a quiet month
 * (seen on the page just before and just after one report). Categories that never reach k are left
 * out.
 */
export async function getDistrictMonthlyCounts(
  db: Db,
  districtId: number,
  locale: Locale,
  k: number,
  options: { months?: number; now?: Date } = {},
): Promise<MonthlyCounts> {
  const monthsBack = options.months ?? 12;
  const timeZone = getCityConfig().timeZone;
  const [year, thisMonth] = localDateOf(options.now ?? new Date(), timeZone).split('-').map(Number);
  const months = Array.from({ length: monthsBack }, (_, i) =>
    new Date(Date.UTC(year, thisMonth - monthsBack + i, 1)).toISOString().slice(0, 7),
  );
  const start = startOfLocalDay(`${months[0]}-01`, timeZone);
  const month = sql<string>`to_char(${reports.createdAt} at time zone ${timeZone}, 'YYYY-MM')`;
  const rows = await db
    .select({ month, categoryId: reports.categoryId, count: sql<number>`count(*)::int` })
    .from(reports)
    .where(
      and(
        eq(reports.districtId, districtId),
        gte(reports.createdAt, start),
        sql`${reports.status} not in (${sql.join(uncountedStatuses.map((s) => sql`${s}`), sql`, `)})`,
      ),
    )
    // "1" is the month column: repeating the expression would bind the time zone twice (lib/open-data/queries.ts).
    .groupBy(sql`1`, reports.categoryId);
  const categoryRows = await db.select().from(categories).orderBy(asc(categories.sortOrder));
  const byKey = new Map(rows.map((r) => [`${r.categoryId}:${r.month}`, r.count]));
  return {
    months,
    rows: categoryRows
      .map((c) => ({
        category: localize(c.label, locale),
        counts: months.map((m) => {
          const n = byKey.get(`${c.id}:${m}`) ?? 0;
          return n >= k ? n : null;
        }),
      }))
      .filter((r) => r.counts.some((n) => n !== null)),
  };
}

/** The figures the home page leads with. */
export async function getHeadlineNumbers(db: Db, now = new Date()) {
  // The month as the city counts it; dismissed reports and merged duplicates do not count, as on the map.
  const monthStart = startOfLocalMonth(now, getCityConfig().timeZone);
  const [[reportsThisMonth], [measuresDone]] = await Promise.all([
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(reports)
      .where(and(gte(reports.createdAt, monthStart), notInArray(reports.status, [...uncountedStatuses]))),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(measures)
      .where(and(isNotNull(measures.publishedAt), eq(measures.status, 'done'))),
  ]);
  return { reportsThisMonth: reportsThisMonth.n, measuresDone: measuresDone.n };
}
