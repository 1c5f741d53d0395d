import { describe, expect, it } from 'vitest';
import { missesTranslations } from './admin';

describe('a category’s translations', () => {
  it('are complete only with every label and, where there is a German description, every description', () => {
    const label = { de: 'Dunkel', en: 'Dark', tr: 'Karanlık' };
    expect(missesTranslations({ label, description: null })).toBe(false);
    expect(missesTranslations({ label, description: { de: 'Keine Laternen', en: 'No street lights', tr: 'Sokak lambası yok' } })).toBe(false);
    expect(missesTranslations({ label, description: { de: 'Keine Laternen', en: '', tr: '' } })).toBe(true);
    expect(missesTranslations({ label: { de: 'Dunkel', en: 'Dark', tr: ' ' }, description: null })).toBe(true);
  });
});
