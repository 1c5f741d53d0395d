'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { saveConcern } from '@/app/[locale]/staff/dialogues/actions';
import { LocationPicker, type PickerCity, type PickerDistrict } from '@/components/map/location-picker';
import { CONCERN_MAX } from '@/lib/dialogues/limits';
import { formatCorners, parseCorners, type LatLon, type PlaceKind } from '@/lib/dialogues/places';
import { formatCoordinate } from '@/lib/numbers';
import { ErrorSummary, FieldError, Hidden, LocalizedField, RadioField, SubmitButton, useEditorAction, useEditorForm, type EditorForm } from './editor-form';


function pointFrom(lat: string, lon: string): LatLon | null {
  const [a, b] = [Number(lat.replace(',', '.')), Number(lon.replace(',', '.'))];
  return lat !== '' && lon !== '' && Number.isFinite(a) && Number.isFinite(b) ? { lat: a, lon: b } : null;
}

/** A concern raised at the dialogue: its text, optionally a place (point or area), and links for staff. */
export function ConcernForm({
  dialogueId,
  concernId,
  version,
  initial,
  city,
  districts,
}: {
  dialogueId: number;
  concernId?: number;
  /** The dialogue's version: a concern is part of its dialogue. */
  version: number;
  initial: Record<string, string>;
  city: PickerCity;
  districts: PickerDistrict[];
}) {
  const t = useTranslations('dialogueEditor');
  const locale = useLocale();
  const [state, action, pending] = useEditorAction(saveConcern);
  const form = useEditorForm('concern', state, initial);
  const labels = {
    text: t('fields.concernText'),
    placeKind: t('fields.place'),
    lat: t('fields.place'),
    lon: t('fields.place'),
    area: t('fields.corners'),
    cells: t('fields.cells'),
    reportRefs: t('fields.reportRefs'),
    version: t('fields.version'),
  };
  const placeTarget = form.id('place');
  return (
    <form action={action} noValidate className="editor-form">
      <Hidden values={{ locale, dialogueId, concernId, version }} />
      <ErrorSummary form={form} labels={labels} targets={{ lat: placeTarget, lon: placeTarget, area: placeTarget }} />
      <LocalizedField form={form} name="text" legend={labels.text} multiline rows={3} maxLength={CONCERN_MAX} />
      <ConcernPlaceField form={form} city={city} districts={districts} />
      <LinkField form={form} name="cells" label={labels.cells} hint={t('fields.cellsHint')} multiline />
      <LinkField form={form} name="reportRefs" label={labels.reportRefs} hint={t('fields.reportRefsHint')} />
      <div className="actions">
        <SubmitButton pending={pending} label={t('form.saveConcern')} />
      </div>
    </form>
  );
}

function LinkField({ form, name, label, hint, multiline = false }: { form: EditorForm; name: string; label: string; hint: string; multiline?: boolean }) {
  const hintId = `${form.id(name)}-hint`;
  const props = { ...form.field(name, hintId), spellCheck: false, autoCapitalize: 'none' };
  return (
    <div className="editor-field">
      <label className="label" htmlFor={form.id(name)}>
        {label}
      </label>
      <p className="hint" id={hintId}>
        {hint}
      </p>
      <FieldError form={form} name={name} />
      {multiline ? <textarea rows={2} {...props} /> : <input type="text" autoComplete="off" {...props} />}
    </div>
  );
}

/**
 * No place, a point, or an area. An area is drawn corner by corner with the same picker (map,
 * keyboard or typed coordinates); the corners are listed as text, which is also the map's text
 * alternative, and each can be removed again.
 */
function ConcernPlaceField({ form, city, districts }: { form: EditorForm; city: PickerCity; districts: PickerDistrict[] }) {
  const t = useTranslations('dialogueEditor');
  const locale = useLocale();
  const [kind, setKind] = useState<PlaceKind>((form.value('placeKind') || 'none') as PlaceKind);
  const [point, setPoint] = useState<LatLon | null>(() => pointFrom(form.value('lat'), form.value('lon')));
  const [corners, setCorners] = useState<LatLon[]>(() => parseCorners(form.value('area')) ?? []);
  const [announcement, setAnnouncement] = useState('');
  const pointError = form.error('lat') ?? form.error('lon');

  function addCorner() {
    if (!point) return;
    setCorners((list) => [...list, point]);
    setAnnouncement(t('fields.cornerAdded', { number: corners.length + 1 }));
  }
  function removeCorner(index: number) {
    setCorners((list) => list.filter((_, i) => i !== index));
    setAnnouncement(t('fields.cornerRemoved', { number: index + 1 }));
  }

  return (
    <div className="editor-field">
      <RadioField
        form={form}
        name="placeKind"
        legend={t('fields.place')}
        options={(['none', 'point', 'area'] as const).map((k) => ({ value: k, label: t(`fields.placeKinds.${k}`) }))}
        onChange={(value) => setKind(value as PlaceKind)}
      />
      <div id={form.id('place')} tabIndex={-1} className="editor-place" hidden={kind === 'none'}>
        <p className="hint">{kind === 'area' ? t('fields.areaHint') : t('fields.placeHint')}</p>
        {kind === 'point' && pointError && (
          <p className="field-error" id={form.errorId('lat')}>
            {t(`errors.${pointError}`)}
          </p>
        )}
        {kind === 'area' && <FieldError form={form} name="area" />}
        {kind !== 'none' && (
          <LocationPicker
            city={city}
            districts={districts}
            value={point}
            onChange={(lat, lon) => setPoint({ lat, lon })}
            outline={kind === 'area' ? corners : undefined}
          />
        )}
        {kind === 'area' && (
          <div className="editor-corners">
            <button type="button" className="button button--secondary" onClick={addCorner} disabled={!point}>
              {t('fields.addCorner')}
            </button>
            <h3 className="editor-corners__title" id={`${form.id('area')}-title`}>
              {t('fields.corners')}
            </h3>
            {corners.length === 0 ? (
              <p>{t('fields.noCorners')}</p>
            ) : (
              <ol aria-labelledby={`${form.id('area')}-title`}>
                {corners.map((c, i) => (
                  <li key={`${i}-${c.lat}-${c.lon}`}>
                    {t('fields.corner', { number: i + 1, lat: formatCoordinate(c.lat, locale), lon: formatCoordinate(c.lon, locale) })}{' '}
                    <button type="button" className="button button--secondary button--small" onClick={() => removeCorner(i)}>
                      {t('fields.removeCorner', { number: i + 1 })}
                    </button>
                  </li>
                ))}
              </ol>
            )}
            <p role="status" className="visually-hidden">
              {announcement}
            </p>
          </div>
        )}
      </div>
      {kind === 'point' && point && (
        <>
          <input type="hidden" name="lat" value={String(point.lat)} />
          <input type="hidden" name="lon" value={String(point.lon)} />
        </>
      )}
      {kind === 'area' && <input type="hidden" name="area" value={formatCorners(corners)} />}
    </div>
  );
}
