import { getCityConfig } from '@/lib/city/config';
import { normalizeRef } from '@/lib/reports/ref-format';
import { open311Statuses, type Open311Status } from './status';

/** The spec's defaults: a window of 90 days and at most 1000 requests, whichever is smaller. */
export const DEFAULT_WINDOW_DAYS = 90;
export const PAGE_SIZE = 1000;
const DAY_MS = 86_400_000;
const MAX_PAGE = 100_000;
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export type RequestFilters =
  | { kind: 'ids'; refs: string[] }
  | {
      kind: 'search';
      serviceCode?: string;
      start: Date;
      end: Date;
      statuses?: Open311Status[];
      /** Our extension: page=2 for requests 1001–2000 of the window, newest first. */
      page: number;
    };

export type ParsedFilters = { ok: true; filters: RequestFilters } | { ok: false; errors: string[] };

/**
 * W3C date-time (ISO 8601 profile) with a time zone, as the spec requires:
 * 2026-05-01T08:15:30Z, 2026-05-01T10:15:30+02:00, with or without seconds and fractions.
 * A '+' that a client forgot to percent-encode arrives as a space and is read as '+'.
 */
const dateTimePattern =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+\- ])(\d{2}):?(\d{2}))$/i;

export function parseDateTime(text: string): Date | null {
  const m = dateTimePattern.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => Number(v ?? 0));
  const millis = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  if (year < 1970 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return null;
  let offsetMinutes = 0;
  if (!m[8]) {
    const offsetHours = Number(m[10]);
    const offsetMins = Number(m[11]);
    if (offsetHours > 14 || offsetMins > 59) return null;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000);
}

function shown(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** GET requests parameters → filters, or the spec's 400 descriptions. Unknown parameters are ignored. */
export function parseRequestFilters(params: URLSearchParams, now = new Date()): ParsedFilters {
  const errors: string[] = [];
  const one = (key: string): string | undefined => {
    const all = params.getAll(key);
    if (all.length > 1) errors.push(`${key}: darf nur einmal angegeben werden.`);
    const value = all[0]?.trim();
    return value ? value : undefined;
  };

  // A list of ids overrides every other argument (spec).
  const ids = one('service_request_id');
  if (ids !== undefined) {
    const parts = ids
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '');
    const refs: string[] = [];
    for (const part of parts) {
      const ref = normalizeRef(part);
      if (ref) refs.push(ref);
      else errors.push(`service_request_id: „${shown(part)}“ ist keine gültige Kennung (Form ${getCityConfig().refPrefix}-7K2Q9M).`);
      if (errors.length >= 20) break;
    }
    if (parts.length === 0) errors.push('service_request_id: leer.');
    if (parts.length > PAGE_SIZE) errors.push(`service_request_id: höchstens ${PAGE_SIZE} Kennungen auf einmal.`);
    return errors.length ? { ok: false, errors } : { ok: true, filters: { kind: 'ids', refs: [...new Set(refs)] } };
  }

  const serviceCode = one('service_code');
  if (serviceCode !== undefined && !/^[a-z0-9-]{1,64}$/.test(serviceCode)) {
    errors.push(`service_code: „${shown(serviceCode)}“ ist kein Dienst dieses Servers.`);
  }

  const date = (key: 'start_date' | 'end_date'): Date | undefined => {
    const text = one(key);
    if (text === undefined) return undefined;
    const parsed = parseDateTime(text);
    if (!parsed) {
      errors.push(`${key}: „${shown(text)}“ ist kein Zeitpunkt nach ISO 8601 mit Zeitzone, z. B. 2026-05-01T00:00:00Z.`);
    }
    return parsed ?? undefined;
  };
  const startGiven = date('start_date');
  const endGiven = date('end_date');
  const windowMs = DEFAULT_WINDOW_DAYS * DAY_MS;
  // Clamped so that a window starting late in year 9999 stays a date the database can read.
  const end = endGiven ?? (startGiven ? new Date(Math.min(startGiven.getTime() + windowMs, LATEST)) : now);
  const start = startGiven ?? new Date(end.getTime() - windowMs);
  if (startGiven && endGiven) {
    if (end < start) errors.push('end_date: liegt vor start_date.');
    else if (end.getTime() - start.getTime() > windowMs) {
      errors.push(`start_date, end_date: Der Zeitraum darf höchstens ${DEFAULT_WINDOW_DAYS} Tage umfassen.`);
    }
  }

  let statuses: Open311Status[] | undefined;
  const statusValues = params
    .getAll('status')
    .flatMap((s) => s.split(','))
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  if (statusValues.length > 0) {
    const unknown = statusValues.find((s) => !(open311Statuses as readonly string[]).includes(s));
    if (unknown !== undefined) errors.push(`status: „${shown(unknown)}“ ist unbekannt. Erlaubt: open, closed.`);
    else statuses = [...new Set(statusValues)] as Open311Status[];
  }

  const pageText = one('page');
  let page = 1;
  if (pageText !== undefined) {
    page = /^\d{1,6}$/.test(pageText) ? Number(pageText) : NaN;
    if (!(page >= 1 && page <= MAX_PAGE)) errors.push(`page: eine ganze Zahl von 1 bis ${MAX_PAGE}.`);
  }

  if (errors.length) return { ok: false, errors };
  return { ok: true, filters: { kind: 'search', serviceCode, start, end, statuses, page } };
}
