import { and, asc, desc, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { StaffRole } from '@/lib/auth/roles';
import type { Db } from '@/lib/db/client';
import {
  categories,
  cellStats,
  districts,
  outbox,
  reportEvents,
  reports,
  users,
  type OutboxKind,
  type OutboxStatus,
  type ReportEventKind,
  type ReportSource,
  type ReportStatus,
  type WhenProfile,
} from '@/lib/db/schema';
import { PUBLIC_RESOLUTION } from '@/lib/geo/cells';
import { boxAround, distanceMetres } from '@/lib/geo/distance';
import { localize } from '@/lib/i18n/localize';
import type { Locale } from '@/lib/i18n/routing';
import { canChangeReports, canReadPersonalData, isMergeTarget, isMergeable, mergeTargetStatuses, nextStatuses } from './workflow';

/** Suggested duplicates: same category, within about 50 m and 30 days (DESIGN.md, "Staff side"). */
export const DUPLICATE_RADIUS_M = 50;
export const DUPLICATE_WINDOW_DAYS = 30;
const DUPLICATE_LIMIT = 10;
const DAY_MS = 86_400_000;

export type ReportHistoryEntry = {
  id: number;
  kind: ReportEventKind;
  at: string;
  /** null: the resident (the report itself) or the system. */
  actor: { id: number; name: string } | null;
  fromStatus: ReportStatus | null;
  toStatus: ReportStatus | null;
  data: Record<string, unknown> | null;
};

/** An e-mail to the resident about the report, as the outbox has it (sent ones go after 30 days). */
export type ReportEmail = { kind: OutboxKind; status: OutboxStatus; createdAt: string; sentAt: string | null };

export type DuplicateSuggestion = {
  ref: string;
  version: number;
  status: ReportStatus;
  createdAt: string;
  distanceM: number;
  /** Days between the two reports, either way. */
  daysApart: number;
  /** Whether that report can be merged into this one (and this one survive). */
  canMergeIntoThis: boolean;
  /** Whether this report can be merged into that one. */
  canMergeIntoIt: boolean;
};

export type ReportDetail = {
  id: number;
  ref: string;
  version: number;
  status: ReportStatus;
  createdAt: string;
  updatedAt: string;
  lat: number;
  lon: number;
  h3r10: string;
  h3r9: string;
  category: { slug: string; label: string };
  district: { slug: string; name: string } | null;
  feeling: number;
  when: WhenProfile;
  source: ReportSource;
  locale: string;
  /** The resident's own words: present only for roles that may read them (triage, admin). */
  description?: string | null;
  /** What staff wrote for display; the only description that may ever be public. */
  publicDescription: string | null;
  hasDescription: boolean;
  /** Present only for roles that may read personal data. */
  contactEmail?: string | null;
  contactEmailDeleteAt?: string | null;
  hasContactEmail: boolean;
  /** Present only for roles that may read personal data: whether the resident's e-mails went out. */
  emails?: ReportEmail[];
  mergedInto: string | null;
  mergedReports: { ref: string }[];
  nearby: number;
  /** What the viewer may do next: statuses reachable by a status change, merge, edit. */
  nextStatuses: readonly ReportStatus[];
  canEdit: boolean;
  canMerge: boolean;
  history: ReportHistoryEntry[];
  duplicates: DuplicateSuggestion[];
};

export type DetailViewer = { roles: readonly StaffRole[] };

const survivor = alias(reports, 'survivor');

/**
 * Everything staff may know about one report, shaped for the viewer's roles: police get neither
 * the resident's description nor the e-mail address, nor the text of replies sent to the resident.
 */
export async function getReportDetail(
  db: Db,
  ref: string,
  options: { viewer: DetailViewer; locale: Locale },
): Promise<ReportDetail | null> {
  const [row] = await db
    .select({
      report: reports,
      categorySlug: categories.slug,
      categoryLabel: categories.label,
      districtSlug: districts.slug,
      districtName: districts.name,
      mergedInto: survivor.ref,
    })
    .from(reports)
    .innerJoin(categories, eq(categories.id, reports.categoryId))
    .leftJoin(districts, eq(districts.id, reports.districtId))
    .leftJoin(survivor, eq(survivor.id, reports.duplicateOf))
    .where(eq(reports.ref, ref));
  if (!row) return null;
  const report = row.report;
  const personal = canReadPersonalData(options.viewer.roles);
  const editor = canChangeReports(options.viewer.roles);

  const [events, merged, nearby, duplicates, emails] = await Promise.all([
    db
      .select({
        id: reportEvents.id,
        kind: reportEvents.kind,
        createdAt: reportEvents.createdAt,
        fromStatus: reportEvents.fromStatus,
        toStatus: reportEvents.toStatus,
        data: reportEvents.data,
        actorId: reportEvents.actorId,
        actorName: users.name,
      })
      .from(reportEvents)
      .leftJoin(users, eq(users.id, reportEvents.actorId))
      .where(eq(reportEvents.reportId, report.id))
      .orderBy(asc(reportEvents.createdAt), asc(reportEvents.id)),
    db.select({ ref: reports.ref }).from(reports).where(eq(reports.duplicateOf, report.id)).orderBy(asc(reports.createdAt)),
    db
      .select({ n: sql<number>`coalesce(sum(${cellStats.reportCount}), 0)::int` })
      .from(cellStats)
      .where(and(eq(cellStats.resolution, PUBLIC_RESOLUTION), eq(cellStats.timeOfDay, 'all'), eq(cellStats.cell, report.h3r9))),
    suggestDuplicates(db, report),
    personal
      ? db
          .select({ kind: outbox.kind, status: outbox.status, createdAt: outbox.createdAt, sentAt: outbox.sentAt })
          .from(outbox)
          .where(eq(outbox.reportId, report.id))
          .orderBy(asc(outbox.createdAt), asc(outbox.id))
      : [],
  ]);

  return {
    id: report.id,
    ref: report.ref,
    version: report.version,
    status: report.status,
    createdAt: report.createdAt.toISOString(),
    updatedAt: report.updatedAt.toISOString(),
    lat: report.lat,
    lon: report.lon,
    h3r10: report.h3r10,
    h3r9: report.h3r9,
    category: { slug: row.categorySlug, label: localize(row.categoryLabel, options.locale) },
    district: row.districtSlug && row.districtName ? { slug: row.districtSlug, name: row.districtName } : null,
    feeling: report.feeling,
    when: report.when,
    source: report.source,
    locale: report.locale,
    ...(personal
      ? {
          description: report.description,
          contactEmail: report.contactEmail,
          contactEmailDeleteAt: report.contactEmailDeleteAt?.toISOString() ?? null,
          emails: emails.map((e) => ({
            kind: e.kind as OutboxKind,
            status: e.status,
            createdAt: e.createdAt.toISOString(),
            sentAt: e.sentAt?.toISOString() ?? null,
          })),
        }
      : {}),
    publicDescription: report.publicDescription,
    hasDescription: report.description !== null,
    hasContactEmail: report.contactEmail !== null,
    mergedInto: row.mergedInto,
    mergedReports: merged,
    nearby: Number(nearby[0]?.n ?? 0),
    nextStatuses: editor ? nextStatuses(report.status) : [],
    canEdit: editor,
    canMerge: editor && isMergeable(report.status),
    history: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      at: e.createdAt.toISOString(),
      actor: e.actorId === null ? null : { id: e.actorId, name: e.actorName ?? `#${e.actorId}` },
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      // A reply's text was written to the resident: those who may not read personal data see that one was sent.
      data: e.kind === 'reply' && !personal ? null : e.data,
    })),
    duplicates: duplicates.map((d) => ({
      ...d,
      canMergeIntoThis: editor && isMergeable(d.status) && isMergeTarget(report.status),
      canMergeIntoIt: editor && isMergeable(report.status) && isMergeTarget(d.status),
    })),
  };
}

