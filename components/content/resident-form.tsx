// Parts of the residents' small forms (accessibility feedback, follow by e-mail).
import type { ReactNode, RefObject } from 'react';

/**
 * The e-mail field of the residents' small forms (feedback, follow by e-mail): label, hint, an
 * error tied to the input (aria-describedby), and the honeypot beside it that bots fill in.
 */
export function EmailField({
  id,
  label,
  hint,
  error,
  required = false,
  defaultValue,
}: {
  id: string;
  label: string;
  hint: ReactNode;
  /** The message to show when the address was refused. */
  error?: string;
  required?: boolean;
  /** What was submitted, shown again after an error. */
  defaultValue?: string;
}) {
  return (
    <div className="field-group">
      <label className="label" htmlFor={`${id}-email`}>
        {label}
      </label>
      <p className="hint" id={`${id}-email-hint`}>
        {hint}
      </p>
      {error && (
        <p className="field-error" id={`${id}-email-error`}>
          {error}
        </p>
      )}
      <input
        id={`${id}-email`}
        name="email"
        type="email"
        autoComplete="email"
        required={required}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-email-hint${error ? ` ${id}-email-error` : ''}`}
      />
    </div>
  );
}

/** A field people never see and bots fill in; the server answers such a form as if all went well. */
export function Honeypot({ id, label }: { id: string; label: string }) {
  return (
    <div className="visually-hidden" aria-hidden="true">
      <label htmlFor={`${id}-website`}>{label}</label>
      <input id={`${id}-website`} name="website" tabIndex={-1} autoComplete="off" />
    </div>
  );
}

/** The success message that replaces a form once it went through. */
export function SentNotice({ answerRef, children }: { answerRef: RefObject<HTMLDivElement | null>; children: ReactNode }) {
  return (
    <div ref={answerRef} tabIndex={-1} role="status" className="notice notice--success">
      {children}
    </div>
  );
}
