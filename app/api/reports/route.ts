import { NextResponse } from 'next/server';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { apiError, readJsonBody, withApiErrors } from '@/lib/http/api';
import { clientKey } from '@/lib/http/client-key';
import { negotiateLocale } from '@/lib/i18n/messages';
import { apiMessage, localizeFieldErrors } from '@/lib/reports/api-messages';
import { submitReport } from '@/lib/reports/intake-batch';
import { trackingPath } from '@/lib/reports/service';
import type { Locale } from '@/lib/i18n/routing';
import { fieldErrors, reportInputSchema } from '@/lib/reports/validation';

export const dynamic = 'force-dynamic';

const idempotencyKeyPattern = /^[\x21-\x7e]{8,128}$/;

/** POST /api/reports — a resident's report (contract: DESIGN.md, "Contracts"). */
export const POST = withApiErrors(async (request: Request) => {
  const acceptLanguage = request.headers.get('accept-language');
  const body = await readJsonBody(request);
  if (!body.ok) {
    const locale = negotiateLocale(null, acceptLanguage);
    return apiError(body.status, body.error, apiMessage(locale, body.error as 'invalid_json'));
  }
  const raw = body.value as Record<string, unknown> | null;
  const locale = negotiateLocale(raw && typeof raw === 'object' ? raw.locale : null, acceptLanguage);

  const idempotencyKey = request.headers.get('idempotency-key');
  if (idempotencyKey !== null && !idempotencyKeyPattern.test(idempotencyKey)) {
    return apiError(400, 'invalid_idempotency_key', apiMessage(locale, 'invalid_idempotency_key'));
  }

  const city = getCityConfig();
  const parsed = reportInputSchema(city.bounds).safeParse(raw);
  if (!parsed.success) {
    return apiError(422, 'validation_failed', apiMessage(locale, 'validation_failed'), {
      fields: localizeFieldErrors(fieldErrors(parsed.error), locale),
    });
  }
  if (parsed.data.website) {
    return apiError(400, 'honeypot', apiMessage(locale, 'honeypot'));
  }

  const db = await getDb();
  // The batch answers a retry of a report we already have before the rate limit counts it.
  const result = await submitReport(db, {
    input: parsed.data,
    // Stored in a namespace of its own, as Open311's keys are ("open311:<api key>:<key>", lib/open311/requests.ts).
    idempotencyKey: idempotencyKey === null ? null : `web:${idempotencyKey}`,
    source: 'web',
    rateLimit: { key: `report:${clientKey(request.headers)}`, perHour: env().REPORT_RATE_LIMIT_PER_HOUR },
  });
  if (!result.ok && 'retryAfterSeconds' in result) {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    return apiError(429, 'rate_limited', apiMessage(locale, 'rate_limited', { minutes }), {
      headers: { 'Retry-After': String(result.retryAfterSeconds) },
    });
  }
  if (!result.ok && 'keyReused' in result) {
    return apiError(422, 'idempotency_key_reused', apiMessage(locale, 'idempotency_key_reused'));
  }
  if (!result.ok) {
    return apiError(422, 'validation_failed', apiMessage(locale, 'validation_failed'), {
      fields: localizeFieldErrors(result.fields, locale),
    });
  }
  return created(result.ref, locale, result.created);
});

function created(ref: string, locale: Locale, isNew: boolean) {
  return NextResponse.json({ ref, trackingUrl: trackingPath(ref, locale) }, { status: isNew ? 201 : 200 });
}
