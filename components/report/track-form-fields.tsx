'use client';

import { useLocale } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { usePathname, useRouter } from '@/lib/i18n/navigation';
import { refFromPathSegment, refFromTyped } from '@/lib/reports/ref-format';

/**
 * What can be wrong with a typed reference; only the server can tell `unknown` (no report has it)
 * and `limited` (this client asked for too many unknown ones, lib/reports/lookup.ts).
 */
export type TrackProblem = 'empty' | 'invalid' | 'unknown' | 'limited';
type TrackFormText = { label: string; hint: string; submit: string } & Record<TrackProblem, string>;

/**
 * The form of `TrackForm` (track-form.tsx), which translates its text on the server: formatting a
 * message with a value on the client would load the browser's locale data while the page hydrates.
 * Without JavaScript it is a GET form to the tracking page (`action`), which checks it there;
 * `refused` is what it sent and `problem` what was wrong with it; `refusedInPath`: what was refused
 * is the address's last segment (the 404 of /track/<ref>, which is not told its parameters).
 * `base`: /track, or /embed/track in the widget.
 */
export function TrackFormFields({
  text,
  refPrefix,
  base,
  action,
  refused,
  refusedInPath,
  problem,
}: {
  text: TrackFormText;
  refPrefix: string;
  base: string;
  action: string;
  refused?: string;
  refusedInPath?: boolean;
  problem?: TrackProblem;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const segment = pathname.slice(pathname.lastIndexOf('/') + 1);
  // A reference as the form would send it, else the segment as typed if it is plain text.
  const inPath = refFromPathSegment(segment) ?? (/^[\w-]{1,32}$/.test(segment) ? segment : undefined);
  const sent = refused ?? (refusedInPath ? inPath : undefined);
  const locale = useLocale();
  const id = useId();
  const [error, setError] = useState<string | null>(problem ? text[problem] : null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = String(new FormData(event.currentTarget).get('ref') ?? '');
    const ref = refFromTyped(typed, refPrefix);
    if (!ref) {
      setError(typed.trim() ? text.invalid : text.empty);
      return;
    }
    // Asked first, so that a reference no report has is said here, beside what was typed, rather
    // than on a page of its own that forgot it. Any other answer (or none) opens the report's page,
    // which says what there is to say.
    const response = await fetch(`/api/reports/${ref}?locale=${locale}`).catch(() => null);
    if (response?.status === 404) return setError(text.unknown);
    // The API's message says in how many minutes, in this page's language.
    if (response?.status === 429) return setError(((await response.json().catch(() => null)) as { message?: string } | null)?.message ?? text.limited);
    setError(null);
    router.push(`${base}/${ref}`);
  }

  return (
    <form action={action} method="get" onSubmit={onSubmit} noValidate className="track-form">
      <label htmlFor={`${id}-ref`}>{text.label}</label>
      <p id={`${id}-hint`} className="hint">
        {text.hint}
      </p>
      {/* Announced when it appears; the field names it as its description. */}
      <div role="alert">
        {error && (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        )}
      </div>
      <div className="inline-field">
        <input
          id={`${id}-ref`}
          name="ref"
          defaultValue={sent}
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
