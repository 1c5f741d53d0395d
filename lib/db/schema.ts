import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Geometry } from 'geojson';
import type { ReportSource, ReportStatus, WhenProfile } from '@/lib/reports/types';

export * from '@/lib/reports/types';

/** Labels per language; German is required, the others fall back to it. */
export type LocalizedText = { de: string; en?: string; tr?: string };

export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

export const districts = pgTable('districts', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  geometry: jsonb('geometry').$type<Geometry>().notNull(),
  bbox: jsonb('bbox').$type<BBox>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const categories = pgTable('categories', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  label: jsonb('label').$type<LocalizedText>().notNull(),
  description: jsonb('description').$type<LocalizedText>(),
  /** Category weight w_i in the priority score (DESIGN.md, "Patrol priorities"). */
  weight: real('weight').notNull().default(1),
  sortOrder: integer('sort_order').notNull().default(0),
  active: boolean('active').notNull().default(true),
});

export const reports = pgTable(
  'reports',
  {
    id: serial('id').primaryKey(),
    ref: text('ref').notNull(),
    lat: real('lat').notNull(),
    lon: real('lon').notNull(),
    /** H3 cell at resolution 10 (scoring) and its parent at resolution 9 (public map). */
    h3r10: text('h3_r10').notNull(),
    h3r9: text('h3_r9').notNull(),
    districtId: integer('district_id').references(() => districts.id),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    feeling: smallint('feeling').notNull(),
    when: jsonb('when').$type<WhenProfile>().notNull(),
    /** As the resident wrote it: never shown publicly. */
    description: text('description'),
    /** What staff reviewed (and redacted) for public display; null until reviewed. */
    publicDescription: text('public_description'),
    status: text('status').$type<ReportStatus>().notNull().default('new'),
    duplicateOf: integer('duplicate_of'),
    contactEmail: text('contact_email'),
    contactEmailDeleteAt: timestamp('contact_email_delete_at', { withTimezone: true }),
    /** Keyed hash of the reporter's e-mail or browser token: counts a reporter once, identifies no one. */
    reporterHash: text('reporter_hash'),
    locale: text('locale').notNull().default('de'),
    idempotencyKey: text('idempotency_key'),
    /**
     * A hash of what was submitted under the Idempotency-Key (lib/reports/fingerprint.ts): a retry
     * with the same key and another report is refused instead of answered with this one.
     */
    idempotencyFingerprint: text('idempotency_fingerprint'),
    source: text('source').$type<ReportSource>().notNull().default('web'),
    version: integer('version').notNull().default(1),
    /** When the retention job replaced the exact position by its public cell's centre. */
    coarsenedAt: timestamp('coarsened_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reports_ref_idx').on(t.ref),
    index('reports_email_delete_idx')
      .on(t.contactEmailDeleteAt)
      .where(sql`${t.contactEmailDeleteAt} is not null`),
    uniqueIndex('reports_idempotency_key_idx')
      .on(t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    // The inbox pages with a keyset on (created_at, id), newest first: each single filter (status,
    // category, district, hexagon) has an index that ends in the same two columns, so a page is an
    // index range scan at any depth and any size (lib/reports/inbox.ts).
    index('reports_created_id_idx').on(t.createdAt, t.id),
    index('reports_status_created_id_idx').on(t.status, t.createdAt, t.id),
    index('reports_h3_r9_created_id_idx').on(t.h3r9, t.createdAt, t.id),
    // Reports in a few cells over a period: a patrolled place's weeks before and after (lib/patrols/effect.ts).
    index('reports_h3_r10_created_idx').on(t.h3r10, t.createdAt),
    index('reports_district_created_id_idx').on(t.districtId, t.createdAt, t.id),
    index('reports_category_created_id_idx').on(t.categoryId, t.createdAt, t.id),
    // The once-per-reporter rule re-evaluates a reporter's reports on every change to one of them.
    index('reports_reporter_hash_idx')
      .on(t.reporterHash)
      .where(sql`${t.reporterHash} is not null`),
    index('reports_duplicate_of_idx')
      .on(t.duplicateOf)
      .where(sql`${t.duplicateOf} is not null`),
    // Trigram indexes (pg_trgm) let the inbox's text search find a rare word among a million
    // descriptions without reading them all (ILIKE '%…%' cannot use a b-tree).
    index('reports_description_trgm_idx').using('gin', t.description.op('gin_trgm_ops')),
    index('reports_public_description_trgm_idx').using('gin', t.publicDescription.op('gin_trgm_ops')),
  ],
);

export const reportEventKinds = [
  'created',
  'status_changed',
  'categorised',
  'moved',
  'redacted',
  'merged',
  'note',
  'reply',
] as const;
export type ReportEventKind = (typeof reportEventKinds)[number];

export const reportEvents = pgTable(
  'report_events',
  {
    id: serial('id').primaryKey(),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ReportEventKind>().notNull(),
    fromStatus: text('from_status').$type<ReportStatus>(),
    toStatus: text('to_status').$type<ReportStatus>(),
    /** Internal details (notes, reasons): staff only. */
    data: jsonb('data').$type<Record<string, unknown>>(),
    /** Staff user id; null for the resident or the system. */
    actorId: integer('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_events_report_idx').on(t.reportId, t.createdAt)],
);

/**
 * Report counts per hexagon, category and time of day, kept current in the same transaction as
 * every change to a report, so the public map reads a few thousand rows instead of every report.
 * Counts only reports that may be shown in aggregate (not dismissed, not merged duplicates).
 * time_of_day 'all' counts each report once; the four times count it once for each it names.
 */
export const cellStats = pgTable(
  'cell_stats',
  {
    resolution: smallint('resolution').notNull(),
    cell: text('cell').notNull(),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    timeOfDay: text('time_of_day').notNull(),
    reportCount: integer('report_count').notNull().default(0),
    /** The cell's centre, for bounding-box queries without H3 on the database. */
    lat: real('lat').notNull(),
    lon: real('lon').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.resolution, t.cell, t.categoryId, t.timeOfDay] }),
    index('cell_stats_lookup_idx').on(t.resolution, t.timeOfDay, t.lat, t.lon),
  ],
);

