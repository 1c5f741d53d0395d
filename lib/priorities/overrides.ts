/**
 * Manual boost or suppression of a priority cell (DESIGN.md: "multiplies the score, needs a reason,
 * and is audited"). One active override per cell: a new one ends the previous. Factor 0 keeps the
 * cell out of the gate and so out of patrol plans; it stays visible in the list, marked.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { getResolution, isValidCell } from 'h3-js';
import { z } from 'zod';
import { audit } from '@/lib/audit/audit';
import { hasRole } from '@/lib/auth/roles';
import { getCityConfig } from '@/lib/city/config';
import type { Db } from '@/lib/db/client';
import { priorityOverrides, users, type StaffRole } from '@/lib/db/schema';
import { SCORING_RESOLUTION } from '@/lib/geo/cells';
import { parseDecimal } from '@/lib/numbers';
import { nextDay, startOfLocalDay } from '@/lib/time/zone';
import { withoutNul } from '@/lib/text';

/** Who may see the priorities: every staff role that works with patrols or their results. */
export const priorityReaders: readonly StaffRole[] = ['triage', 'police', 'coordinator'];
/** Who may boost or suppress: the teams that patrol and triage; coordinators only read. */
export const priorityEditors: readonly StaffRole[] = ['triage', 'police'];

export function canOverride(roles: readonly StaffRole[]): boolean {
  return hasRole(roles, priorityEditors);
}

export const MAX_OVERRIDE_FACTOR = 10;
export const REASON_MIN = 5;
export const REASON_MAX = 500;

export const overrideSchema = z.object({
  cell: z
    .string({ error: 'cell_invalid' })
    .trim()
    .refine((c) => isValidCell(c) && getResolution(c) === SCORING_RESOLUTION, { error: 'cell_invalid' }),
  factor: z
    .string({ error: 'factor_invalid' })
    .transform(parseDecimal)
    .pipe(z.number({ error: 'factor_invalid' }).min(0, { error: 'factor_invalid' }).max(MAX_OVERRIDE_FACTOR, { error: 'factor_too_high' }))
    .refine((f) => f !== 1, { error: 'factor_neutral' }),
  reason: z
    .string({ error: 'reason_required' })
    .trim()
    .min(1, { error: 'reason_required' })
    .min(REASON_MIN, { error: 'reason_too_short' })
    .max(REASON_MAX, { error: 'reason_too_long' })
    .refine(withoutNul, { error: 'invalid' }),
  /** Optional last day (yyyy-mm-dd), inclusive: until that day ends in the city's time zone. */
  expires: z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, { error: 'expires_invalid' })
    .optional()
    .transform((v) => (v ? new Date(startOfLocalDay(nextDay(v), getCityConfig().timeZone).getTime() - 1000) : null)),
});
export type OverrideInput = z.input<typeof overrideSchema>;
export type OverrideFieldErrors = Partial<Record<keyof OverrideInput | 'form', string>>;

export type OverrideResult = { ok: true; id: number } | { ok: false; fields: OverrideFieldErrors };

type Actor = { id: number; roles: readonly StaffRole[] };

function fieldErrors(error: z.ZodError): OverrideFieldErrors {
  const fields: OverrideFieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form') as keyof OverrideFieldErrors;
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Sets a boost or suppression on a cell (ending the one before), audited in the same transaction. */
export async function setOverride(db: Db, actor: Actor, input: OverrideInput | unknown, options: { now?: Date } = {}): Promise<OverrideResult> {
  if (!canOverride(actor.roles)) return { ok: false, fields: { form: 'forbidden' } };
  const parsed = overrideSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fields: fieldErrors(parsed.error) };
  const { cell, factor, reason, expires } = parsed.data;
  const now = options.now ?? new Date();
  if (expires && expires.getTime() <= now.getTime()) return { ok: false, fields: { expires: 'expires_past' } };
  return db.transaction(async (tx) => {
    const ended = await tx
      .update(priorityOverrides)
      .set({ endedAt: now, endedBy: actor.id })
      .where(and(eq(priorityOverrides.cell, cell), isNull(priorityOverrides.endedAt)))
      .returning({ factor: priorityOverrides.factor, reason: priorityOverrides.reason });
    const [row] = await tx
      .insert(priorityOverrides)
      .values({ cell, factor, reason, createdBy: actor.id, createdAt: now, expiresAt: expires })
      .returning({ id: priorityOverrides.id });
    await audit(
      tx,
      actor,
      'priority.override_set',
      'priority_cell',
      cell,
      ended[0] ? { factor: ended[0].factor, reason: ended[0].reason } : null,
      { factor, reason, expiresAt: expires?.toISOString() ?? null },
    );
    return { ok: true, id: row.id } as const;
  });
}

/** Ends a cell's active override (back to factor 1), with a reason, audited. */
export async function endOverride(db: Db, actor: Actor, input: { cell?: unknown; reason?: unknown }, options: { now?: Date } = {}): Promise<OverrideResult> {
  if (!canOverride(actor.roles)) return { ok: false, fields: { form: 'forbidden' } };
  const parsed = overrideSchema.pick({ cell: true, reason: true }).safeParse(input);
  if (!parsed.success) return { ok: false, fields: fieldErrors(parsed.error) };
  const { cell, reason } = parsed.data;
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const ended = await tx
      .update(priorityOverrides)
      .set({ endedAt: now, endedBy: actor.id })
      .where(and(eq(priorityOverrides.cell, cell), isNull(priorityOverrides.endedAt)))
      .returning({ id: priorityOverrides.id, factor: priorityOverrides.factor, reason: priorityOverrides.reason });
    if (!ended[0]) return { ok: false, fields: { cell: 'no_override' } } as const;
    await audit(tx, actor, 'priority.override_ended', 'priority_cell', cell, { factor: ended[0].factor, reason: ended[0].reason }, { factor: 1, reason });
    return { ok: true, id: ended[0].id } as const;
  });
}

export type OverrideView = {
  id: number;
  cell: string;
  factor: number;
  reason: string;
  by: string;
  createdAt: Date;
  expiresAt: Date | null;
  endedAt: Date | null;
};

/** The latest overrides (active and ended), newest first, with who set them: shown on the page. */
export async function listOverrides(db: Db, limit = 50): Promise<OverrideView[]> {
  return db
    .select({
      id: priorityOverrides.id,
      cell: priorityOverrides.cell,
      factor: priorityOverrides.factor,
      reason: priorityOverrides.reason,
      by: users.name,
      createdAt: priorityOverrides.createdAt,
      expiresAt: priorityOverrides.expiresAt,
      endedAt: priorityOverrides.endedAt,
    })
    .from(priorityOverrides)
    .innerJoin(users, eq(users.id, priorityOverrides.createdBy))
    .orderBy(desc(priorityOverrides.createdAt), desc(priorityOverrides.id))
    .limit(limit);
}
