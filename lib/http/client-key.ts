import { createHmac } from 'node:crypto';
import { serverSecret } from '@/lib/env';

/**
 * The client's address, only as a keyed hash whose key changes every day: enough to count
 * requests for an hour, useless for finding the person afterwards. The address itself is never
 * stored or logged.
 */
export function clientKey(headers: Headers, now = new Date()): string {
  const address = clientAddress(headers);
  const day = now.toISOString().slice(0, 10);
  const secret = serverSecret();
  if (salt?.day !== day || salt.secret !== secret) {
    salt = { day, secret, key: createHmac('sha256', secret).update(`rate-limit:${day}`).digest() };
  }
  return createHmac('sha256', salt.key).update(address).digest('base64url').slice(0, 32);
}

/** The day's key, derived once a day rather than on every request. */
let salt: { day: string; secret: string; key: Buffer } | undefined;

/**
 * `next start` fills X-Forwarded-For with the socket's address when the header is missing. A reverse
 * proxy in front must append the client's address (nginx: $proxy_add_x_forwarded_for), so the
 * right-most entry is always the one a machine we run wrote; entries to its left may be forged.
 */
function clientAddress(headers: Headers): string {
  return headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() || 'unknown';
}
