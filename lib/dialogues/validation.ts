import { cellToLatLng, getResolution, isValidCell } from 'h3-js';
import { z } from 'zod';
import { measureStatuses, responsibleBodies, type LocalizedText } from '@/lib/db/schema';
import { isInBounds, type Bounds } from '@/lib/geo/bounds';
import { parseDecimal } from '@/lib/numbers';
import { REF_ALPHABET, REF_LENGTH } from '@/lib/reports/ref-format';
import { isCalendarDate } from '@/lib/time/zone';
import { unlessUnread } from '@/lib/zod-checks';
import {
  AREA_MAX_CORNERS,
  CONCERN_MAX,
  LINKS_MAX,
  MEASURE_TEXT_MAX,
  ORGANISERS_MAX,
  PARTICIPANTS_MAX,
  PRIORITY_CELL_RESOLUTION,
  SHORT_TEXT_MAX,
  SUMMARY_MAX,
  TITLE_MAX,
} from './limits';
import { parseCorners, type ConcernGeometry, type PlaceKind, placeKinds } from './places';
import { withoutNul } from '@/lib/text';

/**
 * What coordinators type into the dialogue and measure editors, checked the same way whether it
 * comes from a form (every value a string) or from code. Problems are codes, not sentences: the
 * editor translates them (messages: dialogueEditor.errors.<code>). Keep this list in step with the
 * message files (lib/dialogues/validation.test.ts checks it).
 */
export const editorErrorCodes = [
  'required',
  'german_required',
  'too_long',
  'invalid',
  'invalid_date',
  'not_a_whole_number',
  'out_of_range',
  'participants_out_of_range',
  'not_a_number',
  'coordinates_incomplete',
  'outside_city',
  'area_too_few_corners',
  'area_too_many_corners',
  'invalid_cell',
  'cell_outside_city',
  'invalid_report_ref',
  'unknown_report',
  'unknown_district',
  'unknown_dialogue',
  'rejection_reason_required',
  'status_not_allowed',
  'too_many',
] as const;
export type EditorErrorCode = (typeof editorErrorCodes)[number];

/** Field path ("title.de", "lat", "cells") → what is wrong with it. */
export type FieldErrors = Record<string, EditorErrorCode>;

const REPORT_REF = new RegExp(`^[A-Z]{2,5}-[${REF_ALPHABET}]{${REF_LENGTH}}$`);

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** A form sends "" for an empty field: that means "not given". */
const emptyToUndefined = (value: unknown) => (blank(value) ? undefined : typeof value === 'string' ? value.trim() : value);

function requiredText(max: number) {
  return z.preprocess(
    emptyToUndefined,
    z
      .string({ error: (issue) => (issue.input === undefined ? 'required' : 'invalid') })
      .max(max, { error: 'too_long' })
      .refine(withoutNul, { error: 'invalid' }),
  );
}

function optionalText(max: number) {
  return z.preprocess(emptyToUndefined, z.string({ error: 'invalid' }).max(max, { error: 'too_long' }).refine(withoutNul, { error: 'invalid' }).optional());
}

/** A whole number typed into a form ("12") or given as a number. */
function wholeNumber(min: number, max: number, rangeError: EditorErrorCode = 'out_of_range') {
  return z.preprocess(
    (value) => {
      const v = emptyToUndefined(value);
      if (typeof v !== 'string') return v;
      return /^-?\d+$/.test(v) ? Number(v) : Number.NaN;
    },
    z
      .number({ error: (issue) => (issue.input === undefined ? 'required' : 'not_a_whole_number') })
      .int({ error: 'not_a_whole_number' })
      .min(min, { error: rangeError })
      .max(max, { error: rangeError }),
  );
}

/** A decimal typed with a point or a German comma. */
const decimal = z.preprocess(
  (value) => {
    const v = emptyToUndefined(value);
    return typeof v === 'string' ? parseDecimal(v) : v;
  },
  z.number({ error: 'not_a_number' }).finite({ error: 'not_a_number' }).optional(),
);

/** A calendar date, YYYY-MM-DD (what <input type="date"> sends). */
const isoDate = z
  .string({ error: (issue) => (issue.input === undefined ? 'required' : 'invalid_date') })
  .refine(isCalendarDate, { error: 'invalid_date' });

const requiredDate = z.preprocess(emptyToUndefined, isoDate);
const optionalDate = z.preprocess(emptyToUndefined, isoDate.optional());

const objectOrEmpty = (value: unknown) => (value && typeof value === 'object' ? value : {});

/**
 * Text per language: German is required (content is written in German), English and Turkish are
 * optional, and an empty translation is left out so the public page falls back to German.
 */
export function requiredLocalized(max: number) {
  return z.preprocess(
    objectOrEmpty,
    z
      .object({ de: requiredText(max), en: optionalText(max), tr: optionalText(max) })
      .transform(({ de, en, tr }): LocalizedText => ({ de, ...(en ? { en } : {}), ...(tr ? { tr } : {}) })),
  );
}

