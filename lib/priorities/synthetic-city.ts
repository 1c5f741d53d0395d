/**
 * A seeded synthetic city for evaluating the ranking (`npm run eval:priorities`) and for benchmarks.
 *
 * Real safety reports are not available to test against, so this simulates a year of them around a
 * centre (by default Lünen's, lat 51.6139, lon 7.5231) within a radius (6 km), with the patterns the
 * method is meant to handle and one it must resist:
 *
 * - Persistent hotspots (default 40): fixed places (station, nightlife street, park, school route,
 *   shopping street) with a Zipf-like spread of intensity — the law of concentration: about half of the
 *   reports fall on a few per cent of the area. Each has a spatial scatter (σ 30–120 m), a time-of-day
 *   profile (its "when" answers), a seasonal swing (more reports in the dark months) and a slow drift
 *   (some places get better over the year, some worse).
 * - Temporary hotspots (default 40): appear at a random date for 2–8 weeks (a new drug scene, a broken
 *   street light, a construction site), rising fast and fading.
 * - Background noise: single concerns wherever people live (a mixture of residential areas plus a thin
 *   uniform layer), with lower feelings of insecurity and any time of day.
 * - Repeat reporters: residents near a hotspot who report it every few weeks (they leave an e-mail or
 *   keep a browser token, so they carry a reporter hash), and spammers (default 15) who report one spot
 *   1–3 times a day for 1–4 months.
 * - Duplicates: about 5 % of reports get a second report of the same thing within a day and a half,
 *   which staff merged (duplicateOf set, status 'duplicate').
 *
 * Everything comes from one mulberry32 stream: the same options give the same city. The numbers are
 * assumptions chosen to be plausible, not measured; the evaluation says so.
 */
import { latLngToCell } from 'h3-js';
import { metresPerDegree } from '@/lib/geo/distance';
import { SCORING_RESOLUTION } from '@/lib/geo/cells';
import type { TimeOfDay, Weekday, WhenProfile } from '@/lib/reports/types';
import { mulberry32, type Random } from '@/lib/random';
import { DAY_MS, type ScoringReport } from './score';

export type ReportSource = 'persistent' | 'temporary' | 'background' | 'spam' | 'duplicate';

export type SyntheticReport = ScoringReport & { id: number; cell: string; createdAt: number; source: ReportSource };

export type SyntheticCityOptions = {
  seed: number;
  /** First day of the simulated period (epoch ms, a Monday 00:00 UTC by default). */
  start: number;
  days: number;
  centre: { lat: number; lon: number };
  radiusMetres: number;
  /** Expected number of reports over the period (before duplicates); the sources scale with it. */
  expectedReports: number;
  persistentHotspots: number;
  temporaryHotspots: number;
  spammers: number;
  /** Shares of the expected reports by source (the rest is background noise). */
  persistentShare: number;
  temporaryShare: number;
  spamShare: number;
  duplicateShare: number;
  /** Share of reports carrying a reporter hash (e-mail or browser token). */
  hashedShare: number;
};

export const defaultSyntheticCityOptions: SyntheticCityOptions = {
  seed: 20250501,
  start: Date.UTC(2025, 0, 6),
  days: 364,
  centre: { lat: 51.6139, lon: 7.5231 },
  radiusMetres: 6000,
  expectedReports: 60_000,
  persistentHotspots: 40,
  temporaryHotspots: 40,
  spammers: 15,
  persistentShare: 0.45,
  temporaryShare: 0.15,
  spamShare: 0.04,
  duplicateShare: 0.05,
  hashedShare: 0.45,
};

export type SyntheticCity = {
  options: SyntheticCityOptions;
  /** Sorted by creation time. */
  reports: SyntheticReport[];
};

type Rng = Random;

function gaussian(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rng)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

function pick<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r <= 0) return item;
  }
  return items[items.length - 1][0];
}

type Feeling = 1 | 2 | 3 | 4 | 5;
const HOTSPOT_FEELINGS: readonly (readonly [Feeling, number])[] = [
  [1, 0.03],
  [2, 0.12],
  [3, 0.3],
  [4, 0.33],
  [5, 0.22],
];
const BACKGROUND_FEELINGS: readonly (readonly [Feeling, number])[] = [
  [1, 0.12],
  [2, 0.28],
  [3, 0.33],
  [4, 0.19],
  [5, 0.08],
];

/** Kinds of places, each with its categories, times of day and days. */
type Archetype = {
  name: string;
  categories: readonly (readonly [string, number])[];
  times: readonly (readonly [TimeOfDay, number])[];
  /** Probability that a resident ticks each day (mon..sun). */
  days: readonly number[];
  alwaysShare: number;
};

