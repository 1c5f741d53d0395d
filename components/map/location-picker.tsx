'use client';

import dynamic from 'next/dynamic';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { BBox } from '@/lib/db/schema';
import { isInBounds, type Bounds } from '@/lib/geo/bounds';
import { findDistrict } from '@/lib/geo/districts';
import { formatCoordinate, parseDecimal, splitDecimalPair } from '@/lib/numbers';
import { KeyboardHelp } from './keyboard-help';
import { MapLoading } from './map-loading';
import { MapPreview } from './map-preview';

export type PickerCity = {
  name: string;
  center: { lat: number; lon: number };
  zoom: number;
  minZoom: number;
  maxZoom: number;
  bounds: Bounds;
};
export type PickerDistrict = { id: number; slug: string; name: string; geometry: unknown; bbox: BBox };
export type LatLon = { lat: number; lon: number };

// Leaflet needs the browser: load it on the client only, after the page is interactive.
const LocationPickerMap = dynamic(() => import('./location-picker-map'), {
  ssr: false,
  loading: () => <MapLoading />,
});

// The same chunk as above, fetched ahead of the click that shows the map; a failure shows when it renders.
const preload = () => void import('./location-picker-map').catch(() => undefined);

/**
 * The place picker: a map (mouse, touch, keyboard), the resident's own location, or typed
 * coordinates — and, for screen readers, the chosen place in words in a live region. With
 * `onDemand` (the public report form) the map loads when asked for or when the own location is
 * used; the other two ways work without it.
 */
/**
 * Typed coordinates put right where what was meant is plain: a place pasted whole into the first
 * field, as maps copy it ("51.6139, 7.5231"), is split; the two the other way round, as some
 * sources write them, are swapped when only that order lies in the city.
 */
function putRight(latText: string, lonText: string, bounds: PickerCity['bounds']): [string, string] {
  const pasted = !lonText.trim() && !Number.isFinite(parseDecimal(latText)) ? splitDecimalPair(latText) : null;
  const [lat, lon] = pasted ?? [latText, lonText];
  const swapped = !isInBounds(parseDecimal(lat), parseDecimal(lon), bounds) && isInBounds(parseDecimal(lon), parseDecimal(lat), bounds);
  return swapped ? [lon, lat] : [lat, lon];
}

