'use client';

import L from 'leaflet';
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';

const PAN_PX = 120;

/**
 * Visible buttons for everything the keyboard and gestures do: pan, zoom and set the pin at the
 * crosshair. Rendered inside the map so they sit on it, outside Leaflet's focus handling.
 */
export function MapControls({ onSetPin }: { onSetPin?: (lat: number, lon: number) => void }) {
  const t = useTranslations('map');
  const map = useMap();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Leaflet listens on the map's own element: keep clicks on the buttons from setting the pin.
    if (ref.current) {
      L.DomEvent.disableClickPropagation(ref.current);
      L.DomEvent.disableScrollPropagation(ref.current);
    }
  }, []);
  const pan = (x: number, y: number) => map.panBy([x, y]);
  return (
    <div className="map-controls" ref={ref}>
      <div className="map-controls__pan">
        <button type="button" onClick={() => pan(0, -PAN_PX)} aria-label={t('panNorth')} title={t('panNorth')}>
          ↑
        </button>
        <button type="button" onClick={() => pan(-PAN_PX, 0)} aria-label={t('panWest')} title={t('panWest')}>
          ←
        </button>
        <button type="button" onClick={() => pan(PAN_PX, 0)} aria-label={t('panEast')} title={t('panEast')}>
          →
        </button>
        <button type="button" onClick={() => pan(0, PAN_PX)} aria-label={t('panSouth')} title={t('panSouth')}>
          ↓
        </button>
      </div>
      <div className="map-controls__zoom">
        <button type="button" onClick={() => map.zoomIn()} aria-label={t('zoomIn')} title={t('zoomIn')}>
          +
        </button>
        <button type="button" onClick={() => map.zoomOut()} aria-label={t('zoomOut')} title={t('zoomOut')}>
          −
        </button>
      </div>
      {onSetPin && (
        <button
          type="button"
          className="map-controls__pin"
          onClick={() => {
            const c = map.getCenter();
            onSetPin(c.lat, c.lng);
          }}
        >
          {t('setPinAtCenter')}
        </button>
      )}
    </div>
  );
}
