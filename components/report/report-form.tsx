'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ConfirmQuestion } from '@/components/confirm-question';
import { fieldAria } from '@/components/field-aria';
import { FieldLink } from '@/components/field-link';
import { FocusOnArrival } from '@/components/focus-on-arrival';
import { LocationPicker, type PickerCity, type PickerDistrict } from '@/components/map/location-picker';
import type { CategoryOption } from '@/lib/categories/queries';
import { useRouter } from '@/lib/i18n/navigation';
import { timesOfDay, weekdays, type TimeOfDay, type Weekday } from '@/lib/reports/types';
import { DESCRIPTION_MAX, EMAIL_MAX } from '@/lib/reports/limits';
import type { FieldErrorCode } from '@/lib/reports/validation';
import { blankDraft, clearDraft, hasContent, loadDraft, newDraft, reporterToken, saveDraft, type Draft } from './draft';

type Props = {
  /** In the widget for the city's website: stay on frameable pages. */
  embedded?: boolean;
  city: PickerCity;
  categories: CategoryOption[];
  districts: PickerDistrict[];
  /**
   * Text with a value that the page translated on the server: the browser formats a message with
   * a value by loading its locale data, tens of milliseconds on a phone while the page starts. The
   * count of characters left is formatted here only once the resident has typed.
   */
  text: { emailHint: string; charactersLeftEmpty: string };
};

type Submission =
  | { state: 'idle' }
  | { state: 'sending' }
  | { state: 'waiting'; reason: 'offline' | 'busy' | 'limited'; seconds: number }
  | { state: 'failed'; message?: string };

/** Automatic retries after a network error or a busy server, then the resident decides. */
const RETRY_DELAYS_S = [2, 5, 10, 20, 30];
const fieldOrder = ['lat', 'category', 'feeling', 'when', 'description', 'email'] as const;
type Field = (typeof fieldOrder)[number];

