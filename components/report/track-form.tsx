'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { useRouter } from '@/lib/i18n/navigation';

// Mirrors lib/reports/reference.ts (which is server code): prefix, dash, six symbols.
const refPattern = /^[A-Z]{2,5}-[2-9A-HJKMNP-TV-Z]{6}$/;

export function TrackForm({ refPrefix }: { refPrefix: string }) {
  const t = useTranslations('track');
  const router = useRouter();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const example = `${refPrefix}-7K2Q9M`;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const ref = String(new FormData(event.currentTarget).get('ref') ?? '').trim().toUpperCase();
    if (!refPattern.test(ref)) {
      setError(t('formInvalid', { example }));
      return;
    }
    setError(null);
    router.push(`/track/${ref}`);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="track-form">
      <label htmlFor={`${id}-ref`}>{t('formLabel')}</label>
      <p id={`${id}-hint`} className="hint">
        {t('formHint', { example })}
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
          {t('formSubmit')}
        </button>
      </div>
    </form>
  );
}
