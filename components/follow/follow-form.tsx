'use client';

import { useFocusOnAnswer } from '@/components/focus-on-arrival';
import { useLocale, useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { EmailField, Honeypot, SentNotice } from '@/components/content/resident-form';
import { requestFollowAction, type FollowFormState } from '@/app/[locale]/follow/actions';
import { valueOf } from '@/lib/admin/form-state';
import type { FollowTargetKind } from '@/lib/db/schema';
import { Link } from '@/lib/i18n/navigation';
import { CONFIRM_TTL_HOURS } from '@/lib/follows/limits';

/** "Follow by e-mail" for a district or a measure: one address field, a privacy note, double opt-in. */
export function FollowForm({ target, targetId }: { target: FollowTargetKind; targetId: number }) {
  const t = useTranslations('follow');
  const locale = useLocale();
  const id = useId();
  const [state, action, pending] = useActionState<FollowFormState, FormData>(requestFollowAction, { status: 'idle' });
  const statusRef = useFocusOnAnswer(state);
  const emailInvalid = state.status === 'invalid' && state.fields?.includes('email');

  if (state.status === 'sent') {
    return <SentNotice answerRef={statusRef}>{t('sent', { hours: CONFIRM_TTL_HOURS })}</SentNotice>;
  }

  const error = { invalid: t('invalid'), unknown_target: t('unknownTarget'), limited: t('limited'), unavailable: t('unavailable') }[
    state.status as Exclude<FollowFormState['status'], 'idle' | 'sent'>
  ];
  return (
    <form action={action} className="follow-form" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="targetId" value={targetId} />
      <div ref={statusRef} tabIndex={-1} role="status">
        {error && <p className="field-error">{error}</p>}
      </div>
      <EmailField
        id={id}
        label={t('email')}
        hint={
          <>
            {t('privacy')} <Link href="/datenschutz">{t('privacyLink')}</Link>.
          </>
        }
        error={emailInvalid ? (valueOf(state, 'email').trim() ? t('emailError') : t('emailRequired')) : undefined}
        defaultValue={valueOf(state, 'email')}
        required
      />
      <Honeypot id={id} label={t('honeypot')} />
      <button type="submit" className="button" disabled={pending}>
        {t('submit')}
      </button>
    </form>
  );
}
