'use client';

import { useId, useState, type FormEvent } from 'react';
import { useRouter } from '@/lib/i18n/navigation';

// Mirrors lib/reports/reference.ts (which is server code): prefix, dash, six symbols.
const refPattern = /^[A-Z]{2,5}-[2-9A-HJKMNP-TV-Z]{6}$/;

type TrackFormText = { label: string; hint: string; submit: string; invalid: string };

/**
 * The form of `TrackForm` (track-form.tsx), which translates its text on the server: formatting a
 * message with a value on the client would load the browser's locale data while the page hydrates.
 */
export function TrackFormFields({ text }: { text: TrackFormText }) {
  const router = useRouter();
  const id = useId();
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const ref = String(new FormData(event.currentTarget).get('ref') ?? '').trim().toUpperCase();
    if (!refPattern.test(ref)) {
      setError(text.invalid);
      return;
    }
    setError(null);
    router.push(`/track/${ref}`);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="track-form">
      <label htmlFor={`${id}-ref`}>{text.label}</label>
      <p id={`${id}-hint`} className="hint">
        {text.hint}
      </p>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      <div className="inline-field">
        <input
          id={`${id}-ref`}
          name="ref"
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="characters"
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          aria-invalid={error ? true : undefined}
        />
        <button type="submit" className="button">
          {text.submit}
        </button>
      </div>
    </form>
  );
}
