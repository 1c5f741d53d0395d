'use client';

import './editor.css';
import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef, type ReactNode } from 'react';
import { FieldLink } from '@/components/field-link';
import { idleState, type EditorFormState } from '@/lib/dialogues/form-state';
import { PARTICIPANTS_MAX } from '@/lib/dialogues/limits';
import type { EditorErrorCode, FieldErrors } from '@/lib/dialogues/validation';
import { locales } from '@/lib/i18n/routing';

/** The limits the error messages name (messages/*.json, dialogueEditor.errors), as the server checks them. */
const errorValues = { participantsMax: PARTICIPANTS_MAX };

/*
 * The pieces every editor form is built from. Each field has a stable id (the form's prefix and
 * the field's name), so the error summary links straight to it; its error message sits above the
 * input and is tied to it with aria-describedby; after a refused submission the focus moves to
 * the summary and every field keeps what was typed.
 */

export type EditorAction = (state: EditorFormState, formData: FormData) => Promise<EditorFormState>;

export type EditorForm = {
  prefix: string;
  state: EditorFormState;
  errors: FieldErrors;
  id: (name: string) => string;
  errorId: (name: string) => string;
  value: (name: string) => string;
  error: (name: string) => EditorErrorCode | undefined;
  /** The values the error messages name: the form's limits and what the server named (`{entry}`). */
  errorValues: Record<string, string | number>;
  /** Props for a text input, textarea or select: id, name, the value to show, and its error. */
  field: (name: string, hintId?: string) => {
    id: string;
    name: string;
    defaultValue: string;
    'aria-invalid'?: true;
    'aria-describedby'?: string;
  };
};

