'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useId } from 'react';
import { bulkChange } from '@/app/[locale]/staff/reports/actions';
import { valueOf } from '@/lib/admin/form-state';
import { idleBulkAction } from '@/lib/reports/action-state';
import type { ReportStatus } from '@/lib/reports/types';
import { SubmitAskingFirst } from '@/components/confirm-question';
import { useFocusOnAnswer } from '@/components/focus-on-arrival';

/** The id the table's checkboxes name in their `form` attribute (the table is not inside this form). */
export const BULK_FORM_ID = 'inbox-bulk';

/**
 * Change the reports ticked in the table: a status (with a reason where the workflow needs one)
 * or a category. Each report changes at the version its row showed; what could not change is named.
 */
export function BulkForm({ statuses, categories }: { statuses: readonly ReportStatus[]; categories: { slug: string; label: string }[] }) {
  const t = useTranslations('inbox');
  const [state, dispatch, pending] = useActionState(bulkChange, idleBulkAction);
  const focusRef = useFocusOnAnswer(state);
  // Dismissing e-mails each reporter that it was dismissed, which cannot be taken back: it asks once
  // more, naming how many reports. (Without JavaScript the form is sent as it is.)
  function dismissalQuestion(form: HTMLFormElement): string | null {
    const data = new FormData(form);
    const ticked = data.getAll('selected').length;
    const dismissing = data.get('status') === 'dismissed' && String(data.get('reason') ?? '').trim() !== '';
    return dismissing && ticked > 0 ? t('bulk.confirmDismiss', { count: ticked }) : null;
  }
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const reasonError = state.fields?.reason;
  const otherErrors = Object.entries(state.fields ?? {}).filter(([field]) => field !== 'reason' && field !== 'selected');

  // The table's boxes are outside this form but belong to it, so its reset after an error clears
  // them too; tick again what was ticked. (The selects are keyed by their value for the same
  // reset: React sets a select's defaultValue only when it mounts.)
  useEffect(() => {
    for (const value of [state.values?.selected ?? []].flat()) {
      const box = document.querySelector<HTMLInputElement>(`input[type=checkbox][name=selected][form=${BULK_FORM_ID}][value="${CSS.escape(value)}"]`);
      if (box) box.checked = true;
    }
  }, [state]);

  return (
    <form id={BULK_FORM_ID} action={dispatch} className="inbox-bulk" aria-labelledby={`${id}-legend`}>
      <h2 id={`${id}-legend`} className="inbox-bulk__title">
        {t('bulk.legend')}
      </h2>
      {state.status === 'done' && (
        // Nothing changed is no success: said as an error, with the reasons.
        <div
          ref={focusRef}
          tabIndex={-1}
          role={state.changed?.length ? 'status' : 'alert'}
          className={`notice ${state.changed?.length ? 'notice--success' : 'notice--error'} inbox-outcome`}
        >
          <p>{t('bulk.done', { count: state.changed?.length ?? 0 })}</p>
          {state.skipped && state.skipped.length > 0 && (
            <>
              <p>{t('bulk.skipped')}</p>
              <ul>
                {state.skipped.map((s) => (
                  <li key={s.ref}>{t('bulk.skippedItem', { ref: s.ref, reason: t(`errors.${s.reason}`) })}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {state.status === 'invalid' && (
        <div ref={focusRef} tabIndex={-1} role="alert" className="notice notice--error inbox-outcome">
          {state.fields?.selected && <p>{t('bulk.none')}</p>}
          {reasonError && <p>{t(`errors.${reasonError}`)}</p>}
          {otherErrors.map(([field, code]) => (
            <p key={field}>{t(`errors.${code!}`)}</p>
          ))}
        </div>
      )}
      <div className="inbox-bulk__rows">
        <div className="inline-field">
          <div>
            <label htmlFor={`${id}-status`}>{t('bulk.status')}</label>
            {/* No status until one is chosen: Enter in a ticked row's box sends this form with its first
                button, which must not change reports to a status nobody picked. */}
            <select key={valueOf(state, 'status')} id={`${id}-status`} name="status" defaultValue={valueOf(state, 'status')}>
              <option value="">{t('bulk.chooseStatus')}</option>
              {statuses.map((status) => (
                <option key={status} value={status}>
                  {t(`statuses.${status}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-reason`}>{t('bulk.reason')}</label>
            {reasonError && (
              <p id={`${id}-reason-error`} className="field-error">
                {t(`errors.${reasonError}`)}
              </p>
            )}
            <input
              id={`${id}-reason`}
              name="reason"
              type="text"
              maxLength={1000}
              defaultValue={valueOf(state, 'reason')}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? `${id}-reason-error` : undefined}
            />
          </div>
          <SubmitAskingFirst
            name="change"
            value="status"
            className="button"
            disabled={pending}
            question={dismissalQuestion}
            yes={t('bulk.confirmYes')}
            no={t('bulk.confirmNo')}
          >
            {pending ? t('bulk.submitting') : t('bulk.setStatus')}
          </SubmitAskingFirst>
        </div>
        <div className="inline-field">
          <div>
            <label htmlFor={`${id}-category`}>{t('bulk.category')}</label>
            <select key={valueOf(state, 'category')} id={`${id}-category`} name="category" defaultValue={valueOf(state, 'category') || undefined}>
              {categories.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" name="change" value="category" className="button button--secondary" disabled={pending}>
            {pending ? t('bulk.submitting') : t('bulk.setCategory')}
          </button>
        </div>
      </div>
    </form>
  );
}

/**
 * Ticks or clears every row of the page. Without JavaScript the rows are ticked one by one. It
 * belongs to the bulk form (without a name, so it is not sent) so that the form's reset after a
 * change clears it together with the rows.
 */
export function SelectAll({ label }: { label: string }) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      form={BULK_FORM_ID}
      // onClick, not onChange: after the form's reset React still believes the box is ticked and
      // would not report the next tick as a change (Space and Enter click as well).
      onClick={(event) => {
        const boxes = document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][name=selected][form=${BULK_FORM_ID}]`);
        for (const box of boxes) box.checked = event.currentTarget.checked;
      }}
    />
  );
}
