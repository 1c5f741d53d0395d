'use client';

import type L from 'leaflet';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo } from 'react';
import { Marker, Polygon, Polyline, useMap, useMapEvents } from 'react-leaflet';
import { BaseMap } from './base-map';
import type { LatLon, PickerCity } from './location-picker';
import { pinIcon } from './tiles';

type Props = {
  city: PickerCity;
  value: LatLon | null;
  onChange: (lat: number, lon: number) => void;
  outline?: readonly LatLon[];
  focusOnLoad?: boolean;
};

/** Click or tap sets the pin; Enter on the focused map sets it at the crosshair in the centre. */
function PinEvents({ onChange }: { onChange: Props['onChange'] }) {
  const map = useMapEvents({
    click: (event) => onChange(event.latlng.lat, event.latlng.lng),
  });
  useEffect(() => {
    const container = map.getContainer();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || event.target !== container) return;
      event.preventDefault();
      const centre = map.getCenter();
      onChange(centre.lat, centre.lng);
    };
    container.addEventListener('keydown', onKey);
    return () => container.removeEventListener('keydown', onKey);
  }, [map, onChange]);
  return null;
}

/** Keeps the chosen place in view when it was set outside the map (own location, typed coordinates). */
function FollowValue({ value }: { value: LatLon | null }) {
  const map = useMap();
  useEffect(() => {
    if (value && !map.getBounds().pad(-0.1).contains([value.lat, value.lon])) map.panTo([value.lat, value.lon]);
  }, [map, value]);
  return null;
}

export default function LocationPickerMap({ city, value, onChange, outline, focusOnLoad }: Props) {
  const t = useTranslations('map');
  const markerHandlers = useMemo(
    () => ({
      dragend: (event: L.LeafletEvent) => {
        const { lat, lng } = (event.target as L.Marker).getLatLng();
        onChange(lat, lng);
      },
    }),
    [onChange],
  );

  return (
    <BaseMap
      city={city}
      label={t('label', { city: city.name })}
      center={value ?? city.center}
      role="application"
      keyboardPanDelta={120}
      onSetPin={(lat, lon) => onChange(lat, lon)}
      overlay={<div className="map-crosshair" aria-hidden="true" />}
      focusOnLoad={focusOnLoad}
    >
      <PinEvents onChange={onChange} />
      <FollowValue value={value} />
      {outline && outline.length >= 3 && (
        <Polygon positions={outline.map((c) => [c.lat, c.lon] as [number, number])} pathOptions={{ color: '#0b4f8a', weight: 3 }} interactive={false} />
      )}
      {outline && outline.length === 2 && (
        <Polyline positions={outline.map((c) => [c.lat, c.lon] as [number, number])} pathOptions={{ color: '#0b4f8a', weight: 3 }} interactive={false} />
      )}
      {value && (
        <Marker
          position={[value.lat, value.lon]}
          draggable
          icon={pinIcon}
          title={t('pinLabel')}
          alt={t('pinLabel')}
          keyboard={false}
          eventHandlers={markerHandlers}
        />
      )}
    </BaseMap>
  );
}
