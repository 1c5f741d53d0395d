'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useActionState, useEffect, useId, useRef } from 'react';
import { signInWithPassword } from '@/app/[locale]/staff/login/actions';
import { FieldLink } from '@/components/field-link';
import type { SignInState } from '@/lib/auth/sign-in-errors';

/**
 * E-mail and password. Works without JavaScript (a plain form post to a server action); with it,
 * a failed attempt moves the focus to the error summary, whose links lead to the fields.
 */
export function LoginForm({ callbackUrl, initial }: { callbackUrl: string; initial: SignInState }) {
  const t = useTranslations('staff.login');
  const locale = useLocale();
  const id = useId();
  const [state, action, pending] = useActionState(signInWithPassword, initial);
  const summaryRef = useRef<HTMLDivElement>(null);

  const fieldErrors = state.fields ?? {};
  const hasErrors = Boolean(state.error || fieldErrors.email || fieldErrors.password);
  useEffect(() => {
    if (hasErrors) summaryRef.current?.focus();
  }, [state, hasErrors]);

  const emailErrorId = `${id}-email-error`;
  const passwordErrorId = `${id}-password-error`;
  // A wrong combination belongs to both fields: the summary names it, the fields point to it.
  const formErrorId = `${id}-form-error`;

  return (
    <form action={action} noValidate className="login-form">
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {hasErrors && (
        <div ref={summaryRef} tabIndex={-1} className="error-summary" aria-labelledby={`${id}-summary`}>
          <p id={`${id}-summary`}>
            <strong>{t('errorSummary')}</strong>
          </p>
          <ul>
            {state.error && <li id={formErrorId}>{t(`errors.${state.error}`)}</li>}
            {fieldErrors.email && (
              <li>
                <FieldLink target={`${id}-email`}>{t(`errors.${fieldErrors.email}`)}</FieldLink>
              </li>
            )}
            {fieldErrors.password && (
              <li>
                <FieldLink target={`${id}-password`}>{t(`errors.${fieldErrors.password}`)}</FieldLink>
              </li>
            )}
          </ul>
        </div>
      )}

      <div className="form-field">
        <label htmlFor={`${id}-email`} className="label">
          {t('emailLabel')}
        </label>
        {fieldErrors.email && (
          <p id={emailErrorId} className="field-error">
            {t(`errors.${fieldErrors.email}`)}
          </p>
        )}
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="none"
          required
          defaultValue={state.email ?? ''}
          aria-invalid={fieldErrors.email || state.error === 'invalid' ? true : undefined}
          aria-describedby={fieldErrors.email ? emailErrorId : state.error ? formErrorId : undefined}
        />
      </div>

      <div className="form-field">
        <label htmlFor={`${id}-password`} className="label">
          {t('passwordLabel')}
        </label>
        {fieldErrors.password && (
          <p id={passwordErrorId} className="field-error">
            {t(`errors.${fieldErrors.password}`)}
          </p>
        )}
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={fieldErrors.password || state.error === 'invalid' ? true : undefined}
          aria-describedby={fieldErrors.password ? passwordErrorId : state.error ? formErrorId : undefined}
        />
      </div>

      <button type="submit" className="button" disabled={pending}>
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
