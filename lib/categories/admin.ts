import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit, type AuditActor } from '@/lib/audit/audit';
import type { Db } from '@/lib/db/client';
import { parseDecimal } from '@/lib/numbers';
import { categories, reports, type Category, type LocalizedText } from '@/lib/db/schema';
import { refreshPriorityCellTotals } from '@/lib/priorities/service';
import { CATEGORY_SLUG_MAX, CATEGORY_SLUG_MIN, CATEGORY_SORT_MAX, CATEGORY_WEIGHT_MAX, CATEGORY_WEIGHT_MIN } from './limits';
import { withoutNul } from '@/lib/text';

/**
 * Categories as admins keep them: labels and descriptions per language (German required, the
 * others fall back to it), the weight w_i in the priority score (DESIGN.md, "Patrol priorities"),
 * and whether residents may choose it. Categories are never deleted: reports refer to them.
 */

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: 'too_long' })
    .refine(withoutNul, { error: 'text_invalid' })
    .optional()
    .transform((s) => s || undefined);

/** "1,5" as Germans write it is 1.5. */
const weightSchema = z
  .string({ error: 'weight_invalid' })
  .transform(parseDecimal)
  .pipe(
    z
      .number({ error: 'weight_invalid' })
      .gte(CATEGORY_WEIGHT_MIN, { error: 'weight_too_low' })
      .max(CATEGORY_WEIGHT_MAX, { error: 'weight_too_high' }),
  );

export const categoryFormSchema = z.object({
  labelDe: z.string().trim().min(1, { error: 'label_required' }).max(80, { error: 'too_long' }).refine(withoutNul, { error: 'text_invalid' }),
  labelEn: optionalText(80),
  labelTr: optionalText(80),
  descriptionDe: optionalText(300),
  descriptionEn: optionalText(300),
  descriptionTr: optionalText(300),
  weight: weightSchema,
  active: z.boolean(),
  sortOrder: z.coerce.number({ error: 'sort_invalid' }).int({ error: 'sort_invalid' }).min(0, { error: 'sort_invalid' }).max(CATEGORY_SORT_MAX, { error: 'sort_invalid' }),
});
export type CategoryFormInput = z.output<typeof categoryFormSchema>;

export const categorySlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'slug_invalid' })
  .min(CATEGORY_SLUG_MIN, { error: 'slug_invalid' })
  .max(CATEGORY_SLUG_MAX, { error: 'slug_invalid' });

export type CategoryFieldErrors = Partial<Record<keyof CategoryFormInput | 'slug' | 'form', string>>;
export type CategoryResult = { ok: true; category: Category } | { ok: false; fields: CategoryFieldErrors };

function toRow(input: CategoryFormInput) {
  const label: LocalizedText = { de: input.labelDe, ...(input.labelEn ? { en: input.labelEn } : {}), ...(input.labelTr ? { tr: input.labelTr } : {}) };
  const description: LocalizedText | null = input.descriptionDe
    ? { de: input.descriptionDe, ...(input.descriptionEn ? { en: input.descriptionEn } : {}), ...(input.descriptionTr ? { tr: input.descriptionTr } : {}) }
    : null;
  return { label, description, weight: input.weight, active: input.active, sortOrder: input.sortOrder };
}

function describe(category: Pick<Category, 'label' | 'description' | 'weight' | 'active' | 'sortOrder'>) {
  return {
    label: category.label,
    description: category.description,
    weight: category.weight,
    active: category.active,
    sortOrder: category.sortOrder,
  };
}

export type CategoryWithCount = Category & { reportCount: number };

/** Every category, inactive ones too, in display order, with how many reports use it. */
/** Whether a category lacks a translation: of its label, or of a description it has in German. */
export function missesTranslations(category: Pick<Category, 'label' | 'description'>): boolean {
  return (['en', 'tr'] as const).some((locale) => !category.label[locale]?.trim() || (Boolean(category.description?.de?.trim()) && !category.description?.[locale]?.trim()));
}

export async function listAllCategories(db: Db): Promise<CategoryWithCount[]> {
  const counts = db
    .select({ categoryId: reports.categoryId, count: sql<number>`count(*)::int`.as('count') })
    .from(reports)
    .groupBy(reports.categoryId)
    .as('counts');
  const rows = await db
    .select({ category: categories, reportCount: sql<number>`coalesce(${counts.count}, 0)::int` })
    .from(categories)
    .leftJoin(counts, eq(counts.categoryId, categories.id))
    .orderBy(asc(categories.sortOrder), asc(categories.id));
  return rows.map((r) => ({ ...r.category, reportCount: r.reportCount }));
}

export async function getCategoryBySlug(db: Db, slug: string): Promise<Category | undefined> {
  const [row] = await db.select().from(categories).where(eq(categories.slug, slug));
  return row;
}

export async function createCategory(db: Db, actor: AuditActor, slug: string, input: CategoryFormInput): Promise<CategoryResult> {
  return db.transaction(async (tx) => {
    const [category] = await tx
      .insert(categories)
      .values({ slug, ...toRow(input) })
      .onConflictDoNothing({ target: categories.slug })
      .returning();
    if (!category) return { ok: false, fields: { slug: 'slug_taken' } } as const;
    await audit(tx, actor, 'category.created', 'category', slug, null, describe(category));
    await refreshPriorityCellTotals(tx);
    return { ok: true, category } as const;
  });
}

export async function updateCategory(db: Db, actor: AuditActor, slug: string, input: CategoryFormInput): Promise<CategoryResult> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(categories).where(eq(categories.slug, slug)).for('update');
    if (!existing) return { ok: false, fields: { form: 'category_not_found' } } as const;
    const [category] = await tx.update(categories).set(toRow(input)).where(eq(categories.id, existing.id)).returning();
    // Only what changed goes into the log, before and after.
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const was = describe(existing);
    const now = describe(category);
    for (const key of Object.keys(now) as (keyof typeof now)[]) {
      if (JSON.stringify(was[key]) !== JSON.stringify(now[key])) {
        before[key] = was[key];
        after[key] = now[key];
      }
    }
    if (Object.keys(after).length > 0) await audit(tx, actor, 'category.updated', 'category', slug, before, after);
    // The per-cell priority rollup holds the weights applied; rebuild it in the same transaction.
    if ('weight' in after) await refreshPriorityCellTotals(tx);
    return { ok: true, category } as const;
  });
}
