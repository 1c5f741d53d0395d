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

describe("a city's map and clock", () => {
  const problems = (city: object) => {
    const parsed = citySchema.safeParse(city);
    return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it('needs a time zone the runtime knows, since every local day and hour is computed in it', () => {
    expect(problems({ ...luenen, timeZone: 'Europe/Bergkamen' })).toEqual(['timeZone: not a time zone this runtime knows: an IANA name such as Europe/Berlin']);
    expect(problems({ ...luenen, timeZone: 'Europe/Istanbul' })).toEqual([]);
  });

  it('needs bounds the right way round', () => {
    const { minLat, minLon, maxLat, maxLon } = luenen.bounds;
    expect(problems({ ...luenen, bounds: { minLat: maxLat, maxLat: minLat, minLon, maxLon } })).toContain('bounds.maxLat: must be greater than minLat');
    expect(problems({ ...luenen, bounds: { minLat, maxLat, minLon: maxLon, maxLon: minLon } })).toContain('bounds.maxLon: must be greater than minLon');
  });

  it('opens the map within its zoom range and within the bounds', () => {
    expect(problems({ ...luenen, zoom: 19 })).toEqual(['zoom: must be within minZoom and maxZoom (11 to 18)']);
    expect(problems({ ...luenen, minZoom: 18, maxZoom: 11 })).toEqual(['maxZoom: must not be less than minZoom']);
    expect(problems({ ...luenen, center: { lat: 51.63, lon: 7.7 } })).toEqual(['center: must lie within bounds']);
    // Each problem is named in one answer, also beside a wrong field elsewhere.
    expect(problems({ ...luenen, name: '', zoom: 3, center: { lat: 0, lon: 0 } })).toHaveLength(3);
  });
});
