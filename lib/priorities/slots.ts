/**
 * Time slots of the week for patrol priorities (DESIGN.md, "Patrol priorities").
 *
 * Feelings of insecurity differ sharply by time of day (Karlsruhe's safety audit: 2.9 % felt unsafe
 * in the centre by day, 37 % at night), so a report counts in the slots its "when" answer names.
 * The times of day are those of the report form and the API contract: morning 6–10 h, day 10–18 h,
 * evening 18–22 h, night 22–6 h, local time.
 *
 * A night belongs to the day it began, the way residents name it: "Friday night" is Fri 22 h – Sat 6 h,
 * so Sat 02:00 is a *weekday* night (it began on Friday) and Sun 22 h – Mon 6 h a weekend night. This
 * keeps `slotOf` consistent with a resident who ticks "night" and "fri".
 */
import { timesOfDay, weekdays, type TimeOfDay, type Weekday, type WhenProfile } from '@/lib/reports/types';

export const dayKinds = ['weekday', 'weekend'] as const;
export type DayKind = (typeof dayKinds)[number];

export type SlotId = `${TimeOfDay}-${DayKind}`;

/** The 8 slots in a fixed order: index = timeIndex * 2 + dayKindIndex. Arrays of slot values use it. */
export const slotIds: readonly SlotId[] = timesOfDay.flatMap((t) => dayKinds.map((k) => `${t}-${k}` as SlotId));
export const SLOT_COUNT = slotIds.length;

/** Local hours at which each time of day starts and ends (night wraps past midnight). */
export const timeOfDayHours: Readonly<Record<TimeOfDay, { from: number; to: number }>> = {
  morning: { from: 6, to: 10 },
  day: { from: 10, to: 18 },
  evening: { from: 18, to: 22 },
  night: { from: 22, to: 30 },
};

const WEEKEND: ReadonlySet<Weekday> = new Set(['sat', 'sun']);

export function dayKindOf(day: Weekday): DayKind {
  return WEEKEND.has(day) ? 'weekend' : 'weekday';
}

export function slotIndex(time: TimeOfDay, kind: DayKind): number {
  return timesOfDay.indexOf(time) * 2 + dayKinds.indexOf(kind);
}

export function slotId(time: TimeOfDay, kind: DayKind): SlotId {
  return `${time}-${kind}`;
}

export function emptySlotRecord(): Record<SlotId, number> {
  return Object.fromEntries(slotIds.map((s) => [s, 0])) as Record<SlotId, number>;
}

export function toSlotRecord(values: ArrayLike<number>): Record<SlotId, number> {
  const record = emptySlotRecord();
  slotIds.forEach((s, i) => (record[s] = values[i]));
  return record;
}

export function fromSlotRecord(record: Partial<Record<SlotId, number>>): Float64Array {
  const values = new Float64Array(SLOT_COUNT);
  slotIds.forEach((s, i) => (values[i] = record[s] ?? 0));
  return values;
}

/**
 * How a report's weight spreads over the 8 slots; the shares sum to 1, so a report weighs the same
 * whatever it answered. "Always" spreads evenly (1/8 per slot, as DESIGN.md says). A times × days
 * answer spreads evenly over the chosen times, and between weekday and weekend slots in proportion
 * to the chosen days: "evening" on "fri, sat" gives half to evening-weekday, half to evening-weekend.
 * An empty list (not accepted by the form, but possible in old data) means "any".
 */
export function slotShares(when: WhenProfile): Record<SlotId, number> {
  return toSlotRecord(slotShareArray(when));
}

/** `slotShares` as an array in `slotIds` order, for the scoring loop. */
export function slotShareArray(when: WhenProfile): Float64Array {
  const shares = new Float64Array(SLOT_COUNT);
  if ('always' in when) {
    shares.fill(1 / SLOT_COUNT);
    return shares;
  }
  const times = when.times.length > 0 ? [...new Set(when.times)] : [...timesOfDay];
  const days = when.days.length > 0 ? [...new Set(when.days)] : [...weekdays];
  const weekendDays = days.filter((d) => WEEKEND.has(d)).length;
  const kindShare = [(days.length - weekendDays) / days.length, weekendDays / days.length];
  for (const t of times) {
    for (let k = 0; k < 2; k++) shares[slotIndex(t, dayKinds[k])] += kindShare[k] / times.length;
  }
  return shares;
}

/**
 * A compact key for a "when" answer (bit 0: always; bits 1–4: times; bits 5–11: days), so the scoring
 * loop looks shares up in a table instead of building an object per report.
 */
export function whenKey(when: WhenProfile): number {
  if ('always' in when) return 1;
  let key = 0;
  for (const t of when.times) key |= TIME_BITS[t] ?? 0;
  for (const d of when.days) key |= DAY_BITS[d] ?? 0;
  return key;
}

const TIME_BITS: Readonly<Record<string, number>> = Object.fromEntries(timesOfDay.map((t, i) => [t, 1 << (1 + i)]));
const DAY_BITS: Readonly<Record<string, number>> = Object.fromEntries(weekdays.map((d, i) => [d, 1 << (5 + i)]));

export function whenFromKey(key: number): WhenProfile {
  if (key & 1) return { always: true };
  return {
    times: timesOfDay.filter((_, i) => key & (1 << (1 + i))),
    days: weekdays.filter((_, i) => key & (1 << (5 + i))),
  };
}

export const WHEN_KEY_COUNT = 1 << 12;

