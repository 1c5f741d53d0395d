/**
 * Local calendar days and clock times in the city's time zone (`timeZone` in city.json): staff
 * and residents think in local days, the database stores instants. One place for the arithmetic,
 * including the days the clocks change.
 */

/** Offset of `timeZone` from UTC at `instant`, in milliseconds. */
function zoneOffsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * A calendar day written YYYY-MM-DD (no 30 February) in the years the portal's data can have,
 * 2000 to 2100: a date beyond them is a typo, and the arithmetic here stays within four-digit years.
 */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 2000 && y <= 2100;
}

/** The instant of a local date ("2026-11-27") and minutes after local midnight in `timeZone`. */
export function localToInstant(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d) + minutes * 60_000;
  // Two passes settle the offset also on the days the clocks change.
  let instant = wall - zoneOffsetMs(new Date(wall), timeZone);
  instant = wall - zoneOffsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

/** The instant a calendar day (YYYY-MM-DD) begins in `timeZone`. */
export function startOfLocalDay(day: string, timeZone: string): Date {
  return localToInstant(day, 0, timeZone);
}

/** The day after `day` (YYYY-MM-DD), for an inclusive upper bound. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The local date (YYYY-MM-DD) of an instant in `timeZone`, as an <input type="date"> takes it. */
export function localDateOf(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** The instant the local calendar month of `instant` began in `timeZone`. */
export function startOfLocalMonth(instant: Date, timeZone: string): Date {
  return startOfLocalDay(`${localDateOf(instant, timeZone).slice(0, 7)}-01`, timeZone);
}
