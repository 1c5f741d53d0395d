import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reportInputSchema } from '@/lib/reports/validation';
import { mergeParams, parseServiceRequestForm } from './request-form';

const bounds = { minLat: 51.55, minLon: 7.4, maxLat: 51.67, maxLon: 7.64 };
const options = { bounds, deviceNamespace: 'open311:7' };
const base: [string, string][] = [
  ['service_code', 'drugs'],
  ['lat', '51.6'],
  ['long', '7.5'],
  ['attribute[feeling]', '5'],
  ['attribute[when][]', 'night'],
];
const parse = (pairs: [string, string][]) => parseServiceRequestForm(new URLSearchParams(pairs), options);

describe('parseServiceRequestForm', () => {
  it('maps the spec names onto a report input', () => {
    const result = parse([
      ...base,
      ['attribute[days][]', 'sat'],
      ['attribute[days][]', 'sun'],
      ['description', '  Dunkel. '],
      ['email', 'A@Example.org'],
      ['device_id', 'phone-1'],
    ]);
    expect(result).toEqual({
      ok: true,
      serviceCode: 'drugs',
      input: expect.objectContaining({
        lat: 51.6,
        lon: 7.5,
        category: 'drugs',
        feeling: 5,
        when: { times: ['night'], days: ['sat', 'sun'] },
        description: 'Dunkel.',
        email: 'a@example.org',
        locale: 'de',
        reporterToken: 'open311:7:phone-1',
      }),
    });
  });

  it('treats empty optional fields as absent and ignores parameters it does not know', () => {
    const result = parse([...base, ['email', ''], ['description', ''], ['x_client_field', '1'], ['media_url', 'http://x']]);
    expect(result.ok).toBe(true);
    expect(result.ok && (result.input.description ?? null)).toBeNull();
    expect(result.ok && (result.input.email ?? null)).toBeNull();
  });

  it('explains that an address alone cannot place a report', () => {
    const result = parse([...base.filter(([k]) => k !== 'lat' && k !== 'long'), ['address_string', 'Markt 1']]);
    expect(!result.ok && result.errors).toEqual([expect.stringMatching(/^address_string: .*keinen Geocoder/)]);
  });

  it('gives one description for a place outside the city', () => {
    const result = parse([...base.filter(([k]) => k !== 'lat'), ['lat', '48.1']]);
    expect(!result.ok && result.errors).toEqual([expect.stringMatching(/^lat, long: .*außerhalb von Lünen/)]);
  });

  it('merges query and body, so the same parameter in both counts twice', () => {
    const merged = mergeParams(new URLSearchParams('api_key=k&lat=51.6'), new URLSearchParams('lat=51.6'));
    expect(merged.getAll('lat')).toEqual(['51.6', '51.6']);
    const result = parseServiceRequestForm(mergeParams(new URLSearchParams('lat=51.6'), new URLSearchParams(base)), options);
    expect(!result.ok && result.errors).toEqual(['lat: darf nur einmal angegeben werden.']);
  });

  it('caps the list of problems', () => {
    const result = parse([...base, ...Array.from({ length: 50 }, (_, i): [string, string] => [`attribute[a${i}]`, 'x'])]);
    expect(!result.ok && result.errors).toHaveLength(21);
  });

  it('never throws, and whatever it accepts the report schema accepts too', () => {
    const key = fc.oneof(
      fc.constantFrom('service_code', 'lat', 'long', 'attribute[feeling]', 'attribute[when][]', 'attribute[days][]', 'email', 'description', 'device_id', 'address_string'),
      fc.string(),
    );
    const value = fc.oneof(fc.constantFrom('drugs', '51.6', '7.5', '3', 'always', 'night', 'mon', ''), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 12 }), (pairs) => {
        const result = parse(pairs);
        if (result.ok) expect(reportInputSchema(bounds).safeParse(result.input).success).toBe(true);
        else expect(result.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  }, 120_000);
});
