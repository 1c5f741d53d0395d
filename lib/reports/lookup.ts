import type { Db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { clientKey } from '@/lib/http/client-key';
import { hitRateLimits, releaseRateLimitHit } from '@/lib/http/rate-limit';
import type { Locale } from '@/lib/i18n/routing';
import { getPublicReport, type PublicReport } from './service';

export type RefsLookup<T> = { status: 'done'; found: T[] } | { status: 'limited'; retryAfterSeconds: number };

/**
 * Reports by their references, for anyone who asks: the tracking pages, GET /api/reports/{ref} and
 * Open311's requests by id, under one budget per client. References are hard to guess, not
 * impossible, so a client may ask for only so many that no report has
 * (REF_LOOKUP_RATE_LIMIT_PER_HOUR): each reference counts before its answer is known and is taken
 * back when a report has it, and a client over the limit gets no answer at all, lest a guess that
 * hits stand out. `find` gives one record for each reference a report has.
 */
export async function lookUpRefs<T>(db: Db, refs: readonly string[], headers: Headers, find: (refs: string[]) => Promise<T[]>): Promise<RefsLookup<T>> {
  const asked = [...new Set(refs)];
  if (asked.length === 0) return { status: 'done', found: [] };
  const limit = env().REF_LOOKUP_RATE_LIMIT_PER_HOUR;
  const key = `ref-lookup:${clientKey(headers)}`;
  const refused = (await hitRateLimits(db, Array<string>(asked.length).fill(key), limit)).find((hit) => !hit.ok);
  if (refused && !refused.ok) return { status: 'limited', retryAfterSeconds: refused.retryAfterSeconds };
  const found = await find(asked);
  if (limit > 0) await releaseRateLimitHit(db, key, {}, found.length);
  return { status: 'done', found };
}

export type ReportLookup = { status: 'found'; report: PublicReport } | { status: 'unknown' } | { status: 'limited'; retryAfterSeconds: number };

/** A report by its reference (lookUpRefs). A malformed reference (null) is no guess and counts nothing. */
export async function lookUpPublicReport(db: Db, ref: string | null, locale: Locale, headers: Headers): Promise<ReportLookup> {
  if (ref === null) return { status: 'unknown' };
  const lookup = await lookUpRefs(db, [ref], headers, async ([asked]) => {
    const report = await getPublicReport(db, asked, locale);
    return report ? [report] : [];
  });
  if (lookup.status === 'limited') return lookup;
  const [report] = lookup.found;
  return report ? { status: 'found', report } : { status: 'unknown' };
}
