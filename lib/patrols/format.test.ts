import { describe, expect, it } from 'vitest';
import { shiftLabel } from './format';

// A shift on Friday 27 November 2026, 20:00–24:00 in Lünen (UTC+1).
const plan = { shiftDate: '2026-11-27', startsAt: new Date('2026-11-27T19:00:00Z'), endsAt: new Date('2026-11-27T23:00:00Z') };

describe('shiftLabel', () => {
  it('names the day first in every language, English included, and a shift to midnight ends at 24:00', () => {
    expect(shiftLabel(plan, 'de')).toBe('Fr., 27.11.2026, 20:00–24:00 Uhr');
    expect(shiftLabel(plan, 'en')).toBe('Fri, 27/11/2026, 20:00–24:00');
    expect(shiftLabel(plan, 'tr')).toBe('27.11.2026 Cum, 20:00–24:00');
  });
});
