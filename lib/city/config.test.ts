import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { citySchema, securityContact } from './config';

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
