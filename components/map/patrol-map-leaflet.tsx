'use client';

import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo } from 'react';
import { MapContainer, Marker, Polyline, Popup, TileLayer, useMap, useMapEvents } from 'react-leaflet';
import { MapAccessibility, numberIcon } from './leaflet-parts';
import type { PickerCity } from './location-picker';
import { MapControls } from './map-controls';
import type { MapStop } from './patrol-map';
import { TILE_URL, pinIcon, tileAttribution } from './tiles';

type Point = { lat: number; lon: number };

function FitToRoute({ points }: { points: Point[] }) {
  const map = useMap();
  useEffect(() => {
    if (points.length > 1) map.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lon] as [number, number])).pad(0.15));
  }, [map, points]);
  return null;
}

function Picker({ onPick }: { onPick: (lat: number, lon: number) => void }) {
  useMapEvents({ click: (event) => onPick(Number(event.latlng.lat.toFixed(6)), Number(event.latlng.lng.toFixed(6))) });
  return null;
}

const startIcon = L.divIcon({
  className: 'patrol-start-marker',
  html: '<span aria-hidden="true">S</span>',
  iconSize: [30, 30],
  iconAnchor: [15, 15],
  popupAnchor: [0, -15],
});

export default function PatrolMapLeaflet({
  city,
  start,
  stops,
  label,
  onPick,
  picked,
}: {
  city: PickerCity;
  start: Point & { name: string };
  stops: MapStop[];
  label: string;
  onPick?: (lat: number, lon: number) => void;
  picked?: Point | null;
}) {
  const t = useTranslations('map');
  const b = city.bounds;
  const maxBounds = useMemo(() => L.latLngBounds([b.minLat, b.minLon], [b.maxLat, b.maxLon]).pad(0.05), [b]);
  const route = useMemo(() => [start, ...stops, start].map((p) => [p.lat, p.lon] as [number, number]), [start, stops]);
  const points = useMemo(() => [start, ...stops], [start, stops]);
  return (
    <div className="map-frame">
      <MapContainer
        className="map"
        center={[start.lat, start.lon]}
        zoom={city.zoom}
        minZoom={city.minZoom}
        maxZoom={city.maxZoom}
        maxBounds={maxBounds}
        zoomControl={false}
      >
        <TileLayer url={TILE_URL} attribution={tileAttribution(t('attribution'))} />
        <MapAccessibility label={label} />
        <FitToRoute points={points} />
        <MapControls />
        {onPick && <Picker onPick={onPick} />}
        <Polyline positions={route} pathOptions={{ color: '#0b4f8a', weight: 4, opacity: 0.8, dashArray: '8 6' }} />
        <Marker position={[start.lat, start.lon]} icon={startIcon} title={start.name} keyboard={false}>
          <Popup>{start.name}</Popup>
        </Marker>
        {stops.map((stop) => (
          <Marker key={stop.number} position={[stop.lat, stop.lon]} icon={numberIcon(stop.number)} title={stop.label} keyboard={false}>
            <Popup>{stop.label}</Popup>
          </Marker>
        ))}
        {picked && <Marker position={[picked.lat, picked.lon]} icon={pinIcon} keyboard={false} />}
      </MapContainer>
    </div>
  );
}
