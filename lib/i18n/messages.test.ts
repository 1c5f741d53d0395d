import { describe, expect, it } from 'vitest';
import { fieldErrorCodes } from '@/lib/reports/validation';
import { getMessages, negotiateLocale } from './messages';
import { locales } from './routing';

type Tree = { [key: string]: string | Tree };
const keys = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)(?=[,}])/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const german = getMessages('de') as unknown as Tree;

  it.each(locales)('%s has every key German has, with the same placeholders', (locale) => {
    const messages = getMessages(locale) as unknown as Tree;
    expect(keys(messages).sort()).toEqual(keys(german).sort());
    const lookup = (tree: Tree, key: string) => key.split('.').reduce<Tree | string>((t, k) => (t as Tree)[k], tree) as string;
    for (const key of keys(german)) expect(placeholders(lookup(messages, key)), key).toEqual(placeholders(lookup(german, key)));
  });

  it('has a message for every validation code', () => {
    for (const locale of locales) {
      for (const code of fieldErrorCodes) expect(getMessages(locale).report.errors[code], `${locale} ${code}`).toBeTruthy();
    }
  });

  it('negotiates the API language: explicit choice, then Accept-Language, then German', () => {
    expect(negotiateLocale('tr', 'en-GB')).toBe('tr');
    expect(negotiateLocale(undefined, 'en-GB,en;q=0.9,de;q=0.8')).toBe('en');
    expect(negotiateLocale('fr', 'fr-FR, tr;q=0.5')).toBe('tr');
    expect(negotiateLocale(null, null)).toBe('de');
  });
});
