import { createHmac } from 'node:crypto';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { cellToLatLng } from 'h3-js';
import { localize } from '@/lib/i18n/localize';
import { localizedPath, type Locale } from '@/lib/i18n/routing';
import { getCityConfig } from '@/lib/city/config';
import { databaseKey, type Db } from '@/lib/db/client';
import {
  categories,
  districts,
  reportEvents,
  reports,
  type ReportSource,
  type ReportStatus,
} from '@/lib/db/schema';
import { columnList, columnNames, rowsOf, unnestRows } from '@/lib/db/unnest';
import { serverSecret } from '@/lib/env';
import { cellsFor } from '@/lib/geo/cells';
import { findDistrict } from '@/lib/geo/districts';
import { getSetting } from '@/lib/settings/queries';
import { queueStatement } from '@/lib/priorities/pending';
import { addReportsStatement } from './cell-stats';
import { generateRef } from './reference';
import type { FieldErrorCode, ReportInput } from './validation';
import { reportFingerprint } from './fingerprint';

export type CreateReportResult =
  | { ok: true; ref: string; created: boolean }
  | { ok: false; fields: Record<string, FieldErrorCode> }
  /** The Idempotency-Key was used before, for another report (reportFingerprint). */
  | { ok: false; keyReused: true };

/**
 * Keyed hash of whoever reported: the e-mail if left, else the browser's random token. It lets
 * scoring count one person once without storing who they are.
 */
export function reporterHash(email: string | null | undefined, token: string | null | undefined): string | null {
  const identity = email ? `email:${email.toLowerCase()}` : token ? `token:${token}` : null;
  if (!identity) return null;
  return createHmac('sha256', serverSecret()).update(`reporter:${identity}`).digest('base64url').slice(0, 32);
}

/** Districts change only by admin import; a short cache keeps them off the intake's hot path. */
const districtCache = new WeakMap<object, { at: number; rows: Promise<(typeof districts.$inferSelect)[]> }>();
const DISTRICT_CACHE_MS = 60_000;

export function loadDistricts(db: Db) {
  const key = databaseKey(db);
  const hit = districtCache.get(key);
  if (hit && Date.now() - hit.at < DISTRICT_CACHE_MS) return hit.rows;
  // execute(): a query builder runs again each time it is awaited; the cache must hold its answer.
  const rows = db.select().from(districts).orderBy(asc(districts.id)).execute();
  districtCache.set(key, { at: Date.now(), rows });
  rows.catch(() => districtCache.delete(key));
  return rows;
}

/** The districts by name, for lists and selects (loadDistricts keeps the order they were imported in). */
export async function districtsByName(db: Db) {
  return [...(await loadDistricts(db))].sort((a, b) => a.name.localeCompare(b.name, 'de'));
}

export function forgetDistrictCache(db: Db) {
  districtCache.delete(databaseKey(db));
}

/** The report an earlier request with this Idempotency-Key created, if any, with what that request said. */
export async function findByIdempotencyKey(db: Db, key: string) {
  const [row] = await db.select({ ref: reports.ref, fingerprint: reports.idempotencyFingerprint }).from(reports).where(eq(reports.idempotencyKey, key));
  return row;
}

/**
 * The answer to a request whose Idempotency-Key is taken: the stored report, when the request says
 * what that one's said (a retry), else a refusal. Reports stored before fingerprints have none.
 */
export function answerForStored(stored: { ref: string; fingerprint: string | null }, fingerprint: string | null): CreateReportResult {
  return stored.fingerprint && fingerprint && stored.fingerprint !== fingerprint ? { ok: false, keyReused: true } : { ok: true, ref: stored.ref, created: false };
}

export type ReportRequest = {
  input: ReportInput;
  idempotencyKey?: string | null;
  /** reportFingerprint(input), when the caller has it already (the batcher compares it first). */
  fingerprint?: string;
  source?: ReportSource;
  now?: Date;
};

/** A report ready to be inserted but for its reference (drawn afresh on each attempt). */
export type ReportDraft = Omit<typeof reports.$inferInsert, 'ref'> & {
  h3r9: string;
  categoryId: number;
  when: ReportInput['when'];
  idempotencyKey: string | null;
  idempotencyFingerprint: string | null;
  createdAt: Date;
};

/**
 * Turns requests into rows: category, district, cells, retention date. One query for the
 * categories and at most one for the retention setting, however many requests.
 */