const ARCHETYPES: readonly Archetype[] = [
  {
    name: 'station',
    categories: [
      ['aggressive-groups', 3],
      ['drugs', 2],
      ['harassment', 2],
      ['vandalism-litter', 1],
    ],
    times: [
      ['evening', 4],
      ['night', 4],
      ['day', 1],
    ],
    days: [0.6, 0.6, 0.6, 0.6, 0.8, 0.8, 0.7],
    alwaysShare: 0.3,
  },
  {
    name: 'nightlife',
    categories: [
      ['aggressive-groups', 3],
      ['harassment', 3],
      ['vandalism-litter', 1],
    ],
    times: [
      ['night', 5],
      ['evening', 3],
    ],
    days: [0.05, 0.05, 0.1, 0.3, 0.9, 0.95, 0.2],
    alwaysShare: 0.05,
  },
  {
    name: 'park',
    categories: [
      ['hidden-place', 3],
      ['poor-lighting', 3],
      ['drugs', 2],
      ['aggressive-groups', 1],
    ],
    times: [
      ['evening', 4],
      ['night', 4],
    ],
    days: [0.5, 0.5, 0.5, 0.5, 0.6, 0.7, 0.7],
    alwaysShare: 0.15,
  },
  {
    name: 'school-route',
    categories: [
      ['traffic-danger', 5],
      ['poor-lighting', 1],
    ],
    times: [
      ['morning', 6],
      ['day', 2],
    ],
    days: [0.9, 0.9, 0.9, 0.9, 0.9, 0.02, 0.02],
    alwaysShare: 0.1,
  },
  {
    name: 'shopping-street',
    categories: [
      ['aggressive-groups', 2],
      ['vandalism-litter', 2],
      ['drugs', 1],
      ['other', 1],
    ],
    times: [
      ['day', 5],
      ['evening', 2],
    ],
    days: [0.7, 0.7, 0.7, 0.7, 0.8, 0.9, 0.1],
    alwaysShare: 0.15,
  },
];

const BACKGROUND_ARCHETYPE: Archetype = {
  name: 'background',
  categories: [
    ['poor-lighting', 3],
    ['vandalism-litter', 3],
    ['traffic-danger', 2],
    ['hidden-place', 2],
    ['other', 2],
    ['aggressive-groups', 1],
    ['harassment', 1],
    ['drugs', 1],
  ],
  times: [
    ['morning', 1],
    ['day', 1],
    ['evening', 1],
    ['night', 1],
  ],
  days: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
  alwaysShare: 0.25,
};

const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function whenFor(rng: Rng, archetype: Archetype): WhenProfile {
  if (rng() < archetype.alwaysShare) return { always: true };
  const times = new Set<TimeOfDay>([pick(rng, archetype.times)]);
  if (rng() < 0.4) times.add(pick(rng, archetype.times));
  let days = WEEKDAYS.filter((_, i) => rng() < archetype.days[i]);
  if (days.length === 0) days = [WEEKDAYS[archetype.days.indexOf(Math.max(...archetype.days))]];
  return { times: [...times], days };
}

type Place = {
  lat: number;
  lon: number;
  spreadMetres: number;
  archetype: Archetype;
  /** Reporters who come back to this place: hashes drawn from a pool of this size. */
  regulars: number;
  key: string;
};