type Candidate = { id: number; categoryId: number; lat: number; lon: number; createdAt: Date };

/**
 * Reports that may describe the same place and concern: same category, within DUPLICATE_RADIUS_M
 * and DUPLICATE_WINDOW_DAYS either side, not dismissed and not merged. The category and period
 * narrow the search through the (category_id, created_at, id) index, a box narrows it further, and
 * the exact distance decides.
 */
export async function suggestDuplicates(db: Db, report: Candidate) {
  const box = boxAround(report, DUPLICATE_RADIUS_M);
  const window = DUPLICATE_WINDOW_DAYS * DAY_MS;
  const rows = await db
    .select({
      ref: reports.ref,
      version: reports.version,
      status: reports.status,
      lat: reports.lat,
      lon: reports.lon,
      createdAt: reports.createdAt,
    })
    .from(reports)
    .where(
      and(
        eq(reports.categoryId, report.categoryId),
        gte(reports.createdAt, new Date(report.createdAt.getTime() - window)),
        lte(reports.createdAt, new Date(report.createdAt.getTime() + window)),
        ne(reports.id, report.id),
        inArray(reports.status, [...mergeTargetStatuses]),
        gte(reports.lat, box.minLat),
        lte(reports.lat, box.maxLat),
        gte(reports.lon, box.minLon),
        lte(reports.lon, box.maxLon),
      ),
    )
    .orderBy(desc(reports.createdAt))
    .limit(200);
  return rows
    .map((r) => ({ row: r, distance: distanceMetres(report, r) }))
    .filter(({ distance }) => distance <= DUPLICATE_RADIUS_M)
    .sort((a, b) => a.distance - b.distance || b.row.createdAt.getTime() - a.row.createdAt.getTime())
    .slice(0, DUPLICATE_LIMIT)
    .map(({ row, distance }) => ({
      ref: row.ref,
      version: row.version,
      status: row.status,
      createdAt: row.createdAt.toISOString(),
      distanceM: Math.round(distance),
      daysApart: Math.round(Math.abs(row.createdAt.getTime() - report.createdAt.getTime()) / DAY_MS),
    }));
}
