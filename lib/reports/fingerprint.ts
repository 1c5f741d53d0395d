import { createHmac } from 'node:crypto';
import { serverSecret } from '@/lib/env';
import type { ReportInput } from './validation';

/**
 * What a report submitted under an Idempotency-Key said, as a keyed hash: a retry of the same
 * report matches it, another report under the same key does not (and is refused, not answered
 * with the first one's reference — it would be lost without a word). The place, category,
 * feeling, times and text count; the e-mail address does not (it is deleted after the retention
 * period, and the hash must not keep it), nor the language.
 */
export function reportFingerprint(input: ReportInput): string {
  const said = JSON.stringify([input.lat, input.lon, input.category, input.feeling, input.when, input.description ?? null]);
  return createHmac('sha256', serverSecret()).update(`report:${said}`).digest('base64url').slice(0, 32);
}
