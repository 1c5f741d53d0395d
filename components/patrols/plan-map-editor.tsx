'use client';

import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { addStopAction } from '@/app/[locale]/staff/patrols/actions';
import type { PickerCity } from '@/components/map/location-picker';
import { PatrolMap, type MapStop } from '@/components/map/patrol-map';

type Props = {
  city: PickerCity;
  start: { lat: number; lon: number; name: string };
  stops: MapStop[];
  /** With a plan to add to: a click on the map fills the coordinates of the "add a place" form. */
  add?: { id: number; version: number; locale: string };
  /** Why the place typed last could not be added, tied to the coordinate fields. */
  addError?: string;
  /** The message of the last step taken in this form, shown in it. */
  outcome?: ReactNode;
  /** What was typed into a refused form, to correct rather than type again. */
  typed?: { lat: string; lon: string };
};

/** The route map; for editors also the form that adds a clicked (or typed) place as a stop. */
export function PlanMapEditor({ city, start, stops, add, addError, outcome, typed }: Props) {
  const t = useTranslations('patrols.detail');
  // What the fields hold (typed or from a click); the map's pin shows it once both are numbers.
  const [place, setPlace] = useState(typed ?? { lat: '', lon: '' });
  const lat = Number(place.lat);
  const lon = Number(place.lon);
  const picked = place.lat && place.lon && Number.isFinite(lat) && Number.isFinite(lon) ? { lat, lon } : null;
  const fieldAria = { 'aria-invalid': addError ? true : undefined, 'aria-describedby': addError ? 'add-place-error add-place-hint' : 'add-place-hint' } as const;
  return (
    <>
      <PatrolMap city={city} start={start} stops={stops} label={t('mapLabel')} onPick={add ? (lat, lon) => setPlace({ lat: String(lat), lon: String(lon) }) : undefined} picked={picked} />
      <p className="hint">{t('mapHint')}</p>
      {add && (
        <form action={addStopAction} className="patrol-add-place" id="place">
          <fieldset className="field-group">
            <legend>{t('addPlace')}</legend>
            {outcome}
            <p className="hint" id="add-place-hint">
              {t('addPlaceHint')}
            </p>
            {addError && (
              <p className="field-error" id="add-place-error">
                {addError}
              </p>
            )}
            <input type="hidden" name="id" value={add.id} />
            <input type="hidden" name="version" value={add.version} />
            <input type="hidden" name="locale" value={add.locale} />
            <p role="status" className="visually-hidden">
              {picked ? t('mapPlaceChosen', { lat: picked.lat, lon: picked.lon }) : ''}
            </p>
            <div className="form-field">
              <label htmlFor="add-lat" className="label">
                {t('lat')}
              </label>
              <input id="add-lat" name="lat" inputMode="decimal" value={place.lat} onChange={(e) => setPlace({ ...place, lat: e.target.value })} {...fieldAria} />
            </div>
            <div className="form-field">
              <label htmlFor="add-lon" className="label">
                {t('lon')}
              </label>
              <input id="add-lon" name="lon" inputMode="decimal" value={place.lon} onChange={(e) => setPlace({ ...place, lon: e.target.value })} {...fieldAria} />
            </div>
            <button type="submit" className="button button--secondary">
              {t('addPlaceSubmit')}
            </button>
          </fieldset>
        </form>
      )}
    </>
  );
}
