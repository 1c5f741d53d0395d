'use client';

import type L from 'leaflet';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { Polygon, Popup, useMap } from 'react-leaflet';
import { BaseMap } from './base-map';
import type { CellTarget, MapCell } from './cell-map';
import { levelOf } from './levels';
import type { PickerCity } from './location-picker';

/**
 * Zooms to the hexagon asked for (CellMapScope), opens its popup and brings the map into view; the
 * focus moves to the map, so `onShown` gets the popup's text for a screen reader to hear. Escape
 * (which also closes the popup) takes the focus back to the table's button that asked.
 */
function ShowTarget({ target, layers, onShown }: { target: CellTarget | null; layers: Map<string, L.Polygon>; onShown: (cell: string) => void }) {
  const map = useMap();
  useEffect(() => {
    const layer = target && layers.get(target.cell);
    if (!layer) return;
    map.fitBounds(layer.getBounds(), { maxZoom: 16, padding: [48, 48], animate: false });
    layer.openPopup();
    const container = map.getContainer();
    container.scrollIntoView({ block: 'center' });
    container.focus({ preventScroll: true });
    onShown(target.cell);
    const { returnTo } = target;
    if (!returnTo) return;
    const back = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !returnTo.isConnected) return;
      container.removeEventListener('keydown', back);
      returnTo.focus();
    };
    container.addEventListener('keydown', back);
    return () => container.removeEventListener('keydown', back);
  }, [map, target, layers, onShown]);
  return null;
}

export default function CellMapLeaflet({
  city,
  cells,
  mapLabel,
  focusOnLoad,
  target = null,
}: {
  city: PickerCity;
  cells: MapCell[];
  mapLabel?: string;
  focusOnLoad?: boolean;
  target?: CellTarget | null;
}) {
  const t = useTranslations('publicMap');
  const [layers] = useState(() => new Map<string, L.Polygon>());
  const [shown, setShown] = useState<string | null>(null);
  const announcement = cells.find((cell) => cell.cell === shown)?.label ?? '';
  return (
    <BaseMap
      city={city}
      label={mapLabel ?? t('mapLabel', { city: city.name })}
      focusOnLoad={focusOnLoad}
      overlay={
        <p className="visually-hidden" role="status">
          {announcement}
        </p>
      }
    >
      {cells.map((cell) => (
        <Polygon
          key={cell.cell}
          ref={(layer) => {
            if (!layer) return;
            layers.set(cell.cell, layer);
            return () => void layers.delete(cell.cell);
          }}
          positions={cell.ring.map(([lon, lat]) => [lat, lon] as [number, number])}
          pathOptions={{ color: '#ffffff', weight: 1.5, fillColor: cell.color ?? levelOf(cell.count).color, fillOpacity: 0.7 }}
        >
          <Popup>{cell.label}</Popup>
        </Polygon>
      ))}
      {/* After the hexagons, so that their layers are on the map when it runs. */}
      <ShowTarget target={target} layers={layers} onShown={setShown} />
    </BaseMap>
  );
}
