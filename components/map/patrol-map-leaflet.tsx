'use client';

import L from 'leaflet';
import { useEffect, useMemo } from 'react';
import { Marker, Polyline, Popup, useMap, useMapEvents } from 'react-leaflet';
import { BaseMap } from './base-map';
import type { PickerCity } from './location-picker';
import type { MapStop } from './patrol-map';
import { numberIcon, pinIcon } from './tiles';

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
  const route = useMemo(() => [start, ...stops, start].map((p) => [p.lat, p.lon] as [number, number]), [start, stops]);
  const points = useMemo(() => [start, ...stops], [start, stops]);
  return (
    <BaseMap city={city} label={label} center={start}>
      <FitToRoute points={points} />
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
    </BaseMap>
  );
}
