import { describe, expect, it } from 'vitest';
import { categoryFormSchema, missesTranslations } from './admin';

describe('a category’s translations', () => {
  it('are complete only with every label and, where there is a German description, every description', () => {
    const label = { de: 'Dunkel', en: 'Dark', tr: 'Karanlık' };
    expect(missesTranslations({ label, description: null })).toBe(false);
    expect(missesTranslations({ label, description: { de: 'Keine Laternen', en: 'No street lights', tr: 'Sokak lambası yok' } })).toBe(false);
    expect(missesTranslations({ label, description: { de: 'Keine Laternen', en: '', tr: '' } })).toBe(true);
    expect(missesTranslations({ label: { de: 'Dunkel', en: 'Dark', tr: ' ' }, description: null })).toBe(true);
  });
});

describe('a category form', () => {
  it('refuses U+0000, which PostgreSQL cannot store, in labels and descriptions', () => {
    const valid = { labelDe: 'Dunkel', weight: '1,5', active: true, sortOrder: '0' };
    expect(categoryFormSchema.safeParse(valid).success).toBe(true);
    for (const field of ['labelDe', 'labelEn', 'descriptionTr']) {
      const result = categoryFormSchema.safeParse({ ...valid, [field]: 'x\u0000' });
      expect(result.success, field).toBe(false);
      expect(result.error?.issues.map((i) => [i.path.join('.'), i.message]), field).toEqual([[field, 'text_invalid']]);
    }
  });
});
