// Plain values and types shared by the server, the database schema and the browser.

export const reportStatuses = [
  'new',
  'in_review',
  'confirmed',
  'in_patrol',
  'resolved',
  'dismissed',
  'duplicate',
] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export const timesOfDay = ['morning', 'day', 'evening', 'night'] as const;
export type TimeOfDay = (typeof timesOfDay)[number];
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** A resident's answer to "when does it feel unsafe here?". */
export type WhenProfile = { always: true } | { times: TimeOfDay[]; days: Weekday[] };

export const reportSources = ['web', 'embed', 'api', 'open311', 'demo'] as const;
export type ReportSource = (typeof reportSources)[number];