export function LocationPicker({
  city,
  districts,
  value,
  onChange,
  outline,
  onDemand = false,
}: {
  city: PickerCity;
  districts: PickerDistrict[];
  value: LatLon | null;
  onChange: (lat: number, lon: number) => void;
  /** Corners of an area being drawn (staff editor), shown as a shape; the caller lists them as text. */
  outline?: readonly LatLon[];
  onDemand?: boolean;
}) {
  const t = useTranslations('report');
  const tm = useTranslations('map');
  const locale = useLocale();
  const id = useId();
  const [locating, setLocating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // The message, and which fields it is about (both, when the place is outside the city).
  const [manualError, setManualError] = useState<{ message: string; axes: readonly ('lat' | 'lon')[] } | null>(null);
  // 'asked': shown by its own button, which it replaces, so it takes the focus; 'shown' leaves it be.
  const [map, setMap] = useState<'preview' | 'shown' | 'asked'>(onDemand ? 'preview' : 'shown');
  const manualRef = useRef<HTMLDetailsElement>(null);

  const place = useMemo(() => {
    if (!value) return null;
    const district = findDistrict(districts, value.lat, value.lon);
    // Rounded to about 10 m (formatCoordinate's 4 decimals), which is as exact as a tap on a phone.
    const coords = { lat: formatCoordinate(value.lat, locale), lon: formatCoordinate(value.lon, locale) };
    return district ? t('placeInDistrict', { district: district.name, ...coords }) : t('placeNoDistrict', coords);
  }, [value, districts, t, locale]);

  function choose(lat: number, lon: number) {
    setNotice(null);
    setManualError(null);
    onChange(lat, lon);
  }

  function useMyLocation() {
    if (locating) return;
    // The found place is shown on the map to check and correct, and on failure the map is the way on.
    setMap((state) => (state === 'preview' ? 'shown' : state));
    if (!('geolocation' in navigator)) {
      setNotice(tm('locationDenied'));
      return;
    }
    setLocating(true);
    setNotice(null);
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        setLocating(false);
        if (isInBounds(coords.latitude, coords.longitude, city.bounds)) choose(coords.latitude, coords.longitude);
        else setNotice(tm('locationOutside', { city: city.name }));
      },
      () => {
        setLocating(false);
        setNotice(tm('locationDenied'));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  function applyManual() {
    const form = manualRef.current!;
    const inputs = (['lat', 'lon'] as const).map((axis) => form.querySelector(`#${CSS.escape(`${id}-${axis}`)}`) as HTMLInputElement);
    const [latText, lonText] = putRight(inputs[0].value, inputs[1].value, city.bounds);
    [inputs[0].value, inputs[1].value] = [latText, lonText];
    const [lat, lon] = [parseDecimal(latText), parseDecimal(lonText)];
    const empty = (['lat', 'lon'] as const).filter((_, i) => ![latText, lonText][i].trim());
    const notNumbers = (['lat', 'lon'] as const).filter((_, i) => !Number.isFinite([lat, lon][i]));
    // One field at fault: the message names it.
    const about = (axes: readonly ('lat' | 'lon')[], message: string) =>
      setManualError({ message: axes.length === 1 ? `${tm(axes[0] === 'lat' ? 'latitude' : 'longitude')}: ${message}` : message, axes });
    if (empty.length > 0) about(empty, t('errors.required'));
    else if (notNumbers.length > 0) about(notNumbers, t('errors.not_a_number', { lat: formatCoordinate(city.center.lat, locale), lon: formatCoordinate(city.center.lon, locale) }));
    else if (!isInBounds(lat, lon, city.bounds)) about(['lat', 'lon'], t('errors.outside_city', { city: city.name }));
    else choose(lat, lon);
  }

  // Enter in a coordinate field applies it, instead of submitting the whole report.
  function onManualKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    applyManual();
  }

  return (
    <div className="location-picker">
      <div className="map-tools">
        {/* aria-disabled, not disabled: a disabled button would drop the keyboard focus to the page while locating. */}
        <button type="button" className="button button--secondary" onClick={useMyLocation} aria-disabled={locating}>
          {locating ? tm('locating') : tm('useMyLocation')}
        </button>
        <KeyboardHelp />
      </div>
      {map === 'preview' ? (
        <MapPreview text={tm('previewPicker')} preload={preload} onShow={() => setMap('asked')} />
      ) : (
        <LocationPickerMap city={city} value={value} onChange={choose} outline={outline} focusOnLoad={map === 'asked'} />
      )}
      <p role="status" className="place-status" id={`${id}-status`}>
        {place ? t('placeChosen', { place }) : t('placeNone')}
      </p>
      <div role="alert">{notice && <p className="field-error">{notice}</p>}</div>
      <details ref={manualRef} className="manual-coordinates">
        <summary>{tm('manualTitle')}</summary>
        {/* Announced when it appears; the fields name it as their description. */}
        <div role="alert" id={`${id}-manual-error`}>
          {manualError && <p className="field-error">{manualError.message}</p>}
        </div>
        <div className="inline-field">
          {(['lat', 'lon'] as const).map((axis) => (
            <div key={axis}>
              <label htmlFor={`${id}-${axis}`}>{tm(axis === 'lat' ? 'latitude' : 'longitude')}</label>
              <input
                id={`${id}-${axis}`}
                inputMode="decimal"
                onKeyDown={onManualKey}
                defaultValue={value ? formatCoordinate(value[axis], locale) : ''}
                aria-invalid={manualError?.axes.includes(axis) ? true : undefined}
                aria-describedby={manualError?.axes.includes(axis) ? `${id}-manual-error` : undefined}
              />
            </div>
          ))}
          <button type="button" className="button button--secondary" onClick={applyManual}>
            {tm('applyCoordinates')}
          </button>
        </div>
      </details>
    </div>
  );
}