export const dialogueStatuses = ['draft', 'in_review', 'published'] as const;
export type DialogueStatus = (typeof dialogueStatuses)[number];

/**
 * A neighbourhood safety dialogue (Stadtteil-Sicherheitsdialog). Texts are written in German with
 * optional English and Turkish versions per field; public pages fall back to German.
 */
export const dialogues = pgTable(
  'dialogues',
  {
    id: serial('id').primaryKey(),
    districtId: integer('district_id')
      .notNull()
      .references(() => districts.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    venue: text('venue').notNull(),
    participants: integer('participants'),
    organisers: text('organisers'),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    /** Markdown, rendered without raw HTML. */
    summary: jsonb('summary').$type<LocalizedText>().notNull(),
    status: text('status').$type<DialogueStatus>().notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Set when a published dialogue is corrected: the page shows "updated on". */
    correctedAt: timestamp('corrected_at', { withTimezone: true }),
    createdBy: integer('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dialogues_district_idx').on(t.districtId, t.heldOn), index('dialogues_status_idx').on(t.status, t.publishedAt)],
);

/** What residents raised at a dialogue, optionally placed as a point or an area. */
export const dialogueConcerns = pgTable(
  'dialogue_concerns',
  {
    id: serial('id').primaryKey(),
    dialogueId: integer('dialogue_id')
      .notNull()
      .references(() => dialogues.id, { onDelete: 'cascade' }),
    text: jsonb('text').$type<LocalizedText>().notNull(),
    geometry: jsonb('geometry').$type<Geometry>(),
    /** Linked priority cells (H3 res 10) and reports, for staff. */
    cells: jsonb('cells').$type<string[]>().notNull().default([]),
    reportIds: jsonb('report_ids').$type<number[]>().notNull().default([]),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('dialogue_concerns_dialogue_idx').on(t.dialogueId)],
);

export const measureStatuses = ['planned', 'in_progress', 'done', 'rejected'] as const;
export type MeasureStatus = (typeof measureStatuses)[number];
export const responsibleBodies = ['city', 'police', 'transport', 'other'] as const;
export type ResponsibleBody = (typeof responsibleBodies)[number];

/** An agreed measure, from a dialogue or on its own (e.g. new lighting after reports). */
export const measures = pgTable(
  'measures',
  {
    id: serial('id').primaryKey(),
    dialogueId: integer('dialogue_id').references(() => dialogues.id, { onDelete: 'set null' }),
    districtId: integer('district_id').references(() => districts.id),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    description: jsonb('description').$type<LocalizedText>(),
    responsible: text('responsible').$type<ResponsibleBody>().notNull(),
    responsibleName: text('responsible_name'),
    lat: real('lat'),
    lon: real('lon'),
    dueOn: date('due_on', { mode: 'string' }),
    status: text('status').$type<MeasureStatus>().notNull().default('planned'),
    rejectionReason: jsonb('rejection_reason').$type<LocalizedText>(),
    /** Null while the measure is not public (its dialogue unpublished, or not yet released). */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('measures_dialogue_idx').on(t.dialogueId), index('measures_district_idx').on(t.districtId, t.status)],
);

/** Dated progress on a measure; shown on public pages and in the feed once the measure is public. */
export const measureUpdates = pgTable(
  'measure_updates',
  {
    id: serial('id').primaryKey(),
    measureId: integer('measure_id')
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
    text: jsonb('text').$type<LocalizedText>().notNull(),
    statusTo: text('status_to').$type<MeasureStatus>(),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('measure_updates_measure_idx').on(t.measureId, t.createdAt)],
);

/** Messages residents send from the accessibility statement's feedback form; read by admins. */
export const feedback = pgTable(
  'feedback',
  {
    id: serial('id').primaryKey(),
    topic: text('topic').notNull(),
    message: text('message').notNull(),
    /** Optional, for an answer; deleted after the e-mail retention period, with the message once handled (purgeFeedback). */
    email: text('email'),
    page: text('page'),
    locale: text('locale').notNull().default('de'),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('feedback_created_idx').on(t.createdAt)],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Fixed-window counters for rate limits and sign-in throttling, shared by every app instance.
 * Keys are keyed hashes (of the client address with a daily salt, or of a sign-in e-mail), never
 * the address itself; rows whose window began over an hour ago are deleted as new windows open.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index('rate_limits_window_idx').on(t.windowStart)],
);

