// Calls the Open311 route handlers directly, the way Next would, for the integration tests.
import { expect } from 'vitest';
import { GET as discoveryJson } from '@/app/api/open311/v2/discovery.json/route';
import { GET as discoveryXml } from '@/app/api/open311/v2/discovery.xml/route';
import { GET as listJson, POST as postJson } from '@/app/api/open311/v2/requests.json/route';
import { GET as listXml, POST as postXml } from '@/app/api/open311/v2/requests.xml/route';
import { GET as getRequest } from '@/app/api/open311/v2/requests/[file]/route';
import { GET as servicesJson } from '@/app/api/open311/v2/services.json/route';
import { GET as servicesXml } from '@/app/api/open311/v2/services.xml/route';
import { GET as getDefinition } from '@/app/api/open311/v2/services/[file]/route';
import { GET as getToken } from '@/app/api/open311/v2/tokens/[file]/route';
import type { Format } from '@/lib/open311/http';
import { expectSchemaValid, parseOpen311Xml } from './open311-spec';

export const formats: Format[] = ['json', 'xml'];
const base = 'http://localhost/api/open311/v2';

export type Fields = Record<string, string | string[] | undefined>;

export const validForm: Fields = {
  service_code: 'poor-lighting',
  lat: '51.6139',
  long: '7.5231',
  'attribute[feeling]': '4',
  'attribute[when][]': ['evening', 'night'],
  'attribute[days][]': ['fri', 'sat'],
  description: 'Die Unterführung ist abends stockdunkel.',
  email: 'Anwohnerin@Example.org',
};

export function formBody(fields: Fields): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return params.toString();
}

export function postRequests(
  format: Format,
  body: string,
  init: { headers?: Record<string, string>; query?: string } = {},
): Promise<Response> {
  const handler = format === 'json' ? postJson : postXml;
  return handler(
    new Request(`${base}/requests.${format}${init.query ?? ''}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...init.headers },
      body,
    }),
  );
}

export function getDiscovery(format: Format) {
  return (format === 'json' ? discoveryJson : discoveryXml)(new Request(`${base}/discovery.${format}`));
}

export function getServices(format: Format, query = '') {
  return (format === 'json' ? servicesJson : servicesXml)(new Request(`${base}/services.${format}${query}`));
}

export function getServiceDefinition(file: string, query = '') {
  return getDefinition(new Request(`${base}/services/${encodeURIComponent(file)}${query}`), { params: Promise.resolve({ file }) });
}

export function listRequests(format: Format, query = '', init: RequestInit = {}) {
  return (format === 'json' ? listJson : listXml)(new Request(`${base}/requests.${format}${query}`, init));
}

export function getOneRequest(file: string, query = '', init: RequestInit = {}) {
  return getRequest(new Request(`${base}/requests/${encodeURIComponent(file)}${query}`, init), { params: Promise.resolve({ file }) });
}

export function getTokenRequest(file: string) {
  return getToken(new Request(`${base}/tokens/${encodeURIComponent(file)}`), { params: Promise.resolve({ file }) });
}

/** Asserts the spec's error answer in either format and returns the descriptions. */
export async function expectErrors(response: Response, format: Format, status: number): Promise<string[]> {
  expect(response.status).toBe(status);
  const text = await response.text();
  if (format === 'json') {
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = JSON.parse(text);
    expectSchemaValid('errors.json', body);
    for (const error of body) expect(error.code).toBe(status);
    return body.map((e: { description: string }) => e.description);
  }
  expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
  const items = parseOpen311Xml(text, 'errors');
  expect(items.length).toBeGreaterThan(0);
  for (const error of items) expect(error.code).toBe(String(status));
  return items.map((e) => e.description as string);
}
