'use client';

import { useTranslations } from 'next-intl';
import { Polygon, Popup } from 'react-leaflet';
import { BaseMap } from './base-map';
import type { MapCell } from './cell-map';
import { levelOf } from './levels';
import type { PickerCity } from './location-picker';

export default function CellMapLeaflet({
  city,
  cells,
  mapLabel,
  focusOnLoad,
}: {
  city: PickerCity;
  cells: MapCell[];
  mapLabel?: string;
  focusOnLoad?: boolean;
}) {
  const t = useTranslations('publicMap');
  return (
    <BaseMap city={city} label={mapLabel ?? t('mapLabel', { city: city.name })} focusOnLoad={focusOnLoad}>
      {cells.map((cell) => (
        <Polygon
          key={cell.cell}
          positions={cell.ring.map(([lon, lat]) => [lat, lon] as [number, number])}
          pathOptions={{ color: '#ffffff', weight: 1.5, fillColor: cell.color ?? levelOf(cell.count).color, fillOpacity: 0.7 }}
        >
          <Popup>{cell.label}</Popup>
        </Polygon>
      ))}
    </BaseMap>
  );
}
