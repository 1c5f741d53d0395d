import { describe, expect, it } from 'vitest';
import { fieldErrors, reportInputSchema } from './validation';

const bounds = { minLat: 51.55, minLon: 7.4, maxLat: 51.67, maxLon: 7.64 };
const schema = reportInputSchema(bounds);
const valid = { lat: 51.6139, lon: 7.5231, category: 'drugs', feeling: 5, when: { always: true } };

function errorsOf(input: unknown) {
  const result = schema.safeParse(input);
  return result.success ? {} : fieldErrors(result.error);
}

describe('report input', () => {
  it('accepts the minimal contract and fills defaults', () => {
    const result = schema.parse(valid);
    expect(result).toMatchObject({ ...valid, locale: 'de' });
  });

  it('normalises optional text: trims, turns empty into null, lower-cases e-mail', () => {
    const result = schema.parse({ ...valid, description: '   ', email: ' Name@Example.ORG ' });
    expect(result.description).toBeNull();
    expect(result.email).toBe('name@example.org');
  });

  it('names each problem by field with a code', () => {
    expect(errorsOf({})).toEqual({
      lat: 'required',
      lon: 'required',
      category: 'category_required',
      feeling: 'feeling_required',
      when: 'when_invalid',
    });
    expect(errorsOf({ ...valid, lat: Number.NaN })).toMatchObject({ lat: 'not_a_number' });
    expect(errorsOf({ ...valid, lat: 51.7 })).toEqual({ lat: 'outside_city', lon: 'outside_city' });
    // A place outside the city is named with the other problems, not in a second round.
    expect(errorsOf({ ...valid, lat: 51.7, category: undefined })).toEqual({ lat: 'outside_city', lon: 'outside_city', category: 'category_required' });
    expect(errorsOf({ ...valid, feeling: '5' })).toEqual({ feeling: 'feeling_range' });
    expect(errorsOf({ ...valid, when: { times: ['night'], days: [] } })).toEqual({ when: 'when_invalid' });
    expect(errorsOf({ ...valid, when: { always: false } })).toEqual({ when: 'when_invalid' });
    expect(errorsOf({ ...valid, when: { always: true, times: ['night'], days: ['sat'] } })).toEqual({ when: 'when_invalid' });
    expect(errorsOf({ ...valid, when: { always: false, times: ['night'], days: ['sat'] } })).toEqual({ when: 'when_invalid' });
    expect(errorsOf({ ...valid, description: 'x'.repeat(2001) })).toEqual({ description: 'too_long' });
    expect(errorsOf({ ...valid, email: 'a@b' })).toEqual({ email: 'invalid_email' });
    expect(errorsOf({ ...valid, locale: 'fr' })).toEqual({ locale: 'invalid_locale' });
    expect(errorsOf({ ...valid, description: 'a\u0000b' })).toEqual({ description: 'invalid' });
    expect(errorsOf({ ...valid, category: 'drugs\u0000' })).toEqual({ category: 'unknown_category' });
    expect(errorsOf({ ...valid, category: 'Drugs' })).toEqual({ category: 'unknown_category' });
    expect(errorsOf('just a string')).toEqual({ body: 'invalid' });
  });

  it('accepts the edges of the city bounds and of the text limits', () => {
    expect(errorsOf({ ...valid, lat: bounds.maxLat, lon: bounds.minLon })).toEqual({});
    expect(errorsOf({ ...valid, description: 'x'.repeat(2000) })).toEqual({});
  });
});