/** Optional text per language: all empty means none; a translation without German is refused. */
export function optionalLocalized(max: number) {
  return z.preprocess(
    objectOrEmpty,
    z
      .object({ de: optionalText(max), en: optionalText(max), tr: optionalText(max) })
      .superRefine((value, ctx) => {
        if (!value.de && (value.en || value.tr)) ctx.addIssue({ code: 'custom', path: ['de'], message: 'german_required' });
      })
      .transform(({ de, en, tr }): LocalizedText | null => (de ? { de, ...(en ? { en } : {}), ...(tr ? { tr } : {}) } : null)),
  );
}

const version = wholeNumber(1, Number.MAX_SAFE_INTEGER);
const optionalId = z.preprocess(
  (value) => {
    const v = emptyToUndefined(value);
    if (typeof v !== 'string') return v;
    return /^\d+$/.test(v) ? Number(v) : Number.NaN;
  },
  z.number({ error: 'invalid' }).int({ error: 'invalid' }).positive({ error: 'invalid' }).optional(),
);

// ---------------------------------------------------------------------------------------------
// Dialogues

export const dialogueInputSchema = z.object({
  districtId: wholeNumber(1, 2_147_483_647),
  heldOn: requiredDate,
  venue: requiredText(SHORT_TEXT_MAX),
  participants: z.preprocess(emptyToUndefined, wholeNumber(0, PARTICIPANTS_MAX, 'participants_out_of_range').optional()),
  organisers: optionalText(ORGANISERS_MAX),
  title: requiredLocalized(TITLE_MAX),
  summary: requiredLocalized(SUMMARY_MAX),
});
export type DialogueInput = z.output<typeof dialogueInputSchema>;

export const versionSchema = z.object({ version });

// ---------------------------------------------------------------------------------------------
// Places: a point (lat, lon) or an area (corners), within the city

/** Latitude and longitude together, or neither; inside the city's bounds. */
function refinePoint(bounds: Bounds) {
  return (value: { lat?: number; lon?: number }, ctx: z.RefinementCtx) => {
    if ((value.lat === undefined) !== (value.lon === undefined)) {
      ctx.addIssue({ code: 'custom', path: [value.lat === undefined ? 'lat' : 'lon'], message: 'coordinates_incomplete' });
    } else if (value.lat !== undefined && value.lon !== undefined && !isInBounds(value.lat, value.lon, bounds)) {
      ctx.addIssue({ code: 'custom', path: ['lat'], message: 'outside_city' });
    }
  };
}

/** A list typed into one field, separated by commas, semicolons, spaces or line breaks. */
const list = (value: unknown) =>
  Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value
          .split(/[\s,;]+/)
          .map((s) => s.trim())
          .filter(Boolean)
      : [];

const isPriorityCell = (typed: string) => {
  const cell = typed.toLowerCase();
  return isValidCell(cell) && getResolution(cell) === PRIORITY_CELL_RESOLUTION;
};

/**
 * For a list typed into one field: the first entry that is not `valid`, for the message to name
 * (as `param`: each field its own, so that two wrong fields each name theirs).
 */
function firstWrong(code: EditorErrorCode, param: string, valid: (entry: string) => boolean) {
  return (ctx: z.core.ParsePayload<string[]>) => {
    const wrong = ctx.value.find((entry) => !valid(entry));
    if (wrong !== undefined) ctx.issues.push({ code: 'custom', message: code, params: { [param]: wrong.slice(0, 40) }, input: ctx.value });
  };
}

export function concernInputSchema(bounds: Bounds) {
  return z
    .object({
      text: requiredLocalized(CONCERN_MAX),
      placeKind: z.preprocess((v) => emptyToUndefined(v) ?? 'none', z.enum(placeKinds, { error: 'invalid' })),
      lat: decimal,
      lon: decimal,
      area: z.preprocess(emptyToUndefined, z.string({ error: 'invalid' }).max(AREA_MAX_CORNERS * 40, { error: 'area_too_many_corners' }).optional()),
      // Checked as typed, so that the message quotes what the coordinator wrote; stored in lower case.
      cells: z.preprocess(
        list,
        z
          .array(z.string())
          .max(LINKS_MAX, { error: 'too_many' })
          .check(firstWrong('invalid_cell', 'cell', isPriorityCell))
          .check(firstWrong('cell_outside_city', 'cell', (cell) => !isPriorityCell(cell) || isInBounds(...cellToLatLng(cell.toLowerCase()), bounds)))
          .transform((cells) => cells.map((cell) => cell.toLowerCase())),
      ),
      reportRefs: z.preprocess(
        list,
        z
          .array(z.string().toUpperCase())
          .max(LINKS_MAX, { error: 'too_many' })
          .check(firstWrong('invalid_report_ref', 'reportRef', (ref) => REPORT_REF.test(ref))),
      ),
    })
    .superRefine((value, ctx) => {
      if (value.placeKind === 'point') {
        if (value.lat === undefined && value.lon === undefined) ctx.addIssue({ code: 'custom', path: ['lat'], message: 'required' });
        else refinePoint(bounds)(value, ctx);
      }
      if (value.placeKind === 'area') {
        const corners = value.area === undefined ? [] : parseCorners(value.area);
        if (corners === null) ctx.addIssue({ code: 'custom', path: ['area'], message: 'invalid' });
        else if (corners.length < 3) ctx.addIssue({ code: 'custom', path: ['area'], message: 'area_too_few_corners' });
        else if (corners.length > AREA_MAX_CORNERS) ctx.addIssue({ code: 'custom', path: ['area'], message: 'area_too_many_corners' });
        else if (corners.some((c) => !isInBounds(c.lat, c.lon, bounds))) ctx.addIssue({ code: 'custom', path: ['area'], message: 'outside_city' });
      }
    }, unlessUnread(['placeKind', 'lat', 'lon', 'area']))
    .transform(({ text, placeKind, lat, lon, area, cells, reportRefs }) => ({
      text,
      geometry: toGeometry(placeKind, lat, lon, area),
      cells: [...new Set(cells)],
      reportRefs: [...new Set(reportRefs)],
    }));
}
export type ConcernInput = z.output<ReturnType<typeof concernInputSchema>>;