export async function draftReports(
  db: Db,
  requests: readonly ReportRequest[],
): Promise<({ ok: true; draft: ReportDraft } | { ok: false; fields: Record<string, FieldErrorCode> })[]> {
  const slugs = [...new Set(requests.map((r) => r.input.category))];
  const [active, districtRows, retentionDays] = await Promise.all([
    db
      .select({ id: categories.id, slug: categories.slug })
      .from(categories)
      .where(and(inArray(categories.slug, slugs), eq(categories.active, true))),
    loadDistricts(db),
    requests.some((r) => r.input.email) ? getSetting(db, 'retention.emailDays') : 0,
  ]);
  const categoryIds = new Map(active.map((c) => [c.slug, c.id]));
  return requests.map(({ input, idempotencyKey, fingerprint, source, now = new Date() }) => {
    const categoryId = categoryIds.get(input.category);
    if (categoryId === undefined) return { ok: false, fields: { category: 'unknown_category' } };
    const district = findDistrict(districtRows, input.lat, input.lon);
    const draft: ReportDraft = {
      lat: input.lat,
      lon: input.lon,
      ...cellsFor(input.lat, input.lon),
      districtId: district?.id ?? null,
      categoryId,
      feeling: input.feeling,
      when: input.when,
      description: input.description ?? null,
      contactEmail: input.email ?? null,
      contactEmailDeleteAt: input.email ? new Date(now.getTime() + retentionDays * 86_400_000) : null,
      reporterHash: reporterHash(input.email, input.reporterToken),
      locale: input.locale,
      idempotencyKey: idempotencyKey || null,
      idempotencyFingerprint: idempotencyKey ? (fingerprint ?? reportFingerprint(input)) : null,
      source: source ?? 'web',
      createdAt: now,
      updatedAt: now,
    };
    return { ok: true, draft };
  });
}

