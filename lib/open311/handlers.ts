/**
 * The GeoReport v2 endpoints under /api/open311/v2. Each route file binds one of these to its
 * path; the format (JSON or XML) comes from the extension, as the spec says.
 */
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { readTextBody } from '@/lib/http/api';
import { clientKey } from '@/lib/http/client-key';
import { requestOrigin } from '@/lib/http/origin';
import { hitRateLimit, hitRateLimits } from '@/lib/http/rate-limit';
import { applySoon } from '@/lib/priorities/pending';
import { lookUpRefs } from '@/lib/reports/lookup';
import { normalizeRef } from '@/lib/reports/ref-format';
import { verifyApiKey } from './api-keys';
import { getDiscovery } from './discovery';
import { checkJurisdiction, formatOf, open311Errors, open311Response, splitFormat, withOpen311Errors, type Format } from './http';
import { parseRequestFilters } from './request-filters';
import { mergeParams, parseServiceRequestForm } from './request-form';
import { createServiceRequest, findRequestByToken, getServiceRequest, listServiceRequests, TOKEN_PATTERN, type ServiceRequest } from './requests';
import { findService, getServiceDefinition, listServices, serviceCodeExists } from './services';

type FileParams = { params: Promise<{ file: string }> };

const idempotencyKeyPattern = /^[\x21-\x7e]{8,128}$/;

function query(request: Request): URLSearchParams {
  return new URL(request.url).searchParams;
}

