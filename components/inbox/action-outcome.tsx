'use client';

import { useTranslations } from 'next-intl';
import type { RefObject } from 'react';
import { FieldLink } from '@/components/field-link';
import type { ReportActionState } from '@/lib/reports/action-state';

/** Ids of a field's input and error message inside one form. */
export function fieldIds(formId: string, field: string) {
  return { input: `${formId}-${field}`, error: `${formId}-${field}-error` };
}

/**
 * The answer to a change: "saved", the conflict message (the page already shows the current
 * state), or an error summary whose links lead to the fields.
 */
export function ActionOutcome({
  state,
  formId,
  focusRef,
  labels,
  version,
  saved,
}: {
  state: ReportActionState;
  formId: string;
  focusRef: RefObject<HTMLDivElement | null>;
  /** Field name → its visible label, for the summary's links. */
  labels: Record<string, string>;
  /** The version the page shows: "saved" and the conflict message go once the report changes again. */
  version?: number;
  /** What to say on success, where "saved" says too little (e.g. that an e-mail goes out). */
  saved?: string;
}) {
  const t = useTranslations('inbox');
  if (state.status === 'idle') return null;
  if ((state.status === 'saved' || state.status === 'conflict') && version !== undefined && state.version !== version) return null;
  if (state.status === 'saved') {
    return (
      <div ref={focusRef} tabIndex={-1} role="status" className="notice notice--success inbox-outcome">
        <p>{saved ?? t('result.saved')}</p>
      </div>
    );
  }
  if (state.status === 'conflict' || state.status === 'not_found') {
    return (
      <div ref={focusRef} tabIndex={-1} role="alert" className="notice notice--error inbox-outcome">
        <p>{state.status === 'conflict' ? t('result.conflict') : t('result.notFound')}</p>
      </div>
    );
  }
  const entries = Object.entries(state.fields ?? {});
  return (
    <div ref={focusRef} tabIndex={-1} className="error-summary inbox-outcome" aria-labelledby={`${formId}-summary`}>
      <p id={`${formId}-summary`}>
        <strong>{t('result.errorSummary')}</strong>
      </p>
      <ul>
        {entries.map(([field, code]) => (
          <li key={field}>
            {labels[field] ? (
              <FieldLink target={fieldIds(formId, field).input}>
                {labels[field]}: {t(`errors.${code!}`)}
              </FieldLink>
            ) : (
              t(`errors.${code!}`)
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The error under a field's label, tied to the field by aria-describedby. */
export function FieldError({ state, formId, field }: { state: ReportActionState; formId: string; field: string }) {
  const t = useTranslations('inbox.errors');
  const code = state.fields?.[field];
  if (!code) return null;
  return (
    <p id={fieldIds(formId, field).error} className="field-error">
      {t(code)}
    </p>
  );
}

/** aria-invalid and aria-describedby for a field, from the last answer. */
export function fieldAria(state: ReportActionState, formId: string, field: string, hint?: string) {
  const invalid = Boolean(state.fields?.[field]);
  const describedBy = [invalid ? fieldIds(formId, field).error : null, hint].filter(Boolean).join(' ');
  return { 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy || undefined } as const;
}
