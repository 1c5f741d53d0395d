'use client';

import { useLocale, useTranslations } from 'next-intl';
import { saveDialogue } from '@/app/[locale]/staff/dialogues/actions';
import { ORGANISERS_MAX, SHORT_TEXT_MAX, SUMMARY_MAX, TITLE_MAX } from '@/lib/dialogues/limits';
import { ErrorSummary, Hidden, LocalizedField, SelectField, SubmitButton, TextField, useEditorAction, useEditorForm } from './editor-form';

/** The dialogue's own details: where and when, who came, and what it was about (Markdown). */
export function DialogueForm({
  dialogueId,
  version,
  initial,
  districts,
}: {
  /** Missing for a new dialogue. */
  dialogueId?: number;
  version?: number;
  initial: Record<string, string>;
  districts: { id: number; name: string }[];
}) {
  const t = useTranslations('dialogueEditor');
  const locale = useLocale();
  const [state, action, pending] = useEditorAction(saveDialogue);
  const form = useEditorForm('dialogue', state, initial);
  const labels = {
    districtId: t('fields.district'),
    heldOn: t('fields.heldOn'),
    venue: t('fields.venue'),
    participants: t('fields.participants'),
    organisers: t('fields.organisers'),
    title: t('fields.title'),
    summary: t('fields.summary'),
    version: t('fields.version'),
  };
  return (
    <form action={action} noValidate className="editor-form">
      <Hidden values={{ locale, id: dialogueId, version }} />
      <ErrorSummary form={form} labels={labels} />
      <SelectField
        form={form}
        name="districtId"
        label={labels.districtId}
        required
        options={[{ value: '', label: t('fields.choose') }, ...districts.map((d) => ({ value: String(d.id), label: d.name }))]}
      />
      <TextField form={form} name="heldOn" type="date" label={labels.heldOn} required />
      <TextField form={form} name="venue" label={labels.venue} hint={t('fields.venueHint')} required maxLength={SHORT_TEXT_MAX} />
      <TextField form={form} name="participants" label={labels.participants} inputMode="numeric" />
      <TextField form={form} name="organisers" label={labels.organisers} hint={t('fields.organisersHint')} maxLength={ORGANISERS_MAX} />
      <LocalizedField form={form} name="title" legend={labels.title} maxLength={TITLE_MAX} />
      <LocalizedField form={form} name="summary" legend={labels.summary} hint={t('fields.summaryHint')} multiline rows={8} maxLength={SUMMARY_MAX} />
      <div className="actions">
        <SubmitButton pending={pending} label={dialogueId ? t('form.save') : t('form.create')} />
      </div>
    </form>
  );
}
