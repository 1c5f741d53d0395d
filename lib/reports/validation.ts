import { z } from 'zod';
import { withoutNul } from '@/lib/text';
import { unlessUnread } from '@/lib/zod-checks';
import { timesOfDay, weekdays } from './types';
import { isInBounds, type Bounds } from '@/lib/geo/bounds';
import { locales } from '@/lib/i18n/routing';
import { DESCRIPTION_MAX, EMAIL_MAX } from './limits';

export { DESCRIPTION_MAX, EMAIL_MAX };

// The portal's Content-Security-Policy allows no eval in the browser, so zod's compiled fast path
// can never run there; without this, its probe for it is reported as a CSP violation.
if (typeof window !== 'undefined') z.config({ jitless: true });

/**
 * Field problems are codes; the API and the form translate them (messages: report.errors.<code>).
 * Keep this list in step with the message files.
 */
export const fieldErrorCodes = [
  'required',
  'category_required',
  'feeling_required',
  'not_a_number',
  'outside_city',
  'unknown_category',
  'feeling_range',
  'when_invalid',
  'too_long',
  'invalid_email',
  'invalid_locale',
  'invalid',
] as const;
export type FieldErrorCode = (typeof fieldErrorCodes)[number];

const coordinate = z.number({ error: (issue) => (issue.input === undefined ? 'required' : 'not_a_number') }).finite({
  error: 'not_a_number',
});

const optionalText = (max: number) =>
  z
    .string({ error: 'invalid' })
    .max(max, { error: 'too_long' })
    .refine(withoutNul, { error: 'invalid' })
    .transform((s) => s.trim())
    .transform((s) => (s === '' ? null : s))
    .nullish();

const when = { error: 'when_invalid' } as const;
/** A set of choices: the public map counts a report once per time of day and day, so a repeat must not count twice. */
const choices = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.enum(values, when), when)
    .min(1, when)
    .max(values.length, when)
    .transform((list) => [...new Set(list)]);
/** "always" beside times or days contradicts itself: refused rather than read as one of them. */
const contradictory = (value: unknown) => typeof value === 'object' && value !== null && 'always' in value && ('times' in value || 'days' in value);
const whenSchema = z.preprocess(
  (value) => (contradictory(value) ? null : value),
  z.union(
    [
      z.object({ always: z.literal(true, when) }, when),
      z.object(
        {
          times: choices(timesOfDay),
          days: choices(weekdays),
        },
        when,
      ),
    ],
    when,
  ),
);

/**
 * Shared by the API and the form, so both speak of the same problems in the same words. Built once
 * per city: zod compiles a schema on its first use, which cost the intake more than the parse itself.
 */
export function reportInputSchema(bounds: Bounds) {
  const key = `${bounds.minLat},${bounds.minLon},${bounds.maxLat},${bounds.maxLon}`;
  let schema = schemas.get(key);
  if (!schema) schemas.set(key, (schema = buildReportInputSchema(bounds)));
  return schema;
}

const schemas = new Map<string, ReturnType<typeof buildReportInputSchema>>();

function buildReportInputSchema(bounds: Bounds) {
  return z
    .object({
      lat: coordinate,
      lon: coordinate,
      category: z
        .string({ error: (issue) => (issue.input === undefined ? 'category_required' : 'invalid') })
        .min(1, { error: 'category_required' })
        .max(64, { error: 'unknown_category' })
        // Slugs are [a-z0-9-] (city config): anything else cannot be one, and never reaches a query.
        .regex(/^[a-z0-9-]+$/, { error: 'unknown_category' }),
      feeling: z
        .number({ error: (issue) => (issue.input === undefined ? 'feeling_required' : 'feeling_range') })
        .int({ error: 'feeling_range' })
        .min(1, { error: 'feeling_range' })
        .max(5, { error: 'feeling_range' }),
      when: whenSchema,
      description: optionalText(DESCRIPTION_MAX),
      email: z
        .string({ error: 'invalid_email' })
        .trim()
        .max(EMAIL_MAX, { error: 'too_long' })
        .transform((s) => (s === '' ? null : s.toLowerCase()))
        .pipe(z.email({ error: 'invalid_email' }).nullable())
        .nullish(),
      locale: z.enum(locales, { error: 'invalid_locale' }).default('de'),
      /** A random token the browser keeps, so one person counts once; stored only as a keyed hash. */
      reporterToken: z.string().max(128, { error: 'too_long' }).nullish(),
      /** Honeypot: a field people never see. Bots fill it in. */
      website: z.string().max(1000).nullish(),
    })
    .superRefine((input, ctx) => {
      if (Number.isFinite(input.lat) && Number.isFinite(input.lon) && !isInBounds(input.lat, input.lon, bounds)) {
        ctx.addIssue({ code: 'custom', path: ['lat'], message: 'outside_city' });
        ctx.addIssue({ code: 'custom', path: ['lon'], message: 'outside_city' });
      }
    }, unlessUnread(['lat', 'lon']));
}

export type ReportInput = z.output<ReturnType<typeof reportInputSchema>>;

/** The first problem per field, as a code. */
export function fieldErrors(error: z.ZodError): Record<string, FieldErrorCode> {
  const result: Record<string, FieldErrorCode> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'body');
    if (result[field]) continue;
    const code = (fieldErrorCodes as readonly string[]).includes(issue.message) ? issue.message : 'invalid';
    result[field] = code as FieldErrorCode;
  }
  return result;
}