export const staffRoles = ['triage', 'police', 'coordinator', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];

/**
 * Staff accounts. Residents never have one. The e-mail is stored lower-case, so lookups and the
 * unique index agree; OIDC users have no password hash and sign in only through the identity provider.
 */
export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** argon2id in PHC format; null for users who sign in through the city's identity provider. */
    passwordHash: text('password_hash'),
    roles: text('roles').array().$type<StaffRole[]>().notNull().default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    /** Part of every session token: bumping it ends all of this user's sessions at their next request. */
    sessionVersion: integer('session_version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    /** When the user last opened the staff dashboard (lib/dashboard/queries.ts). */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    /**
     * The last_seen_at of the previous visit: the dashboard's "new since your last visit" counts
     * from here, so reloading the page within a visit does not reset the count to zero.
     */
    previousVisitAt: timestamp('previous_visit_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('users_email_idx').on(t.email),
    check('users_email_lower_case', sql`${t.email} = lower(${t.email})`),
    check('users_roles_known', sql`${t.roles} <@ array['triage', 'police', 'coordinator', 'admin']::text[]`),
  ],
);

export const patrolPlanStatuses = ['draft', 'published', 'done'] as const;
export type PatrolPlanStatus = (typeof patrolPlanStatuses)[number];

/** Where a plan's team sets out from and returns to (a setting: lib/patrols/settings.ts). */
export type PatrolStartPoint = { name: string; lat: number; lon: number };

/**
 * A plan for one double-patrol shift (DESIGN.md, "Patrol plans"). Arrival times are not stored:
 * they follow from the start, the stops' order, dwell and revisit minutes (lib/patrols/plan.ts),
 * so dropping, adding or reordering a stop updates them by itself.
 */
