/**
 * Deterministic, plausible demo reports for Lünen.
 *
 * Real reports are not spread evenly: most of them pile up at a handful of
 * places (station, parks, river banks, underpasses), the rest is thin
 * background noise where people live. This generator mimics that with about a
 * dozen weighted hotspots plus ~20 % noise, so the public map, the heat layer
 * and the patrol priorities have something realistic to show.
 *
 * Everything is derived from a small seeded PRNG (mulberry32): the same
 * `seed` and `now` always give the same reports. No real personal data is
 * produced; e-mail addresses use the reserved example.org domain.
 */
import type { ReportStatus, TimeOfDay, Weekday, WhenProfile } from '@/lib/db/schema';

export type DemoReport = {
  lat: number;
  lon: number;
  /** Category slug, one of DEMO_CATEGORY_SLUGS. */
  category: string;
  feeling: 1 | 2 | 3 | 4 | 5;
  when: WhenProfile;
  description: string | null;
  createdAt: Date;
  status: ReportStatus;
  locale: 'de' | 'en' | 'tr';
  email: string | null;
  /** Stable per demo reporter; some reporters file 2–4 reports. */
  reporterToken: string;
};

export const DEMO_CATEGORY_SLUGS = [
  'poor-lighting',
  'harassment',
  'drugs',
  'aggressive-groups',
  'vandalism-litter',
  'hidden-place',
  'traffic-danger',
  'other',
] as const;
export type DemoCategorySlug = (typeof DEMO_CATEGORY_SLUGS)[number];

/** Every generated report lies inside this box (and the background noise fills it). */
export const DEMO_BOUNDS = { minLat: 51.57, maxLat: 51.65, minLon: 7.44, maxLon: 7.6 } as const;

/** How far back the demo reports go. */
export const DEMO_PERIOD_DAYS = 180;

type Feeling = DemoReport['feeling'];
type Locale = DemoReport['locale'];
type Rng = () => number;
type Weighted<T> = readonly (readonly [T, number])[];

const DAY_MS = 86_400_000;
const METRES_PER_DEGREE_LAT = 111_320;

// ---------------------------------------------------------------------------
// Hotspots. Coordinates are approximate (good to a few hundred metres);
// `spreadM` is the standard deviation of the scatter around the centre.
// ---------------------------------------------------------------------------

type Hotspot = {
  name: string;
  lat: number;
  lon: number;
  spreadM: number;
  weight: number;
  categories: Weighted<DemoCategorySlug>;
  times: Weighted<TimeOfDay>;
  /** Share of "always" answers to "when does it feel unsafe?". */
  alwaysShare: number;
};

