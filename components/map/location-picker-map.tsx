'use client';

import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo } from 'react';
import { MapContainer, Marker, Polygon, Polyline, TileLayer, useMap, useMapEvents } from 'react-leaflet';
import type { LatLon, PickerCity } from './location-picker';
import { MapControls } from './map-controls';
import { TILE_URL, pinIcon, tileAttribution, tileLayerOptions } from './tiles';

type Props = { city: PickerCity; value: LatLon | null; onChange: (lat: number, lon: number) => void; outline?: readonly LatLon[] };

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

function Accessibility({ label }: { label: string }) {
  const map = useMap();
  useEffect(() => {
    const container = map.getContainer();
    container.setAttribute('role', 'application');
    container.setAttribute('aria-label', label);
    container.setAttribute('aria-roledescription', 'map');
  }, [map, label]);
  return null;
}

export default function LocationPickerMap({ city, value, onChange, outline }: Props) {
  const t = useTranslations('map');
  const b = city.bounds;
  const maxBounds = useMemo(() => L.latLngBounds([b.minLat, b.minLon], [b.maxLat, b.maxLon]).pad(0.05), [b]);
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
    <div className="map-frame">
      <MapContainer
        className="map"
        center={value ? [value.lat, value.lon] : [city.center.lat, city.center.lon]}
        zoom={city.zoom}
        minZoom={city.minZoom}
        maxZoom={city.maxZoom}
        maxBounds={maxBounds}
        zoomControl={false}
        keyboardPanDelta={120}
      >
        <TileLayer url={TILE_URL} attribution={tileAttribution(t('attribution'))} {...tileLayerOptions(city.maxZoom)} />
        <Accessibility label={t('label', { city: city.name })} />
        <PinEvents onChange={onChange} />
        <FollowValue value={value} />
        <MapControls onSetPin={(lat, lon) => onChange(lat, lon)} />
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
      </MapContainer>
      <div className="map-crosshair" aria-hidden="true" />
    </div>
  );
}
