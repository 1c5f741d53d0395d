import { describe, expect, it } from 'vitest';
import { withoutBrokenEscapes } from './path-escapes';

describe('paths with broken escapes', () => {
  it('are left alone when every escape decodes, also after a first decoding', () => {
    for (const path of ['/en/map', '/track/LUN-7K2Q9M', '/tr/track/LUN%E2%80%937K2Q9M', '/api/x%2Fy', '/dialogues/%C3%BCber']) {
      expect(withoutBrokenEscapes(path), path).toBeNull();
    }
  });

  it('get U+FFFD for each % of a broken segment, and keep the others', () => {
    expect(withoutBrokenEscapes('/en/track/%ff')).toBe('/en/track/%EF%BF%BDff');
    expect(withoutBrokenEscapes('/track/LUN-7K2Q9M%')).toBe('/track/LUN-7K2Q9M%EF%BF%BD');
    expect(withoutBrokenEscapes('/%C3%BC/%E2%80')).toBe('/%C3%BC/%EF%BF%BDE2%EF%BF%BD80');
    // A valid escape of "%" that a second decoding breaks (next-intl decodes page paths once).
    expect(withoutBrokenEscapes('/en/track/abc%25')).toBe('/en/track/abc%EF%BF%BD25');
  });

  it('always give a path whose every segment decodes twice', () => {
    for (const path of ['/%', '/%%41', '/a%zz/b%2', '/%25%ff', '/x/%E0%A4%A']) {
      const repaired = withoutBrokenEscapes(path)!;
      for (const segment of repaired.split('/')) expect(() => decodeURIComponent(decodeURI(segment)), `${path} → ${repaired}`).not.toThrow();
    }
  });
});
