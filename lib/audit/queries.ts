import { and, asc, desc, eq, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getCityConfig } from '@/lib/city/config';
import type { Db } from '@/lib/db/client';
import { auditLog, users } from '@/lib/db/schema';
import { withoutNul } from '@/lib/text';
import { isCalendarDate, nextDay, startOfLocalDay } from '@/lib/time/zone';

/**
 * Reading the audit log (staff area, Administration → Audit log, and GET /api/staff/audit): the
 * same filters and the same keyset pagination for both, so a shared link and a script agree.
 * Newest first; the cursor is the last id of a page (ids grow with time, and the primary key makes
 * every page an index range scan however deep it is).
 */

const date = z.string().refine(isCalendarDate, { error: 'date_invalid' });
/** A text filter: PostgreSQL text cannot hold U+0000. */
const textFilter = (max: number) => z.string().trim().max(max, { error: 'too_long' }).refine(withoutNul, { error: 'text_invalid' });

const emptyAsUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

export const AUDIT_PAGE_SIZE = 50;

export const auditFilterSchema = z
  .object({
    /** A user's id, or "system" for entries without a staff user (command-line tools, the system). */
    actor: z.preprocess(emptyAsUndefined, z.union([z.literal('system'), z.coerce.number().int().positive().max(2_147_483_647)], { error: 'actor_invalid' }).optional()),
    action: z.preprocess(emptyAsUndefined, textFilter(100).optional()),
    entity: z.preprocess(emptyAsUndefined, textFilter(100).optional()),
    entityId: z.preprocess(emptyAsUndefined, textFilter(200).optional()),
    /** Days in the city's time zone, both included. */
    from: z.preprocess(emptyAsUndefined, date.optional()),
    to: z.preprocess(emptyAsUndefined, date.optional()),
    cursor: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'cursor_invalid' }).int({ error: 'cursor_invalid' }).positive({ error: 'cursor_invalid' }).optional()),
    limit: z.preprocess(
      emptyAsUndefined,
      z.coerce.number({ error: 'limit_invalid' }).int({ error: 'limit_invalid' }).min(1, { error: 'limit_invalid' }).max(200, { error: 'limit_invalid' }).default(AUDIT_PAGE_SIZE),
    ),
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && f.from > f.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'period_reversed' });
  });

export type AuditFilters = z.output<typeof auditFilterSchema>;

export type AuditEntryView = {
  id: number;
  at: string;
  actor: { id: number; email: string; name: string } | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

export type AuditPage = { entries: AuditEntryView[]; nextCursor: number | null };

export async function listAuditEntries(db: Db, filters: AuditFilters): Promise<AuditPage> {
  const timeZone = getCityConfig().timeZone;
  const conditions: (SQL | undefined)[] = [
    filters.actor === 'system' ? isNull(auditLog.actorId) : filters.actor ? eq(auditLog.actorId, filters.actor) : undefined,
    filters.action ? eq(auditLog.action, filters.action) : undefined,
    filters.entity ? eq(auditLog.entity, filters.entity) : undefined,
    filters.entityId ? eq(auditLog.entityId, filters.entityId) : undefined,
    filters.from ? gte(auditLog.createdAt, startOfLocalDay(filters.from, timeZone)) : undefined,
    filters.to ? lt(auditLog.createdAt, startOfLocalDay(nextDay(filters.to), timeZone)) : undefined,
    filters.cursor ? lt(auditLog.id, filters.cursor) : undefined,
  ];
  const rows = await db
    .select({
      entry: auditLog,
      actorEmail: users.email,
      actorName: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(filters.limit + 1);
  const page = rows.slice(0, filters.limit);
  return {
    entries: page.map(({ entry, actorEmail, actorName }) => ({
      id: entry.id,
      at: entry.createdAt.toISOString(),
      actor: entry.actorId !== null ? { id: entry.actorId, email: actorEmail ?? '', name: actorName ?? '' } : null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      before: entry.before,
      after: entry.after,
    })),
    nextCursor: rows.length > filters.limit ? page[page.length - 1].entry.id : null,
  };
}

/** What the filter menus offer: the actions and entities that occur, and the users who acted. */
export async function getAuditFacets(db: Db) {
  const [actions, entities, actors] = await Promise.all([
    db.selectDistinct({ value: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action)),
    db.selectDistinct({ value: auditLog.entity }).from(auditLog).orderBy(asc(auditLog.entity)),
    db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(sql`exists (select 1 from ${auditLog} where ${auditLog.actorId} = ${users.id})`)
      .orderBy(asc(users.name)),
  ]);
  return { actions: actions.map((a) => a.value), entities: entities.map((e) => e.value), actors };
}
