import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateTime, parseRequestFilters } from './request-filters';

const NOW = new Date('2026-06-15T12:00:00Z');
const DAY_MS = 86_400_000;
const parse = (query: string) => parseRequestFilters(new URLSearchParams(query), NOW);

describe('parseDateTime', () => {
  it.each([
    ['2026-05-01T08:15:30Z', '2026-05-01T08:15:30.000Z'],
    ['2026-05-01T10:15:30+02:00', '2026-05-01T08:15:30.000Z'],
    ['2026-05-01T03:15:30-0500', '2026-05-01T08:15:30.000Z'],
    ['2026-05-01T10:15:30 02:00', '2026-05-01T08:15:30.000Z'], // '+' decoded to a space
    ['2026-05-01T08:15Z', '2026-05-01T08:15:00.000Z'],
    ['2026-05-01T08:15:30.123456Z', '2026-05-01T08:15:30.123Z'],
    ['2024-02-29T00:00:00z', '2024-02-29T00:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseDateTime(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '2026-05-01',
    '2026-05-01T08:15:30',
    '2026-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-05-01T24:00:00Z',
    '2026-05-01T08:60:00Z',
    '2026-05-01T08:15:30+15:00',
    '1969-12-31T23:59:59Z',
    'yesterday',
    '',
  ])('refuses %s', (text) => {
    expect(parseDateTime(text)).toBeNull();
  });

  it('agrees with Date for every valid instant it is given in UTC', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        expect(parseDateTime(d.toISOString())?.getTime()).toBe(d.getTime());
      }),
    );
  });
});

describe('parseRequestFilters', () => {
  it('defaults to the 90 days before now, all statuses, page 1', () => {
    expect(parse('')).toEqual({
      ok: true,
      filters: { kind: 'search', start: new Date(NOW.getTime() - 90 * DAY_MS), end: NOW, page: 1, serviceCode: undefined, statuses: undefined },
    });
  });

  it('takes 90 days from the one date given', () => {
    const start = parse('start_date=2026-01-01T00:00:00Z');
    expect(start.ok && start.filters.kind === 'search' && start.filters.end.toISOString()).toBe('2026-04-01T00:00:00.000Z');
    const end = parse('end_date=2026-04-01T00:00:00Z');
    expect(end.ok && end.filters.kind === 'search' && end.filters.start.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('lets a list of ids override everything else, normalised and without repeats', () => {
    expect(parse('service_request_id=lun-7k2q9m, LUN-7K2Q9M,LUN-222222&status=bogus&start_date=x')).toEqual({
      ok: true,
      filters: { kind: 'ids', refs: ['LUN-7K2Q9M', 'LUN-222222'] },
    });
  });

  it('reads statuses comma-separated and repeated', () => {
    const one = parse('status=Closed');
    expect(one.ok && one.filters.kind === 'search' && one.filters.statuses).toEqual(['closed']);
    const both = parse('status=open&status=closed,open');
    expect(both.ok && both.filters.kind === 'search' && both.filters.statuses).toEqual(['open', 'closed']);
  });

  it('names every problem', () => {
    const result = parse('start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z&status=x&page=0&service_code=A');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.split(':')[0])).toEqual(['service_code', 'start_date, end_date', 'status', 'page']);
  });

  it('never throws, whatever the query', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string({ unit: 'binary' })), { maxLength: 6 }), (pairs) => {
        const result = parseRequestFilters(new URLSearchParams(pairs), NOW);
        if (result.ok && result.filters.kind === 'search') {
          expect(result.filters.end.getTime() - result.filters.start.getTime()).toBeLessThanOrEqual(90 * DAY_MS);
          expect(Number.isNaN(result.filters.start.getTime())).toBe(false);
        }
      }),
      { numRuns: 5000 },
    );
  }, 120_000);
});
