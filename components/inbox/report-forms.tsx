'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useActionState, useCallback, useId, useState } from 'react';
import {
  addNote,
  changeStatus,
  mergeReport,
  movePin,
  recategorise,
  redactDescription,
  replyToReporter,
} from '@/app/[locale]/staff/reports/actions';
import { LocationPicker, type PickerCity, type PickerDistrict } from '@/components/map/location-picker';
import { idleReportAction, type ReportActionState } from '@/lib/reports/action-state';
import type { ReportStatus } from '@/lib/reports/types';
import { SubmitAskingFirst } from '@/components/confirm-question';
import { useFocusOnAnswer } from '@/components/focus-on-arrival';
import { ActionOutcome, FieldError, fieldAria, fieldIds } from './action-outcome';

type Action = (state: ReportActionState, formData: FormData) => Promise<ReportActionState>;

/** The report and the version the page showed: every change is checked against it on the server. */
type Target = { reference: string; version: number };

function useReportForm(action: Action) {
  const [state, dispatch, pending] = useActionState(action, idleReportAction);
  const focusRef = useFocusOnAnswer(state);
  const formId = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  return { state, dispatch, pending, focusRef, formId };
}

function Hidden({ reference, version }: Target) {
  return (
    <>
      <input type="hidden" name="ref" value={reference} />
      <input type="hidden" name="version" value={version} />
    </>
  );
}

/**
 * Buttons for each status the workflow allows from here; dismissing needs a reason. `notifies`:
 * some of them e-mail the resident, who left an address.
 */
export function StatusForm({ reference, version, current, next, notifies }: Target & { current: ReportStatus; next: readonly ReportStatus[]; notifies: boolean }) {
  const t = useTranslations('inbox');
  const { state, dispatch, pending, focusRef, formId } = useReportForm(changeStatus);
  const reason = fieldIds(formId, 'reason');
  return (
    <form action={dispatch} className="inbox-form" aria-labelledby={`${formId}-legend`}>
      <h3 id={`${formId}-legend`}>{t('actions.status.legend')}</h3>
      <ActionOutcome state={state} formId={formId} focusRef={focusRef} version={version} labels={{ reason: t('actions.status.reason') }} />
      <Hidden reference={reference} version={version} />
      <p>{t('actions.status.current', { status: t(`statuses.${current}`) })}</p>
      {next.length === 0 ? (
        <p>{t('actions.status.none')}</p>
      ) : (
        <>
          <div className="form-field">
            <label htmlFor={reason.input} className="label">
              {t('actions.status.reason')}
            </label>
            <span id={`${formId}-reason-hint`} className="hint">
              {t('actions.status.reasonHint')}
            </span>
            <FieldError state={state} formId={formId} field="reason" />
            <textarea
              id={reason.input}
              name="reason"
              rows={2}
              maxLength={1000}
              defaultValue={state.status === 'saved' ? '' : (state.values?.reason ?? '')}
              {...fieldAria(state, formId, 'reason', `${formId}-reason-hint`)}
            />
          </div>
          <FieldError state={state} formId={formId} field="status" />
          <div className="actions">
            {next.map((status) => (
              <button
                key={status}
                type="submit"
                name="status"
                value={status}
                className={status === 'dismissed' ? 'button button--secondary' : 'button'}
                disabled={pending}
              >
                {t('actions.status.to', { status: t(`statuses.${status}`) })}
              </button>
            ))}
          </div>
          {notifies && <p className="hint">{t('actions.status.emailHint')}</p>}
        </>
      )}
    </form>
  );
}

export function CategoryForm({ reference, version, current, categories }: Target & { current: string; categories: { slug: string; label: string }[] }) {
  const t = useTranslations('inbox');
  const { state, dispatch, pending, focusRef, formId } = useReportForm(recategorise);
  const ids = fieldIds(formId, 'category');
  return (
    <form action={dispatch} className="inbox-form" aria-labelledby={`${formId}-legend`}>
      <h3 id={`${formId}-legend`}>{t('actions.category.legend')}</h3>
      <ActionOutcome state={state} formId={formId} focusRef={focusRef} version={version} labels={{ category: t('actions.category.label') }} />
      <Hidden reference={reference} version={version} />
      <div className="inline-field">
        <div>
          <label htmlFor={ids.input} className="label">
            {t('actions.category.label')}
          </label>
          <FieldError state={state} formId={formId} field="category" />
          <select id={ids.input} name="category" defaultValue={current} key={current} {...fieldAria(state, formId, 'category')}>
            {categories.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t('actions.sending') : t('actions.category.submit')}
        </button>
      </div>
    </form>
  );
}

