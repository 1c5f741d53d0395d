'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { saveSettingsAction } from '@/app/[locale]/staff/admin/settings/actions';
import { idleState, valueOf } from '@/lib/admin/form-state';
import { ErrorSummary, ErrorValues, SavedNotice, SubmitButton, TextAreaField, TextField } from './form-fields';

type Current = { privacyK: number; retentionDays: number; embedOrigins: string[]; patrolDwellMinutes: number; patrolStartPoints: string };
type Limits = { minK: number; maxK: number; maxRetentionDays: number; minDwell: number; maxDwell: number; maxOrigins: number; maxStartPoints: number };

/** The portal's settings: privacy threshold k, e-mail retention, embed origins, patrol plans. */
export function SettingsForm({ current, limits, cityStartPoints }: { current: Current; limits: Limits; cityStartPoints: string }) {
  const t = useTranslations('admin.settings');
  const tNotice = useTranslations('admin.notices');
  const [state, action] = useActionState(saveSettingsAction, idleState);
  const id = useId();
  const fields = state.fields ?? {};
  return (
    <ErrorValues value={{ ...limits, ...state.errorValues }}>
      <form action={action} noValidate className="admin-form">
        <ErrorSummary state={state} idPrefix={id} labels={{ privacyK: t('privacyK'), retentionDays: t('retentionDays'), embedOrigins: t('embedOrigins'), patrolDwellMinutes: t('patrolDwellMinutes'), patrolStartPoints: t('patrolStartPoints') }} />
        {state.status === 'saved' && state.notice && <SavedNotice answer={state}>{tNotice(state.notice.code)}</SavedNotice>}
        <TextField
          idPrefix={id}
          name="privacyK"
          type="number"
          label={t('privacyK')}
          hint={t('privacyKHint', { min: limits.minK, max: limits.maxK })}
          min={limits.minK}
          max={limits.maxK}
          step={1}
          className="input--short"
          defaultValue={valueOf(state, 'privacyK', current.privacyK)}
          error={fields.privacyK}
          required
        />
        <TextField
          idPrefix={id}
          name="retentionDays"
          type="number"
          label={t('retentionDays')}
          hint={t('retentionDaysHint', { max: limits.maxRetentionDays })}
          min={1}
          max={limits.maxRetentionDays}
          step={1}
          className="input--short"
          defaultValue={valueOf(state, 'retentionDays', current.retentionDays)}
          error={fields.retentionDays}
          required
        />
        <TextAreaField
          idPrefix={id}
          name="embedOrigins"
          label={t('embedOrigins')}
          hint={t('embedOriginsHint')}
          rows={4}
          spellCheck={false}
          className="code-input"
          defaultValue={valueOf(state, 'embedOrigins', current.embedOrigins.join('\n'))}
          error={fields.embedOrigins}
        />
        <TextField
          idPrefix={id}
          name="patrolDwellMinutes"
          type="number"
          label={t('patrolDwellMinutes')}
          hint={t('patrolDwellMinutesHint', { min: limits.minDwell, max: limits.maxDwell })}
          min={limits.minDwell}
          max={limits.maxDwell}
          step={1}
          className="input--short"
          defaultValue={valueOf(state, 'patrolDwellMinutes', current.patrolDwellMinutes)}
          error={fields.patrolDwellMinutes}
          required
        />
        <TextAreaField
          idPrefix={id}
          name="patrolStartPoints"
          label={t('patrolStartPoints')}
          hint={t('patrolStartPointsHint', { defaults: cityStartPoints })}
          rows={3}
          spellCheck={false}
          className="code-input"
          defaultValue={valueOf(state, 'patrolStartPoints', current.patrolStartPoints)}
          error={fields.patrolStartPoints}
        />
        <SubmitButton pendingLabel={t('saving')}>{t('save')}</SubmitButton>
      </form>
    </ErrorValues>
  );
}
