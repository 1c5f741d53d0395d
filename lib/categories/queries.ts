import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { categories } from '@/lib/db/schema';
import { localize } from '@/lib/i18n/localize';
import type { Locale } from '@/lib/i18n/routing';

export type CategoryOption = { slug: string; label: string; description?: string };

/** Active categories in display order, labelled in `locale` (German where a translation is missing). */
export async function listCategories(db: Db, locale: Locale): Promise<CategoryOption[]> {
  const rows = await db
    .select()
    .from(categories)
    .where(eq(categories.active, true))
    .orderBy(asc(categories.sortOrder), asc(categories.id));
  return rows.map((c) => ({
    slug: c.slug,
    label: localize(c.label, locale),
    ...(c.description ? { description: localize(c.description, locale) } : {}),
  }));
}