export function useEditorForm(prefix: string, state: EditorFormState, initial: Record<string, string>): EditorForm {
  const values = state.status === 'idle' ? initial : { ...initial, ...state.values };
  const errors = state.status === 'invalid' ? state.fields : {};
  const id = (name: string) => `${prefix}-${name.replaceAll('.', '-')}`;
  const errorId = (name: string) => `${id(name)}-error`;
  return {
    prefix,
    state,
    errors,
    id,
    errorId,
    value: (name) => values[name] ?? '',
    error: (name) => errors[name],
    errorValues: { ...errorValues, ...(state.status === 'invalid' ? state.errorValues : undefined) },
    field: (name, hintId) => {
      const describedBy = [hintId, errors[name] ? errorId(name) : undefined].filter(Boolean).join(' ');
      return {
        id: id(name),
        name,
        defaultValue: values[name] ?? '',
        ...(errors[name] ? { 'aria-invalid': true as const } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      };
    },
  };
}

/** useActionState for an editor action, starting idle. */
export function useEditorAction(action: EditorAction) {
  return useActionState<EditorFormState, FormData>(action, idleState);
}

/**
 * Problems with the submission, first thing in the form: a count, then one link per field (to the
 * field itself, or to `targets[field]` for composite fields such as a place), or a sentence for a
 * conflict or refused step. It takes the focus when it appears.
 */
export function ErrorSummary({ form, labels, targets = {} }: { form: EditorForm; labels: Record<string, string>; targets?: Record<string, string> }) {
  const t = useTranslations('dialogueEditor');
  const { state } = form;
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status !== 'idle') summaryRef.current?.focus();
  }, [state]);
  if (state.status === 'idle') return null;
  const titleId = `${form.prefix}-summary-title`;
  if (state.status !== 'invalid') {
    return (
      <div ref={summaryRef} tabIndex={-1} className="error-summary" aria-labelledby={titleId}>
        <p id={titleId}>
          <strong>{t('form.problem')}</strong>
        </p>
        <p>{t(`form.${state.status}`)}</p>
        {state.status === 'conflict' && (
          <button type="button" className="button button--secondary" onClick={() => window.location.reload()}>
            {t('form.reload')}
          </button>
        )}
      </div>
    );
  }
  const entries = Object.entries(state.fields);
  const label = (path: string) => {
    if (labels[path]) return labels[path];
    const [root, lang] = path.split('.');
    if (lang && (locales as readonly string[]).includes(lang) && labels[root]) return `${labels[root]} (${t(`languages.${lang as 'de'}`)})`;
    return labels[root] ?? path;
  };
  return (
    <div ref={summaryRef} tabIndex={-1} className="error-summary" aria-labelledby={titleId}>
      <p id={titleId}>
        <strong>{t('form.errorSummary', { count: entries.length })}</strong>
      </p>
      <ul>
        {entries.map(([path, code]) => (
          <li key={path}>
            <FieldLink target={targets[path] ?? form.id(path)}>
              {label(path)}: {t(`errors.${code}`, form.errorValues)}
            </FieldLink>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function FieldError({ form, name }: { form: EditorForm; name: string }) {
  const t = useTranslations('dialogueEditor');
  const code = form.error(name);
  if (!code) return null;
  return (
    <p id={form.errorId(name)} className="field-error">
      {t(`errors.${code}`, form.errorValues)}
    </p>
  );
}

type TextFieldProps = {
  form: EditorForm;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  type?: 'text' | 'date';
  inputMode?: 'numeric' | 'decimal';
  autoComplete?: string;
  maxLength?: number;
};

export function TextField({ form, name, label, hint, required, type = 'text', inputMode, autoComplete = 'off', maxLength }: TextFieldProps) {
  const t = useTranslations('dialogueEditor');
  const hintId = hint ? `${form.id(name)}-hint` : undefined;
  return (
    <div className="editor-field">
      <label className="label" htmlFor={form.id(name)}>
        {label}
        {required ? '' : ` (${t('optional')})`}
      </label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <FieldError form={form} name={name} />
      <input
        type={type}
        inputMode={inputMode}
        autoComplete={autoComplete}
        maxLength={maxLength}
        aria-required={required || undefined}
        {...form.field(name, hintId)}
      />
    </div>
  );
}

export function SelectField({
  form,
  name,
  label,
  options,
  required,
  hint,
  onChange,
}: {
  form: EditorForm;
  name: string;
  label: string;
  options: { value: string; label: string }[];
  required?: boolean;
  hint?: string;
  onChange?: (value: string) => void;
}) {
  const hintId = hint ? `${form.id(name)}-hint` : undefined;
  const field = form.field(name, hintId);
  return (
    <div className="editor-field">
      <label className="label" htmlFor={form.id(name)}>
        {label}
      </label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <FieldError form={form} name={name} />
      {/* Keyed by its value: React sets a select's defaultValue only when it mounts, and the form's
          reset after a refused submission would otherwise go back to the first choice. */}
      <select key={field.defaultValue} aria-required={required || undefined} {...field} onChange={onChange && ((e) => onChange(e.target.value))}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A choice of a few options as radio buttons; the first carries the group's id for the summary's link. */
export function RadioField({
  form,
  name,
  legend,
  options,
  onChange,
}: {
  form: EditorForm;
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  onChange?: (value: string) => void;
}) {
  const error = form.error(name);
  const checked = form.value(name) || options[0]?.value;
  return (
    <fieldset className="editor-field editor-radios" aria-describedby={error ? form.errorId(name) : undefined}>
      <legend className="label">{legend}</legend>
      <FieldError form={form} name={name} />
      <div className="editor-radios__options">
        {options.map((o, i) => {
          const id = i === 0 ? form.id(name) : `${form.id(name)}-${o.value}`;
          return (
            <div className="choice" key={o.value}>
              <input
                type="radio"
                id={id}
                name={name}
                value={o.value}
                defaultChecked={checked === o.value}
                onChange={onChange && (() => onChange(o.value))}
              />
              <label htmlFor={id}>{o.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/**
 * One text in German (required) and optionally English and Turkish: a group named after the
 * field, one input per language, each marked with its language for spell-checkers and screen readers.
 */
export function LocalizedField({
  form,
  name,
  legend,
  hint,
  multiline = false,
  rows = 4,
  required = true,
  maxLength,
}: {
  form: EditorForm;
  name: string;
  legend: string;
  hint?: string;
  multiline?: boolean;
  rows?: number;
  required?: boolean;
  maxLength?: number;
}) {
  const t = useTranslations('dialogueEditor');
  const hintId = `${form.id(name)}-hint`;
  return (
    <fieldset className="editor-field editor-localized" aria-describedby={hintId}>
      <legend className="label">{legend}</legend>
      <p className="hint" id={hintId}>
        {hint ? `${hint} ` : ''}
        {required ? t('fields.translationsHint') : t('fields.translationsHintOptional')}
      </p>
      {locales.map((lang) => {
        const path = `${name}.${lang}`;
        const isRequired = required && lang === 'de';
        const props = { ...form.field(path), lang, maxLength, 'aria-required': isRequired || undefined };
        return (
          <div className="editor-localized__language" key={lang}>
            <label htmlFor={form.id(path)}>
              {t(`languages.${lang}`)}
              {isRequired ? '' : ` (${t('optional')})`}
            </label>
            <FieldError form={form} name={path} />
            {/* Translations get less room: most stay short or empty, and the form stays scannable. */}
            {multiline ? (
              <textarea rows={lang === 'de' ? rows : Math.max(2, Math.ceil(rows / 2))} {...props} />
            ) : (
              <input type="text" autoComplete="off" {...props} />
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

export function Hidden({ values }: { values: Record<string, string | number | undefined | null> }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) =>
        value === undefined || value === null ? null : <input key={name} type="hidden" name={name} value={String(value)} />,
      )}
    </>
  );
}

export function SubmitButton({ pending, label, secondary = false }: { pending: boolean; label: string; secondary?: boolean }) {
  const t = useTranslations('dialogueEditor');
  return (
    <button type="submit" className={secondary ? 'button button--secondary' : 'button'} disabled={pending}>
      {pending ? t('form.saving') : label}
    </button>
  );
}

/**
 * A one-button form for a step (publish, move up, remove …): hidden fields, the button, and, if the
 * server refuses the step, the reason right beside it, announced. A step that cannot be undone
 * (`confirm`) asks once more first, as revoking an API key does, without needing JavaScript.
 */
export function ActionButton({
  action,
  values,
  children,
  secondary = false,
  small = false,
  confirm,
}: {
  action: EditorAction;
  values: Record<string, string | number | undefined | null>;
  children: ReactNode;
  secondary?: boolean;
  small?: boolean;
  /** What the step does, and the confirming button's text. */
  confirm?: { warning: string; button: string };
}) {
  const t = useTranslations('dialogueEditor');
  const [state, formAction, pending] = useEditorAction(action);
  const className = ['button', secondary && 'button--secondary', small && 'button--small'].filter(Boolean).join(' ');
  const refused = state.status !== 'idle' && (
    <p role="alert" className="field-error">
      {state.status === 'invalid' ? t('form.not_allowed') : t(`form.${state.status}`)}
    </p>
  );
  if (confirm) {
    return (
      <details className="confirm-step">
        <summary className={className}>{children}</summary>
        <form action={formAction} className="editor-action">
          <Hidden values={values} />
          <p>{confirm.warning}</p>
          <button type="submit" className={`button button--danger${small ? ' button--small' : ''}`} disabled={pending}>
            {confirm.button}
          </button>
          {refused}
        </form>
      </details>
    );
  }
  return (
    <form action={formAction} className="editor-action">
      <Hidden values={values} />
      <button type="submit" className={className} disabled={pending}>
        {children}
      </button>
      {refused}
    </form>
  );
}
