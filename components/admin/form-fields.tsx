'use client';

import { useTranslations } from 'next-intl';
import { createContext, useContext, useEffect, useRef, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react';
import { useFormStatus } from 'react-dom';
import { FieldLink } from '@/components/field-link';
import { useFocusOnAnswer } from '@/components/focus-on-arrival';
import { sharedErrorValues, type ErrorCode, type FormState } from '@/lib/admin/form-state';

/*
 * The building blocks of every admin form, after the sign-in form: a label above each field, a
 * hint and an error tied to it (aria-describedby), aria-invalid on a field in error, and an error
 * summary that takes the focus after a failed submission and links to each field (WCAG 3.3.1,
 * 3.3.3). Error codes are translated here, from admin.errors.
 */

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const joined = ids.filter(Boolean).join(' ');
  return joined || undefined;
}

type MessageValues = Record<string, string | number>;

/**
 * Values the error messages of the form inside may name, such as its limits (`{maxK}` in
 * messages/*.json): a form provides the numbers its server checks, so no text repeats them.
 */
export const ErrorValues = createContext<MessageValues>({});

/** The translated message of an error code; unknown codes fall back to a generic message. */
export function useErrorMessage() {
  const t = useTranslations('admin.errors');
  const values = useContext(ErrorValues);
  return (code: string, params?: MessageValues) => (t.has(code as ErrorCode) ? t(code as ErrorCode, { ...sharedErrorValues, ...values, ...params }) : t('invalid'));
}

type Labels = { [field: string]: string };

/**
 * The list of what went wrong, focused after each failed submission. `labels` names the fields, in
 * the order they appear, so the summary reads in the same order as the form.
 */
export function ErrorSummary({
  state,
  idPrefix,
  labels,
  extra,
  errorMessage,
}: {
  state: FormState;
  idPrefix: string;
  labels: Labels;
  extra?: ReactNode;
  /** Translates the error codes, for forms whose codes are not admin.errors' (the default). */
  errorMessage?: (code: string) => string;
}) {
  const t = useTranslations('admin');
  const adminMessage = useErrorMessage();
  const message = errorMessage ?? adminMessage;
  const ref = useRef<HTMLDivElement>(null);
  const fields = state.fields ?? {};
  const ordered = [...Object.keys(labels).filter((f) => fields[f]), ...Object.keys(fields).filter((f) => fields[f] && !(f in labels))];
  const visible = state.status === 'invalid' && (ordered.length > 0 || Boolean(extra));
  useEffect(() => {
    if (visible) ref.current?.focus();
  }, [state, visible]);
  if (!visible) return null;
  return (
    <div ref={ref} tabIndex={-1} className="error-summary" aria-labelledby={`${idPrefix}-summary`}>
      <p id={`${idPrefix}-summary`}>
        <strong>{t('errorSummary')}</strong>
      </p>
      <ul>
        {ordered.map((field) =>
          field in labels ? (
            <li key={field}>
              <FieldLink target={`${idPrefix}-${field}`}>
                {labels[field]}: {message(fields[field]!)}
              </FieldLink>
            </li>
          ) : (
            <li key={field}>{message(fields[field]!)}</li>
          ),
        )}
      </ul>
      {extra}
    </div>
  );
}

/** A success message, focused after each save (useFocusOnAnswer). */
export function SavedNotice({ answer, children }: { answer: FormState; children: ReactNode }) {
  const ref = useFocusOnAnswer<HTMLParagraphElement>(answer);
  return (
    <p ref={ref} tabIndex={-1} className="notice notice--success" role="status">
      {children}
    </p>
  );
}

type FieldBase = {
  idPrefix: string;
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  /** Translates the error code, for forms whose codes are not admin.errors' (the default). */
  errorMessage?: (code: string) => string;
};

/**
 * A labelled control with its hint and error above it; `control` gets the id and the ARIA
 * attributes that tie them together.
 */
function LabelledField({
  idPrefix,
  name,
  label,
  hint,
  error,
  errorMessage,
  control,
}: FieldBase & { control: (props: { id: string; name: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode }) {
  const adminMessage = useErrorMessage();
  const message = errorMessage ?? adminMessage;
  const id = `${idPrefix}-${name}`;
  return (
    <div className="form-field">
      <label htmlFor={id} className="label">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {message(error)}
        </p>
      )}
      {control({
        id,
        name,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy(hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined),
      })}
    </div>
  );
}

export function TextField({ idPrefix, name, label, hint, error, errorMessage, ...input }: FieldBase & InputHTMLAttributes<HTMLInputElement>) {
  const field = { idPrefix, name, label, hint, error, errorMessage };
  return <LabelledField {...field} control={(props) => <input {...props} {...input} />} />;
}

export function TextAreaField({ idPrefix, name, label, hint, error, errorMessage, ...textarea }: FieldBase & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const field = { idPrefix, name, label, hint, error, errorMessage };
  return <LabelledField {...field} control={(props) => <textarea {...props} {...textarea} />} />;
}

/**
 * Checkboxes or radio buttons under one question (a fieldset with a legend). The id of the first
 * option is the field's id, so the error summary's link lands on it.
 */
export function ChoiceGroup({
  idPrefix,
  name,
  legend,
  hint,
  error,
  errorMessage,
  type,
  options,
  checked,
}: {
  idPrefix: string;
  name: string;
  legend: string;
  hint?: ReactNode;
  error?: string;
  errorMessage?: FieldBase['errorMessage'];
  type: 'checkbox' | 'radio';
  options: { value: string; label: string; hint?: string }[];
  checked: readonly string[];
}) {
  const adminMessage = useErrorMessage();
  const message = errorMessage ?? adminMessage;
  const id = `${idPrefix}-${name}`;
  return (
    <fieldset className="field-group" aria-describedby={describedBy(hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined)}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {message(error)}
        </p>
      )}
      {options.map((option, index) => {
        const optionId = index === 0 ? id : `${id}-${option.value}`;
        return (
          <div className="choice" key={option.value}>
            <input
              type={type}
              id={optionId}
              name={name}
              value={option.value}
              defaultChecked={checked.includes(option.value)}
              aria-describedby={option.hint ? `${optionId}-hint` : undefined}
            />
            <label htmlFor={optionId}>
              {option.label}
              {option.hint && (
                <span id={`${optionId}-hint`} className="hint">
                  {option.hint}
                </span>
              )}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** A single checkbox (e.g. "active"), its label beside it. */
export function CheckboxField({ idPrefix, name, label, hint, defaultChecked }: Omit<FieldBase, 'error'> & { defaultChecked: boolean }) {
  const id = `${idPrefix}-${name}`;
  return (
    <div className="choice form-field">
      <input type="checkbox" id={id} name={name} value="on" defaultChecked={defaultChecked} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>
        {label}
        {hint && (
          <span id={`${id}-hint`} className="hint">
            {hint}
          </span>
        )}
      </label>
    </div>
  );
}

/** The submit button; says it is working while the action runs. */
export function SubmitButton({ children, pendingLabel, className = 'button', name, value }: { children: ReactNode; pendingLabel: string; className?: string; name?: string; value?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className} disabled={pending} name={name} value={value}>
      {pending ? pendingLabel : children}
    </button>
  );
}