function timeOfDayAt(hour: number): TimeOfDay {
  if (hour >= 6 && hour < 10) return 'morning';
  if (hour >= 10 && hour < 18) return 'day';
  if (hour >= 18 && hour < 22) return 'evening';
  return 'night';
}

const localParts = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = localParts.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' });
    localParts.set(timeZone, f);
  }
  return f;
}

/** Local weekday and hour of an instant in a time zone (e.g. the city's "Europe/Berlin"). */
export function localDayAndHour(date: Date, timeZone: string): { day: Weekday; hour: number } {
  let day: Weekday = 'mon';
  let hour = 0;
  for (const part of formatterFor(timeZone).formatToParts(date)) {
    if (part.type === 'weekday') day = part.value.toLowerCase().slice(0, 3) as Weekday;
    if (part.type === 'hour') hour = Number(part.value) % 24;
  }
  return { day, hour };
}

/** The slot an instant falls in, in the city's local time; hours before 6 belong to the previous day's night. */
export function slotOf(date: Date, timeZone: string): SlotId {
  const { day, hour } = localDayAndHour(date, timeZone);
  const time = timeOfDayAt(hour);
  const dayIndex = weekdays.indexOf(day);
  const owningDay = time === 'night' && hour < 6 ? weekdays[(dayIndex + 6) % 7] : day;
  return slotId(time, dayKindOf(owningDay));
}

/**
 * A window of the week such as "Fri 20–24 h": the days it starts on and local hours. `to` may be
 * below `from` or above 24 for a window past midnight ("Sat 22–2 h" is from 22, to 2 or 26).
 */
export type WeekWindow = { days: Weekday[]; from: number; to: number };

const HOURS_PER_WEEK = 168;

/** Each slot as intervals on the week's hour axis (0 = Monday 0 h); nights run to 6 h the next day. */
const slotIntervals: { slot: number; from: number; to: number }[] = weekdays.flatMap((day, d) =>
  timesOfDay.map((t) => ({
    slot: slotIndex(t, dayKindOf(day)),
    from: d * 24 + timeOfDayHours[t].from,
    to: d * 24 + timeOfDayHours[t].to,
  })),
);

function overlap(aFrom: number, aTo: number, bFrom: number, bTo: number): number {
  return Math.max(0, Math.min(aTo, bTo) - Math.max(aFrom, bFrom));
}

/**
 * Slot weights for a window: the hours the window overlaps each slot. "Fri 20–24 h" gives
 * evening-weekday 2 and night-weekday 2. Used to rank for "when will the patrol be out".
 */
export function windowSlotWeights(window: WeekWindow): Record<SlotId, number> {
  const weights = new Float64Array(SLOT_COUNT);
  // "Sat 22–2 h" runs past midnight; equal ends mean a whole day.
  const length = window.to > window.from ? window.to - window.from : window.to + 24 - window.from;
  for (const day of new Set(window.days)) {
    const from = weekdays.indexOf(day) * 24 + window.from;
    const to = from + length;
    for (const interval of slotIntervals) {
      // The week wraps: Sunday night runs into Monday morning, and a window may too.
      for (const shift of [-HOURS_PER_WEEK, 0, HOURS_PER_WEEK]) {
        weights[interval.slot] += overlap(from, to, interval.from + shift, interval.to + shift);
      }
    }
  }
  return toSlotRecord(weights);
}

const WINDOW_PATTERN =
  /^\s*((?:mon|tue|wed|thu|fri|sat|sun)(?:\s*[,–-]\s*(?:mon|tue|wed|thu|fri|sat|sun))*)\s+(\d{1,2}(?:[.:]\d{1,2})?)\s*[–-]\s*(\d{1,2}(?:[.:]\d{1,2})?)\s*h?\s*$/i;

function parseHour(text: string): number {
  const [h, m = '0'] = text.split(/[.:]/);
  return Number(h) + Number(m) / 60;
}

/**
 * Reads a window written as "Fri 20–24 h", "sat 22-2", "Mon-Fri 7-9" or "sat,sun 18–22" (English day
 * abbreviations, as the API uses); null when it cannot be read.
 */
export function parseWeekWindow(text: string): WeekWindow | null {
  const match = WINDOW_PATTERN.exec(text);
  if (!match) return null;
  const days: Weekday[] = [];
  for (const part of match[1].toLowerCase().split(/\s*,\s*/)) {
    const range = part.split(/\s*[–-]\s*/) as Weekday[];
    const from = weekdays.indexOf(range[0]);
    const to = weekdays.indexOf(range[range.length - 1]);
    for (let d = from; ; d = (d + 1) % 7) {
      days.push(weekdays[d]);
      if (d === to) break;
    }
  }
  const from = parseHour(match[2]);
  const to = parseHour(match[3]);
  if (from > 24 || to > 48) return null;
  return { days: [...new Set(days)], from, to };
}

/**
 * Hours per slot between two instants (a shift), in the city's local time, in quarter-hour steps:
 * robust across daylight-saving changes, and a shift has at most a few dozen steps.
 */
export function shiftSlotWeights(start: Date, end: Date, timeZone: string): Record<SlotId, number> {
  const weights = emptySlotRecord();
  const step = 15 * 60_000;
  for (let t = start.getTime(); t < end.getTime(); t += step) {
    const slice = Math.min(step, end.getTime() - t);
    weights[slotOf(new Date(t + slice / 2), timeZone)] += slice / 3_600_000;
  }
  return weights;
}
