'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { createApiKeyAction, type ApiKeyFormState } from '@/app/[locale]/staff/admin/api-keys/actions';
import { idleState, NAME_MAX_LENGTH, valueOf } from '@/lib/admin/form-state';
import { ErrorSummary, SavedNotice, SubmitButton, TextField } from './form-fields';

/** Creates a key and shows it once, with what to do with it; the form is empty again for the next. */
export function ApiKeyForm() {
  const t = useTranslations('admin.apiKeys');
  const [state, action] = useActionState<ApiKeyFormState, FormData>(createApiKeyAction, idleState);
  const id = useId();
  return (
    <form action={action} noValidate className="admin-form">
      <ErrorSummary state={state} idPrefix={id} labels={{ name: t('name') }} />
      {state.status === 'saved' && state.created && (
        <SavedNotice answer={state}>
          {t('created', { name: state.created.name })}
          <br />
          <code className="api-key" data-testid="new-api-key">
            {state.created.key}
          </code>
          <br />
          {t('createdOnce')}
        </SavedNotice>
      )}
      <TextField
        idPrefix={id}
        name="name"
        label={t('name')}
        hint={t('nameHint')}
        maxLength={NAME_MAX_LENGTH}
        defaultValue={state.status === 'saved' ? '' : valueOf(state, 'name')}
        key={state.created?.id ?? 'new'}
        error={state.fields?.name}
        required
      />
      <SubmitButton pendingLabel={t('creating')}>{t('create')}</SubmitButton>
    </form>
  );
}