const HOTSPOTS: readonly Hotspot[] = [
  {
    // Lünen Hauptbahnhof with the ZOB (bus station) on its lower level, north of the Lippe.
    name: 'Hauptbahnhof / ZOB',
    lat: 51.6173,
    lon: 7.5293,
    spreadM: 110,
    weight: 16,
    categories: [
      ['harassment', 3],
      ['drugs', 3],
      ['aggressive-groups', 3],
      ['vandalism-litter', 2],
      ['poor-lighting', 1],
      ['other', 1],
    ],
    times: [
      ['morning', 1.5],
      ['day', 1.5],
      ['evening', 3],
      ['night', 3],
    ],
    alwaysShare: 0.35,
  },
  {
    // Pedestrian tunnel at the western end of the platforms towards the town centre.
    name: 'Fußgängertunnel / Unterführungen am Hauptbahnhof',
    lat: 51.6163,
    lon: 7.5262,
    spreadM: 70,
    weight: 8,
    categories: [
      ['hidden-place', 4],
      ['poor-lighting', 3],
      ['harassment', 2],
      ['vandalism-litter', 2],
      ['drugs', 1],
    ],
    times: [
      ['morning', 1],
      ['evening', 3],
      ['night', 4],
    ],
    alwaysShare: 0.2,
  },
  {
    // Footpaths along the Lippe and the bridges between the Altstadt and Lünen-Nord.
    name: 'Lippeufer und Lippebrücken an der Innenstadt',
    lat: 51.6155,
    lon: 7.5215,
    spreadM: 260,
    weight: 9,
    categories: [
      ['poor-lighting', 3],
      ['hidden-place', 3],
      ['aggressive-groups', 2],
      ['vandalism-litter', 2],
      ['drugs', 1],
    ],
    times: [
      ['day', 0.5],
      ['evening', 3],
      ['night', 3.5],
    ],
    alwaysShare: 0.12,
  },
  {
    // Pedestrian zone Lange Straße and the market square in the Altstadt.
    name: 'Fußgängerzone Lange Straße / Marktplatz',
    lat: 51.6135,
    lon: 7.5235,
    spreadM: 120,
    weight: 7,
    categories: [
      ['aggressive-groups', 3],
      ['harassment', 3],
      ['vandalism-litter', 2],
      ['drugs', 2],
      ['other', 1],
    ],
    times: [
      ['day', 1],
      ['evening', 3],
      ['night', 2],
    ],
    alwaysShare: 0.15,
  },
  {
    // Seepark Lünen (Landesgartenschau 1996) with the Horstmarer See, south of the canal.
    name: 'Seepark Horstmar',
    lat: 51.5985,
    lon: 7.549,
    spreadM: 250,
    weight: 9,
    categories: [
      ['aggressive-groups', 3],
      ['vandalism-litter', 3],
      ['poor-lighting', 2],
      ['hidden-place', 2],
      ['drugs', 2],
    ],
    times: [
      ['day', 0.5],
      ['evening', 4],
      ['night', 3],
    ],
    alwaysShare: 0.1,
  },
  {
    // Schlosspark Schwansbell, the old landscape park by the Datteln-Hamm-Kanal.
    name: 'Schlosspark Schwansbell',
    lat: 51.604,
    lon: 7.538,
    spreadM: 160,
    weight: 5,
    categories: [
      ['poor-lighting', 3],
      ['hidden-place', 3],
      ['harassment', 1],
      ['drugs', 1],
      ['vandalism-litter', 1],
    ],
    times: [
      ['day', 0.5],
      ['evening', 3],
      ['night', 3],
    ],
    alwaysShare: 0.1,
  },
  {
    // Centre of Brambauer around the market square.
    name: 'Brambauer Zentrum / Marktplatz',
    lat: 51.587,
    lon: 7.466,
    spreadM: 170,
    weight: 8,
    categories: [
      ['aggressive-groups', 3],
      ['vandalism-litter', 2],
      ['drugs', 2],
      ['harassment', 2],
      ['poor-lighting', 1],
    ],
    times: [
      ['day', 1],
      ['evening', 3],
      ['night', 2],
    ],
    alwaysShare: 0.2,
  },
  {
    // Bahnhof Lünen Preußen (the station for Lünen-Süd, Gahmen and Horstmar) and the
    // busy road underpass at the Preußenstraße.
    name: 'Bahnhof Preußen mit Unterführung Preußenstraße',
    lat: 51.5881,
    lon: 7.5397,
    spreadM: 130,
    weight: 7,
    categories: [
      ['poor-lighting', 3],
      ['hidden-place', 2],
      ['traffic-danger', 2],
      ['vandalism-litter', 2],
      ['harassment', 1],
    ],
    times: [
      ['morning', 2],
      ['evening', 3],
      ['night', 2.5],
    ],
    alwaysShare: 0.2,
  },
  {
    // A large supermarket car park in Lünen-Nord: meeting point for cars and groups at night.
    name: 'Supermarktparkplatz Lünen-Nord',
    lat: 51.627,
    lon: 7.519,
    spreadM: 90,
    weight: 5,
    categories: [
      ['aggressive-groups', 3],
      ['vandalism-litter', 2],
      ['traffic-danger', 2],
      ['poor-lighting', 2],
    ],
    times: [
      ['evening', 3],
      ['night', 3],
    ],
    alwaysShare: 0.15,
  },
  {
    // Main road through Lünen-Süd where school routes cross.
    name: 'Hauptstraße und Schulwege in Lünen-Süd',
    lat: 51.597,
    lon: 7.518,
    spreadM: 220,
    weight: 5,
    categories: [
      ['traffic-danger', 8],
      ['poor-lighting', 1],
      ['other', 1],
    ],
    times: [
      ['morning', 4],
      ['day', 3],
      ['evening', 1],
    ],
    alwaysShare: 0.15,
  },
  {
    // Cappenberger See in Nordlünen: lake paths and car park, quiet after dark.
    name: 'Cappenberger See',
    lat: 51.6347,
    lon: 7.5364,
    spreadM: 200,
    weight: 4,
    categories: [
      ['hidden-place', 3],
      ['vandalism-litter', 3],
      ['poor-lighting', 2],
      ['aggressive-groups', 2],
      ['drugs', 1],
    ],
    times: [
      ['day', 0.5],
      ['evening', 3],
      ['night', 3],
    ],
    alwaysShare: 0.1,
  },
];