export const patrolPlans = pgTable(
  'patrol_plans',
  {
    id: serial('id').primaryKey(),
    /** The shift's local date and times in the city's time zone, and the instants they mean. */
    shiftDate: date('shift_date', { mode: 'string' }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** Staff user ids: at least one city member and one police member (lib/patrols/team.ts). */
    team: jsonb('team').$type<number[]>().notNull(),
    start: jsonb('start').$type<PatrolStartPoint>().notNull(),
    dwellMinutes: integer('dwell_minutes').notNull(),
    revisitMinutes: integer('revisit_minutes').notNull(),
    /** Varies the route's order from plan to plan (lib/patrols/route.ts); kept so a plan stays reproducible. */
    seed: integer('seed').notNull(),
    /** True when no place passed the priority gate and the best ungated places were proposed instead. */
    ungated: boolean('ungated').notNull().default(false),
    status: text('status').$type<PatrolPlanStatus>().notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('patrol_plans_starts_idx').on(t.startsAt),
    check('patrol_plans_status_known', sql`${t.status} in ('draft', 'published', 'done')`),
    check('patrol_plans_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** Why a stop is on the plan: the priority's reasons when it was proposed or added from the ranking. */
export type PatrolStopReasons = {
  score: number;
  reports: number;
  reporters: number;
  newestDays: number;
  severity: number;
  z: number;
  gated: boolean;
  categories: Record<string, number>;
  /** The shift's slots in which the place scores highest. */
  topSlots: string[];
  trendRatio: number | null;
};

export const patrolStopSources = ['ranking', 'place'] as const;
export type PatrolStopSource = (typeof patrolStopSources)[number];

/** A place on a plan, in walking order (position). */
export const patrolStops = pgTable(
  'patrol_stops',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => patrolPlans.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** H3 resolution-10 cell: the priority cell, or the cell of a place staff clicked. */
    cell: text('cell').notNull(),
    lat: real('lat').notNull(),
    lon: real('lon').notNull(),
    source: text('source').$type<PatrolStopSource>().notNull(),
    reasons: jsonb('reasons').$type<PatrolStopReasons>(),
  },
  (t) => [index('patrol_stops_plan_idx').on(t.planId, t.position)],
);

export const patrolFindings = ['nothing', 'group', 'lighting', 'drugs', 'litter', 'other'] as const;
export type PatrolFinding = (typeof patrolFindings)[number];

/** A visit of a stop: when, what the team found, which reports it moved on. */
export const patrolLogs = pgTable(
  'patrol_logs',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => patrolPlans.id, { onDelete: 'cascade' }),
    stopId: integer('stop_id')
      .notNull()
      .references(() => patrolStops.id, { onDelete: 'cascade' }),
    visitedAt: timestamp('visited_at', { withTimezone: true }).notNull(),
    findings: jsonb('findings').$type<PatrolFinding[]>().notNull(),
    note: text('note'),
    /** References of the reports moved on from this visit, with the status they moved to. */
    movedReports: jsonb('moved_reports').$type<{ ref: string; status: ReportStatus }[]>().notNull().default([]),
    actorId: integer('actor_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('patrol_logs_plan_idx').on(t.planId, t.visitedAt), index('patrol_logs_stop_idx').on(t.stopId)],
);

/** Who changed what, when, with the state before and after (DESIGN.md, "Privacy rules"). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: serial('id').primaryKey(),
    /** Staff user id; null for the system or an operator's command-line tool. Users are deactivated, never deleted. */
    actorId: integer('actor_id').references(() => users.id),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_log_created_idx').on(t.createdAt),
    index('audit_log_entity_idx').on(t.entity, t.entityId),
  ],
);

/**
 * Keys for Open311 clients (other city systems). Only a hash of each key is stored: the key itself
 * is shown once, when it is created. Keys are long random strings, so a plain SHA-256 suffices and
 * keeps working when AUTH_SECRET is rotated. Revoked keys stay for the record.
 */
export const apiKeys = pgTable('api_keys', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  /** The first characters of the key, so people can tell keys apart in a list. */
  prefix: text('prefix').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
});

