import { randomBytes } from 'node:crypto';
import { and, desc, eq, gte, inArray, lte, notInArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { cellToLatLng } from 'h3-js';
import { localize } from '@/lib/i18n/localize';
import { getSetting } from '@/lib/settings/queries';
import { getCityConfig } from '@/lib/city/config';
import type { Db } from '@/lib/db/client';
import { categories, districts, open311Requests, reports } from '@/lib/db/schema';
import { unnestRows, type UnnestColumn } from '@/lib/db/unnest';
import { getShownCategoryCells, uncountedStatuses } from '@/lib/reports/cell-stats';
import { createReport, type CreateReportResult } from '@/lib/reports/service';
import type { ReportInput } from '@/lib/reports/validation';
import { PAGE_SIZE, type RequestFilters } from './request-filters';
import { closedStatuses, openStatuses, statusNotes, toOpen311Status, type Open311Status } from './status';
import { recordApiKeyUse } from './usage';

/** A report as GeoReport v2 shows it to anyone: no e-mail, no exact position, no unreviewed text. */
export type ServiceRequest = {
  service_request_id: string;
  status: Open311Status;
  status_notes: string;
  service_name: string;
  service_code: string;
  /** Only what staff reviewed and published (public_description); left out otherwise. */
  description?: string;
  agency_responsible: string;
  requested_datetime: string;
  updated_datetime: string;
  /** The district, never a street address. */
  address?: string;
  /** Centre of the report's H3 resolution-9 cell: the public map's privacy grid. */
  lat: number;
  long: number;
};

const mergedTarget = alias(reports, 'merged_target');

/** The (hexagon, category) pairs browsing may list, as rows for `in (…)`. */
const shownColumns: UnnestColumn[] = [
  ['cell', 'text'],
  ['category_id', 'integer'],
];

/** Coordinates to six decimals (≈ 0.1 m): more would only add noise to a cell centre. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function cellCentre(h3r9: string): { lat: number; long: number } {
  const [lat, lon] = cellToLatLng(h3r9);
  return { lat: round6(lat), long: round6(lon) };
}

function select(db: Db) {
  return db
    .select({
      ref: reports.ref,
      status: reports.status,
      h3r9: reports.h3r9,
      publicDescription: reports.publicDescription,
      createdAt: reports.createdAt,
      updatedAt: reports.updatedAt,
      categorySlug: categories.slug,
      categoryLabel: categories.label,
      districtName: districts.name,
      mergedInto: mergedTarget.ref,
    })
    .from(reports)
    .innerJoin(categories, eq(categories.id, reports.categoryId))
    .leftJoin(districts, eq(districts.id, reports.districtId))
    .leftJoin(mergedTarget, eq(mergedTarget.id, reports.duplicateOf));
}

type Row = Awaited<ReturnType<typeof select>>[number];

function toServiceRequest(row: Row): ServiceRequest {
  const city = getCityConfig();
  return {
    service_request_id: row.ref,
    status: toOpen311Status(row.status),
    status_notes: statusNotes(row.status, row.mergedInto),
    service_name: localize(row.categoryLabel, 'de'),
    service_code: row.categorySlug,
    ...(row.publicDescription ? { description: row.publicDescription } : {}),
    agency_responsible: city.operator.name,
    requested_datetime: row.createdAt.toISOString(),
    updated_datetime: row.updatedAt.toISOString(),
    ...(row.districtName ? { address: `${row.districtName}, ${city.name}` } : {}),
    ...cellCentre(row.h3r9),
  };
}

/** GET requests: newest first, at most PAGE_SIZE per page. */
export async function listServiceRequests(db: Db, filters: RequestFilters): Promise<ServiceRequest[]> {
  if (filters.kind === 'ids') {
    if (filters.refs.length === 0) return [];
    const rows = await select(db)
      .where(inArray(reports.ref, filters.refs))
      .orderBy(desc(reports.createdAt), desc(reports.id))
      .limit(PAGE_SIZE);
    return rows.map(toServiceRequest);
  }
  // Browsing (only with an api_key, handlers.ts) lists a report only where the public map filtered
  // by its category shows its hexagon (getShownCategoryCells): a record names its category, so
  // counting records must not give a figure the map withholds, nor one that subtracted from the
  // hexagon's total leaves 1 to k − 1. A report asked for by its reference (above) is shown to
  // whoever holds the reference, its maker or whom they gave it to; each unknown one counts against
  // the client's budget of guesses that the tracking pages share (handlers.ts, lookUpRefs).
  const shown = await getShownCategoryCells(db, await getSetting(db, 'privacy.k'));
  const conditions: SQL[] = [
    // Only what the public figures count: a dismissed report or a merged duplicate would add to
    // no figure, and a duplicate's status notes name the report it went into.
    notInArray(reports.status, [...uncountedStatuses]),
    gte(reports.createdAt, filters.start),
    lte(reports.createdAt, filters.end),
    sql`(${reports.h3r9}, ${reports.categoryId}) in (${unnestRows(shownColumns, shown)})`,
  ];
  if (filters.serviceCode) conditions.push(eq(categories.slug, filters.serviceCode));
  if (filters.statuses && filters.statuses.length === 1) {
    conditions.push(inArray(reports.status, [...(filters.statuses[0] === 'open' ? openStatuses : closedStatuses)]));
  }
  const rows = await select(db)
    .where(and(...conditions))
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(PAGE_SIZE)
    .offset((filters.page - 1) * PAGE_SIZE);
  return rows.map(toServiceRequest);
}

/** GET requests/{id}: any report by its public reference. */
export async function getServiceRequest(db: Db, ref: string): Promise<ServiceRequest | null> {
  const [row] = await select(db).where(eq(reports.ref, ref));
  return row ? toServiceRequest(row) : null;
}

/** GET tokens/{token}: the request a token we handed out stands for. */
export async function findRequestByToken(db: Db, token: string): Promise<string | null> {
  const [row] = await db
    .select({ ref: reports.ref })
    .from(open311Requests)
    .innerJoin(reports, eq(reports.id, open311Requests.reportId))
    .where(eq(open311Requests.token, token));
  return row?.ref ?? null;
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export type CreatedServiceRequest = { ok: true; ref: string; token: string; created: boolean };

/**
 * POST requests: the report goes through the same service as the web form (source 'open311'),
 * recorded with the key that sent it, a token and an audit entry, in one transaction: on any
 * failure nothing stays.
 */
export async function createServiceRequest(
  db: Db,
  input: ReportInput,
  options: { apiKey: { id: number; name: string }; idempotencyKey?: string | null; now?: Date },
): Promise<CreatedServiceRequest | Extract<CreateReportResult, { ok: false }>> {
  // Namespaced per key, so two clients (or the web form) can never share an idempotency key.
  const idempotencyKey = options.idempotencyKey ? `open311:${options.apiKey.id}:${options.idempotencyKey}` : null;
  return db.transaction(async (tx) => {
    const result = await createReport(tx as unknown as Db, input, { idempotencyKey, source: 'open311', now: options.now });
    if (!result.ok) return result;
    const [report] = await tx.select({ id: reports.id }).from(reports).where(eq(reports.ref, result.ref));
    if (!result.created) {
      const [existing] = await tx
        .select({ token: open311Requests.token })
        .from(open311Requests)
        .where(eq(open311Requests.reportId, report.id));
      if (existing) return { ok: true, ref: result.ref, token: existing.token, created: false };
    }
    const token = randomBytes(16).toString('base64url');
    await recordApiKeyUse(tx as unknown as Db, {
      apiKey: options.apiKey,
      report: { id: report.id, ref: result.ref },
      token,
      now: options.now,
    });
    return { ok: true, ref: result.ref, token, created: result.created };
  });
}
