import type { TimeOfDay, Weekday, WhenProfile } from '@/lib/db/schema';
import type { Bounds } from '@/lib/geo/bounds';
import { localizeFieldErrors } from '@/lib/reports/api-messages';
import { fieldErrors, reportInputSchema, type FieldErrorCode, type ReportInput } from '@/lib/reports/validation';
import { getMessages } from '@/lib/i18n/messages';
import { DAY_VALUES, FEELING_VALUES, WHEN_VALUES } from './services';

/**
 * POST requests: a GeoReport v2 form (application/x-www-form-urlencoded) turned into the input of
 * our report service. Field rules (bounds, lengths, e-mail, …) are those of reportInputSchema; this
 * module only maps the spec's names onto ours and checks what the form alone can tell.
 */

/** Parameters that may appear once. Others the spec defines but we do not store are listed too. */
const singleValued = new Set([
  'service_code',
  'lat',
  'long',
  'address_string',
  'address_id',
  'email',
  'description',
  'device_id',
  'account_id',
  'first_name',
  'last_name',
  'phone',
  'media_url',
  'attribute[feeling]',
]);

/** Multi-value attributes, with or without the PHP-style [] suffix. */
const listAttributes: Record<string, 'when' | 'days'> = {
  'attribute[when][]': 'when',
  'attribute[when]': 'when',
  'attribute[days][]': 'days',
  'attribute[days]': 'days',
};

/** Our field names in the spec's words, for error descriptions. */
const paramOf: Record<string, string> = {
  lat: 'lat',
  lon: 'long',
  category: 'service_code',
  feeling: 'attribute[feeling]',
  when: 'attribute[when]',
  description: 'description',
  email: 'email',
  reporterToken: 'device_id',
};

const MAX_ERRORS = 20;
const DEVICE_ID_MAX = 64;
const numberPattern = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export type ParsedServiceRequest =
  | { ok: true; input: ReportInput; serviceCode: string }
  | { ok: false; errors: string[]; serviceCode?: string };

/** Query and body together: the spec's swagger puts the parameters in the query, its wiki in the body. */
export function mergeParams(query: URLSearchParams, body: URLSearchParams): URLSearchParams {
  const merged = new URLSearchParams();
  for (const [key, value] of query) merged.append(key, value);
  for (const [key, value] of body) merged.append(key, value);
  return merged;
}

/** A parameter name as it may be echoed in an error: short, so a hostile name cannot bloat the answer. */
function shown(key: string): string {
  return key.length > 40 ? `${key.slice(0, 40)}…` : key;
}

/**
 * Checks a GeoReport form and builds a report input. `deviceNamespace` keeps device ids of
 * different clients apart (a device id counts one reporter once, stored only as a keyed hash).
 */
