'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import type { PickerCity } from './location-picker';
import { MapLoading } from './map-loading';
import { MapPreview } from './map-preview';

/** `color` overrides the public map's count levels (the priorities map colours by score). */
export type MapCell = { cell: string; count: number; ring: number[][]; label: string; color?: string };

const CellMapLeaflet = dynamic(() => import('./cell-map-leaflet'), {
  ssr: false,
  loading: () => <MapLoading />,
});

// The same chunk as above, fetched ahead of the click that shows the map; a failure shows when it renders.
const preload = () => void import('./cell-map-leaflet').catch(() => undefined);

/**
 * The public hexagon map; its text alternative is the table the page renders beside it. With
 * `preview` (a public page), that text and a button stand in its place until someone asks for it.
 */
export function CellMap({ preview, ...props }: { city: PickerCity; cells: MapCell[]; mapLabel?: string; preview?: string }) {
  const [shown, setShown] = useState(preview === undefined);
  if (!shown) return <MapPreview text={preview} preload={preload} onShow={() => setShown(true)} />;
  return <CellMapLeaflet {...props} focusOnLoad={preview !== undefined} />;
}
