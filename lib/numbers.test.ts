import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locales } from './i18n/routing';
import { formatDecimal, parseDecimal, splitDecimalPair } from './numbers';

describe('numbers typed into a form field', () => {
  it('reads a decimal point or comma, a sign and whitespace around', () => {
    expect(parseDecimal('1,5')).toBe(1.5);
    expect(parseDecimal(' 1.5 ')).toBe(1.5);
    expect(parseDecimal('-7')).toBe(-7);
    expect(parseDecimal(',05')).toBe(0.05);
    expect(parseDecimal('2.')).toBe(2);
  });

  it('refuses what Number() would read but a person does not mean', () => {
    for (const text of ['', ' ', '1e3', '0x10', 'Infinity', '1.000,5', '1,5,0', '+', '-', '.', '1 5', '١٢']) {
      expect(parseDecimal(text), text).toBeNaN();
    }
  });

  it('reads back every number as a field shows it, in each language', () => {
    // The fields take nothing finer than 0.001 (the smallest false discovery rate).
    const fieldValue = fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((v) => Object.is(v, 0) || Math.abs(v) >= 0.001);
    fc.assert(
      fc.property(fieldValue, fc.constantFrom(...locales), (value, locale) => {
        expect(parseDecimal(formatDecimal(value, locale))).toBe(value);
      }),
    );
  });

  it('splits two numbers pasted into one field, as maps copy a place, and nothing else', () => {
    const pairs: [string, [string, string]][] = [
      ['51.6139, 7.5231', ['51.6139', '7.5231']],
      ['51.6139,7.5231', ['51.6139', '7.5231']],
      [' 51,6139; 7,5231 ', ['51,6139', '7,5231']],
      ['51,6139 7,5231', ['51,6139', '7,5231']],
      ['51,6139, 7,5231', ['51,6139', '7,5231']],
    ];
    for (const [text, pair] of pairs) expect(splitDecimalPair(text), text).toEqual(pair);
    for (const text of ['51,6139', '51.6139', '51,6139,7,5231', 'a, b', '51.6139, 7.5231, 3', '']) expect(splitDecimalPair(text), text).toBeNull();
  });
});
