import { createHmac } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { localize } from '@/lib/i18n/localize';
import { localizedPath, type Locale } from '@/lib/i18n/routing';
import { getCityConfig } from '@/lib/city/config';
import type { Db } from '@/lib/db/client';
import {
  categories,
  districts,
  reportEvents,
  reports,
  type ReportSource,
  type ReportStatus,
} from '@/lib/db/schema';
import { serverSecret } from '@/lib/env';
import { cellsFor } from '@/lib/geo/cells';
import { findDistrict } from '@/lib/geo/districts';
import { getSetting } from '@/lib/settings/queries';
import { onReportChanged } from '@/lib/priorities/service';
import { adjustCellStats } from './cell-stats';
import { generateRef } from './reference';
import type { FieldErrorCode, ReportInput } from './validation';

export type CreateReportResult =
  | { ok: true; ref: string; created: boolean }
  | { ok: false; fields: Record<string, FieldErrorCode> };

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
const districtCache = new WeakMap<Db, { at: number; rows: Promise<(typeof districts.$inferSelect)[]> }>();
const DISTRICT_CACHE_MS = 60_000;

export function loadDistricts(db: Db) {
  const hit = districtCache.get(db);
  if (hit && Date.now() - hit.at < DISTRICT_CACHE_MS) return hit.rows;
  const rows = db.select().from(districts).orderBy(asc(districts.id));
  districtCache.set(db, { at: Date.now(), rows });
  rows.catch(() => districtCache.delete(db));
  return rows;
}

export function forgetDistrictCache(db: Db) {
  districtCache.delete(db);
}

/** The report an earlier request with this Idempotency-Key created, if any. */
export async function findByIdempotencyKey(db: Db, key: string) {
  const [row] = await db.select({ ref: reports.ref }).from(reports).where(eq(reports.idempotencyKey, key));
  return row?.ref;
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint_name?: string; constraint?: string; cause?: unknown };
  if (e?.code === '23505') return (e.constraint_name ?? e.constraint ?? '').includes(constraint);
  return e?.cause ? isUniqueViolation(e.cause, constraint) : false;
}

export async function createReport(
  db: Db,
  input: ReportInput,
  options: { idempotencyKey?: string | null; source?: ReportSource; now?: Date } = {},
): Promise<CreateReportResult> {
  const idempotencyKey = options.idempotencyKey || null;
  const [category] = await db
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.slug, input.category), eq(categories.active, true)));
  if (!category) return { ok: false, fields: { category: 'unknown_category' } };

  const now = options.now ?? new Date();
  const district = findDistrict(await loadDistricts(db), input.lat, input.lon);
  const retentionDays = input.email ? await getSetting(db, 'retention.emailDays') : 0;
  const values = {
    lat: input.lat,
    lon: input.lon,
    ...cellsFor(input.lat, input.lon),
    districtId: district?.id ?? null,
    categoryId: category.id,
    feeling: input.feeling,
    when: input.when,
    description: input.description ?? null,
    contactEmail: input.email ?? null,
    contactEmailDeleteAt: input.email ? new Date(now.getTime() + retentionDays * 86_400_000) : null,
    reporterHash: reporterHash(input.email, input.reporterToken),
    locale: input.locale,
    idempotencyKey,
    source: options.source ?? 'web',
    createdAt: now,
    updatedAt: now,
  };

  const prefix = getCityConfig().refPrefix;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const ref = generateRef(prefix);
      const inserted = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(reports)
          .values({ ...values, ref })
          .onConflictDoNothing({ target: reports.idempotencyKey, where: sql`idempotency_key is not null` })
          .returning({ id: reports.id, ref: reports.ref, lat: reports.lat, lon: reports.lon });
        if (!row) return null;
        await tx
          .insert(reportEvents)
          .values({ reportId: row.id, kind: 'created', toStatus: 'new', createdAt: now });
        await adjustCellStats(tx, values, 1);
        // With the position as stored (real), so later re-evaluations see the same numbers.
        await onReportChanged(tx, null, { ...values, id: row.id, lat: row.lat, lon: row.lon, status: 'new', duplicateOf: null }, { now });
        return row.ref;
      });
      if (inserted) return { ok: true, ref: inserted, created: true };
      // A concurrent retry with the same key won the race: answer with its report.
      const existing = await findByIdempotencyKey(db, idempotencyKey!);
      if (existing) return { ok: true, ref: existing, created: false };
    } catch (error) {
      if (!isUniqueViolation(error, 'reports_ref')) throw error;
      // Two references collided (rare): draw another.
    }
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
