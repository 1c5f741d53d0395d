'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { addMeasureUpdate } from '@/app/[locale]/staff/measures/actions';
import type { MeasureStatus } from '@/lib/db/schema';
import { MEASURE_TEXT_MAX } from '@/lib/dialogues/limits';
import { ErrorSummary, Hidden, LocalizedField, RadioField, SubmitButton, useEditorAction, useEditorForm } from './editor-form';

/**
 * A dated progress update: what happened, in German and optionally English and Turkish, and, if
 * it moves the measure on, its new status (a rejection needs a reason). Saved in one step.
 */
export function MeasureUpdateForm({
  measureId,
  version,
  status,
  nextStatuses,
}: {
  measureId: number;
  version: number;
  status: MeasureStatus;
  nextStatuses: readonly MeasureStatus[];
}) {
  const t = useTranslations('dialogueEditor');
  const tm = useTranslations('measures');
  const locale = useLocale();
  const [state, action, pending] = useEditorAction(addMeasureUpdate);
  const form = useEditorForm('progress', state, { statusTo: '' });
  const [statusTo, setStatusTo] = useState(form.value('statusTo'));
  const labels = {
    text: t('fields.updateText'),
    statusTo: t('fields.statusTo'),
    rejectionReason: t('fields.rejectionReason'),
    version: t('fields.version'),
  };
  return (
    <form action={action} noValidate className="editor-form">
      <Hidden values={{ locale, id: measureId, version }} />
      <ErrorSummary form={form} labels={labels} />
      <LocalizedField form={form} name="text" legend={labels.text} hint={t('fields.updateTextHint')} multiline rows={3} maxLength={MEASURE_TEXT_MAX} />
      {nextStatuses.length > 0 ? (
        <RadioField
          form={form}
          name="statusTo"
          legend={labels.statusTo}
          options={[
            { value: '', label: t('fields.statusUnchanged', { status: tm(`statuses.${status}`) }) },
            ...nextStatuses.map((s) => ({ value: s, label: t('fields.statusChangeTo', { status: tm(`statuses.${s}`) }) })),
          ]}
          onChange={setStatusTo}
        />
      ) : (
        <p>{t('fields.statusFinal', { status: tm(`statuses.${status}`) })}</p>
      )}
      {statusTo === 'rejected' && (
        <LocalizedField
          form={form}
          name="rejectionReason"
          legend={labels.rejectionReason}
          hint={t('fields.rejectionReasonHint')}
          multiline
          rows={3}
          maxLength={MEASURE_TEXT_MAX}
        />
      )}
      <div className="actions">
        <SubmitButton pending={pending} label={t('form.addUpdate')} />
      </div>
    </form>
  );
}