function toGeometry(kind: PlaceKind, lat?: number, lon?: number, area?: string): ConcernGeometry | null {
  if (kind === 'point' && lat !== undefined && lon !== undefined) return { type: 'Point', coordinates: [lon, lat] };
  if (kind === 'area' && area) {
    const corners = parseCorners(area) ?? [];
    const ring = corners.map((c): [number, number] => [c.lon, c.lat]);
    return { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Measures

export function measureInputSchema(bounds: Bounds) {
  return z
    .object({
      dialogueId: optionalId,
      districtId: optionalId,
      title: requiredLocalized(TITLE_MAX),
      description: optionalLocalized(MEASURE_TEXT_MAX),
      responsible: z.preprocess(emptyToUndefined, z.enum(responsibleBodies, { error: (issue) => (issue.input === undefined ? 'required' : 'invalid') })),
      responsibleName: optionalText(SHORT_TEXT_MAX),
      lat: decimal,
      lon: decimal,
      dueOn: optionalDate,
      /** Only when the measure is created; later changes go through a progress update. */
      status: z.preprocess((v) => emptyToUndefined(v) ?? 'planned', z.enum(measureStatuses, { error: 'invalid' })),
      rejectionReason: optionalLocalized(MEASURE_TEXT_MAX),
    })
    .superRefine(refinePoint(bounds), unlessUnread(['lat', 'lon']))
    .superRefine((value, ctx) => {
      if (value.status === 'rejected' && !value.rejectionReason) {
        ctx.addIssue({ code: 'custom', path: ['rejectionReason', 'de'], message: 'rejection_reason_required' });
      }
    }, unlessUnread(['status', 'rejectionReason']));
}
export type MeasureInput = z.output<ReturnType<typeof measureInputSchema>>;

export const measureUpdateInputSchema = z
  .object({
    text: requiredLocalized(MEASURE_TEXT_MAX),
    statusTo: z.preprocess(emptyToUndefined, z.enum(measureStatuses, { error: 'invalid' }).optional()),
    rejectionReason: optionalLocalized(MEASURE_TEXT_MAX),
  })
  .superRefine((value, ctx) => {
    if (value.statusTo === 'rejected' && !value.rejectionReason) {
      ctx.addIssue({ code: 'custom', path: ['rejectionReason', 'de'], message: 'rejection_reason_required' });
    }
  }, unlessUnread(['statusTo', 'rejectionReason']));
export type MeasureUpdateInput = z.output<typeof measureUpdateInputSchema>;

// ---------------------------------------------------------------------------------------------

const knownCodes = new Set<string>(editorErrorCodes);

/** Zod's issues as one code per field (the first problem of each), keyed by the field's path. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.filter((p) => typeof p === 'string').join('.') || 'form';
    fields[path] ??= knownCodes.has(issue.message) ? (issue.message as EditorErrorCode) : 'invalid';
  }
  return fields;
}

/** Names that would walk from a plain object into Object.prototype ("__proto__.x" pollutes every object). */
const prototypeKeys = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A form's fields ("title.de" → "…") as the nested object the schemas read. Anything that is not
 * a FormData — server actions can be called with any arguments — gives an empty object; a field
 * whose name passes through a prototype key is ignored (tests/integration/fuzz-staff-actions.test.ts).
 */
export function formToInput(formData: unknown): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (!(formData instanceof FormData)) return input;
  for (const [key, value] of formData) {
    if (typeof value !== 'string' || key.startsWith('$')) continue;
    const path = key.split('.');
    if (path.some((part) => prototypeKeys.has(part))) continue;
    let node = input;
    for (const part of path.slice(0, -1)) {
      if (!Object.hasOwn(node, part) || typeof node[part] !== 'object' || node[part] === null) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[path.at(-1)!] = value;
  }
  return input;
}

/** The same fields, flat, to put back into the form after a refused submission. */
export function formValues(formData: unknown): Record<string, string> {
  if (!(formData instanceof FormData)) return {};
  const values: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === 'string' && !key.startsWith('$')) values[key] = value;
  return values;
}
