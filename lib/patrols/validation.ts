import { z } from 'zod';
import { patrolFindings, patrolPlanStatuses, reportStatuses } from '@/lib/db/schema';
import { parseDecimal } from '@/lib/numbers';
import { isCalendarDate } from '@/lib/time/zone';
import { withoutNul } from '@/lib/text';

/** Every way input to a plan can be wrong; each has a translated message (messages/*.json, patrols.errors). */
export const planErrorCodes = [
  'invalid',
  'required',
  'date_invalid',
  'time_invalid',
  'shift_too_long',
  'shift_too_short',
  'team_unknown_member',
  'team_needs_city_and_police',
  'start_unknown',
  'stop_unknown',
  'stop_logged',
  'stop_cannot_move',
  'stop_exists',
  'cell_unknown',
  'coordinate_invalid',
  'place_outside_city',
  'plan_without_stops',
  'findings_required',
  'findings_nothing_alone',
  'note_required',
  'note_too_long',
  'visit_outside_shift',
  'visit_in_future',
  'report_not_at_stop',
  'report_conflict',
  'report_transition_not_allowed',
] as const;
export type PlanErrorCode = (typeof planErrorCodes)[number];
export type FieldErrors = Partial<Record<string, PlanErrorCode>>;

export const NOTE_MAX = 2000;
const MAX_TEAM = 8;

/** The first problem per field, as a code. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const result: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    result[field] ??= (planErrorCodes as readonly string[]).includes(issue.message) ? (issue.message as PlanErrorCode) : 'invalid';
  }
  return result;
}

const id = z.coerce.number({ error: 'invalid' }).int({ error: 'invalid' }).positive({ error: 'invalid' }).max(2 ** 31 - 1, { error: 'invalid' });
const version = id;

const localDate = z
  .string({ error: 'date_invalid' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date_invalid' })
  .refine(isCalendarDate, { error: 'date_invalid' });
const localTime = z.string({ error: 'time_invalid' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'time_invalid' });

export const newPlanSchema = z.object({
  date: localDate,
  from: localTime,
  to: localTime,
  team: z.array(id, { error: 'team_needs_city_and_police' }).min(2, { error: 'team_needs_city_and_police' }).max(MAX_TEAM, { error: 'invalid' }),
  /** Index into the start points (lib/patrols/settings.ts). */
  startPoint: z.coerce.number({ error: 'start_unknown' }).int({ error: 'start_unknown' }).min(0, { error: 'start_unknown' }).max(99, { error: 'start_unknown' }),
});
export type NewPlanInput = z.input<typeof newPlanSchema>;

/** Typed with a decimal point or comma; anything else is not a coordinate. */
const coordinate = (min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? parseDecimal(value) : value),
    z.number({ error: 'coordinate_invalid' }).min(min, { error: 'coordinate_invalid' }).max(max, { error: 'coordinate_invalid' }),
  );

const addCellSchema = z.object({ version, cell: z.string().regex(/^8a[0-9a-f]{13}$/, { error: 'cell_unknown' }) }).strict();
const addPlaceSchema = z.object({ version, lat: coordinate(-90, 90), lon: coordinate(-180, 180) }).strict();

/**
 * A stop to add: a cell from the shift's ranking, or a place by its coordinates. The fields say
 * which (a union of the two would name neither's problem, only that the input fits neither).
 */
export function parseAddStop(input: unknown) {
  const byCell = typeof input === 'object' && input !== null && 'cell' in input;
  return byCell ? addCellSchema.safeParse(input) : addPlaceSchema.safeParse(input);
}

export const statusChangeSchema = z.object({ version, status: z.enum(patrolPlanStatuses, { error: 'invalid' }) });

export const logVisitSchema = z.object({
  version,
  stopId: id,
  /** Local date and time in the city's time zone, as <input type="datetime-local"> sends it. */
  visitedAt: z
    .string({ error: 'required' })
    .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:\d{2})?$/, { error: 'invalid' })
    .refine((v) => isCalendarDate(v.slice(0, 10)), { error: 'invalid' }),
  findings: z
    .array(z.enum(patrolFindings, { error: 'invalid' }))
    .min(1, { error: 'findings_required' })
    .max(patrolFindings.length)
    .refine((findings) => !findings.includes('nothing') || findings.length === 1, { error: 'findings_nothing_alone' }),
  note: z
    .string()
    .max(NOTE_MAX, { error: 'note_too_long' })
    .refine(withoutNul, { error: 'invalid' })
    .transform((s) => s.trim())
    .optional()
    .default(''),
  /** Reports in the stop's cell to move on, each at the version shown. */
  moves: z
    .array(z.object({ ref: z.string().max(20), version, status: z.enum(reportStatuses) }))
    .max(50)
    .default([]),
});
