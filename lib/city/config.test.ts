import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { citySchema, partnershipName, securityContact } from './config';

const luenen = JSON.parse(readFileSync('cities/luenen/city.json', 'utf8'));

describe("a city's security contact (security.txt)", () => {
  it("is the operator's e-mail unless the city names one", () => {
    expect(securityContact(citySchema.parse(luenen))).toBe('mailto:ordnungsamt@example.org');
    expect(securityContact(citySchema.parse({ ...luenen, securityContact: 'https://cert.example.org/report' }))).toBe('https://cert.example.org/report');
  });

  it('must be a mailto: or https: address', () => {
    for (const value of ['cert@example.org', 'http://cert.example.org', 'mailto:', 'https://cert.example.org/a b']) {
      expect(citySchema.safeParse({ ...luenen, securityContact: value }).success, value).toBe(false);
    }
  });
});

describe("a city's partnership (the footer's provider)", () => {
  it('may be one text for every language', () => {
    const city = citySchema.parse({ ...luenen, partnership: 'Sicherheitsbündnis Musterstadt' });
    for (const locale of ['de', 'en', 'tr'] as const) expect(partnershipName(city, locale)).toBe('Sicherheitsbündnis Musterstadt');
  });

  it('may name itself per language, with German where a translation is missing', () => {
    const city = citySchema.parse({ ...luenen, partnership: { de: 'Ordnungspartnerschaft Musterstadt', en: 'the Musterstadt public order partnership' } });
    expect(partnershipName(city, 'de')).toBe('Ordnungspartnerschaft Musterstadt');
    expect(partnershipName(city, 'en')).toBe('the Musterstadt public order partnership');
    expect(partnershipName(city, 'tr')).toBe('Ordnungspartnerschaft Musterstadt');
  });

  it('needs a German name', () => {
    expect(citySchema.safeParse({ ...luenen, partnership: { en: 'the partnership' } }).success).toBe(false);
  });

  it('is given in all three languages for Lünen', () => {
    const city = citySchema.parse(luenen);
    expect(partnershipName(city, 'en')).toMatch(/^the public order partnership of the City of Lünen/);
    expect(partnershipName(city, 'tr')).toMatch(/kamu düzeni ortaklığı$/);
  });
});
