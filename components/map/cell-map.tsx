'use client';

import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import type { PickerCity } from './location-picker';

/** `color` overrides the public map's count levels (the priorities map colours by score). */
export type MapCell = { cell: string; count: number; ring: number[][]; label: string; color?: string };

const CellMapLeaflet = dynamic(() => import('./cell-map-leaflet'), {
  ssr: false,
  loading: () => <Loading />,
});

function Loading() {
  const t = useTranslations('map');
  return <div className="map map--loading">{t('loading')}</div>;
}

/** The public hexagon map; its text alternative is the table the page renders beside it. */
export function CellMap(props: { city: PickerCity; cells: MapCell[]; mapLabel?: string }) {
  return <CellMapLeaflet {...props} />;
}