export function generateSyntheticCity(overrides: Partial<SyntheticCityOptions> = {}): SyntheticCity {
  const options = { ...defaultSyntheticCityOptions, ...overrides };
  const rng = mulberry32(options.seed);
  const { centre, radiusMetres, days, start } = options;
  const perDegree = metresPerDegree(centre.lat);

  const offset = (lat: number, lon: number, dxMetres: number, dyMetres: number) => ({
    lat: lat + dyMetres / perDegree.lat,
    lon: lon + dxMetres / perDegree.lon,
  });
  const inside = (lat: number, lon: number) =>
    Math.hypot((lat - centre.lat) * perDegree.lat, (lon - centre.lon) * perDegree.lon) <= radiusMetres;
  const randomPointInDisk = (maxRadius: number) => {
    const r = maxRadius * Math.sqrt(rng());
    const a = 2 * Math.PI * rng();
    return offset(centre.lat, centre.lon, r * Math.cos(a), r * Math.sin(a));
  };
  /** Scatter around a place, redrawn until inside the city. */
  const scatter = (lat: number, lon: number, sigma: number) => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const p = offset(lat, lon, sigma * gaussian(rng), sigma * gaussian(rng));
      if (inside(p.lat, p.lon)) return p;
    }
    return { lat, lon };
  };

  // Dark months bring more concerns: +30 % in mid-January, −30 % in mid-July.
  const season = (day: number) => {
    const date = new Date(start + day * DAY_MS);
    const dayOfYear = (date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY_MS;
    return 1 + 0.3 * Math.cos((2 * Math.PI * (dayOfYear - 15)) / 365);
  };
  // Residents report a little more at weekends.
  const weekly = (day: number) => ([0, 6].includes(new Date(start + day * DAY_MS).getUTCDay()) ? 1.15 : 0.94);

  const drafts: Omit<SyntheticReport, 'id'>[] = [];
  let anonymousOrNew = 0;
  const emit = (
    place: Place,
    day: number,
    source: ReportSource,
    feelings: readonly (readonly [Feeling, number])[],
    reporterHash?: string | null,
  ) => {
    const point = scatter(place.lat, place.lon, place.spreadMetres);
    let hash: string | null;
    if (reporterHash !== undefined) hash = reporterHash;
    else if (rng() < options.hashedShare) {
      hash = place.regulars > 0 ? `${place.key}-r${Math.floor(rng() * place.regulars)}` : `once-${anonymousOrNew++}`;
    } else hash = null;
    drafts.push({
      lat: point.lat,
      lon: point.lon,
      cell: latLngToCell(point.lat, point.lon, SCORING_RESOLUTION),
      category: pick(rng, place.archetype.categories),
      feeling: pick(rng, feelings),
      when: whenFor(rng, place.archetype),
      createdAt: start + day * DAY_MS + Math.floor(rng() * DAY_MS),
      reporterHash: hash,
      duplicateOf: null,
      status: 'confirmed',
      source,
    });
  };

  const total = options.expectedReports;

  // Persistent hotspots: Zipf-like intensities (weight ∝ 1/rank^0.9).
  const persistent = Array.from({ length: options.persistentHotspots }, (_, j) => {
    const at = randomPointInDisk(radiusMetres * 0.85);
    return {
      place: {
        ...at,
        spreadMetres: 30 + rng() * 90,
        archetype: ARCHETYPES[Math.floor(rng() * ARCHETYPES.length)],
        regulars: 0,
        key: `p${j}`,
      },
      weight: 1 / (j + 1) ** 0.9,
      drift: (rng() - 0.5) * 1.6,
    };
  });
  const persistentWeight = persistent.reduce((s, p) => s + p.weight, 0);
  for (const p of persistent) {
    const perDay = (total * options.persistentShare * (p.weight / persistentWeight)) / days;
    // About four reports a year per regular reporter.
    p.place.regulars = Math.max(3, Math.round((perDay * days * options.hashedShare) / 4));
    for (let day = 0; day < days; day++) {
      const drift = 1 + p.drift * (day / days - 0.5);
      const n = poisson(rng, perDay * season(day) * weekly(day) * drift);
      for (let k = 0; k < n; k++) emit(p.place, day, 'persistent', HOTSPOT_FEELINGS);
    }
  }

  // Temporary hotspots: 2–8 weeks, rising within a few days, fading towards the end.
  const temporary = Array.from({ length: options.temporaryHotspots }, (_, j) => ({
    place: {
      ...randomPointInDisk(radiusMetres * 0.9),
      spreadMetres: 30 + rng() * 70,
      archetype: ARCHETYPES[Math.floor(rng() * ARCHETYPES.length)],
      regulars: 0,
      key: `t${j}`,
    },
    first: Math.floor(rng() * (days - 14)),
    length: 14 + Math.floor(rng() * 43),
    weight: Math.exp(0.6 * gaussian(rng)),
  }));
  const temporaryWeight = temporary.reduce((s, t) => s + t.weight, 0);
  for (const t of temporary) {
    const volume = (total * options.temporaryShare * t.weight) / temporaryWeight;
    t.place.regulars = Math.max(2, Math.round((volume * options.hashedShare) / 2));
    // Intensity shape over the active days: ramp up over 4 days, flat, fade over the last third.
    const shape = (d: number) => Math.min(1, (d + 1) / 4) * Math.min(1, (3 * (t.length - d)) / t.length);
    let shapeSum = 0;
    for (let d = 0; d < t.length; d++) shapeSum += shape(d);
    for (let d = 0; d < t.length && t.first + d < days; d++) {
      const n = poisson(rng, (volume * shape(d)) / shapeSum);
      for (let k = 0; k < n; k++) emit(t.place, t.first + d, 'temporary', HOTSPOT_FEELINGS);
    }
  }

  // Background: where people live (12 residential areas, σ 500–1200 m) plus a thin uniform layer.
  const residential = Array.from({ length: 12 }, () => ({ ...randomPointInDisk(radiusMetres * 0.8), sigma: 500 + rng() * 700 }));
  const backgroundShare = 1 - options.persistentShare - options.temporaryShare - options.spamShare;
  const backgroundPerDay = (total * backgroundShare) / days;
  for (let day = 0; day < days; day++) {
    const n = poisson(rng, backgroundPerDay * season(day) * weekly(day));
    for (let k = 0; k < n; k++) {
      const home = rng() < 0.8 ? residential[Math.floor(rng() * residential.length)] : null;
      const at = home ? scatter(home.lat, home.lon, home.sigma) : randomPointInDisk(radiusMetres);
      emit(
        { ...at, spreadMetres: 0, archetype: BACKGROUND_ARCHETYPE, regulars: 0, key: 'b' },
        day,
        'background',
        BACKGROUND_FEELINGS,
      );
    }
  }

  // Spammers: one spot each, 1–3 reports a day for 1–4 months, always "very unsafe".
  const spamPerSpammer = (total * options.spamShare) / Math.max(1, options.spammers);
  for (let s = 0; s < options.spammers; s++) {
    const place: Place = {
      ...randomPointInDisk(radiusMetres * 0.9),
      spreadMetres: 10,
      archetype: ARCHETYPES[Math.floor(rng() * ARCHETYPES.length)],
      regulars: 0,
      key: `s${s}`,
    };
    const length = 30 + Math.floor(rng() * 90);
    const first = Math.floor(rng() * Math.max(1, days - length));
    const perDay = spamPerSpammer / length;
    for (let d = 0; d < length; d++) {
      const n = poisson(rng, perDay);
      for (let k = 0; k < n; k++) emit(place, first + d, 'spam', [[5, 1]], `spammer-${s}`);
    }
  }

  drafts.sort((a, b) => a.createdAt - b.createdAt);
  const reports: SyntheticReport[] = drafts.map((d, i) => ({ ...d, id: i + 1 }));

  // Duplicates: the same concern reported again within 36 hours, a few metres away, merged by staff.
  const originals = reports.filter((r) => r.source !== 'spam');
  const duplicates: Omit<SyntheticReport, 'id'>[] = [];
  for (const original of originals) {
    if (rng() >= options.duplicateShare) continue;
    const point = offset(original.lat, original.lon, 15 * gaussian(rng), 15 * gaussian(rng));
    duplicates.push({
      ...original,
      lat: point.lat,
      lon: point.lon,
      cell: latLngToCell(point.lat, point.lon, SCORING_RESOLUTION),
      createdAt: original.createdAt + Math.floor(rng() * 1.5 * DAY_MS),
      reporterHash: rng() < 0.5 ? original.reporterHash : null,
      duplicateOf: original.id,
      status: 'duplicate',
      source: 'duplicate',
    });
  }
  const all = [...reports, ...duplicates.map((d, i) => ({ ...d, id: reports.length + i + 1 }))];
  all.sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  // Fresh objects in time order, laid out in memory in that order, as rows from a database query are.
  return { options, reports: all.map((r) => ({ ...r })) };
}

