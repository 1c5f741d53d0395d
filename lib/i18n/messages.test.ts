import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { fieldErrorCodes } from '@/lib/reports/validation';
import { getMessages, negotiateLocale } from './messages';
import { locales } from './routing';

type Tree = { [key: string]: string | Tree };
const keys = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
/** The arguments a message takes (ICU MessageFormat, as next-intl reads it), also inside select and plural branches. */
function argumentsOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type !== TYPE.literal && element.type !== TYPE.tag && 'value' in element) found.add(element.value);
    if ('options' in element) for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    if ('children' in element) argumentsOf(element.children, found);
  }
  return found;
}
const placeholders = (text: string) => [...argumentsOf(parse(text, { ignoreTag: true }))].sort();

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