/** Residential centres of the districts: half of the background noise gathers around them. */
const RESIDENTIAL_CENTRES: Weighted<readonly [lat: number, lon: number]> = [
  [[51.6115, 7.518], 3], // Lünen-Mitte
  [[51.6225, 7.525], 2], // Lünen-Nord
  [[51.5965, 7.512], 2.5], // Lünen-Süd
  [[51.588, 7.462], 3], // Brambauer
  [[51.583, 7.527], 1], // Gahmen
  [[51.5955, 7.552], 1.5], // Horstmar
  [[51.587, 7.583], 0.8], // Niederaden
  [[51.6125, 7.583], 0.8], // Beckinghausen
  [[51.6175, 7.475], 0.6], // Lippholthausen
  [[51.642, 7.492], 1], // Alstedde
  [[51.642, 7.532], 1.2], // Nordlünen
  [[51.632, 7.562], 1], // Wethmar
];

/** Rough outline of the city (lon, lat); matches cities/luenen/districts.geojson. */
const CITY_OUTLINE: readonly (readonly [lon: number, lat: number])[] = [
  [7.4427, 51.5994], [7.4464, 51.5883], [7.4538, 51.58], [7.4648, 51.5764],
  [7.4777, 51.5791], [7.4887, 51.5856], [7.4998, 51.5874], [7.5099, 51.5819],
  [7.52, 51.5773], [7.5338, 51.5782], [7.5467, 51.5828], [7.5623, 51.5846],
  [7.577, 51.5828], [7.5918, 51.5865], [7.5991, 51.5957], [7.5973, 51.6067],
  [7.5899, 51.6159], [7.577, 51.6214], [7.5642, 51.627], [7.5568, 51.638],
  [7.5504, 51.649], [7.5384, 51.6546], [7.5237, 51.6536], [7.509, 51.6509],
  [7.4961, 51.649], [7.4832, 51.6435], [7.4758, 51.6352], [7.4703, 51.627],
  [7.4602, 51.6214], [7.4501, 51.6141], [7.4446, 51.6067],
];

const NOISE_SHARE = 0.2;

const NOISE_CATEGORIES: Weighted<DemoCategorySlug> = [
  ['poor-lighting', 3],
  ['traffic-danger', 3],
  ['vandalism-litter', 2],
  ['hidden-place', 1.5],
  ['harassment', 1.5],
  ['aggressive-groups', 1.5],
  ['drugs', 1],
  ['other', 1.5],
];

/** Typical times per category, used for the background noise and for traffic danger anywhere. */
const CATEGORY_TIMES: Record<DemoCategorySlug, Weighted<TimeOfDay>> = {
  'poor-lighting': [
    ['morning', 1],
    ['evening', 3],
    ['night', 3],
  ],
  harassment: [
    ['day', 1],
    ['evening', 3],
    ['night', 2],
  ],
  drugs: [
    ['day', 1],
    ['evening', 2],
    ['night', 3],
  ],
  'aggressive-groups': [
    ['day', 0.5],
    ['evening', 3],
    ['night', 3],
  ],
  'vandalism-litter': [
    ['morning', 1],
    ['day', 1],
    ['evening', 1.5],
    ['night', 2],
  ],
  'hidden-place': [
    ['day', 0.5],
    ['evening', 3],
    ['night', 3],
  ],
  'traffic-danger': [
    ['morning', 4],
    ['day', 3],
    ['evening', 1],
    ['night', 0.3],
  ],
  other: [
    ['morning', 1],
    ['day', 1],
    ['evening', 2],
    ['night', 2],
  ],
};

const HOTSPOT_FEELINGS: Weighted<Feeling> = [
  [1, 0.03],
  [2, 0.08],
  [3, 0.27],
  [4, 0.34],
  [5, 0.28],
];
const NOISE_FEELINGS: Weighted<Feeling> = [
  [1, 0.1],
  [2, 0.22],
  [3, 0.34],
  [4, 0.22],
  [5, 0.12],
];

// ---------------------------------------------------------------------------
// When profiles
// ---------------------------------------------------------------------------