function tooManyRequests(format: Format, retryAfterSeconds: number, who: string): Response {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return open311Errors(
    format,
    429,
    [`Zu viele Anfragen ${who}. Bitte in ${minutes} ${minutes === 1 ? 'Minute' : 'Minuten'} erneut versuchen.`],
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

/**
 * The read endpoints need no key, so they are limited per client instead: the client's address
 * only as the daily keyed hash of lib/http/client-key.ts, counted in the database so that every
 * instance shares the count.
 */
function publicRead<Args extends [Request, ...unknown[]]>(handler: (...args: Args) => Promise<Response>) {
  return withOpen311Errors(async (...args: Args) => {
    const [request] = args;
    return (await readsRefused(request, 1)) ?? handler(...args);
  });
}

/** Counts `reads` against the client's read limit: the 429 to answer when it is used up, else null. */
async function readsRefused(request: Request, reads: number): Promise<Response | null> {
  const key = `open311-read:${clientKey(request.headers)}`;
  const hits = await hitRateLimits(await getDb(), Array<string>(reads).fill(key), env().OPEN311_READ_RATE_LIMIT_PER_HOUR);
  const last = hits.at(-1);
  return last && !last.ok ? tooManyRequests(formatOf(request), last.retryAfterSeconds, 'von dieser Adresse') : null;
}

/**
 * The request's one api_key, verified: the key, or the spec's 403 answer. `missing` says what a
 * request without one is refused for.
 */
async function verifiedKey(format: Format, params: URLSearchParams, missing = 'api_key: fehlt.') {
  const keys = params.getAll('api_key').filter((k) => k !== '');
  if (keys.length !== 1) return { refused: open311Errors(format, 403, [keys.length === 0 ? missing : 'api_key: darf nur einmal angegeben werden.']) };
  const apiKey = await verifyApiKey(await getDb(), keys[0]);
  if (!apiKey) return { refused: open311Errors(format, 403, ['api_key: ungültig oder widerrufen.']) };
  return { apiKey };
}

const BROWSING_NEEDS_KEY =
  'api_key: fehlt. Meldungen durchsuchen dürfen nur Systeme der Stadt mit Schlüssel; eine einzelne Meldung zeigt GET requests/{service_request_id} ohne Schlüssel.';

/** GET discovery.{format} */
export function discoveryHandler(format: Format) {
  return publicRead(async (request: Request) => {
    return open311Response(format, 'discovery', getDiscovery(requestOrigin(request)));
  });
}

/** GET services.{format}: our categories as services. */
export function servicesHandler(format: Format) {
  return publicRead(async (request: Request) => {
    const refused = checkJurisdiction(format, query(request).getAll('jurisdiction_id'));
    if (refused) return refused;
    return open311Response(format, 'services', await listServices(await getDb()));
  });
}

/** GET services/{service_code}.{format}: the attributes (feeling, when, days) of a service. */
export const serviceDefinitionHandler = publicRead(async (request: Request, context: FileParams) => {
  const file = splitFormat((await context.params).file);
  if (!file) return open311Errors('xml', 404, ['Unbekanntes Format: bitte .json oder .xml anhängen.']);
  const refused = checkJurisdiction(file.format, query(request).getAll('jurisdiction_id'));
  if (refused) return refused;
  const definition = await getServiceDefinition(await getDb(), file.name);
  if (!definition) return open311Errors(file.format, 404, ['service_code: unbekannt. Die Dienste listet GET services.']);
  return open311Response(file.format, 'service_definition', definition);
});

/**
 * GET requests.{format}: requests, filtered as the spec says. Browsing (without service_request_id)
 * needs an api_key: its records, each with a category, a place and a time, can be counted and
 * compared with the public figures, which the portal publishes only as aggregates of at least k
 * (README, "Privacy"). Requests asked for by their ids need none.
 */
export function listRequestsHandler(format: Format) {
  return publicRead(async (request: Request) => {
    const params = query(request);
    const refused = checkJurisdiction(format, params.getAll('jurisdiction_id'));
    if (refused) return refused;
    const parsed = parseRequestFilters(params);
    if (!parsed.ok) return open311Errors(format, 400, parsed.errors);
    const db = await getDb();
    const { filters } = parsed;
    if (filters.kind === 'ids') {
      // Each reference asked for is a read, as if asked for one by one: a list of a thousand
      // guesses must not cost one read.
      const tooManyReads = filters.refs.length > 1 ? await readsRefused(request, filters.refs.length - 1) : null;
      if (tooManyReads) return tooManyReads;
      const lookup = await requestsByRef(request, format, filters.refs, (refs) => listServiceRequests(db, { kind: 'ids', refs }));
      return lookup.refused ?? open311Response(format, 'service_requests', lookup.found);
    }
    const { refused: keyRefused } = await verifiedKey(format, params, BROWSING_NEEDS_KEY);
    if (keyRefused) return keyRefused;
    if (filters.serviceCode && !(await serviceCodeExists(db, filters.serviceCode))) {
      return open311Errors(format, 400, [`service_code: „${filters.serviceCode}“ ist kein Dienst dieses Servers.`]);
    }
    return open311Response(format, 'service_requests', await listServiceRequests(db, filters));
  });
}

/**
 * Requests asked for by their ids: under the budget of unknown references that the tracking pages
 * share (lookUpRefs), lest Open311 be the way round it to guess references.
 */
async function requestsByRef(request: Request, format: Format, refs: string[], find: (refs: string[]) => Promise<ServiceRequest[]>) {
  const lookup = await lookUpRefs(await getDb(), refs, request.headers, find);
  if (lookup.status === 'limited') return { refused: tooManyRequests(format, lookup.retryAfterSeconds, 'nach unbekannten Kennungen von dieser Adresse') };
  return { found: lookup.found };
}

/** GET requests/{service_request_id}.{format}: one request, as a list of one (spec). */
export const getRequestHandler = publicRead(async (request: Request, context: FileParams) => {
  const file = splitFormat((await context.params).file);
  if (!file) return open311Errors('xml', 404, ['Unbekanntes Format: bitte .json oder .xml anhängen.']);
  const refused = checkJurisdiction(file.format, query(request).getAll('jurisdiction_id'));
  if (refused) return refused;
  const ref = normalizeRef(file.name);
  const lookup = ref
    ? await requestsByRef(request, file.format, [ref], async ([asked]) => {
        const found = await getServiceRequest(await getDb(), asked);
        return found ? [found] : [];
      })
    : { found: [] };
  if (lookup.refused) return lookup.refused;
  if (lookup.found.length === 0) return open311Errors(file.format, 404, ['service_request_id: unbekannt.']);
  return open311Response(file.format, 'service_requests', lookup.found);
});

/**
 * GET tokens/{token}.{format}. We create every request at once, so POST answers with the id and a
 * token together; the token keeps answering with that id. Tokens we never issued: 404.
 */
export const getTokenHandler = publicRead(async (request: Request, context: FileParams) => {
  const file = splitFormat((await context.params).file);
  if (!file) return open311Errors('xml', 404, ['Unbekanntes Format: bitte .json oder .xml anhängen.']);
  const refused = checkJurisdiction(file.format, query(request).getAll('jurisdiction_id'));
  if (refused) return refused;
  const ref = TOKEN_PATTERN.test(file.name) ? await findRequestByToken(await getDb(), file.name) : null;
  if (!ref) return open311Errors(file.format, 404, ['token: unbekannt.']);
  return open311Response(file.format, 'service_requests', [{ service_request_id: ref, token: file.name }]);
});

/**
 * POST requests.{format}: a new report from another city system. Checks in the spec's order of
 * errors: a body we cannot read (400/413), the api_key (403), the jurisdiction (404), the key's
 * rate limit (429), then every field at once (400). Nothing is stored unless all pass.
 */
export function createRequestHandler(format: Format) {
  return withOpen311Errors(async (request: Request) => {
    const type = request.headers.get('content-type') ?? '';
    if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) {
      return open311Errors(format, 400, ['Bitte die Parameter als application/x-www-form-urlencoded senden.']);
    }
    const body = await readTextBody(request);
    if (!body.ok) return open311Errors(format, body.status, ['Die Anfrage ist zu groß (höchstens 16 KB).']);
    const params = mergeParams(query(request), new URLSearchParams(body.text));

    const { apiKey, refused: keyRefused } = await verifiedKey(format, params);
    if (keyRefused) return keyRefused;
    const db = await getDb();

    const refused = checkJurisdiction(format, params.getAll('jurisdiction_id'));
    if (refused) return refused;

    const limit = await hitRateLimit(db, `open311:${apiKey.id}`, env().OPEN311_RATE_LIMIT_PER_HOUR);
    if (!limit.ok) return tooManyRequests(format, limit.retryAfterSeconds, 'mit diesem api_key');

    const idempotencyKey = request.headers.get('idempotency-key');
    if (idempotencyKey !== null && !idempotencyKeyPattern.test(idempotencyKey)) {
      return open311Errors(format, 400, ['Idempotency-Key: 8 bis 128 sichtbare ASCII-Zeichen.']);
    }

    const parsed = parseServiceRequestForm(params, { bounds: getCityConfig().bounds, deviceNamespace: `open311:${apiKey.id}` });
    const errors = parsed.ok ? [] : [...parsed.errors];
    if (parsed.serviceCode !== undefined && !(await findService(db, parsed.serviceCode))) {
      errors.push(`service_code: „${parsed.serviceCode.slice(0, 64)}“ ist kein Dienst dieses Servers. Die Dienste listet GET services.`);
    }
    if (!parsed.ok || errors.length > 0) return open311Errors(format, 400, errors);

    const created = await createServiceRequest(db, parsed.input, { apiKey, idempotencyKey });
    if (!created.ok && 'keyReused' in created) {
      return open311Errors(format, 422, ['Idempotency-Key: Unter diesem Schlüssel kam schon eine andere Meldung. Für eine neue Meldung bitte einen neuen Schlüssel senden.']);
    }
    if (!created.ok) return open311Errors(format, 400, ['service_code: ist kein Dienst dieses Servers.']);
    if (created.created) applySoon(db);
    return open311Response(
      format,
      'service_requests',
      [
        {
          service_request_id: created.ref,
          token: created.token,
          service_notice: `Die Meldung ist eingegangen und wird geprüft. Ihren Stand zeigt GET requests/${created.ref}.${format}.`,
        },
      ],
      { public: false },
    );
  });
}
