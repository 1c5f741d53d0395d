'use client';

import { useFocusOnAnswer } from '@/components/focus-on-arrival';
import { useLocale, useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { sendFeedback, type FeedbackState } from '@/app/[locale]/barrierefreiheit/actions';
import { valueOf } from '@/lib/admin/form-state';
import { feedbackTopics } from '@/lib/feedback/feedback';
import { EmailField, Honeypot, SentNotice } from './resident-form';

export function FeedbackForm({ page }: { page: string }) {
  const t = useTranslations('feedback');
  const locale = useLocale();
  const id = useId();
  const [state, action, pending] = useActionState<FeedbackState, FormData>(sendFeedback, { status: 'idle' });
  const statusRef = useFocusOnAnswer(state);
  const chosenTopic = state.values?.topic;
  const invalid = (field: string) => state.status === 'invalid' && state.fields?.some((f) => f.startsWith(field));

  if (state.status === 'sent') {
    return <SentNotice answerRef={statusRef}>{t('sent')}</SentNotice>;
  }

  return (
    <form action={action} className="feedback-form" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="page" value={page} />
      <div ref={statusRef} tabIndex={-1} role="status">
        {state.status === 'invalid' && <p className="field-error">{t('invalid')}</p>}
        {state.status === 'limited' && <p className="field-error">{t('limited')}</p>}
        {state.status === 'unavailable' && <p className="field-error">{t('unavailable')}</p>}
      </div>
      <fieldset className="field-group">
        <legend>{t('topic')}</legend>
        {feedbackTopics.map((topic, i) => (
          <div className="choice" key={topic}>
            <input type="radio" id={`${id}-${topic}`} name="topic" value={topic} defaultChecked={chosenTopic ? topic === chosenTopic : i === 0} />
            <label htmlFor={`${id}-${topic}`}>{t(`topics.${topic}`)}</label>
          </div>
        ))}
      </fieldset>
      <div className="field-group">
        <label className="label" htmlFor={`${id}-message`}>
          {t('message')}
        </label>
        {invalid('message') && (
          <p className="field-error" id={`${id}-message-error`}>
            {t('messageError')}
          </p>
        )}
        <textarea
          id={`${id}-message`}
          name="message"
          rows={5}
          defaultValue={valueOf(state, 'message')}
          required
          aria-invalid={invalid('message') || undefined}
          aria-describedby={invalid('message') ? `${id}-message-error` : undefined}
        />
      </div>
      <EmailField
        id={id}
        label={t('email')}
        hint={t('emailHint')}
        error={invalid('email') ? t('emailError') : undefined}
        defaultValue={valueOf(state, 'email')}
      />
      <Honeypot id={id} label={t('honeypot')} />
      <button type="submit" className="button" disabled={pending}>
        {t('submit')}
      </button>
    </form>
  );
}
