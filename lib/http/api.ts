import { NextResponse } from 'next/server';
import { resetDatabaseAfterFailure } from '@/lib/db/client';
import { DatabaseLockedError } from '@/lib/db/pglite-lock';
import { errorForLog } from '@/lib/log';
import { RateLimitStoreUnavailable } from './rate-limit-redis';

/**
 * The one error shape every API answers with (DESIGN.md, "Contracts"): `fields` names the fields
 * in error, and is empty (never missing) when the problem is not one field's, so a client can
 * read it without checking that it is there.
 */
export type ApiError = { error: string; message: string; fields: Record<string, string> };

export function apiError(
  status: number,
  error: string,
  message: string,
  options: { fields?: Record<string, string>; headers?: HeadersInit } = {},
) {
  const body: ApiError = { error, message, fields: options.fields ?? {} };
  return NextResponse.json(body, { status, headers: options.headers });
}

export const MAX_BODY_BYTES = 16 * 1024;

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: 413 | 415 | 400; error: string };
export type TextBodyResult = { ok: true; text: string } | { ok: false; status: 413 | 400; error: string };

/**
 * Reads a body of at most `maxBytes` as UTF-8 text, counting what actually arrives
 * (Content-Length may lie or be missing), so an oversized body is refused without being held in memory.
 */
export async function readTextBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<TextBodyResult> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, status: 413, error: 'payload_too_large' };
  if (!request.body) return { ok: true, text: '' };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { ok: false, status: 413, error: 'payload_too_large' };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

/** Reads a JSON body of at most `maxBytes` (see readTextBody). */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<BodyResult> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) return { ok: false, status: 415, error: 'unsupported_media_type' };
  if (!request.body) return { ok: false, status: 400, error: 'invalid_json' };
  const body = await readTextBody(request, maxBytes);
  if (!body.ok) return body;
  try {
    // RFC 8259 lets a parser ignore a byte order mark, which some Windows tools write.
    return { ok: true, value: JSON.parse(body.text.replace(/^\uFEFF/, '')) };
  } catch {
    return { ok: false, status: 400, error: 'invalid_json' };
  }
}

const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);

type Failure = { code?: string; cause?: unknown; errors?: unknown[] };

/** True when `test` holds for the error, one of its causes, or one of the errors it gathers. */
function anyInChain(error: unknown, test: (e: Failure) => boolean): boolean {
  for (let e = error as Failure | undefined, depth = 0; e && depth < 5; depth++) {
    if (test(e)) return true;
    if (Array.isArray(e.errors) && e.errors.some((inner) => anyInChain(inner, test))) return true;
    e = e.cause as Failure | undefined;
  }
  return false;
}

/**
 * True when the failure is the database, or the rate-limit store (Redis), being away, not a bug:
 * answer 503 and let clients retry.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return anyInChain(
    error,
    (e) => e instanceof DatabaseLockedError || (typeof e.code === 'string' && (unavailableCodes.has(e.code) || e.code.startsWith('08'))),
  );
}

/**
 * Which service a request failed for want of, or null for a bug. After the database went away its
 * connection pool is renewed for the next request; Redis reconnects by itself.
 */
export function unavailableService(error: unknown): 'rate_limit_store' | 'database' | null {
  if (anyInChain(error, (e) => e instanceof RateLimitStoreUnavailable)) return 'rate_limit_store';
  if (!isDatabaseUnavailable(error)) return null;
  resetDatabaseAfterFailure();
  return 'database';
}

export const RETRY_AFTER_DB_SECONDS = 5;

/** No request of ours takes this long unless the database hangs: answer instead of waiting on. */
const REQUEST_DEADLINE_MS = 8000;

class DeadlineExceeded extends Error {
  code = 'ETIMEDOUT';
}

const unavailableMessages = {
  database: 'The database is not reachable. Please try again shortly.',
  rate_limit_store: 'The rate-limit store is not reachable. Please try again shortly.',
};

/**
 * Turns unexpected failures into the API's error shape: 503 when the database or the rate-limit
 * store is away, else 500 without details.
 */
export function withApiErrors<Args extends unknown[]>(
  handler: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new DeadlineExceeded('request deadline exceeded')), REQUEST_DEADLINE_MS);
      });
      return await Promise.race([handler(...args), deadline]);
    } catch (error) {
      const unavailable = unavailableService(error);
      if (unavailable) {
        // The same codes as /api/health's.
        return apiError(503, `${unavailable}_unavailable`, unavailableMessages[unavailable], {
          headers: { 'Retry-After': String(RETRY_AFTER_DB_SECONDS) },
        });
      }
      console.error(`API request failed: ${errorForLog(error)}`);
      return apiError(500, 'internal_error', 'Something went wrong on our side. Please try again later.');
    } finally {
      clearTimeout(timer);
    }
  };
}
