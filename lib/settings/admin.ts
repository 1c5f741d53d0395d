import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { audit, type AuditActor } from '@/lib/audit/audit';
import type { Db } from '@/lib/db/client';
import { getCityConfig } from '@/lib/city/config';
import { settings, type PatrolStartPoint } from '@/lib/db/schema';
import { isInBounds, type Bounds } from '@/lib/geo/bounds';
import { normalizeEmbedOrigin } from '@/lib/embed/origins';
import { parseDecimal } from '@/lib/numbers';
import { locales, type Locale } from '@/lib/i18n/routing';
import { contentPages, type ContentPage } from '@/lib/pages/content';
import { defaultSettings, MIN_PRIVACY_K, type SettingKey } from './defaults';
import { getSetting, type SettingValue } from './queries';
import { withoutNul } from '@/lib/text';

/**
 * The settings form of the staff area (Administration → Settings): validated here, so the form,
 * a script or a test get the same answers. Every change is audited with its value before and after.
 */

/** Above this a cell would hardly ever show: a typo, not a policy. */
export const MAX_PRIVACY_K = 50;
export const MAX_RETENTION_DAYS = 3650;
export const MAX_EMBED_ORIGINS = 20;
/** A stop of 10–16 minutes is the Koper curve's best; outside 5–60 it is a typo. */
export const MIN_DWELL_MINUTES = 5;
export const MAX_DWELL_MINUTES = 60;
export const MAX_START_POINTS = 10;

/**
 * Patrol start points, one per line: "Name; latitude; longitude" (decimal point or comma in the
 * numbers). Inside the city's map bounds. An empty text means the city's defaults. A wrong line is
 * named by its number in the text, blank lines counted, as the admin sees it.
 */
export function parseStartPoints(
  text: string,
  bounds: Bounds,
): { ok: true; points: PatrolStartPoint[] } | { ok: false; line: number; text: string; problem: 'format' | 'outside' } {
  const points: PatrolStartPoint[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    const parts = line.split(';').map((p) => p.trim());
    const [lat, lon] = parts.slice(1).map(parseDecimal);
    const wrong = { ok: false as const, line: index + 1, text: line.slice(0, 80) };
    if (parts.length !== 3 || !parts[0] || parts[0].length > 100 || !withoutNul(parts[0]) || !Number.isFinite(lat) || !Number.isFinite(lon)) {
      return { ...wrong, problem: 'format' };
    }
    if (!isInBounds(lat, lon, bounds)) return { ...wrong, problem: 'outside' };
    points.push({ name: parts[0], lat, lon });
  }
  return { ok: true, points };
}

const integer = (errors: { invalid: string; low: string; high: string }, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+$/, { error: errors.invalid })
    .transform(Number)
    .pipe(z.number().min(min, { error: errors.low }).max(max, { error: errors.high }));

export const settingsFormSchema = z.object({
  privacyK: integer({ invalid: 'k_invalid', low: 'k_too_low', high: 'k_too_high' }, MIN_PRIVACY_K, MAX_PRIVACY_K),
  retentionDays: integer({ invalid: 'retention_invalid', low: 'retention_invalid', high: 'retention_too_high' }, 1, MAX_RETENTION_DAYS),
  /** One origin per line (or separated by spaces or commas); a wrong one is named with its line. */
  embedOrigins: z
    .string()
    .max(5000, { error: 'origins_too_many' })
    .transform((text, ctx) => {
      const origins: string[] = [];
      for (const [index, line] of text.split(/\r?\n/).entries()) {
        for (const entry of line.split(/[\s,]+/).filter(Boolean)) {
          const origin = normalizeEmbedOrigin(entry);
          if (!origin) {
            ctx.addIssue({ code: 'custom', message: 'origin_invalid', params: { originLine: index + 1, origin: entry.slice(0, 100) } });
            return z.NEVER;
          }
          if (!origins.includes(origin)) origins.push(origin);
        }
      }
      if (origins.length > MAX_EMBED_ORIGINS) {
        ctx.addIssue({ code: 'custom', message: 'origins_too_many' });
        return z.NEVER;
      }
      return origins;
    }),
  /** Optional, so a form or script that predates the patrol settings leaves them as they are. */
  patrolDwellMinutes: integer({ invalid: 'dwell_invalid', low: 'dwell_invalid', high: 'dwell_invalid' }, MIN_DWELL_MINUTES, MAX_DWELL_MINUTES).optional(),
  patrolStartPoints: z
    .string()
    .max(5000, { error: 'start_points_too_many' })
    .transform((text, ctx) => {
      const parsed = parseStartPoints(text, getCityConfig().bounds);
      if (!parsed.ok) {
        const message = parsed.problem === 'outside' ? 'start_point_outside' : 'start_points_invalid';
        ctx.addIssue({ code: 'custom', message, params: { startPointLine: parsed.line, startPoint: parsed.text } });
        return z.NEVER;
      }
      if (parsed.points.length > MAX_START_POINTS) {
        ctx.addIssue({ code: 'custom', message: 'start_points_too_many' });
        return z.NEVER;
      }
      return parsed.points;
    })
    .optional(),
});
export type SettingsFormInput = z.output<typeof settingsFormSchema>;

