import { and, eq } from 'drizzle-orm';
import { listCategories } from '@/lib/categories/queries';
import { localize } from '@/lib/i18n/localize';
import type { Db } from '@/lib/db/client';
import { categories, timesOfDay, weekdays } from '@/lib/db/schema';
import { getMessages } from '@/lib/i18n/messages';

// Open311 speaks German here: the portal's first language and that of the city systems using it.
const de = getMessages('de');

/** Our categories as GeoReport services: service_code is the category's slug. */
export type Service = {
  service_code: string;
  service_name: string;
  description?: string;
  /** Every category asks for the same attributes (feeling, when, days): always true. */
  metadata: boolean;
  type: 'realtime';
};

export async function listServices(db: Db): Promise<Service[]> {
  return (await listCategories(db, 'de')).map((c) => ({
    service_code: c.slug,
    service_name: c.label,
    ...(c.description ? { description: c.description } : {}),
    metadata: true,
    type: 'realtime',
  }));
}

/** Category slugs are [a-z0-9-] (city config); anything else is no service and never reaches a query. */
export function isServiceCode(code: string): boolean {
  return /^[a-z0-9-]{1,64}$/.test(code);
}

/** The active category behind a service_code, or null. */
export async function findService(db: Db, code: string): Promise<{ id: number; slug: string; name: string } | null> {
  if (!isServiceCode(code)) return null;
  const [row] = await db
    .select({ id: categories.id, slug: categories.slug, label: categories.label })
    .from(categories)
    .where(and(eq(categories.slug, code), eq(categories.active, true)));
  return row ? { id: row.id, slug: row.slug, name: localize(row.label, 'de') } : null;
}

export const FEELING_VALUES = ['1', '2', '3', '4', '5'] as const;
/** "always" stands alone; otherwise times of day, optionally narrowed to weekdays. */
export const WHEN_VALUES = [...timesOfDay, 'always'] as const;
export const DAY_VALUES = weekdays;

export type ServiceAttribute = {
  variable: boolean;
  code: string;
  datatype: 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values: { key: string; name: string }[];
};

export type ServiceDefinition = { service_code: string; attributes: ServiceAttribute[] };

/** The questions our report form asks, as GeoReport attributes (POST as attribute[code]). */
export const serviceAttributes: ServiceAttribute[] = [
  {
    variable: true,
    code: 'feeling',
    datatype: 'singlevaluelist',
    required: true,
    datatype_description: 'Genau ein Wert von 1 (etwas unwohl) bis 5 (ich meide den Ort): attribute[feeling]=4',
    order: 1,
    description: 'Wie unsicher fühlt man sich an diesem Ort?',
    values: FEELING_VALUES.map((key) => ({ key, name: de.report[`feeling${key}`] })),
  },
  {
    variable: true,
    code: 'when',
    datatype: 'multivaluelist',
    required: true,
    datatype_description:
      'Eine oder mehrere Tageszeiten (attribute[when][]=evening&attribute[when][]=night) oder allein „always“ für immer.',
    order: 2,
    description: 'Wann fühlt man sich dort unsicher?',
    values: WHEN_VALUES.map((key) => ({ key, name: key === 'always' ? de.report.whenAlways : de.report.times[key] })),
  },
  {
    variable: true,
    code: 'days',
    datatype: 'multivaluelist',
    required: false,
    datatype_description:
      'Ein oder mehrere Wochentage (attribute[days][]=fri&attribute[days][]=sat). Ohne Angabe: alle Tage. Bei „always“ ohne Bedeutung.',
    order: 3,
    description: 'An welchen Wochentagen?',
    values: DAY_VALUES.map((key) => ({ key, name: de.report.days[key] })),
  },
];

export async function getServiceDefinition(db: Db, code: string): Promise<ServiceDefinition | null> {
  const service = await findService(db, code);
  return service ? { service_code: service.slug, attributes: serviceAttributes } : null;
}

/** True when a category (active or retired) has this slug: old requests keep their service_code. */
export async function serviceCodeExists(db: Db, code: string): Promise<boolean> {
  if (!isServiceCode(code)) return false;
  const [row] = await db.select({ id: categories.id }).from(categories).where(eq(categories.slug, code));
  return Boolean(row);
}