/** The residents' place picker (map, keyboard, coordinates), here to move a report's pin. */
export function MovePinForm({
  reference,
  version,
  position,
  city,
  districts,
}: Target & { position: { lat: number; lon: number }; city: PickerCity; districts: PickerDistrict[] }) {
  const t = useTranslations('inbox');
  const { state, dispatch, pending, focusRef, formId } = useReportForm(movePin);
  const [value, setValue] = useState(position);
  const onChange = useCallback((lat: number, lon: number) => setValue({ lat, lon }), []);
  return (
    <form action={dispatch} className="inbox-form" aria-labelledby={`${formId}-legend`}>
      <h3 id={`${formId}-legend`}>{t('actions.move.legend')}</h3>
      <ActionOutcome state={state} formId={formId} focusRef={focusRef} version={version} labels={{}} />
      <p className="hint">{t('actions.move.hint')}</p>
      <Hidden reference={reference} version={version} />
      <input type="hidden" name="lat" value={value.lat} />
      <input type="hidden" name="lon" value={value.lon} />
      <LocationPicker city={city} districts={districts} value={value} onChange={onChange} />
      <FieldError state={state} formId={formId} field="lat" />
      <button type="submit" className="button" disabled={pending}>
        {pending ? t('actions.sending') : t('actions.move.submit')}
      </button>
    </form>
  );
}

/** Staff write the public description; the resident's original is shown above it, unchanged. */
export function RedactForm({ reference, version, current, original }: Target & { current: string | null; original: string }) {
  const t = useTranslations('inbox');
  const { state, dispatch, pending, focusRef, formId } = useReportForm(redactDescription);
  const ids = fieldIds(formId, 'publicDescription');
  const value = state.status === 'saved' || state.values?.publicDescription === undefined ? (current ?? original) : state.values.publicDescription;
  return (
    <form action={dispatch} className="inbox-form" aria-labelledby={`${formId}-legend`}>
      <h3 id={`${formId}-legend`}>{t('actions.redact.legend')}</h3>
      <ActionOutcome state={state} formId={formId} focusRef={focusRef} version={version} labels={{ publicDescription: t('actions.redact.label') }} />
      <Hidden reference={reference} version={version} />
      <div className="form-field">
        <label htmlFor={ids.input} className="label">
          {t('actions.redact.label')}
        </label>
        <span id={`${formId}-hint`} className="hint">
          {t('actions.redact.hint')}
        </span>
        <FieldError state={state} formId={formId} field="publicDescription" />
        <textarea
          id={ids.input}
          name="publicDescription"
          rows={5}
          maxLength={2000}
          defaultValue={value}
          {...fieldAria(state, formId, 'publicDescription', `${formId}-hint`)}
        />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? t('actions.sending') : t('actions.redact.submit')}
      </button>
    </form>
  );
}

/**
 * A merge's submit button, which asks once more: the merge e-mails the duplicate's reporter. With
 * it go the report page the merge is done on (`page`, which the action returns to with the outcome)
 * and the page's language.
 */
function MergeSubmit({ source, page, pending, label, className }: { source: string; page: string; pending: boolean; label: string; className: string }) {
  const t = useTranslations('inbox');
  return (
    <>
      <input type="hidden" name="page" value={page} />
      <input type="hidden" name="locale" value={useLocale()} />
      <SubmitAskingFirst
        className={className}
        disabled={pending}
        question={t('actions.merge.question', { ref: source })}
        yes={t('actions.merge.yes')}
        no={t('actions.merge.no')}
      >
        {pending ? t('actions.sending') : label}
      </SubmitAskingFirst>
    </>
  );
}

