import type { PatrolStartPoint } from '@/lib/db/schema';

/**
 * Settings an admin may change, with the defaults every new database starts from.
 * Numbers with a source say where they come from (DESIGN.md).
 */
export const defaultSettings = {
  /** Public aggregates show a cell only with at least k distinct reports; never below 3. */
  'privacy.k': 3,
  /** Days after which a reporter's e-mail address is deleted. */
  'retention.emailDays': 180,
  /** Days after a report was closed (resolved, dismissed, merged) until its exact position is coarsened. */
  'retention.coarsenDays': 365,
  /**
   * Origins (https://…) whose pages may frame the embed widget (CSP frame-ancestors). Empty: only
   * the portal itself.
   */
  'embed.origins': [] as string[],
  /** Licence every open-data export carries (dl-de/zero-2.0: use without conditions, no attribution required). */
  'openData.licence': {
    name: 'Datenlizenz Deutschland – Zero – Version 2.0',
    url: 'https://www.govdata.de/dl-de/zero-2-0',
  } as Licence,
  /**
   * Where patrol teams set out from (e.g. the police station, the town hall). Empty: the city's own
   * list (cities/<city>/city.json, patrolStartPoints), else its map centre.
   */
  'patrol.startPoints': [] as PatrolStartPoint[],
  /** Minutes at each stop of a patrol plan: 15 after the Koper curve (a 10–16 minute stop cut disorder in the next 30 minutes from 15 % to 4 %). */
  'patrol.dwellMinutes': 15,
  /** A stop is visited again about this often within a long shift (DESIGN.md, "Patrol priorities"). */
  'patrol.revisitMinutes': 120,
  // Patrol priorities (DESIGN.md, "Patrol priorities"; lib/priorities/NOTES.md has the evidence).
  // Changing one of the first four rebuilds the aggregates (lib/priorities/recompute.ts).
  /** Half-life T½ of a report's weight, days. DESIGN.md says 28; 10 predicted the next 28 days better. */
  'priorities.halfLifeDays': 10,
  /** Bandwidth h of the quartic kernel, metres. DESIGN.md says 200; 150 kept hot spots' centres on top. */
  'priorities.bandwidthMetres': 150,
  /** Each reporter counts at most once per cell within this many days. */
  'priorities.reporterWindowDays': 30,
  /** Trend: the last this many days against the same span before. */
  'priorities.trendDays': 28,
  /** Gate: at least this many distinct supporting reports. */
  'priorities.minSupport': 3,
  /** Gate: Gi* z-score at least this (1.96: the two-sided 5 % critical value). */
  'priorities.minZ': 1.96,
  /** Gate: false-discovery rate of the Benjamini–Hochberg correction over the city's cells. */
  'priorities.fdrAlpha': 0.05,
} as const;

export type Licence = { name: string; url: string };

export type SettingKey = keyof typeof defaultSettings;

/** The privacy threshold may be raised by an admin, never lowered below 3. */
export const MIN_PRIVACY_K = 3;
