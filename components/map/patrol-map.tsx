'use client';

import dynamic from 'next/dynamic';
import type { PickerCity } from './location-picker';
import { MapLoading } from './map-loading';

export type MapStop = { number: number; lat: number; lon: number; label: string };

const PatrolMapLeaflet = dynamic(() => import('./patrol-map-leaflet'), {
  ssr: false,
  loading: () => <MapLoading />,
});

/**
 * A plan's route: the start point, numbered stops and the walking order as a line. Its text
 * alternative is the stops table beside it, with the same numbers. With `onPick`, a click on the
 * map chooses a place (the page's coordinate fields are the keyboard's way to do the same).
 */
export function PatrolMap(props: {
  city: PickerCity;
  start: { lat: number; lon: number; name: string };
  stops: MapStop[];
  label: string;
  onPick?: (lat: number, lon: number) => void;
  picked?: { lat: number; lon: number } | null;
}) {
  return <PatrolMapLeaflet {...props} />;
}
