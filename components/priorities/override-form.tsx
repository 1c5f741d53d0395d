'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useSearchParams } from 'next/navigation';
import { useActionState, useEffect, useId, useRef } from 'react';
import { endOverrideAction, setOverrideAction } from '@/app/[locale]/staff/priorities/actions';
import { SubmitButton, TextAreaField, TextField } from '@/components/admin/form-fields';
import { idleOverrideState, type OverrideFormState } from '@/lib/priorities/override-form';

type Labels = { cellLabel: string };

function useError() {
  const t = useTranslations('priorities.errors');
  return (code: string) => (t.has(code as 'invalid') ? t(code as 'invalid') : t('invalid'));
}

function valueOf(state: OverrideFormState, name: string): string {
  const v = state.values?.[name];
  return typeof v === 'string' ? v : '';
}

/** A refusal, beside the form. A success goes back to the ranking (actions.ts), whose page says it. */
function Outcome({ state }: { state: OverrideFormState }) {
  const t = useTranslations('priorities.override');
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.status === 'invalid') ref.current?.focus();
  }, [state]);
  if (state.status !== 'invalid') return null;
  return (
    <p ref={ref} tabIndex={-1} role="alert" className="notice notice--error">
      {t('failed')}
    </p>
  );
}

/** What the ranking is to be shown with after a success: the page's filters and language. */
function ReturnFields() {
  const back = new URLSearchParams(useSearchParams());
  back.delete('saved');
  return (
    <>
      <input type="hidden" name="filters" value={back.toString()} />
      <input type="hidden" name="locale" value={useLocale()} />
    </>
  );
}

/** Boost or suppress one cell: factor, mandatory reason, optional last day. */
export function OverrideForm({ cell, labels }: { cell: string; labels: Labels }) {
  const t = useTranslations('priorities.override');
  const error = useError();
  const [state, action] = useActionState(setOverrideAction, idleOverrideState);
  const id = useId();
  const fields = state.fields ?? {};
  return (
    <form action={action} noValidate className="override-form" aria-label={t('formLabel', { cell: labels.cellLabel })}>
      <Outcome state={state} />
      <ReturnFields />
      <input type="hidden" name="cell" value={cell} />
      {fields.cell && <p className="field-error">{error(fields.cell)}</p>}
      <TextField
        idPrefix={id}
        name="factor"
        label={t('factor')}
        hint={t('factorHint')}
        error={fields.factor}
        errorMessage={error}
        inputMode="decimal"
        className="input--short"
        defaultValue={valueOf(state, 'factor') || '2'}
        required
      />
      <TextAreaField
        idPrefix={id}
        name="reason"
        label={t('reason')}
        hint={t('reasonHint')}
        error={fields.reason}
        errorMessage={error}
        rows={2}
        maxLength={500}
        defaultValue={valueOf(state, 'reason')}
        required
      />
      <TextField
        idPrefix={id}
        name="expires"
        label={t('expires')}
        hint={t('expiresHint')}
        error={fields.expires}
        errorMessage={error}
        type="date"
        defaultValue={valueOf(state, 'expires')}
      />
      {fields.form && <p className="field-error">{error(fields.form)}</p>}
      <SubmitButton className="button button--small" pendingLabel={t('saving')}>
        {t('submit')}
      </SubmitButton>
    </form>
  );
}

/** Ends a cell's boost or suppression, with a reason. */
export function EndOverrideForm({ cell, labels }: { cell: string; labels: Labels }) {
  const t = useTranslations('priorities.override');
  const error = useError();
  const [state, action] = useActionState(endOverrideAction, idleOverrideState);
  const id = useId();
  const fields = state.fields ?? {};
  return (
    <form action={action} noValidate className="override-form" aria-label={t('endFormLabel', { cell: labels.cellLabel })}>
      <Outcome state={state} />
      <ReturnFields />
      <input type="hidden" name="cell" value={cell} />
      <TextField
        idPrefix={id}
        name="reason"
        label={t('endReason')}
        error={fields.reason ?? fields.cell ?? fields.form}
        errorMessage={error}
        maxLength={500}
        defaultValue={valueOf(state, 'reason')}
        required
      />
      <SubmitButton className="button button--small" pendingLabel={t('saving')}>
        {t('end')}
      </SubmitButton>
    </form>
  );
}