/** Merge this report into another one by its reference. */
export function MergeForm({ reference, version, example }: Target & { example: string }) {
  const t = useTranslations('inbox');
  const { state, dispatch, pending, focusRef, formId } = useReportForm(mergeReport);
  const ids = fieldIds(formId, 'mergeInto');
  return (
    <form action={dispatch} className="inbox-form" aria-labelledby={`${formId}-legend`}>
      <h3 id={`${formId}-legend`}>{t('actions.merge.legend')}</h3>
      <ActionOutcome state={state} formId={formId} focusRef={focusRef} version={version} labels={{ mergeInto: t('actions.merge.label') }} />
      <Hidden reference={reference} version={version} />
      <div className="form-field">
        <label htmlFor={ids.input} className="label">
          {t('actions.merge.label')}
        </label>
        <span id={`${formId}-hint`} className="hint">
          {t('actions.merge.hint', { example })}
        </span>
        <FieldError state={state} formId={formId} field="mergeInto" />
        <input
          id={ids.input}
          name="mergeInto"
          type="text"
          autoComplete="off"
          spellCheck={false}
          className="input--short"
          defaultValue={state.status === 'saved' ? '' : (state.values?.mergeInto ?? '')}
          {...fieldAria(state, formId, 'mergeInto', `${formId}-hint`)}
        />
      </div>
      <MergeSubmit source={reference} page={reference} pending={pending} label={t('actions.merge.submit')} className="button button--secondary" />
    </form>
  );
}

/**
 * One button of the duplicates table: merges `source` (at the version the table showed) into
 * `into`. Used both ways: a suggestion into this report, or this report into a suggestion.
 */
export function MergeButton({ source, version, into, label, page }: { source: string; version: number; into: string; label: string; page: string }) {
  const { state, dispatch, pending, focusRef, formId } = useReportForm(mergeReport);
  return (
    <form action={dispatch} className="merge-button">
      <input type="hidden" name="ref" value={source} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="mergeInto" value={into} />
      <MergeSubmit source={source} page={page} pending={pending} label={label} className="button button--secondary button--small" />
      <ActionOutcome state={state} formId={formId} focusRef={focusRef} labels={{}} />
    </form>
  );
}

function TextForm({
  action,
  reference,
  version,
  field,
  legend,
  label,
  hint,
  submit,
  saved,
}: Target & { action: Action; field: 'note' | 'reply'; legend: string; label: string; hint?: string; submit: string; saved?: string }) {
  const t = useTranslations('inbox');
  const { state, dispatch, pending, focusRef, formId } = useReportForm(action);
  const ids = fieldIds(formId, field);
  return (
    <form action={dispatch} className="inbox-form" aria-labelledby={`${formId}-legend`}>
      <h3 id={`${formId}-legend`}>{legend}</h3>
      <ActionOutcome state={state} formId={formId} focusRef={focusRef} labels={{ [field]: label }} version={version} saved={saved} />
      <Hidden reference={reference} version={version} />
      <div className="form-field">
        <label htmlFor={ids.input} className="label">
          {label}
        </label>
        {hint && (
          <span id={`${formId}-hint`} className="hint">
            {hint}
          </span>
        )}
        <FieldError state={state} formId={formId} field={field} />
        <textarea
          id={ids.input}
          name={field}
          rows={4}
          maxLength={4000}
          defaultValue={state.status === 'saved' ? '' : (state.values?.[field] ?? '')}
          {...fieldAria(state, formId, field, hint ? `${formId}-hint` : undefined)}
        />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? t('actions.sending') : submit}
      </button>
    </form>
  );
}

export function NoteForm(props: Target) {
  const t = useTranslations('inbox.actions.note');
  return <TextForm {...props} action={addNote} field="note" legend={t('legend')} label={t('label')} submit={t('submit')} />;
}

export function ReplyForm(props: Target) {
  const t = useTranslations('inbox.actions.reply');
  return (
    <TextForm {...props} action={replyToReporter} field="reply" legend={t('legend')} label={t('label')} hint={t('hint')} submit={t('submit')} saved={t('saved')} />
  );
}