const TIME_ORDER: readonly TimeOfDay[] = ['morning', 'day', 'evening', 'night'];
const DAY_ORDER: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WORKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** Night-time answers lean heavily towards the weekend. */
const NIGHT_DAY_SETS: Weighted<readonly Weekday[]> = [
  [['fri', 'sat'], 3],
  [['fri', 'sat', 'sun'], 2.5],
  [['sat', 'sun'], 1],
  [['thu', 'fri', 'sat'], 1],
  [DAY_ORDER, 2],
];
const EVENING_DAY_SETS: Weighted<readonly Weekday[]> = [
  [DAY_ORDER, 3],
  [['fri', 'sat'], 2],
  [['fri', 'sat', 'sun'], 1.5],
  [WORKDAYS, 1.5],
];
const DAYTIME_DAY_SETS: Weighted<readonly Weekday[]> = [
  [WORKDAYS, 4],
  [DAY_ORDER, 3],
  [['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], 1.5],
  [['sat'], 0.5],
];
const MIXED_DAY_SETS: Weighted<readonly Weekday[]> = [
  [DAY_ORDER, 4],
  [WORKDAYS, 2],
  [['fri', 'sat', 'sun'], 1.5],
];

function makeDays(rng: Rng, times: readonly TimeOfDay[]): Weekday[] {
  if (rng() < 0.12) {
    // An individual answer: one to three arbitrary days.
    const days = new Set<Weekday>();
    const n = 1 + Math.floor(rng() * 3);
    while (days.size < n) days.add(pick(rng, DAY_ORDER));
    return DAY_ORDER.filter((d) => days.has(d));
  }
  const early = times.includes('morning') || times.includes('day');
  let sets: Weighted<readonly Weekday[]>;
  if (early && (times.includes('evening') || times.includes('night'))) sets = MIXED_DAY_SETS;
  else if (early) sets = DAYTIME_DAY_SETS;
  else if (times.includes('night')) sets = NIGHT_DAY_SETS;
  else sets = EVENING_DAY_SETS;
  return [...pickWeighted(rng, sets)];
}

function makeWhen(rng: Rng, times: Weighted<TimeOfDay>, alwaysShare: number): WhenProfile {
  if (rng() < alwaysShare) return { always: true };
  const n = rng() < 0.6 ? 1 : 2;
  const chosen = new Set<TimeOfDay>();
  for (let guard = 0; chosen.size < n && guard < 20; guard++) chosen.add(pickWeighted(rng, times));
  const ordered = TIME_ORDER.filter((t) => chosen.has(t));
  return { times: ordered, days: makeDays(rng, ordered) };
}

// ---------------------------------------------------------------------------
// Free-text descriptions (invented, no personal data)
// ---------------------------------------------------------------------------

const DESCRIPTIONS_DE: Record<DemoCategorySlug, readonly string[]> = {
  'poor-lighting': [
    'Die Straßenlaternen sind hier seit Wochen kaputt, abends ist es stockdunkel.',
    'Der Fußweg ist kaum beleuchtet, man sieht nicht, wer einem entgegenkommt.',
    'Im Winter ist es hier schon am späten Nachmittag dunkel, das Licht reicht nicht aus.',
  ],
  harassment: [
    'Frauen werden hier abends immer wieder angesprochen und ein Stück verfolgt.',
    'Ich wurde auf dem Heimweg mehrfach blöd angemacht.',
    'Passanten werden hier öfter angepöbelt, gerade wenn sie allein unterwegs sind.',
  ],
  drugs: [
    'Hier wird ziemlich offen gedealt, man wird sogar angesprochen.',
    'Im Gebüsch liegen regelmäßig Spritzen und andere Reste von Drogenkonsum.',
    'Abends treffen sich hier Leute zum Kiffen, es riecht den ganzen Weg entlang.',
  ],
  'aggressive-groups': [
    'Abends hängen hier größere Gruppen herum, die Leute anpöbeln.',
    'Jugendliche blockieren den Weg und werden aggressiv, wenn man etwas sagt.',
    'Am Wochenende gibt es hier oft laute Streitereien, manchmal auch Schlägereien.',
    'Nachts treffen sich hier Autoposer und fahren Rennen, das ist laut und gefährlich.',
  ],
  'vandalism-litter': [
    'Überall Scherben und Müll, die Bänke sind beschmiert.',
    'Die Wartehäuschen werden ständig beschädigt, alles wirkt verwahrlost.',
    'Nach jedem Wochenende liegen hier jede Menge Flaschen und Glasscherben.',
  ],
  'hidden-place': [
    'Die Unterführung ist eng und unübersichtlich, man sieht nicht, wer drin ist.',
    'Hinter den Büschen kann sich jemand verstecken, das ist unheimlich.',
    'Der Weg ist sehr abgelegen, wenn etwas passiert, hört einen niemand.',
  ],
  'traffic-danger': [
    'Autos fahren hier viel zu schnell, und die Kinder müssen auf dem Schulweg über die Straße.',
    'Die Grünphase für Fußgänger ist viel zu kurz, ältere Leute schaffen es kaum rüber.',
    'Radfahrer und Autos kommen sich hier ständig in die Quere, es fehlt ein Radweg.',
  ],
  other: [
    'Ich fühle mich hier einfach unwohl, vor allem wenn ich allein unterwegs bin.',
    'Abends ist hier niemand mehr unterwegs, das ist beklemmend.',
    'Es gibt weit und breit keine Möglichkeit, im Notfall Hilfe zu holen.',
  ],
};

const DESCRIPTIONS_EN: Record<DemoCategorySlug, readonly string[]> = {
  'poor-lighting': ['The street lights have been broken for weeks, it is pitch dark in the evening.'],
  harassment: ['I was followed and verbally harassed on my way home.'],
  drugs: ['People deal drugs quite openly here, I was approached twice.'],
  'aggressive-groups': ['Large groups gather here at night and shout at people passing by.'],
  'vandalism-litter': ['Broken glass and rubbish everywhere, the benches are covered in graffiti.'],
  'hidden-place': ['The underpass is narrow and you cannot see who is inside.'],
  'traffic-danger': ['Cars drive far too fast here, crossing with children is dangerous.'],
  other: ['I just feel uneasy here, especially when I walk alone.'],
};

const DESCRIPTIONS_TR: Record<DemoCategorySlug, readonly string[]> = {
  'poor-lighting': ['Sokak lambaları haftalardır bozuk, akşamları burası zifiri karanlık.'],
  harassment: ['Eve dönerken takip edildim ve bana laf atıldı.'],
  drugs: ['Burada açıkça uyuşturucu satılıyor.'],
  'aggressive-groups': ['Akşamları burada kalabalık gruplar toplanıyor ve gelip geçenlere bağırıyor.'],
  'vandalism-litter': ['Her yerde kırık cam ve çöp var, banklar tahrip edilmiş.'],
  'hidden-place': ['Alt geçit çok dar ve karanlık, içeride kimin olduğu görünmüyor.'],
  'traffic-danger': ['Arabalar burada çok hızlı gidiyor, çocuklarla karşıdan karşıya geçmek tehlikeli.'],
  other: ['Burada, özellikle yalnızken, kendimi güvende hissetmiyorum.'],
};

const DESCRIPTIONS: Record<Locale, Record<DemoCategorySlug, readonly string[]>> = {
  de: DESCRIPTIONS_DE,
  en: DESCRIPTIONS_EN,
  tr: DESCRIPTIONS_TR,
};
const DESCRIPTION_SHARE = 0.3;

// ---------------------------------------------------------------------------
// Reporters, dates, statuses
// ---------------------------------------------------------------------------

const LOCALES: Weighted<Locale> = [
  ['de', 0.9],
  ['en', 0.055],
  ['tr', 0.045],
];
/** How many reports one demo reporter files. */
const REPORTS_PER_REPORTER: Weighted<number> = [
  [1, 0.72],
  [2, 0.15],
  [3, 0.08],
  [4, 0.05],
];
const EMAIL_SHARE = 0.15;
/** Chance that a further report of the same reporter is near their first one. */
const SAME_PLACE_SHARE = 0.7;

/** Filing hour in UTC (Lünen is UTC+1/+2): mostly afternoons and evenings. */
const FILING_HOURS_UTC: Weighted<number> = [
  [0, 0.4], [1, 0.25], [2, 0.15], [3, 0.1], [4, 0.2], [5, 0.5],
  [6, 1], [7, 1.5], [8, 1.5], [9, 1.5], [10, 1.5], [11, 1.5],
  [12, 1.5], [13, 1.5], [14, 1.5], [15, 2], [16, 2.5], [17, 3],
  [18, 3.5], [19, 3.5], [20, 3], [21, 2], [22, 1], [23, 0.6],
];

const RECENT_STATUSES: Weighted<ReportStatus> = [
  ['new', 0.82],
  ['in_review', 0.13],
  ['confirmed', 0.05],
];
const OLDER_STATUSES: Weighted<ReportStatus> = [
  ['new', 0.08],
  ['in_review', 0.22],
  ['confirmed', 0.25],
  ['in_patrol', 0.2],
  ['resolved', 0.15],
  ['dismissed', 0.1],
];
const OLD_STATUSES: Weighted<ReportStatus> = [
  ['new', 0.03],
  ['in_review', 0.07],
  ['confirmed', 0.18],
  ['in_patrol', 0.14],
  ['resolved', 0.43],
  ['dismissed', 0.15],
];

function makeCreatedAt(rng: Rng, now: Date): Date {
  // Half uniform, half linearly falling with age: recent days are about three times as busy.
  const ageDays =
    rng() < 0.5 ? rng() * DEMO_PERIOD_DAYS : DEMO_PERIOD_DAYS * (1 - Math.sqrt(rng()));
  const dayOffset = Math.min(DEMO_PERIOD_DAYS - 1, Math.floor(ageDays));
  const date = new Date(now.getTime() - dayOffset * DAY_MS);
  date.setUTCHours(
    pickWeighted(rng, FILING_HOURS_UTC),
    Math.floor(rng() * 60),
    Math.floor(rng() * 60),
    0,
  );
  // A time later today than `now` belongs to yesterday.
  if (date.getTime() > now.getTime()) date.setTime(date.getTime() - DAY_MS);
  return date;
}

function makeStatus(rng: Rng, createdAt: Date, now: Date): ReportStatus {
  const ageDays = (now.getTime() - createdAt.getTime()) / DAY_MS;
  if (ageDays < 14) return pickWeighted(rng, RECENT_STATUSES);
  if (ageDays < 60) return pickWeighted(rng, OLDER_STATUSES);
  return pickWeighted(rng, OLD_STATUSES);
}

// ---------------------------------------------------------------------------
// Places
// ---------------------------------------------------------------------------

type Source = { kind: 'hotspot'; hotspot: Hotspot } | { kind: 'noise' };

const HOTSPOT_WEIGHTS: Weighted<Hotspot> = HOTSPOTS.map((h) => [h, h.weight] as const);

function pickSource(rng: Rng): Source {
  if (rng() < NOISE_SHARE) return { kind: 'noise' };
  return { kind: 'hotspot', hotspot: pickWeighted(rng, HOTSPOT_WEIGHTS) };
}

function inBounds(lat: number, lon: number): boolean {
  return (
    lat >= DEMO_BOUNDS.minLat &&
    lat <= DEMO_BOUNDS.maxLat &&
    lon >= DEMO_BOUNDS.minLon &&
    lon <= DEMO_BOUNDS.maxLon
  );
}

function inCity(lat: number, lon: number): boolean {
  let inside = false;
  for (let i = 0, j = CITY_OUTLINE.length - 1; i < CITY_OUTLINE.length; j = i++) {
    const a = CITY_OUTLINE[i];
    const b = CITY_OUTLINE[j];
    if (a === undefined || b === undefined) continue;
    const [lonA, latA] = a;
    const [lonB, latB] = b;
    if (latA > lat !== latB > lat && lon < lonA + ((lat - latA) * (lonB - lonA)) / (latB - latA)) {
      inside = !inside;
    }
  }
  return inside;
}

/** A point scattered around a centre (normal distribution, cut at 2.5 sigma). */
function scatter(rng: Rng, lat: number, lon: number, sigmaM: number): [number, number] {
  for (let attempt = 0; attempt < 20; attempt++) {
    const dx = gaussian(rng);
    const dy = gaussian(rng);
    if (Math.hypot(dx, dy) > 2.5) continue;
    const pLat = lat + (dy * sigmaM) / METRES_PER_DEGREE_LAT;
    const pLon =
      lon + (dx * sigmaM) / (METRES_PER_DEGREE_LAT * Math.cos((lat * Math.PI) / 180));
    if (inBounds(pLat, pLon)) return [pLat, pLon];
  }
  return [lat, lon];
}

function noisePoint(rng: Rng): [number, number] {
  if (rng() < 0.5) {
    const [lat, lon] = pickWeighted(rng, RESIDENTIAL_CENTRES);
    let point = scatter(rng, lat, lon, 650);
    for (let attempt = 0; attempt < 10 && !inCity(...point); attempt++) {
      point = scatter(rng, lat, lon, 650);
    }
    return point;
  }
  let lat = 0;
  let lon = 0;
  for (let attempt = 0; attempt < 50; attempt++) {
    lat = DEMO_BOUNDS.minLat + rng() * (DEMO_BOUNDS.maxLat - DEMO_BOUNDS.minLat);
    lon = DEMO_BOUNDS.minLon + rng() * (DEMO_BOUNDS.maxLon - DEMO_BOUNDS.minLon);
    if (inCity(lat, lon)) break;
  }
  return [lat, lon];
}

// ---------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------

type Reporter = { token: string; locale: Locale; email: string | null };

function makeReport(rng: Rng, source: Source, reporter: Reporter, now: Date): DemoReport {
  let lat: number;
  let lon: number;
  let category: DemoCategorySlug;
  let feeling: Feeling;
  let when: WhenProfile;
  if (source.kind === 'hotspot') {
    const h = source.hotspot;
    [lat, lon] = scatter(rng, h.lat, h.lon, h.spreadM);
    category = pickWeighted(rng, h.categories);
    feeling = pickWeighted(rng, HOTSPOT_FEELINGS);
    const times = category === 'traffic-danger' ? CATEGORY_TIMES['traffic-danger'] : h.times;
    when = makeWhen(rng, times, h.alwaysShare);
  } else {
    [lat, lon] = noisePoint(rng);
    category = pickWeighted(rng, NOISE_CATEGORIES);
    feeling = pickWeighted(rng, NOISE_FEELINGS);
    when = makeWhen(rng, CATEGORY_TIMES[category], 0.2);
  }
  const description =
    rng() < DESCRIPTION_SHARE ? pick(rng, DESCRIPTIONS[reporter.locale][category]) : null;
  const createdAt = makeCreatedAt(rng, now);
  return {
    lat: round6(lat),
    lon: round6(lon),
    category,
    feeling,
    when,
    description,
    createdAt,
    status: makeStatus(rng, createdAt, now),
    locale: reporter.locale,
    email: reporter.email,
    reporterToken: reporter.token,
  };
}

/**
 * `count` demo reports, oldest first, all created within the 180 days before `now`.
 * Deterministic: the same options always give the same list.
 */
export function generateDemoReports(options: {
  count: number;
  seed: number;
  now: Date;
}): DemoReport[] {
  const count = Math.max(0, Math.floor(options.count));
  const now = new Date(options.now.getTime());
  const rng = mulberry32((options.seed ^ 0x9e3779b9) >>> 0);
  const reports: DemoReport[] = [];
  let reporterNo = 0;
  while (reports.length < count) {
    reporterNo += 1;
    const reporter: Reporter = {
      token: `demo-reporter-${reporterNo}`,
      locale: pickWeighted(rng, LOCALES),
      email: rng() < EMAIL_SHARE ? `demo+${reporterNo}@example.org` : null,
    };
    const n = Math.min(pickWeighted(rng, REPORTS_PER_REPORTER), count - reports.length);
    const home = pickSource(rng);
    for (let i = 0; i < n; i++) {
      const source = i === 0 || rng() < SAME_PLACE_SHARE ? home : pickSource(rng);
      reports.push(makeReport(rng, source, reporter, now));
    }
  }
  // Stable sort: ties keep generation order, so the result stays deterministic.
  return reports.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

// ---------------------------------------------------------------------------
// Random helpers
// ---------------------------------------------------------------------------

/** mulberry32: a tiny, fast 32-bit PRNG, plenty for demo data. Returns [0, 1). */
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Standard normal variate (Box–Muller). */
function gaussian(rng: Rng): number {
  const u = 1 - rng(); // (0, 1]: keeps log() finite
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick() from an empty list');
  return item;
}

function pickWeighted<T>(rng: Rng, entries: Weighted<T>): T {
  let total = 0;
  for (const [, weight] of entries) total += weight;
  let r = rng() * total;
  for (const [value, weight] of entries) {
    r -= weight;
    if (r < 0) return value;
  }
  const last = entries[entries.length - 1];
  if (last === undefined) throw new Error('pickWeighted() from an empty list');
  return last[0];
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
