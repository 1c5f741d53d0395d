import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, Geometry } from 'geojson';
import { z } from 'zod';
import type { LocalizedText } from '@/lib/db/schema';
import { CATEGORY_WEIGHT_MAX, CATEGORY_WEIGHT_MIN } from '@/lib/categories/limits';
import { env } from '@/lib/env';
import { isInBounds } from '@/lib/geo/bounds';
import { localize } from '@/lib/i18n/localize';
import { issuesText, unlessUnread } from '@/lib/zod-checks';
import type { Locale } from '@/lib/i18n/routing';

const localizedText = z.object({ de: z.string().min(1), en: z.string().optional(), tr: z.string().optional() });

/** Whether this runtime knows the time zone: an unknown one fails only where a date is formatted in it. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const bounds = z
  .object({ minLat: z.number(), minLon: z.number(), maxLat: z.number(), maxLon: z.number() })
  .refine((b) => b.minLat < b.maxLat, { path: ['maxLat'], message: 'must be greater than minLat' })
  .refine((b) => b.minLon < b.maxLon, { path: ['maxLon'], message: 'must be greater than minLon' });

/**
 * Everything city-specific lives in cities/<CITY>/: the city's name and map, its districts and
 * its categories. A second city is a second folder, not a code change. A value the pages could not
 * use (an unknown time zone, bounds the wrong way round, a map opening outside them) is refused
 * here, so that a wrong city.json stops the start instead of pages answering 500.
 */
export const citySchema = z
  .object({
    name: z.string().min(1),
    refPrefix: z.string().regex(/^[A-Z]{2,5}$/),
    /** Open311 jurisdiction_id: requests that name another jurisdiction are refused. */
    jurisdictionId: z.string().min(1),
    timeZone: z.string().refine(isTimeZone, 'not a time zone this runtime knows: an IANA name such as Europe/Berlin'),
    center: z.object({ lat: z.number(), lon: z.number() }),
    zoom: z.number().int(),
    minZoom: z.number().int(),
    maxZoom: z.number().int(),
    bounds,
    /** Who offers the portal, named in every footer: one text, or one per language (German required). */
    partnership: z.union([z.string(), localizedText]),
    operator: z.object({ name: z.string(), address: z.string(), email: z.string(), phone: z.string() }),
    /** Where to report a vulnerability (/.well-known/security.txt): a mailto: or https: address; default the operator's e-mail. */
    securityContact: z.string().regex(/^(?:mailto:|https:\/\/)\S+$/).optional(),
    /** Default start points of patrol plans, until an admin sets their own (lib/patrols/settings.ts). */
    patrolStartPoints: z.array(z.object({ name: z.string().min(1), lat: z.number(), lon: z.number() })).optional(),
  })
  .superRefine((city, ctx) => {
    if (city.minZoom > city.maxZoom) ctx.addIssue({ code: 'custom', path: ['maxZoom'], message: 'must not be less than minZoom' });
    else if (city.zoom < city.minZoom || city.zoom > city.maxZoom) {
      ctx.addIssue({ code: 'custom', path: ['zoom'], message: `must be within minZoom and maxZoom (${city.minZoom} to ${city.maxZoom})` });
    }
  }, unlessUnread(['zoom', 'minZoom', 'maxZoom']))
  .superRefine((city, ctx) => {
    if (!isInBounds(city.center.lat, city.center.lon, city.bounds)) ctx.addIssue({ code: 'custom', path: ['center'], message: 'must lie within bounds' });
  }, unlessUnread(['center', 'bounds']));

export type CityConfig = z.infer<typeof citySchema>;

/** The address security.txt names for reporting a vulnerability. */
export function securityContact(city: CityConfig): string {
  return city.securityContact ?? `mailto:${city.operator.email}`;
}

/** The partnership's name in the page's language; German where the city gives no translation. */
export function partnershipName(city: CityConfig, locale: Locale): string {
  return typeof city.partnership === 'string' ? city.partnership : localize(city.partnership, locale);
}

const categorySeedSchema = z.array(
  z.object({
    slug: z.string().regex(/^[a-z0-9-]+$/),
    weight: z.number().min(CATEGORY_WEIGHT_MIN).max(CATEGORY_WEIGHT_MAX),
    label: localizedText,
    description: localizedText.optional(),
  }),
);

export type CategorySeed = z.infer<typeof categorySeedSchema>[number] & { label: LocalizedText };

/** A file of the city's folder, as a path to name in messages (relative to the project). */
export function cityFile(name: string): string {
  return join('cities', env().CITY, name);
}

/** A JSON file of the city's folder; a missing or wrong file is an error that names it and what is wrong. */
function readJson<T>(name: string, schema: z.ZodType<T>): T {
  const file = cityFile(name);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(join(process.cwd(), file), 'utf8'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(`${file}: ${missing ? `missing (is CITY=${env().CITY} right?)` : (error as Error).message}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${file}: ${issuesText(parsed.error)}`);
  return parsed.data;
}

let city: CityConfig | undefined;

export function getCityConfig(): CityConfig {
  city ??= readJson('city.json', citySchema);
  return city;
}

export function getCategorySeeds(): CategorySeed[] {
  return readJson('categories.json', categorySeedSchema);
}

/** The districts as the file has them; lib/city/check.ts checks them as the admin's import does. */
export function getDistrictSeeds(): FeatureCollection<Geometry, { slug: string; name: string }> {
  return readJson('districts.geojson', z.custom<FeatureCollection<Geometry, { slug: string; name: string }>>());
}
