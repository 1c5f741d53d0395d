'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { saveMeasure } from '@/app/[locale]/staff/measures/actions';
import { LocationPicker, type PickerCity, type PickerDistrict } from '@/components/map/location-picker';
import { measureStatuses, responsibleBodies, type MeasureStatus } from '@/lib/db/schema';
import { MEASURE_TEXT_MAX, SHORT_TEXT_MAX, TITLE_MAX } from '@/lib/dialogues/limits';
import type { LatLon } from '@/lib/dialogues/places';
import {
  ErrorSummary,
  Hidden,
  LocalizedField,
  RadioField,
  SelectField,
  SubmitButton,
  TextField,
  useEditorAction,
  useEditorForm,
  type EditorForm,
} from './editor-form';

/**
 * A measure: what, who is responsible, where and by when. Its dialogue is chosen when it is
 * created (or none: a measure on its own); its status is set at creation and later moves only
 * through progress updates, so the public history dates every change.
 */
export function MeasureForm({
  measureId,
  version,
  status,
  initial,
  dialogues,
  districts,
  city,
  pickerDistricts,
}: {
  /** Missing for a new measure. */
  measureId?: number;
  version?: number;
  /** The current status of an existing measure (read-only here). */
  status?: MeasureStatus;
  initial: Record<string, string>;
  /** Dialogues to choose from when creating; missing when editing. */
  dialogues?: { id: number; label: string }[];
  districts: { id: number; name: string }[];
  city: PickerCity;
  pickerDistricts: PickerDistrict[];
}) {
  const t = useTranslations('dialogueEditor');
  const tm = useTranslations('measures');
  const locale = useLocale();
  const [state, action, pending] = useEditorAction(saveMeasure);
  const form = useEditorForm('measure', state, initial);
  const [newStatus, setNewStatus] = useState<MeasureStatus>((form.value('status') || 'planned') as MeasureStatus);
  const rejected = (status ?? newStatus) === 'rejected';
  const labels = {
    dialogueId: t('fields.dialogue'),
    title: t('fields.measureTitle'),
    description: t('fields.description'),
    responsible: t('fields.responsible'),
    responsibleName: t('fields.responsibleName'),
    districtId: t('fields.district'),
    lat: t('fields.measurePlace'),
    lon: t('fields.measurePlace'),
    dueOn: t('fields.dueOn'),
    status: t('fields.status'),
    rejectionReason: t('fields.rejectionReason'),
    version: t('fields.version'),
  };
  const placeTarget = form.id('place');
  return (
    <form action={action} noValidate className="editor-form">
      <Hidden values={{ locale, id: measureId, version }} />
      <ErrorSummary form={form} labels={labels} targets={{ lat: placeTarget, lon: placeTarget }} />
      {dialogues && (
        <SelectField
          form={form}
          name="dialogueId"
          label={labels.dialogueId}
          hint={t('fields.dialogueHint')}
          options={[{ value: '', label: t('fields.dialogueNone') }, ...dialogues.map((d) => ({ value: String(d.id), label: d.label }))]}
        />
      )}
      <LocalizedField form={form} name="title" legend={labels.title} maxLength={TITLE_MAX} />
      <LocalizedField form={form} name="description" legend={labels.description} required={false} multiline rows={4} maxLength={MEASURE_TEXT_MAX} />
      <RadioField form={form} name="responsible" legend={labels.responsible} options={responsibleBodies.map((b) => ({ value: b, label: tm(`bodies.${b}`) }))} />
      <TextField form={form} name="responsibleName" label={labels.responsibleName} hint={t('fields.responsibleNameHint')} maxLength={SHORT_TEXT_MAX} />
      <SelectField
        form={form}
        name="districtId"
        label={labels.districtId}
        options={[{ value: '', label: t('fields.districtAuto') }, ...districts.map((d) => ({ value: String(d.id), label: d.name }))]}
      />
      <MeasurePlaceField form={form} city={city} districts={pickerDistricts} label={labels.lat} />
      <TextField form={form} name="dueOn" type="date" label={labels.dueOn} />
      {status === undefined ? (
        <SelectField
          form={form}
          name="status"
          label={labels.status}
          hint={t('fields.statusHint')}
          options={measureStatuses.map((s) => ({ value: s, label: tm(`statuses.${s}`) }))}
          onChange={(value) => setNewStatus(value as MeasureStatus)}
        />
      ) : (
        <p>
          {t('fields.currentStatus', { status: tm(`statuses.${status}`) })} {t('fields.statusByProgress')}
        </p>
      )}
      {rejected && (
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
        <SubmitButton pending={pending} label={measureId ? t('form.saveMeasure') : t('form.createMeasure')} />
      </div>
    </form>
  );
}

function MeasurePlaceField({ form, city, districts, label }: { form: EditorForm; city: PickerCity; districts: PickerDistrict[]; label: string }) {
  const t = useTranslations('dialogueEditor');
  const [point, setPoint] = useState<LatLon | null>(() => {
    const [lat, lon] = [Number(form.value('lat').replace(',', '.')), Number(form.value('lon').replace(',', '.'))];
    return form.value('lat') !== '' && form.value('lon') !== '' && Number.isFinite(lat) && Number.isFinite(lon) ? { lat, lon } : null;
  });
  const error = form.error('lat') ?? form.error('lon');
  return (
    <fieldset className="editor-field" id={form.id('place')} tabIndex={-1}>
      <legend className="label">{`${label} (${t('optional')})`}</legend>
      <p className="hint">{t('fields.measurePlaceHint')}</p>
      {error && (
        <p className="field-error" id={form.errorId('lat')}>
          {t(`errors.${error}`)}
        </p>
      )}
      <LocationPicker city={city} districts={districts} value={point} onChange={(lat, lon) => setPoint({ lat, lon })} />
      {point && (
        <>
          <input type="hidden" name="lat" value={String(point.lat)} />
          <input type="hidden" name="lon" value={String(point.lon)} />
          <button type="button" className="button button--secondary editor-place-remove" onClick={() => setPoint(null)}>
            {t('fields.removePlace')}
          </button>
        </>
      )}
    </fieldset>
  );
}
