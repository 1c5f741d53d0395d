import { getCityConfig } from '@/lib/city/config';
import { RETRY_AFTER_DB_SECONDS, unavailableService } from '@/lib/http/api';
import { errorForLog } from '@/lib/log';
import { toXml, type XmlValue } from './xml';

/** GeoReport v2 picks the format by the extension of the resource: services.json, services.xml. */
export type Format = 'json' | 'xml';

const contentTypes: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** `poor-lighting.json` → { name: 'poor-lighting', format: 'json' }; null without a known extension. */
export function splitFormat(file: string): { name: string; format: Format } | null {
  const match = /^(.+)\.(json|xml)$/i.exec(file);
  if (!match) return null;
  return { name: match[1], format: match[2].toLowerCase() as Format };
}

/**
 * The format a request asked for, from its path; XML where the path names none, because XML is
 * the format every GeoReport server must speak.
 */
export function formatOf(request: Request): Format {
  return /\.json$/i.test(new URL(request.url).pathname) ? 'json' : 'xml';
}

/** Read-only resources are public: any web page may fetch them. */
const publicHeaders = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };

export function open311Response(
  format: Format,
  rootName: string,
  body: XmlValue,
  init: { status?: number; headers?: Record<string, string>; public?: boolean } = {},
): Response {
  const text = format === 'json' ? JSON.stringify(body) : toXml(rootName, body);
  return new Response(text, {
    status: init.status ?? 200,
    headers: {
      'Content-Type': contentTypes[format],
      ...(init.public === false ? { 'Cache-Control': 'no-store' } : publicHeaders),
      ...init.headers,
    },
  });
}

/** GeoReport v2 errors: a list of { code, description }, with the HTTP status as the code. */
export function open311Errors(
  format: Format,
  status: number,
  descriptions: string[],
  headers: Record<string, string> = {},
): Response {
  const errors = descriptions.map((description) => ({ code: status, description }));
  return open311Response(format, 'errors', errors, { status, headers });
}

/**
 * Turns unexpected failures into the spec's error format: 503 with Retry-After when the database
 * or the rate-limit store is away, else 500 (a bug: logged without the request's data).
 */
export function withOpen311Errors<Args extends [Request, ...unknown[]]>(
  handler: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      const format = formatOf(args[0]);
      const unavailable = unavailableService(error);
      if (unavailable) {
        const what = unavailable === 'database' ? 'Die Datenbank' : 'Der Speicher der Anfragegrenzen';
        return open311Errors(format, 503, [`${what} ist gerade nicht erreichbar. Bitte später erneut versuchen.`], {
          'Retry-After': String(RETRY_AFTER_DB_SECONDS),
        });
      }
      console.error(`Open311 request failed: ${errorForLog(error)}`);
      return open311Errors(format, 500, ['Interner Fehler. Bitte später erneut versuchen.']);
    }
  };
}

/**
 * jurisdiction_id is optional (we serve one jurisdiction) but, when given, must be ours.
 * Returns the error response, or null when the request may go on.
 */
export function checkJurisdiction(format: Format, values: string[]): Response | null {
  values = values.filter((v) => v.trim() !== '');
  if (values.length === 0) return null;
  if (values.length > 1) return open311Errors(format, 400, ['jurisdiction_id: darf nur einmal angegeben werden.']);
  const expected = getCityConfig().jurisdictionId;
  if (values[0].trim().toLowerCase() === expected.toLowerCase()) return null;
  return open311Errors(format, 404, [`jurisdiction_id: unbekannt. Dieser Server bedient nur „${expected}“.`]);
}
