import { describe, expect, it } from 'vitest';
import { haversineMetresRaw } from '@/lib/geo/distance';
import { DAY_MS } from './score';
import { generateSyntheticCity, generateUniformReports } from './synthetic-city';

describe('generateSyntheticCity', () => {
  const city = generateSyntheticCity();
  const { reports, options } = city;

  it('simulates at least 50,000 reports over a year, in time order', () => {
    expect(reports.length).toBeGreaterThanOrEqual(50_000);
    for (let i = 1; i < reports.length; i++) expect(reports[i].createdAt).toBeGreaterThanOrEqual(reports[i - 1].createdAt);
    expect(reports[0].createdAt).toBeGreaterThanOrEqual(options.start);
    expect(reports.at(-1)!.createdAt).toBeLessThan(options.start + (options.days + 2) * DAY_MS);
  });

  it('keeps every report within the radius of the centre', () => {
    const far = reports.filter((r) => haversineMetresRaw(r.lat, r.lon, options.centre.lat, options.centre.lon) > options.radiusMetres + 1);
    expect(far).toHaveLength(0);
  });

  it('is the same for the same seed and differs for another', () => {
    const small = { expectedReports: 2000 };
    expect(generateSyntheticCity({ ...small, seed: 5 }).reports).toEqual(generateSyntheticCity({ ...small, seed: 5 }).reports);
    expect(generateSyntheticCity({ ...small, seed: 6 }).reports).not.toEqual(generateSyntheticCity({ ...small, seed: 5 }).reports);
  });

  it('concentrates reports: half of them in a few per cent of the reported cells', () => {
    const perCell = new Map<string, number>();
    for (const r of reports) perCell.set(r.cell, (perCell.get(r.cell) ?? 0) + 1);
    const counts = [...perCell.values()].sort((a, b) => b - a);
    let sum = 0;
    let cells = 0;
    while (sum < reports.length / 2) sum += counts[cells++];
    expect(cells / counts.length).toBeLessThan(0.1);
  });

  it('has spammers, merged duplicates and temporary hot spots', () => {
    const spam = reports.filter((r) => r.source === 'spam');
    const bySpammer = new Map<string, number>();
    for (const r of spam) bySpammer.set(r.reporterHash!, (bySpammer.get(r.reporterHash!) ?? 0) + 1);
    expect(bySpammer.size).toBe(options.spammers);
    expect(Math.min(...bySpammer.values())).toBeGreaterThan(20);

    const ids = new Set(reports.map((r) => r.id));
    const duplicates = reports.filter((r) => r.source === 'duplicate');
    expect(duplicates.length / reports.length).toBeGreaterThan(0.03);
    for (const d of duplicates) {
      expect(d.status).toBe('duplicate');
      expect(ids.has(d.duplicateOf!)).toBe(true);
    }

    // A temporary hot spot's reports span weeks, not the year.
    const temporary = reports.filter((r) => r.source === 'temporary');
    expect(temporary.length / reports.length).toBeGreaterThan(0.1);
  });

  it('follows the time-of-day profiles of its places', () => {
    // Traffic danger at hot spots comes from school routes (mornings), harassment from stations and
    // nightlife (evenings and nights).
    const share = (category: string, times: string[]) => {
      const answers = reports.filter((r) => r.source === 'persistent' && r.category === category && 'times' in r.when);
      const matching = answers.filter((r) => 'times' in r.when && r.when.times.some((t) => times.includes(t)));
      return matching.length / answers.length;
    };
    expect(share('traffic-danger', ['morning'])).toBeGreaterThan(0.6);
    expect(share('harassment', ['evening', 'night'])).toBeGreaterThan(0.9);
    expect(share('harassment', ['morning'])).toBeLessThan(0.05);
  });
});

describe('generateUniformReports', () => {
  it('spreads reports evenly over the disk', () => {
    const reports = generateUniformReports(4000, { seed: 1 });
    const { centre } = { centre: { lat: 51.6139, lon: 7.5231 } };
    const inner = reports.filter((r) => haversineMetresRaw(r.lat, r.lon, centre.lat, centre.lon) < 6000 / Math.SQRT2);
    // Half the disk's area lies within radius / √2.
    expect(inner.length / reports.length).toBeGreaterThan(0.46);
    expect(inner.length / reports.length).toBeLessThan(0.54);
  });
});
