import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { composeReporterMessage, trackingUrl } from './messages';
import { MAX_ATTEMPTS, retryDelayMs } from './outbox';

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

describe('reporter e-mail', () => {
  it('links to the tracking page: a path without AUTH_URL, an absolute address on its origin with it', () => {
    vi.stubEnv('AUTH_URL', undefined);
    resetEnvCache();
    expect(trackingUrl('LUN-ABC123', 'de')).toBe('/track/LUN-ABC123');
    expect(trackingUrl('LUN-ABC123', 'en')).toBe('/en/track/LUN-ABC123');
    vi.stubEnv('AUTH_URL', 'https://sicherheit.stadt.example/api/auth');
    resetEnvCache();
    expect(trackingUrl('LUN-ABC123', 'tr')).toBe('https://sicherheit.stadt.example/tr/track/LUN-ABC123');
  });

  it.each(['confirmed', 'merged', 'resolved', 'dismissed', 'reply'] as const)('writes a %s message in every language, naming the reference', (kind) => {
    for (const locale of ['de', 'en', 'tr'] as const) {
      const message = composeReporterMessage({ kind, locale, ref: 'LUN-ABC123', city: 'Lünen', text: 'Ein Text.' });
      expect(message.subject).toContain('LUN-ABC123');
      expect(message.text).toContain('LUN-ABC123');
      expect(message.text).toContain('Ein Text.');
      expect(message.text).toContain('/track/LUN-ABC123');
      expect(message.text).not.toMatch(/\{\w+\}/);
    }
  });

  it('waits longer after each failure, 1 minute to a day, and gives up after 10 attempts', () => {
    expect([1, 2, 3, 4, 5, 9, 10].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 5, 15, 60, 120, 1440, 1440]);
    expect(MAX_ATTEMPTS).toBe(10);
  });
});
