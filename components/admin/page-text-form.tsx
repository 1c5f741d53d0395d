'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { savePageTextAction } from '@/app/[locale]/staff/admin/settings/actions';
import { idleState, valueOf } from '@/lib/admin/form-state';
import { ErrorSummary, ErrorValues, SavedNotice, SubmitButton, TextAreaField } from './form-fields';

/** A legal page's Markdown; "back to the default" removes the admin's text. */
export function PageTextForm({ page, lang, text, hasOwn, maxLength }: { page: string; lang: string; text: string; hasOwn: boolean; maxLength: number }) {
  const t = useTranslations('admin.pageTexts');
  const tNotice = useTranslations('admin.notices');
  const [state, action] = useActionState(savePageTextAction, idleState);
  const id = useId();
  const fields = state.fields ?? {};
  return (
    <ErrorValues value={{ pageMax: maxLength }}>
      <form action={action} noValidate className="admin-form admin-form--wide">
        <input type="hidden" name="page" value={page} />
        <input type="hidden" name="lang" value={lang} />
        <ErrorSummary state={state} idPrefix={id} labels={{ markdown: t('markdown') }} />
        {state.status === 'saved' && state.notice && <SavedNotice answer={state}>{tNotice(state.notice.code)}</SavedNotice>}
        <TextAreaField
          idPrefix={id}
          name="markdown"
          label={t('markdown')}
          hint={t('markdownHint')}
          rows={24}
          lang={lang}
          maxLength={maxLength}
          className="code-input"
          defaultValue={valueOf(state, 'markdown', text)}
          error={fields.markdown}
        />
        <div className="actions">
          <SubmitButton pendingLabel={t('saving')}>{t('save')}</SubmitButton>
          {hasOwn && (
            <SubmitButton pendingLabel={t('saving')} className="button button--secondary" name="reset" value="1">
              {t('reset')}
            </SubmitButton>
          )}
        </div>
      </form>
    </ErrorValues>
  );
}