export function parseServiceRequestForm(
  params: URLSearchParams,
  options: { bounds: Bounds; deviceNamespace: string },
): ParsedServiceRequest {
  const messages = getMessages('de').report.errors;
  const errors = new Map<string, string>();
  const fail = (param: string, message: string) => {
    if (!errors.has(param)) errors.set(param, `${param}: ${message}`);
  };

  const values = new Map<string, string[]>();
  const lists: Record<'when' | 'days', string[]> = { when: [], days: [] };
  for (const [key, raw] of params) {
    if (key === 'api_key' || key === 'jurisdiction_id') continue; // checked before
    const value = raw.trim();
    if (Object.hasOwn(listAttributes, key)) {
      if (value !== '') lists[listAttributes[key]].push(value);
    } else if (singleValued.has(key)) {
      values.set(key, [...(values.get(key) ?? []), value]);
    } else if (key.startsWith('attribute')) {
      fail(shown(key), 'unbekanntes Attribut. Diese Dienste kennen attribute[feeling], attribute[when][] und attribute[days][].');
    }
    // Any other parameter is not ours to judge (clients add their own) and is ignored.
  }
  const one = (key: string): string | undefined => {
    const list = values.get(key);
    if (!list) return undefined;
    if (list.length > 1) {
      fail(key, 'darf nur einmal angegeben werden.');
      return undefined;
    }
    return list[0] === '' ? undefined : list[0];
  };

  const serviceCode = one('service_code');
  if (serviceCode === undefined && !errors.has('service_code')) fail('service_code', 'fehlt.');

  // Location: we have no geocoder, so an address alone cannot place a report.
  const latText = one('lat');
  const longText = one('long');
  const addressGiven = one('address_string') !== undefined || one('address_id') !== undefined;
  const coordinate = (param: 'lat' | 'long', text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const n = numberPattern.test(text) ? Number(text) : NaN;
    // Not the form's message: that one shows a decimal comma, which GeoReport clients may not send.
    if (!Number.isFinite(n)) fail(param, 'ist keine Dezimalzahl mit Punkt wie 51.6139.');
    return Number.isFinite(n) ? n : undefined;
  };
  const lat = coordinate('lat', latText);
  const lon = coordinate('long', longText);
  if (latText === undefined && longText === undefined && !errors.has('lat') && !errors.has('long')) {
    if (addressGiven) {
      fail(
        'address_string',
        'Dieser Server hat keinen Geocoder und kann eine Adresse nicht in einen Ort umrechnen. Bitte lat und long (WGS 84) angeben.',
      );
    } else {
      fail('lat', 'Bitte den Ort mit lat und long (WGS 84) angeben.');
    }
  } else if (latText === undefined && !errors.has('lat')) {
    fail('lat', 'fehlt: lat und long gehören zusammen.');
  } else if (longText === undefined && !errors.has('long')) {
    fail('long', 'fehlt: lat und long gehören zusammen.');
  }

  const locationFailed = ['lat', 'long', 'address_string'].some((param) => errors.has(param));

  const feelingText = one('attribute[feeling]');
  let feeling: number | undefined;
  if (feelingText === undefined) {
    if (!errors.has('attribute[feeling]')) fail('attribute[feeling]', messages.feeling_required);
  } else if ((FEELING_VALUES as readonly string[]).includes(feelingText)) {
    feeling = Number(feelingText);
  } else {
    fail('attribute[feeling]', messages.feeling_range);
  }

  const when = parseWhen(lists.when, lists.days, fail);

  const deviceId = one('device_id');
  if (deviceId !== undefined && deviceId.length > DEVICE_ID_MAX) {
    fail('device_id', `zu lang (höchstens ${DEVICE_ID_MAX} Zeichen).`);
  }

  // The field rules every report obeys, whichever way it arrives.
  const candidate = {
    lat,
    lon,
    category: serviceCode,
    feeling,
    when,
    description: one('description'),
    email: one('email'),
    locale: 'de',
    reporterToken: deviceId === undefined ? undefined : `${options.deviceNamespace}:${deviceId}`,
  };
  const parsed = reportInputSchema(options.bounds).safeParse(candidate);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    const localized = localizeFieldErrors(fields, 'de');
    const outside = (f: string) => fields[f] === ('outside_city' satisfies FieldErrorCode);
    if (outside('lat') && outside('lon')) {
      fail('lat, long', localized.lat);
    } else {
      for (const [field, message] of Object.entries(localized)) {
        const param = Object.hasOwn(paramOf, field) ? paramOf[field] : field;
        // A problem found above already has a clearer description.
        if ((param === 'lat' || param === 'long') && locationFailed) continue;
        if (param === 'attribute[when]' && errors.has('attribute[days]')) continue;
        fail(param, message);
      }
    }
  }

  if (errors.size > 0 || !parsed.success) {
    const list = [...errors.values()];
    return {
      ok: false,
      serviceCode,
      errors: list.length > MAX_ERRORS ? [...list.slice(0, MAX_ERRORS), `… und ${list.length - MAX_ERRORS} weitere Fehler.`] : list,
    };
  }
  return { ok: true, input: parsed.data, serviceCode: parsed.data.category };
}

/** attribute[when][] and attribute[days][] → our "when" answer. Days default to every day. */
function parseWhen(
  whenValues: string[],
  dayValues: string[],
  fail: (param: string, message: string) => void,
): WhenProfile | undefined {
  const times = [...new Set(whenValues)];
  const days = [...new Set(dayValues)];
  const unknownTime = times.find((t) => !(WHEN_VALUES as readonly string[]).includes(t));
  const unknownDay = days.find((d) => !(DAY_VALUES as readonly string[]).includes(d));
  if (times.length === 0) {
    fail('attribute[when]', `fehlt. Erlaubt: ${WHEN_VALUES.join(', ')}.`);
  } else if (unknownTime !== undefined) {
    fail('attribute[when]', `„${shown(unknownTime)}“ ist keine erlaubte Angabe. Erlaubt: ${WHEN_VALUES.join(', ')}.`);
  }
  if (unknownDay !== undefined) {
    fail('attribute[days]', `„${shown(unknownDay)}“ ist kein Wochentag. Erlaubt: ${DAY_VALUES.join(', ')}.`);
  }
  if (times.length === 0 || unknownTime !== undefined || unknownDay !== undefined) return undefined;
  // "always" covers every slot: anything named beside it changes nothing.
  if (times.includes('always')) return { always: true };
  return {
    times: times as TimeOfDay[],
    days: (days.length > 0 ? days : [...DAY_VALUES]) as Weekday[],
  };
}