/**
 * Reports spread uniformly at random over the city's disk and period, anonymous and alike: a city
 * without any hot spot, for checking how often the gate finds one anyway.
 */
export function generateUniformReports(
  count: number,
  overrides: Partial<Pick<SyntheticCityOptions, 'seed' | 'start' | 'days' | 'centre' | 'radiusMetres'>> = {},
): SyntheticReport[] {
  const { seed, start, days, centre, radiusMetres } = { ...defaultSyntheticCityOptions, ...overrides };
  const rng = mulberry32(seed);
  const perDegree = metresPerDegree(centre.lat);
  const reports: SyntheticReport[] = [];
  for (let i = 0; i < count; i++) {
    const r = radiusMetres * Math.sqrt(rng());
    const a = 2 * Math.PI * rng();
    const lat = centre.lat + (r * Math.sin(a)) / perDegree.lat;
    const lon = centre.lon + (r * Math.cos(a)) / perDegree.lon;
    reports.push({
      id: i + 1,
      lat,
      lon,
      cell: latLngToCell(lat, lon, SCORING_RESOLUTION),
      category: 'other',
      feeling: 3,
      when: { always: true },
      createdAt: start + Math.floor(rng() * days * DAY_MS),
      reporterHash: null,
      duplicateOf: null,
      source: 'background',
    });
  }
  return reports.sort((x, y) => x.createdAt - y.createdAt);
}
