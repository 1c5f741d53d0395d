import { getCityConfig, securityContact } from '@/lib/city/config';

export const dynamic = 'force-dynamic';

/** How far ahead the file says it stays valid: RFC 9116 recommends less than a year. */
const VALID_DAYS = 180;

/**
 * GET /.well-known/security.txt (rewritten here in next.config.mjs; App Router does not route
 * dot-folders) and /security.txt: where to report a vulnerability (RFC 9116), from the city's
 * configuration. SECURITY.md says what the portal promises.
 */
export function GET() {
  const expires = new Date(Date.now() + VALID_DAYS * 24 * 60 * 60 * 1000);
  expires.setUTCHours(0, 0, 0, 0);
  const lines = [`Contact: ${securityContact(getCityConfig())}`, `Expires: ${expires.toISOString()}`, 'Preferred-Languages: de, en, tr'];
  return new Response(`${lines.join('\n')}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
