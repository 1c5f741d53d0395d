import { describe, expect, it } from 'vitest';
import { apiMessage } from './api-messages';

describe('API messages', () => {
  it('choose singular or plural as the language does', () => {
    expect(apiMessage('de', 'rate_limited', { minutes: 1 })).toBe('Zu viele Meldungen in kurzer Zeit. Bitte versuchen Sie es in 1 Minute erneut.');
    expect(apiMessage('de', 'rate_limited', { minutes: 29 })).toBe('Zu viele Meldungen in kurzer Zeit. Bitte versuchen Sie es in 29 Minuten erneut.');
    expect(apiMessage('en', 'rate_limited', { minutes: 1 })).toBe('Too many reports in a short time. Please try again in 1 minute.');
    expect(apiMessage('tr', 'rate_limited', { minutes: 1 })).toBe('Kısa sürede çok fazla bildirim gönderildi. Lütfen 1 dakika sonra tekrar deneyin.');
  });

  it('leave plain messages as they are', () => {
    expect(apiMessage('en', 'invalid_json')).toBe("The request isn't valid JSON.");
  });
});
