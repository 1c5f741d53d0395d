import { describe, expect, it } from 'vitest';
import { reportStatuses, timesOfDay, weekdays } from '@/lib/db/schema';
import { generateDemoReports, type DemoReport } from './demo-reports';

const NOW = new Date('2025-06-15T12:00:00Z');
const DAY_MS = 86_400_000;
const BOUNDS = { minLat: 51.57, maxLat: 51.65, minLon: 7.44, maxLon: 7.6 };
const CATEGORIES = [
  'poor-lighting',
  'harassment',
  'drugs',
  'aggressive-groups',
  'vandalism-litter',
  'hidden-place',
  'traffic-danger',
  'other',
];

function share(reports: readonly DemoReport[], predicate: (r: DemoReport) => boolean): number {
  return reports.filter(predicate).length / reports.length;
}

describe('generateDemoReports', () => {
  const reports = generateDemoReports({ count: 2000, seed: 42, now: NOW });

  it('returns the requested number of reports', () => {
    expect(reports).toHaveLength(2000);
    expect(generateDemoReports({ count: 0, seed: 42, now: NOW })).toEqual([]);
    expect(generateDemoReports({ count: 7, seed: 1, now: NOW })).toHaveLength(7);
  });

  it('is deterministic for the same seed', () => {
    const again = generateDemoReports({ count: 2000, seed: 42, now: NOW });
    expect(again).toEqual(reports);
  });

  it('differs for a different seed', () => {
    const other = generateDemoReports({ count: 2000, seed: 43, now: NOW });
    expect(other).not.toEqual(reports);
    const samePlaces = other.filter(
      (r, i) => r.lat === reports[i]?.lat && r.lon === reports[i]?.lon,
    ).length;
    expect(samePlaces).toBeLessThan(20);
  });

  it('keeps every report inside the city bounds', () => {
    for (const r of reports) {
      expect(r.lat).toBeGreaterThanOrEqual(BOUNDS.minLat);
      expect(r.lat).toBeLessThanOrEqual(BOUNDS.maxLat);
      expect(r.lon).toBeGreaterThanOrEqual(BOUNDS.minLon);
      expect(r.lon).toBeLessThanOrEqual(BOUNDS.maxLon);
    }
  });

  it('produces valid categories, feelings, statuses and when profiles', () => {
    for (const r of reports) {
      expect(CATEGORIES).toContain(r.category);
      expect([1, 2, 3, 4, 5]).toContain(r.feeling);
      expect(reportStatuses).toContain(r.status);
      expect(['de', 'en', 'tr']).toContain(r.locale);
      if ('always' in r.when) {
        expect(r.when).toEqual({ always: true });
      } else {
        const { times, days } = r.when;
        expect(times.length).toBeGreaterThanOrEqual(1);
        expect(times.length).toBeLessThanOrEqual(2);
        expect(new Set(times).size).toBe(times.length);
        for (const t of times) expect(timesOfDay).toContain(t);
        expect(days.length).toBeGreaterThanOrEqual(1);
        expect(new Set(days).size).toBe(days.length);
        for (const d of days) expect(weekdays).toContain(d);
      }
    }
    // Every category shows up.
    expect(new Set(reports.map((r) => r.category)).size).toBe(CATEGORIES.length);
  });

  it('answers "always" for about a fifth of the reports', () => {
    const always = share(reports, (r) => 'always' in r.when);
    expect(always).toBeGreaterThan(0.12);
    expect(always).toBeLessThan(0.28);
  });

  it('skews the feeling towards unsafe', () => {
    const mean = reports.reduce((sum, r) => sum + r.feeling, 0) / reports.length;
    expect(mean).toBeGreaterThan(3.3);
    expect(share(reports, (r) => r.feeling >= 3)).toBeGreaterThan(0.75);
  });

  it('dates the reports within the 180 days before now, recent ones more often', () => {
    const oldest = NOW.getTime() - 180 * DAY_MS;
    for (const r of reports) {
      expect(r.createdAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(r.createdAt.getTime()).toBeGreaterThan(oldest);
    }
    const ageDays = (r: DemoReport) => (NOW.getTime() - r.createdAt.getTime()) / DAY_MS;
    const recent = reports.filter((r) => ageDays(r) < 60).length;
    const old = reports.filter((r) => ageDays(r) >= 120).length;
    expect(recent).toBeGreaterThan(old * 1.5);
    // Oldest first.
    const times = reports.map((r) => r.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('keeps recent reports mostly new and older ones in the workflow', () => {
    const ageDays = (r: DemoReport) => (NOW.getTime() - r.createdAt.getTime()) / DAY_MS;
    const recent = reports.filter((r) => ageDays(r) < 14);
    const older = reports.filter((r) => ageDays(r) >= 14);
    expect(share(recent, (r) => r.status === 'new')).toBeGreaterThan(0.7);
    expect(share(older, (r) => r.status === 'new')).toBeLessThan(0.15);
    const olderStatuses = [...new Set(older.map((r) => r.status))];
    for (const s of ['in_review', 'confirmed', 'in_patrol', 'resolved', 'dismissed'] as const) {
      expect(olderStatuses).toContain(s);
    }
  });

  it('adds descriptions, e-mails and locales in plausible shares', () => {
    const described = share(reports, (r) => r.description !== null);
    expect(described).toBeGreaterThan(0.22);
    expect(described).toBeLessThan(0.38);
    const withEmail = share(reports, (r) => r.email !== null);
    expect(withEmail).toBeGreaterThan(0.08);
    expect(withEmail).toBeLessThan(0.22);
    const nonGerman = share(reports, (r) => r.locale !== 'de');
    expect(nonGerman).toBeGreaterThan(0.05);
    expect(nonGerman).toBeLessThan(0.16);
    for (const r of reports) {
      if (r.email !== null) expect(r.email).toMatch(/^demo\+\d+@example\.org$/);
      if (r.description !== null) {
        expect(r.description.length).toBeGreaterThan(10);
        expect(r.description).not.toMatch(/@|https?:|\+?\d[\d /-]{6,}/);
      }
    }
    // Each locale draws from its own pool of sentences.
    const byLocale = new Map<string, Set<string>>();
    for (const r of reports) {
      if (r.description === null) continue;
      const set = byLocale.get(r.locale) ?? new Set<string>();
      set.add(r.description);
      byLocale.set(r.locale, set);
    }
    expect(byLocale.get('de')?.size ?? 0).toBeGreaterThanOrEqual(20);
    const de = byLocale.get('de') ?? new Set<string>();
    for (const locale of ['en', 'tr']) {
      for (const text of byLocale.get(locale) ?? []) expect(de.has(text)).toBe(false);
    }
  });

  it('has some reporters filing two to four reports', () => {
    const perReporter = new Map<string, DemoReport[]>();
    for (const r of reports) {
      expect(r.reporterToken).toMatch(/^demo-reporter-\d+$/);
      const list = perReporter.get(r.reporterToken) ?? [];
      list.push(r);
      perReporter.set(r.reporterToken, list);
    }
    const counts = [...perReporter.values()].map((list) => list.length);
    expect(Math.max(...counts)).toBeLessThanOrEqual(4);
    expect(counts.filter((c) => c >= 2).length).toBeGreaterThan(50);
    expect(counts.filter((c) => c === 1).length).toBeGreaterThan(counts.length / 2);
    // A reporter keeps one locale and one e-mail address.
    for (const list of perReporter.values()) {
      expect(new Set(list.map((r) => r.locale)).size).toBe(1);
      expect(new Set(list.map((r) => r.email)).size).toBe(1);
    }
  });

  it('clusters reports into hotspots', () => {
    // 200 m grid over the bounds; the densest 1 % of the cells hold far more than 1 %.
    const cellLat = 200 / 111_320;
    const cellLon = 200 / (111_320 * Math.cos((51.61 * Math.PI) / 180));
    const rows = Math.ceil((BOUNDS.maxLat - BOUNDS.minLat) / cellLat);
    const cols = Math.ceil((BOUNDS.maxLon - BOUNDS.minLon) / cellLon);
    const cells = new Map<number, number>();
    for (const r of reports) {
      const row = Math.floor((r.lat - BOUNDS.minLat) / cellLat);
      const col = Math.floor((r.lon - BOUNDS.minLon) / cellLon);
      const key = row * cols + col;
      cells.set(key, (cells.get(key) ?? 0) + 1);
    }
    const topCells = Math.ceil(rows * cols * 0.01);
    const densest = [...cells.values()].sort((a, b) => b - a).slice(0, topCells);
    const inDensest = densest.reduce((sum, n) => sum + n, 0);
    expect(inDensest / reports.length).toBeGreaterThan(0.15);
    // ...while the background noise still reaches a good part of the city.
    expect(cells.size).toBeGreaterThan(200);
  });
});