/** The columns of a report that insertReports writes, in the order of its rows. */
const INSERTED_COLUMNS = [
  ['ref', 'text'],
  ['lat', 'real'],
  ['lon', 'real'],
  ['h3_r10', 'text'],
  ['h3_r9', 'text'],
  ['district_id', 'integer'],
  ['category_id', 'integer'],
  ['feeling', 'smallint'],
  ['when', 'jsonb'],
  ['description', 'text'],
  ['contact_email', 'text'],
  ['contact_email_delete_at', 'timestamptz'],
  ['reporter_hash', 'text'],
  ['locale', 'text'],
  ['idempotency_key', 'text'],
  ['idempotency_fingerprint', 'text'],
  ['source', 'text'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
] as const;

/** Besides: the centre of the report's public cell (for cell_stats), and its rate limit's key and allowance. */
const INPUT_COLUMNS = [...INSERTED_COLUMNS, ['centre_lat', 'real'], ['centre_lon', 'real'], ['gate_key', 'text'], ['gate_allowance', 'integer']] as const;

/**
 * Rows that pass only within a rate limit counted in the same statement (rateLimitStatement in
 * lib/http/rate-limit.ts): `counting` adds the hits and returns (key, count); a row with a `key`
 * passes when that key's count is at most its `allowance`, a row with none always.
 */
export type InsertGate = { counting: SQL; rows: readonly GateRow[] };
export type GateRow = { key: string; allowance: number } | null;

/** What became of each row: inserted, refused by the gate, or neither (its Idempotency-Key or reference was taken). */
export type InsertOutcome = { ref: string; inserted: boolean; refused: boolean };

/**
 * The one place reports are created: one statement inserts the rows with their 'created' event,
 * their counts in cell_stats and their place in the patrol priorities' queue. Being one statement,
 * it is one round trip and its own transaction (or part of the caller's). A row whose
 * Idempotency-Key is already taken (by an earlier or a concurrent transaction, which the insert
 * waits for) or whose reference collided is skipped, not an error, so one such row never fails the
 * others; the caller tells the two cases apart. With a gate, the rows' rate-limit hits are counted
 * in the same statement, and a refused row is not inserted.
 */
export async function insertReports(db: Db, rows: readonly (ReportDraft & { ref: string })[], gate?: InsertGate): Promise<InsertOutcome[]> {
  if (rows.length === 0) return [];
  const values = rows.map((r, i) => {
    const centre = cellToLatLng(r.h3r9);
    const limit = gate?.rows[i];
    return [
      r.ref,
      r.lat,
      r.lon,
      r.h3r10,
      r.h3r9,
      r.districtId,
      r.categoryId,
      r.feeling,
      r.when,
      r.description,
      r.contactEmail,
      r.contactEmailDeleteAt,
      r.reporterHash,
      r.locale,
      r.idempotencyKey,
      r.idempotencyFingerprint,
      r.source,
      r.createdAt,
      r.updatedAt,
      centre[0],
      centre[1],
      limit?.key ?? null,
      limit?.allowance ?? null,
    ];
  });
  const passing = gate
    ? sql`hits as (${gate.counting}),
      passing as (
        select input.* from input left join hits on hits.key = input.gate_key
        where input.gate_key is null or hits.count <= input.gate_allowance
      ),`
    : sql`passing as (select * from input),`;
  const answer = await db.execute(sql`
    with input as (${unnestRows(INPUT_COLUMNS, values)}),
    ${passing}
    inserted as (
      insert into reports ${columnList(INSERTED_COLUMNS)} select ${columnNames(INSERTED_COLUMNS)} from passing
      on conflict do nothing
      returning id, ref, h3_r9, category_id, "when", created_at
    ),
    events as (insert into report_events (report_id, kind, to_status, created_at) select id, 'created', 'new', created_at from inserted),
    counted as (${addReportsStatement(sql`(select inserted.*, input.centre_lat, input.centre_lon from inserted join input using (ref))`)}),
    queued as (${queueStatement(sql`inserted`)})
    select input.ref, inserted.id is not null as inserted, passing.ref is null as refused
    from input left join passing using (ref) left join inserted using (ref)`);
  const outcomes = new Map(rowsOf<InsertOutcome>(answer).map((row) => [row.ref, row]));
  return rows.map((row) => outcomes.get(row.ref)!);
}

/** Draws a reference for each row, distinct within the batch (the unique index guards across batches). */
export function withRefs<T>(drafts: readonly T[]): (T & { ref: string })[] {
  const prefix = getCityConfig().refPrefix;
  const taken = new Set<string>();
  return drafts.map((draft) => {
    let ref = generateRef(prefix);
    while (taken.has(ref)) ref = generateRef(prefix);
    taken.add(ref);
    return { ...draft, ref };
  });
}

export const REF_ATTEMPTS = 5;

/**
 * Creates one report (insertReports: a transaction of its own, or part of the caller's).
 * The web intake goes through the batcher (./intake-batch.ts) instead, which writes concurrent
 * reports with the same insertReports.
 */
export async function createReport(
  db: Db,
  input: ReportInput,
  options: { idempotencyKey?: string | null; source?: ReportSource; now?: Date } = {},
): Promise<CreateReportResult> {
  const [drafted] = await draftReports(db, [{ input, ...options }]);
  if (!drafted.ok) return drafted;
  for (let attempt = 0; attempt < REF_ATTEMPTS; attempt++) {
    const [row] = withRefs([drafted.draft]);
    const [outcome] = await insertReports(db, [row]);
    if (outcome.inserted) return { ok: true, ref: row.ref, created: true };
    // An earlier or concurrent request with the same key won: answer with its report.
    if (row.idempotencyKey) {
      const existing = await findByIdempotencyKey(db, row.idempotencyKey);
      if (existing) return answerForStored(existing, row.idempotencyFingerprint);
    }
    // Else two references collided (rare): draw another.
  }
  throw new Error('Could not allocate a report reference');
}

/** The tracking page in the reporter's language (German has no prefix). */
export function trackingPath(ref: string, locale: Locale): string {
  return localizedPath(`/track/${ref}`, locale);
}

export type PublicReport = {
  ref: string;
  status: ReportStatus;
  category: { slug: string; label: string };
  district: { slug: string; name: string } | null;
  created: string;
  /** Set when staff merged this report into another: the tracking page points there. */
  mergedInto: string | null;
  history: { status: ReportStatus; at: string }[];
};

/**
 * What anyone holding the reference may see: never the description, e-mail or exact position.
 */
export async function getPublicReport(db: Db, ref: string, locale: 'de' | 'en' | 'tr'): Promise<PublicReport | null> {
  const [row] = await db
    .select({
      id: reports.id,
      ref: reports.ref,
      status: reports.status,
      createdAt: reports.createdAt,
      duplicateOf: reports.duplicateOf,
      categorySlug: categories.slug,
      categoryLabel: categories.label,
      districtSlug: districts.slug,
      districtName: districts.name,
    })
    .from(reports)
    .innerJoin(categories, eq(categories.id, reports.categoryId))
    .leftJoin(districts, eq(districts.id, reports.districtId))
    .where(eq(reports.ref, ref));
  if (!row) return null;

  const events = await db
    .select({ toStatus: reportEvents.toStatus, createdAt: reportEvents.createdAt })
    .from(reportEvents)
    .where(and(eq(reportEvents.reportId, row.id), inArray(reportEvents.kind, ['created', 'status_changed', 'merged'])))
    .orderBy(asc(reportEvents.createdAt), asc(reportEvents.id));

  let mergedInto: string | null = null;
  if (row.duplicateOf) {
    const [target] = await db.select({ ref: reports.ref }).from(reports).where(eq(reports.id, row.duplicateOf));
    mergedInto = target?.ref ?? null;
  }

  return {
    ref: row.ref,
    status: row.status,
    category: { slug: row.categorySlug, label: localize(row.categoryLabel, locale) },
    district: row.districtSlug && row.districtName ? { slug: row.districtSlug, name: row.districtName } : null,
    created: row.createdAt.toISOString(),
    mergedInto,
    history: events
      .filter((e): e is { toStatus: ReportStatus; createdAt: Date } => e.toStatus !== null)
      .map((e) => ({ status: e.toStatus, at: e.createdAt.toISOString() })),
  };
}