/** The settings on the admin's settings page (score parameters and page texts have their own). */
const editableKeys = ['privacy.k', 'retention.emailDays', 'embed.origins', 'patrol.dwellMinutes', 'patrol.startPoints'] as const satisfies readonly SettingKey[];
type EditableKey = (typeof editableKeys)[number];
export type AdminSettings = { [K in EditableKey]: SettingValue<K> };

export async function getAdminSettings(db: Db): Promise<AdminSettings> {
  const keys = editableKeys;
  const values = await Promise.all(keys.map((key) => getSetting(db, key)));
  return Object.fromEntries(keys.map((key, i) => [key, values[i]])) as AdminSettings;
}

/** Writes the settings that changed and audits each; returns the keys that changed. */
export async function updateSettings(db: Db, actor: AuditActor, input: SettingsFormInput): Promise<SettingKey[]> {
  const next: Partial<AdminSettings> = {
    'privacy.k': input.privacyK,
    'retention.emailDays': input.retentionDays,
    'embed.origins': input.embedOrigins,
    ...(input.patrolDwellMinutes === undefined ? {} : { 'patrol.dwellMinutes': input.patrolDwellMinutes }),
    ...(input.patrolStartPoints === undefined ? {} : { 'patrol.startPoints': input.patrolStartPoints }),
  };
  return db.transaction(async (tx) => {
    const keys = Object.keys(next) as EditableKey[];
    const rows = await tx.select().from(settings).where(inArray(settings.key, keys)).for('update');
    const current = new Map(rows.map((r) => [r.key, r.value]));
    const changed: SettingKey[] = [];
    for (const key of keys) {
      const before = current.has(key) ? current.get(key) : defaultSettings[key];
      if (JSON.stringify(before) === JSON.stringify(next[key])) continue;
      await writeSetting(tx, key, next[key]);
      await audit(tx, actor, 'setting.changed', 'setting', key, { value: before }, { value: next[key] });
      changed.push(key);
    }
    return changed;
  });
}

async function writeSetting(tx: Db, key: string, value: unknown) {
  await tx
    .insert(settings)
    .values({ key, value, updatedAt: new Date() })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}

// Patrol-priority parameters (DESIGN.md, "Patrol priorities"; defaults and their evidence in
// lib/settings/defaults.ts and lib/priorities/NOTES.md). Category weights live with the categories.

const decimal = (errors: { invalid: string; range: string }, min: number, max: number) =>
  z
    .string()
    .transform(parseDecimal)
    .pipe(z.number({ error: errors.invalid }).min(min, { error: errors.range }).max(max, { error: errors.range }));

/** Each priority parameter's range: the schema checks it, the form's hints name it. */
export const PRIORITY_RANGES = {
  halfLifeDays: { min: 1, max: 365 },
  bandwidthMetres: { min: 50, max: 1000 },
  reporterWindowDays: { min: 1, max: 365 },
  trendDays: { min: 7, max: 182 },
  minSupport: { min: 1, max: 50 },
  minZ: { min: 0, max: 10 },
  fdrAlpha: { min: 0.001, max: 0.5 },
} as const;

const wholeNumber = ({ min, max }: { min: number; max: number }) =>
  integer({ invalid: 'whole_number_invalid', low: 'number_out_of_range', high: 'number_out_of_range' }, min, max);
const fraction = ({ min, max }: { min: number; max: number }) => decimal({ invalid: 'number_invalid', range: 'number_out_of_range' }, min, max);

export const prioritySettingsSchema = z.object({
  halfLifeDays: wholeNumber(PRIORITY_RANGES.halfLifeDays),
  bandwidthMetres: wholeNumber(PRIORITY_RANGES.bandwidthMetres),
  reporterWindowDays: wholeNumber(PRIORITY_RANGES.reporterWindowDays),
  trendDays: wholeNumber(PRIORITY_RANGES.trendDays),
  minSupport: wholeNumber(PRIORITY_RANGES.minSupport),
  minZ: fraction(PRIORITY_RANGES.minZ),
  fdrAlpha: fraction(PRIORITY_RANGES.fdrAlpha),
});
export type PrioritySettingsInput = z.output<typeof prioritySettingsSchema>;