export function ReportForm({ embedded = false, city, categories, districts, text }: Props) {
  const t = useTranslations('report');
  const locale = useLocale();
  const router = useRouter();
  const id = useId();
  // Rendered on the server with a blank draft; the saved one (or a fresh key) comes after hydration.
  const [draft, setDraft] = useState<Draft>(blankDraft);
  const [restored, setRestored] = useState(false);
  // Until the form is hydrated a click would submit it natively, away from this page with nothing
  // sent: the button waits for the script (without JavaScript, the page says so).
  const [hydrated, setHydrated] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [submission, setSubmission] = useState<Submission>({ state: 'idle' });
  // Discarding asks once more (it cannot be undone), then says that it happened.
  const [discard, setDiscard] = useState<'idle' | 'asked' | 'done'>('idle');
  const discardRef = useRef<HTMLButtonElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const focusSummary = useRef(false);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const attempts = useRef(0);

  // The draft lives in localStorage: read it once in the browser, then write every change back.
  // Storage does not exist during server rendering, so this cannot be the initial state.
  useEffect(() => {
    const saved = loadDraft();
    // eslint-disable-next-line react-hooks/set-state-in-effect -- one read of browser storage after hydration
    setDraft(saved ?? newDraft());
    setRestored(saved !== null && hasContent(saved));
    setHydrated(true);
    return () => clearTimeout(retryTimer.current);
  }, []);

  // Focus moves to the error summary once it is on the screen: after the render that shows it,
  // however that render was scheduled (errors come after awaiting the validation or the server).
  useEffect(() => {
    if (!focusSummary.current) return;
    focusSummary.current = false;
    summaryRef.current?.focus();
  }, [errors]);

  // A changed report is another report: it gets a new idempotency key (the server refuses other
  // content under a key it has stored). Only an unchanged draft is retried under its key.
  const update = useCallback((patch: Partial<Draft>) => {
    setDraft((current) => {
      const next = { ...current, ...patch, idempotencyKey: crypto.randomUUID() };
      saveDraft(next);
      return next;
    });
    // A place, category or feeling just chosen is no longer missing: its error (and its line in the
    // summary) goes at once. Typed fields keep theirs until the next check.
    setDiscard('idle');
    const answered = (['lat', 'category', 'feeling'] as const).filter((field) => patch[field] != null && patch[field] !== '');
    if (answered.length > 0) setErrors((current) => withoutErrors(current, answered));
  }, []);

  const message = useCallback(
    (field: string, code: FieldErrorCode | 'place_required') =>
      t(`errors.${code}`, { city: city.name, max: field === 'email' ? EMAIL_MAX : DESCRIPTION_MAX }),
    [t, city.name],
  );

  function payload(d: Draft) {
    return {
      lat: d.lat,
      lon: d.lon,
      category: d.category || undefined,
      feeling: d.feeling ?? undefined,
      when: d.always ? { always: true } : { times: d.times, days: d.days },
      description: d.description,
      email: d.email,
      locale,
      reporterToken: reporterToken(),
      website: (document.getElementById(`${id}-website`) as HTMLInputElement | null)?.value ?? '',
    };
  }

  function showErrors(found: Partial<Record<Field, string>>) {
    setErrors(found);
    setSubmission({ state: 'idle' });
    focusSummary.current = true;
  }

  // The validation (with zod) loads on the first submit, not with the page.
  async function validate(d: Draft): Promise<Partial<Record<Field, string>>> {
    let checks: typeof import('@/lib/reports/validation');
    try {
      checks = await import('@/lib/reports/validation');
    } catch {
      // The check loads on the first submission; offline it cannot. The server checks on arrival,
      // and sending while offline waits and retries.
      return {};
    }
    const { fieldErrors, reportInputSchema } = checks;
    if (d.lat === null || d.lon === null) {
      const rest = reportInputSchema(city.bounds).safeParse({ ...payload(d), lat: city.center.lat, lon: city.center.lon });
      const others = rest.success ? {} : toMessages(fieldErrors(rest.error));
      return { lat: message('lat', 'place_required'), ...others };
    }
    const parsed = reportInputSchema(city.bounds).safeParse(payload(d));
    return parsed.success ? {} : toMessages(fieldErrors(parsed.error));
  }

  function toMessages(codes: Record<string, FieldErrorCode>): Partial<Record<Field, string>> {
    const result: Partial<Record<Field, string>> = {};
    for (const [field, code] of Object.entries(codes)) {
      const key: Field = field === 'lon' ? 'lat' : (field as Field);
      if (fieldOrder.includes(key) && !result[key]) result[key] = message(field, code);
    }
    return result;
  }

  function scheduleRetry(reason: 'offline' | 'busy' | 'limited', retryAfter?: number) {
    const delay = retryAfter ?? RETRY_DELAYS_S[attempts.current];
    if (delay === undefined || attempts.current >= RETRY_DELAYS_S.length) {
      setSubmission({ state: 'failed' });
      return;
    }
    attempts.current += 1;
    setSubmission({ state: 'waiting', reason, seconds: delay });
    retryTimer.current = setTimeout(() => void send(), delay * 1000);
  }

  async function send() {
    const current = loadDraft() ?? draft;
    setSubmission({ state: 'sending' });
    let response: Response;
    try {
      response = await fetch('/api/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': current.idempotencyKey },
        body: JSON.stringify(payload(current)),
      });
    } catch {
      scheduleRetry('offline');
      return;
    }
    const body = (await response.json().catch(() => null)) as {
      ref?: string;
      error?: string;
      message?: string;
      fields?: Record<string, string>;
    } | null;
    if (response.ok && body?.ref) {
      clearDraft();
      attempts.current = 0;
      router.push(`${embedded ? '/embed' : ''}/track/${body.ref}?new=1`);
      return;
    }
    if (response.status === 422 && body?.error === 'idempotency_key_reused' && attempts.current < 3) {
      // The key went with an earlier version of this draft (in another window, say): this one is new.
      attempts.current += 1;
      const renewed = { ...current, idempotencyKey: crypto.randomUUID() };
      saveDraft(renewed);
      setDraft(renewed);
      void send();
      return;
    }
    if (response.status === 422 && body?.fields && Object.keys(body.fields).length > 0) {
      const found: Partial<Record<Field, string>> = {};
      for (const [field, text] of Object.entries(body.fields)) {
        const key: Field = field === 'lon' ? 'lat' : (field as Field);
        if (fieldOrder.includes(key)) found[key] ??= text;
      }
      showErrors(found);
      return;
    }
    if (response.status === 429 || response.status === 503 || response.status >= 500) {
      const retryAfter = Number(response.headers.get('retry-after'));
      // 429: this connection sent too many reports (REPORT_RATE_LIMIT_PER_HOUR), not a busy server.
      scheduleRetry(response.status === 429 ? 'limited' : 'busy', Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 3600) : undefined);
      return;
    }
    setSubmission({ state: 'failed', message: body?.message });
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submission.state === 'sending' || submission.state === 'waiting') return;
    const found = await validate(draft);
    if (Object.keys(found).length > 0) {
      showErrors(found);
      return;
    }
    setErrors({});
    attempts.current = 0;
    void send();
  }

  function retryNow() {
    clearTimeout(retryTimer.current);
    attempts.current = 0;
    void send();
  }

  function discardDraft() {
    clearTimeout(retryTimer.current);
    clearDraft();
    setDraft(newDraft());
    setErrors({});
    setRestored(false);
    setSubmission({ state: 'idle' });
    setDiscard('done');
  }

  const errorList = fieldOrder.filter((f) => errors[f]);
  const describedBy = (field: Field, ...more: string[]) =>
    [...more, errors[field] ? `${id}-${field}-error` : null].filter(Boolean).join(' ') || undefined;
  // A group's error on each of its choices, read before the choice's hint: screen readers often
  // skip a fieldset's description.
  const choiceAria = (field: Field, hint?: string) => fieldAria(errors[field] && `${id}-${field}-error`, hint);
  const fieldError = (field: Field) =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} className="field-error">
        {errors[field]}
      </p>
    ) : null;
  /** How much room the description has left, or by how much it is over. */
  const descriptionCount = () => {
    if (!draft.description) return text.charactersLeftEmpty;
    const left = DESCRIPTION_MAX - draft.description.length;
    return left >= 0 ? t('charactersLeft', { count: left }) : t('charactersOver', { count: -left });
  };
  const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  const busy = submission.state === 'sending' || submission.state === 'waiting';

  return (
    <form onSubmit={onSubmit} noValidate className="report-form" aria-describedby={`${id}-status`}>
      {restored && <p className="notice">{t('draftRestored')}</p>}
      {discard === 'done' && (
        <FocusOnArrival className="notice" role="status">
          <p>{t('draftDiscarded')}</p>
        </FocusOnArrival>
      )}

      {errorList.length > 0 && (
        <div ref={summaryRef} tabIndex={-1} role="alert" className="error-summary" aria-labelledby={`${id}-summary`}>
          <p id={`${id}-summary`}>
            <strong>{t('errorSummary', { count: errorList.length })}</strong>
          </p>
          <ul>
            {errorList.map((field) => (
              <li key={field}>
                <FieldLink target={`${id}-${field}`}>
                  {t(`fieldNames.${field}`)}: {errors[field]}
                </FieldLink>
              </li>
            ))}
          </ul>
        </div>
      )}

      <fieldset id={`${id}-lat`} tabIndex={-1} className="field-group" aria-describedby={describedBy('lat')}>
        <legend>{t('placeLegend')}</legend>
        <p className="hint">{t('placeHint')}</p>
        {fieldError('lat')}
        <LocationPicker
          city={city}
          districts={districts}
          value={draft.lat !== null && draft.lon !== null ? { lat: draft.lat, lon: draft.lon } : null}
          onChange={(lat, lon) => update({ lat, lon })}
          onDemand
        />
      </fieldset>

      <fieldset id={`${id}-category`} tabIndex={-1} className="field-group">
        <legend>{t('categoryLegend')}</legend>
        {fieldError('category')}
        <div className="choice-grid">
          {categories.map((category) => (
            <div className="choice" key={category.slug}>
              <input
                type="radio"
                id={`${id}-category-${category.slug}`}
                name="category"
                value={category.slug}
                checked={draft.category === category.slug}
                onChange={() => update({ category: category.slug })}
                {...choiceAria('category', category.description ? `${id}-category-${category.slug}-hint` : undefined)}
              />
              {/* The hint beside the label, not in it: in it, it would be read as the name and again as the description. */}
              <div>
                <label htmlFor={`${id}-category-${category.slug}`}>{category.label}</label>
                {category.description && (
                  <span id={`${id}-category-${category.slug}-hint`} className="hint">
                    {category.description}
                  </span>
                )}
              </div>
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset id={`${id}-feeling`} tabIndex={-1} className="field-group">
        <legend>{t('feelingLegend')}</legend>
        {fieldError('feeling')}
        <div className="scale">
          {([1, 2, 3, 4, 5] as const).map((value) => (
            <div className="choice" key={value}>
              <input
                type="radio"
                id={`${id}-feeling-${value}`}
                name="feeling"
                value={value}
                checked={draft.feeling === value}
                onChange={() => update({ feeling: value })}
                {...choiceAria('feeling')}
              />
              <label htmlFor={`${id}-feeling-${value}`}>{t(`feeling${value}`)}</label>
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset id={`${id}-when`} tabIndex={-1} className="field-group">
        <legend>{t('whenLegend')}</legend>
        {fieldError('when')}
        <div className="choice">
          <input
            type="checkbox"
            id={`${id}-always`}
            checked={draft.always}
            onChange={(e) => update({ always: e.target.checked })}
            {...choiceAria('when')}
          />
          <label htmlFor={`${id}-always`}>{t('whenAlways')}</label>
        </div>
        {!draft.always && (
          <div className="when-grid">
            <fieldset>
              <legend>{t('whenTimes')}</legend>
              {timesOfDay.map((time: TimeOfDay) => (
                <div className="choice" key={time}>
                  <input
                    type="checkbox"
                    id={`${id}-time-${time}`}
                    checked={draft.times.includes(time)}
                    onChange={() => update({ times: toggle(draft.times, time) })}
                    {...choiceAria('when')}
                  />
                  <label htmlFor={`${id}-time-${time}`}>{t(`times.${time}`)}</label>
                </div>
              ))}
            </fieldset>
            <fieldset>
              <legend>{t('whenDays')}</legend>
              <div className="choice">
                <input
                  type="checkbox"
                  id={`${id}-day-all`}
                  checked={draft.days.length === weekdays.length}
                  onChange={(e) => update({ days: e.target.checked ? [...weekdays] : [] })}
                  {...choiceAria('when')}
                />
                <label htmlFor={`${id}-day-all`}>{t('allDays')}</label>
              </div>
              {weekdays.map((day: Weekday) => (
                <div className="choice" key={day}>
                  <input
                    type="checkbox"
                    id={`${id}-day-${day}`}
                    checked={draft.days.includes(day)}
                    onChange={() => update({ days: toggle(draft.days, day) })}
                    {...choiceAria('when')}
                  />
                  <label htmlFor={`${id}-day-${day}`}>{t(`days.${day}`)}</label>
                </div>
              ))}
            </fieldset>
          </div>
        )}
      </fieldset>

      <div className="field-group">
        <label htmlFor={`${id}-description`} className="label">
          {t('descriptionLabel')}
        </label>
        <p id={`${id}-description-hint`} className="hint">
          {t('descriptionHint')}
        </p>
        {fieldError('description')}
        <textarea
          id={`${id}-description`}
          rows={5}
          // No maxLength: the browser would cut a longer pasted text off unsaid; the count says it is
          // too long, and sending names the error, with the whole text kept to shorten.
          value={draft.description}
          onChange={(e) => update({ description: e.target.value })}
          aria-describedby={describedBy('description', `${id}-description-hint`, `${id}-description-count`)}
          aria-invalid={errors.description ? true : undefined}
        />
        <p id={`${id}-description-count`} className="hint">
          {descriptionCount()}
        </p>
      </div>

      <div className="field-group">
        <label htmlFor={`${id}-email`} className="label">
          {t('emailLabel')}
        </label>
        <p id={`${id}-email-hint`} className="hint">
          {text.emailHint}
        </p>
        {fieldError('email')}
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="email"
          maxLength={EMAIL_MAX}
          value={draft.email}
          onChange={(e) => update({ email: e.target.value })}
          aria-describedby={describedBy('email', `${id}-email-hint`)}
          aria-invalid={errors.email ? true : undefined}
        />
      </div>

      {/* Honeypot: hidden from people and assistive technology; bots fill it in. */}
      <div className="visually-hidden" aria-hidden="true">
        <label htmlFor={`${id}-website`}>{t('honeypotLabel')}</label>
        <input id={`${id}-website`} name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>

      <div id={`${id}-status`} role="status" className="submit-status">
        {submission.state === 'sending' && t('submitting')}
        {submission.state === 'waiting' &&
          (submission.reason === 'limited'
            ? t('statusLimited', { minutes: Math.ceil(submission.seconds / 60) })
            : t(submission.reason === 'offline' ? 'statusOffline' : 'statusBusy', { seconds: submission.seconds }))}
        {submission.state === 'failed' && (submission.message ?? t('statusFailed'))}
      </div>

      <div className="actions">
        {/* While busy it stays focusable (aria-disabled, onSubmit ignores it): a disabled button would drop the focus to the page. */}
        <button type="submit" className="button button--large" disabled={!hydrated} aria-disabled={busy || !hydrated}>
          {submission.state === 'sending' ? t('submitting') : t('submit')}
        </button>
        {(submission.state === 'waiting' || submission.state === 'failed') && (
          <button type="button" className="button button--secondary" onClick={retryNow}>
            {t('retryNow')}
          </button>
        )}
        {hasContent(draft) && !busy && (
          <>
            <button ref={discardRef} type="button" className="button button--link" onClick={() => setDiscard('asked')}>
              {t('discardDraft')}
            </button>
            {discard === 'asked' && (
              <ConfirmQuestion
                question={t('discardConfirm')}
                yes={t('discardYes')}
                no={t('discardNo')}
                onNo={() => {
                  setDiscard('idle');
                  discardRef.current?.focus();
                }}
                type="button"
                className="button button--secondary"
                onClick={discardDraft}
              />
            )}
          </>
        )}
      </div>
    </form>
  );
}

/** `errors` without those of `fields`; the same object when it has none of them (no new render). */
function withoutErrors<T extends string>(errors: Partial<Record<T, string>>, fields: readonly T[]): Partial<Record<T, string>> {
  if (!fields.some((field) => errors[field])) return errors;
  const rest = { ...errors };
  for (const field of fields) delete rest[field];
  return rest;
}
