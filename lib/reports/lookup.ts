import type { Db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { clientKey } from '@/lib/http/client-key';
import { hitRateLimit, releaseRateLimitHit } from '@/lib/http/rate-limit';
import type { Locale } from '@/lib/i18n/routing';
import { getPublicReport, type PublicReport } from './service';

export type ReportLookup = { status: 'found'; report: PublicReport } | { status: 'unknown' } | { status: 'limited'; retryAfterSeconds: number };

/**
 * A report by its reference, for anyone who asks (the tracking pages and GET /api/reports/{ref}).
 * References are hard to guess, not impossible, so a client may ask for only so many that no report
 * has (REF_LOOKUP_RATE_LIMIT_PER_HOUR): each lookup counts before its answer is known and is taken
 * back when the report exists, and a client over the limit gets no answer at all, lest a guess that
 * hits stand out. A malformed reference (null) is no guess and counts nothing.
 */
export async function lookUpPublicReport(db: Db, ref: string | null, locale: Locale, headers: Headers): Promise<ReportLookup> {
  if (ref === null) return { status: 'unknown' };
  const limit = env().REF_LOOKUP_RATE_LIMIT_PER_HOUR;
  const key = `ref-lookup:${clientKey(headers)}`;
  const hit = await hitRateLimit(db, key, limit);
  if (!hit.ok) return { status: 'limited', retryAfterSeconds: hit.retryAfterSeconds };
  const report = await getPublicReport(db, ref, locale);
  if (!report) return { status: 'unknown' };
  if (limit > 0) await releaseRateLimitHit(db, key);
  return { status: 'found', report };
}