/**
 * Reports created over Open311: which key created them, and the token we handed out with the
 * service_request_id (GET tokens/{token} answers with the id).
 */
export const open311Requests = pgTable(
  'open311_requests',
  {
    reportId: integer('report_id')
      .primaryKey()
      .references(() => reports.id, { onDelete: 'cascade' }),
    apiKeyId: integer('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    token: text('token').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('open311_requests_api_key_idx').on(t.apiKeyId, t.createdAt)],
);

export const followTargetKinds = ['district', 'measure'] as const;
export type FollowTargetKind = (typeof followTargetKinds)[number];

/**
 * A resident following a district or a measure by e-mail (lib/follows/). Double opt-in: a row is
 * unconfirmed until its confirmation link is used, and deleted when that does not happen in time
 * (retention job). The address is used only for these messages and deleted with the row on
 * unsubscribe; the confirmation token is stored only as a SHA-256 hash, the unsubscribe token
 * not at all (it is a keyed hash of id and creation time). No IP address.
 */
export const follows = pgTable(
  'follows',
  {
    id: serial('id').primaryKey(),
    targetKind: text('target_kind').$type<FollowTargetKind>().notNull(),
    districtId: integer('district_id').references(() => districts.id, { onDelete: 'cascade' }),
    measureId: integer('measure_id').references(() => measures.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    locale: text('locale').notNull().default('de'),
    /** SHA-256 of the confirmation token; null once confirmed. */
    confirmTokenHash: text('confirm_token_hash'),
    /** An unconfirmed follow is deleted after this (lib/jobs/retention.ts). */
    confirmExpiresAt: timestamp('confirm_expires_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('follows_district_email_idx').on(t.districtId, t.email),
    uniqueIndex('follows_measure_email_idx').on(t.measureId, t.email),
    uniqueIndex('follows_confirm_token_idx').on(t.confirmTokenHash),
    index('follows_confirm_expires_idx').on(t.confirmExpiresAt),
    check(
      'follows_target_known',
      sql`(${t.targetKind} = 'district' and ${t.districtId} is not null and ${t.measureId} is null) or (${t.targetKind} = 'measure' and ${t.measureId} is not null and ${t.districtId} is null)`,
    ),
  ],
);

export const outboxStatuses = ['pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];
export const outboxKinds = ['confirmed', 'merged', 'resolved', 'dismissed', 'reply'] as const;
/** Messages to followers (lib/follows/). */
export const followMessageKinds = ['follow_confirm', 'follow_dialogue', 'follow_measure'] as const;
export type FollowMessageKind = (typeof followMessageKinds)[number];
export type OutboxKind = (typeof outboxKinds)[number];

/**
 * E-mail waiting to be sent (lib/email/outbox.ts). Written in the same transaction as the change it
 * reports, sent by SMTP when configured; a failed send is retried with backoff and a message that
 * keeps failing stays here as 'failed' for an admin to retry. Holds the reporter's address, so rows
 * are deleted once sent and old (lib/email/outbox.ts, purgeOutbox).
 */
export const outbox = pgTable(
  'outbox',
  {
    id: serial('id').primaryKey(),
    to: text('to').notNull(),
    locale: text('locale').notNull().default('de'),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    kind: text('kind').notNull(),
    reportId: integer('report_id').references(() => reports.id, { onDelete: 'set null' }),
    /** Extra headers, e.g. List-Unsubscribe (RFC 8058) on messages to followers. */
    headers: jsonb('headers').$type<Record<string, string>>(),
    /** A message to a follower goes with the subscription: unsubscribing deletes the address here too. */
    followId: integer('follow_id').references(() => follows.id, { onDelete: 'cascade' }),
    status: text('status').$type<OutboxStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** When the message is due; while a sender holds it, the end of that sender's lease. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_report_idx').on(t.reportId),
    index('outbox_follow_idx').on(t.followId),
    check('outbox_status_known', sql`${t.status} in ('pending', 'sent', 'failed')`),
  ],
);

export type District = typeof districts.$inferSelect;
export type Category = typeof categories.$inferSelect;
export type Report = typeof reports.$inferSelect;
export type NewReport = typeof reports.$inferInsert;
export type ReportEvent = typeof reportEvents.$inferSelect;
export type Dialogue = typeof dialogues.$inferSelect;
export type DialogueConcern = typeof dialogueConcerns.$inferSelect;
export type Measure = typeof measures.$inferSelect;
export type MeasureUpdate = typeof measureUpdates.$inferSelect;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type AuditEntry = typeof auditLog.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type OutboxMessage = typeof outbox.$inferSelect;
export type Feedback = typeof feedback.$inferSelect;
export type Follow = typeof follows.$inferSelect;
export type PatrolPlan = typeof patrolPlans.$inferSelect;
export type PatrolStop = typeof patrolStops.$inferSelect;
export type PatrolLog = typeof patrolLogs.$inferSelect;

/** The slots of lib/priorities/slots.ts (`SLOT_COUNT` of them), one column each in the priority tables. */
const SLOT_INDEXES = [0, 1, 2, 3, 4, 5, 6, 7] as const;
type SlotIndex = (typeof SLOT_INDEXES)[number];

/**
 * One column per slot: keys `${key}0`…`${key}7`, named `${name}_0`…`${name}_7`, each built by `column`.
 * Columns, not arrays: summing array elements costs five times as much when ranking.
 */
function slotColumns<K extends string, C>(key: K, name: string, column: (name: string) => C): Record<`${K}${SlotIndex}`, C> {
  return Object.fromEntries(SLOT_INDEXES.map((s) => [`${key}${s}`, column(`${name}_${s}`)])) as Record<`${K}${SlotIndex}`, C>;
}

const sumColumn = (name: string) => doublePrecision(name).notNull().default(0);
const countColumn = (name: string) => integer(name).notNull().default(0);

/**
 * Patrol-priority aggregates (lib/priorities/aggregates.ts), kept current in the same transaction as
 * every change to a report, so ranking reads one row per cell, category and slot mask instead of every
 * report. A row holds the kernel-weighted contributions of the reports that reach `cell` (resolution 10)
 * — after merges, dismissals and the once-per-reporter rule — with their exponential decay anchored at
 * `priority_stats_meta.anchor_at`: slot_s = Σ f·K·2^((t_i − anchor)/T½)·share_i(s). Category weights are
 * applied when ranking. `slot_mask` (bit s: the reports' "when" answers reach slot s) keys the rows, so
 * ranking for a window counts exactly the reports that fall in it.
 */
export const priorityCellStats = pgTable(
  'priority_cell_stats',
  {
    cell: text('cell').notNull(),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    slotMask: smallint('slot_mask').notNull(),
    /** District of the cell's centre (null outside every district), for the district filter. */
    districtId: integer('district_id'),
    // Σ f·K·A·share_s per slot s (A the anchored decay), slots in lib/priorities/slots.ts `slotIds` order;
    // own_s the same without the kernel, for reports whose own cell this is (the values Gi* tests).
    ...slotColumns('slot', 'slot', sumColumn),
    ...slotColumns('own', 'own', sumColumn),
    /** Counted contributions (K > 0). */
    reports: integer('reports').notNull().default(0),
    /** Distinct reporters: each counted once per cell, on the row of their first report there. */
    reporters: integer('reporters').notNull().default(0),
    feelingSum: doublePrecision('feeling_sum').notNull().default(0),
    /** Σ (t_i − anchor) in days: mean age = now − anchor − time_sum / reports. */
    timeSum: doublePrecision('time_sum').notNull().default(0),
    newestAt: timestamp('newest_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.cell, t.categoryId, t.slotMask] }), index('priority_cell_stats_district_idx').on(t.districtId)],
);

/**
 * The columns of the two rollups of `priority_cell_stats` below: the same sums over all slot masks,
 * plus `reports_in_s`, the contributions whose slot mask reaches slot s — enough to tell, for any
 * window, whether a cell has a report in it, without the rows per mask.
 */
function cellTotalColumns() {
  return {
    /** District of the cell's centre (null outside every district), for the district filter. */
    districtId: integer('district_id'),
    ...slotColumns('slot', 'slot', sumColumn),
    ...slotColumns('own', 'own', sumColumn),
    ...slotColumns('reportsIn', 'reports_in', countColumn),
    reports: integer('reports').notNull().default(0),
    reporters: integer('reporters').notNull().default(0),
    feelingSum: doublePrecision('feeling_sum').notNull().default(0),
    timeSum: doublePrecision('time_sum').notNull().default(0),
    newestAt: timestamp('newest_at', { withTimezone: true }),
  };
}

/**
 * `priority_cell_stats` summed over slot masks, per cell and category (category weight not applied):
 * what ranking reads for a category filter, and for every ranking while the category weights differ
 * from those `priority_cell_totals` was built with. At most one row per cell and category, however
 * many reports there are.
 */
export const priorityCellCategoryTotals = pgTable(
  'priority_cell_category_totals',
  {
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    cell: text('cell').notNull(),
    ...cellTotalColumns(),
  },
  (t) => [primaryKey({ columns: [t.categoryId, t.cell] })],
);

/**
 * `priority_cell_stats` summed over categories and slot masks, one row per cell, with the category
 * weights applied (slot_s = Σ w·f·K·A·share_s; categories of weight 0 left out, as ranking leaves
 * them out): the whole ranking of a city without a category filter reads one row per cell. Built
 * with the weights in `priority_stats_meta.weights`; a weight change rebuilds it from
 * `priority_cell_category_totals`.
 */
export const priorityCellTotals = pgTable('priority_cell_totals', {
  cell: text('cell').primaryKey(),
  ...cellTotalColumns(),
});

/**
 * `priority_cell_stats`'s contributions per cell, category and UTC day (days since 1970-01-01),
 * without decay or category weight: slot_s = Σ f·K·share_s. The trend of the cells a ranking
 * describes (the last `trendDays` days against the ones before) sums at most 2 × trendDays rows per
 * cell and category instead of re-reading every recent report near them.
 */
export const priorityCellDays = pgTable(
  'priority_cell_days',
  {
    cell: text('cell').notNull(),
    day: integer('day').notNull(),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    ...slotColumns('slot', 'slot', sumColumn),
    /** Counted contributions; the row goes when none is left. */
    reports: integer('reports').notNull().default(0),
    newestAt: timestamp('newest_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.cell, t.day, t.categoryId] })],
);

/**
 * One row: the decay anchor and the write-time parameters the aggregates were built with. Writers use
 * these (not the settings), so the table is always consistent; `npm run priorities:recompute` (run when
 * an admin changes a parameter) rebuilds it with the settings' values and a fresh anchor.
 */
export const priorityStatsMeta = pgTable('priority_stats_meta', {
  id: smallint('id').primaryKey().default(1),
  anchorAt: timestamp('anchor_at', { withTimezone: true }).notNull(),
  params: jsonb('params').$type<Record<string, number>>().notNull(),
  /** Category weight by category id that `priority_cell_totals` was built with (null: never built). */
  weights: jsonb('weights').$type<Record<string, number>>(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * New reports whose contribution to the priority aggregates is not in them yet: the intake queues
 * them here in the transaction that stores them, and `applyPendingPriorities` adds them later, many
 * at once, deleting their rows in the transaction that adds them (so each is added exactly once).
 */
export const priorityPending = pgTable('priority_pending', {
  reportId: integer('report_id')
    .primaryKey()
    .references(() => reports.id, { onDelete: 'cascade' }),
});

/** Manual boost (factor > 1) or suppression (< 1, 0 hides the cell from plans) of a priority cell; audited. */
export const priorityOverrides = pgTable(
  'priority_overrides',
  {
    id: serial('id').primaryKey(),
    cell: text('cell').notNull(),
    factor: real('factor').notNull(),
    reason: text('reason').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedBy: integer('ended_by').references(() => users.id),
  },
  (t) => [
    index('priority_overrides_cell_idx').on(t.cell, t.createdAt),
    check('priority_overrides_reason', sql`length(trim(${t.reason})) > 0`),
    check('priority_overrides_factor', sql`${t.factor} >= 0 and ${t.factor} <= 10`),
  ],
);