const priorityKeys = {
  halfLifeDays: 'priorities.halfLifeDays',
  bandwidthMetres: 'priorities.bandwidthMetres',
  reporterWindowDays: 'priorities.reporterWindowDays',
  trendDays: 'priorities.trendDays',
  minSupport: 'priorities.minSupport',
  minZ: 'priorities.minZ',
  fdrAlpha: 'priorities.fdrAlpha',
} as const satisfies Record<keyof PrioritySettingsInput, SettingKey>;

export async function getPrioritySettings(db: Db): Promise<PrioritySettingsInput> {
  const fields = Object.keys(priorityKeys) as (keyof PrioritySettingsInput)[];
  const values = await Promise.all(fields.map((field) => getSetting(db, priorityKeys[field])));
  return Object.fromEntries(fields.map((field, i) => [field, values[i]])) as PrioritySettingsInput;
}

/** Writes the priority parameters that changed, each audited; returns the keys that changed. */
export async function updatePrioritySettings(db: Db, actor: AuditActor, input: PrioritySettingsInput): Promise<SettingKey[]> {
  return db.transaction(async (tx) => {
    const keys = Object.values(priorityKeys);
    const rows = await tx.select().from(settings).where(inArray(settings.key, keys)).for('update');
    const current = new Map(rows.map((r) => [r.key, r.value]));
    const changed: SettingKey[] = [];
    for (const [field, key] of Object.entries(priorityKeys) as [keyof PrioritySettingsInput, SettingKey][]) {
      const before = current.has(key) ? current.get(key) : defaultSettings[key];
      if (before === input[field]) continue;
      await writeSetting(tx, key, input[field]);
      await audit(tx, actor, 'setting.changed', 'setting', key, { value: before }, { value: input[field] });
      changed.push(key);
    }
    return changed;
  });
}

// Page texts: the legal pages' Markdown per language, read by lib/pages/content.ts.

export const PAGE_TEXT_MAX = 100_000;

export function pageTextKey(page: ContentPage, locale: Locale): string {
  return `page.${page}.${locale}`;
}

export const pageTextSchema = z.object({
  page: z.enum(contentPages, { error: 'page_unknown' }),
  lang: z.enum(locales, { error: 'page_unknown' }),
  markdown: z
    .string()
    .max(PAGE_TEXT_MAX, { error: 'page_too_long' })
    .refine(withoutNul, { error: 'text_invalid' })
    .transform((s) => s.replace(/\r\n/g, '\n').trim())
    // The first line is the page's title (lib/pages/content.ts): insist on it, or the page loses its heading.
    .refine((s) => /^# \S/.test(s), { error: 'page_title_missing' }),
});
export type PageTextInput = z.output<typeof pageTextSchema>;

/** The admin's own text for a page, or null when the city's default file is shown. */
export async function getPageText(db: Db, page: ContentPage, locale: Locale): Promise<string | null> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, pageTextKey(page, locale)));
  return typeof row?.value === 'string' && row.value.trim() ? row.value : null;
}

/** Which pages and languages have an admin's text (the others show the city's default). */
export async function listCustomPageTexts(db: Db): Promise<Set<string>> {
  const keys = contentPages.flatMap((page) => locales.map((locale) => pageTextKey(page, locale)));
  const rows = await db.select({ key: settings.key, value: settings.value }).from(settings).where(inArray(settings.key, keys));
  return new Set(rows.filter((r) => typeof r.value === 'string' && r.value.trim()).map((r) => r.key));
}

/** Saves a page's text, or with `null` goes back to the city's default file. Audited with both texts. */
export async function updatePageText(db: Db, actor: AuditActor, page: ContentPage, locale: Locale, markdown: string | null): Promise<boolean> {
  const key = pageTextKey(page, locale);
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(settings).where(eq(settings.key, key)).for('update');
    const before = typeof row?.value === 'string' ? row.value : null;
    if (before === markdown) return false;
    if (markdown === null) await tx.delete(settings).where(eq(settings.key, key));
    else await writeSetting(tx, key, markdown);
    await audit(tx, actor, markdown === null ? 'page.reset' : 'page.changed', 'page', key, { markdown: before }, { markdown });
    return true;
  });
}
