'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { savePrioritySettingsAction } from '@/app/[locale]/staff/admin/settings/actions';
import { idleState, valueOf } from '@/lib/admin/form-state';
import { formatDecimal } from '@/lib/numbers';
import { ErrorSummary, SavedNotice, SubmitButton, TextField } from './form-fields';

const fields = ['halfLifeDays', 'bandwidthMetres', 'reporterWindowDays', 'trendDays', 'minSupport', 'minZ', 'fdrAlpha'] as const;
type Field = (typeof fields)[number];

type Range = { min: number; max: number };

/**
 * The patrol-priority parameters; each with its default and range (`ranges`, as the server checks
 * them) in the hint, and its value in the language's notation (1,96 in German and Turkish).
 */
export function PrioritySettingsForm({ current, defaults, ranges }: { current: Record<Field, number>; defaults: Record<Field, number>; ranges: Record<Field, Range> }) {
  const t = useTranslations('admin.prioritySettings');
  const locale = useLocale();
  const tNotice = useTranslations('admin.notices');
  const [state, action] = useActionState(savePrioritySettingsAction, idleState);
  const id = useId();
  const errors = state.fields ?? {};
  return (
    <form action={action} noValidate className="admin-form" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('title')}</h2>
      <p>{t('intro')}</p>
      <ErrorSummary state={state} idPrefix={id} labels={Object.fromEntries(fields.map((f) => [f, t(`${f}.label`)]))} />
      {state.status === 'saved' && state.notice && <SavedNotice answer={state}>{tNotice(state.notice.code)}</SavedNotice>}
      {fields.map((field) => (
        <TextField
          key={field}
          idPrefix={id}
          name={field}
          inputMode="decimal"
          label={t(`${field}.label`)}
          hint={t(`${field}.hint`, { default: defaults[field], ...ranges[field] })}
          className="input--short"
          defaultValue={valueOf(state, field, formatDecimal(current[field], locale))}
          error={errors[field]}
          required
        />
      ))}
      <SubmitButton pendingLabel={t('saving')}>{t('save')}</SubmitButton>
    </form>
  );
}
