import { describe, expect, it } from 'vitest';
import { generateRef } from './reference';
import { normalizeRef, REF_ALPHABET, REF_LENGTH, refFromPathSegment, refFromTyped } from './ref-format';

describe('public references', () => {
  it('have the city prefix and six symbols without look-alikes', () => {
    for (let i = 0; i < 500; i++) {
      const ref = generateRef('LUN');
      expect(ref).toMatch(/^LUN-[2-9A-HJKMNP-TV-Z]{6}$/);
      expect(ref.slice(4)).not.toMatch(/[01ILOU]/);
    }
  });

  it('are not sequential: 10,000 draws are nearly all different and spread over the alphabet', () => {
    const refs = Array.from({ length: 10_000 }, () => generateRef('LUN'));
    // 30^6 possibilities: a birthday collision among 10,000 is possible (~7 %), many are not.
    expect(new Set(refs).size).toBeGreaterThan(9_990);
    const firstSymbols = new Set(refs.map((r) => r[4]));
    expect(firstSymbols.size).toBe(REF_ALPHABET.length);
  });

  it('accepts what people type and refuses what is not a reference', () => {
    expect(normalizeRef('  lun-7k2q9m ')).toBe('LUN-7K2Q9M');
    // A space, another dash or none for the hyphen, as people type or copy it.
    for (const typed of ['LUN 7K2Q9M', 'lun7k2q9m', 'LUN – 7K2Q9M', 'LUN‑7K2Q9M']) expect(normalizeRef(typed), typed).toBe('LUN-7K2Q9M');
    expect(normalizeRef('LUN-7K2Q9')).toBeNull();
    expect(normalizeRef('LUN-7K2Q9O')).toBeNull(); // O is not in the alphabet
    expect(normalizeRef('../../etc/passwd')).toBeNull();
    expect(normalizeRef('LUN--7K2Q9M2')).toBeNull();
    expect(normalizeRef('LUN_7K2Q9M')).toBeNull();
    expect(normalizeRef(`LUN-${'2'.repeat(REF_LENGTH)}`)).toBe('LUN-222222');
  });

  it('in the tracking form, also come as a pasted link, in quotes or a sentence, in groups, or without the prefix', () => {
    for (const typed of [
      'https://sicherheit.luenen.de/track/LUN-7K2Q9M',
      'http://127.0.0.1:3000/en/track/lun-7k2q9m?new=1',
      'LUN-7K2Q9M.',
      '„LUN-7K2Q9M“',
      '7k2q9m',
      ' 7K2Q9M ',
      'LUN-7K2 Q9M',
      '7K 2Q 9M',
    ]) {
      expect(refFromTyped(typed, 'LUN'), typed).toBe('LUN-7K2Q9M');
    }
    for (const typed of ['', 'Kanaltreppe', 'ABC-7K2Q9M', '7K2Q9', 'https://example.org/track/', 'LUN-7K2Q9M-2']) expect(refFromTyped(typed, 'LUN'), typed).toBeNull();
  });

  it('in a page path, arrive percent-encoded, and a malformed escape names none', () => {
    expect(refFromPathSegment('LUN-7K2Q9M')).toBe('LUN-7K2Q9M');
    expect(refFromPathSegment('lun%E2%80%937k2q9m')).toBe('LUN-7K2Q9M');
    for (const segment of ['%ff', 'LUN-7K2Q9M%', '%E2%80', 'LUN-%zz']) expect(refFromPathSegment(segment), segment).toBeNull();
  });
});
