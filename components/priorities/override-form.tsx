'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useId, useRef } from 'react';
import { useFormStatus } from 'react-dom';
import { endOverrideAction, setOverrideAction } from '@/app/[locale]/staff/priorities/actions';
import { idleOverrideState, type OverrideFormState } from '@/lib/priorities/override-form';

type Labels = { cellLabel: string };

function Submit({ label, pending }: { label: string; pending: string }) {
  const status = useFormStatus();
  return (
    <button type="submit" className="button button--small" disabled={status.pending}>
      {status.pending ? pending : label}
    </button>
  );
}

function useError() {
  const t = useTranslations('priorities.errors');
  return (code: string | undefined) => (code ? (t.has(code as 'invalid') ? t(code as 'invalid') : t('invalid')) : undefined);
}

function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (describedBy: string | undefined) => React.ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
      {children(describedBy)}
    </div>
  );
}

function valueOf(state: OverrideFormState, name: string): string {
  const v = state.values?.[name];
  return typeof v === 'string' ? v : '';
}

function Outcome({ state, saved }: { state: OverrideFormState; saved: string }) {
  const t = useTranslations('priorities.override');
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.status === 'invalid') ref.current?.focus();
  }, [state]);
  if (state.status === 'saved') return <p role="status" className="notice notice--success">{saved}</p>;
  if (state.status === 'invalid')
    return (
      <p ref={ref} tabIndex={-1} role="alert" className="notice notice--error">
        {t('failed')}
      </p>
    );
  return null;
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
      <Outcome state={state} saved={t('saved')} />
      <input type="hidden" name="cell" value={cell} />
      {fields.cell && <p className="field-error">{error(fields.cell)}</p>}
      <Field id={`${id}-factor`} label={t('factor')} hint={t('factorHint')} error={error(fields.factor)}>
        {(describedBy) => (
          <input
            id={`${id}-factor`}
            name="factor"
            inputMode="decimal"
            className="input--short"
            defaultValue={valueOf(state, 'factor') || '2'}
            aria-describedby={describedBy}
            aria-invalid={fields.factor ? true : undefined}
            required
          />
        )}
      </Field>
      <Field id={`${id}-reason`} label={t('reason')} hint={t('reasonHint')} error={error(fields.reason)}>
        {(describedBy) => (
          <textarea
            id={`${id}-reason`}
            name="reason"
            rows={2}
            maxLength={500}
            defaultValue={valueOf(state, 'reason')}
            aria-describedby={describedBy}
            aria-invalid={fields.reason ? true : undefined}
            required
          />
        )}
      </Field>
      <Field id={`${id}-expires`} label={t('expires')} hint={t('expiresHint')} error={error(fields.expires)}>
        {(describedBy) => (
          <input
            id={`${id}-expires`}
            name="expires"
            type="date"
            defaultValue={valueOf(state, 'expires')}
            aria-describedby={describedBy}
            aria-invalid={fields.expires ? true : undefined}
          />
        )}
      </Field>
      {fields.form && <p className="field-error">{error(fields.form)}</p>}
      <Submit label={t('submit')} pending={t('saving')} />
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
      <Outcome state={state} saved={t('ended')} />
      <input type="hidden" name="cell" value={cell} />
      <Field id={`${id}-reason`} label={t('endReason')} error={error(fields.reason ?? fields.cell ?? fields.form)}>
        {(describedBy) => (
          <input
            id={`${id}-reason`}
            name="reason"
            maxLength={500}
            defaultValue={valueOf(state, 'reason')}
            aria-describedby={describedBy}
            aria-invalid={fields.reason ? true : undefined}
            required
          />
        )}
      </Field>
      <Submit label={t('end')} pending={t('saving')} />
    </form>
  );
}
