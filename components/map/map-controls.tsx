'use client';

import L from 'leaflet';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useMap } from 'react-leaflet';

const PAN_PX = 120;

/**
 * Visible buttons for everything the keyboard and gestures do: pan, zoom and set the pin at the
 * crosshair. Rendered inside the map so they sit on it, outside Leaflet's focus handling.
 */
export function MapControls({ onSetPin }: { onSetPin?: (lat: number, lon: number) => void }) {
  const t = useTranslations('map');
  const map = useMap();
  const panel = useRef<HTMLDivElement>(null);
  // The pin button is a Leaflet control in the bottom-right corner, which stacks it above the map
  // data's attribution however many lines that takes (two in Turkish on a phone).
  const [pinCorner] = useState(() => L.DomUtil.create('div', 'leaflet-control map-pin-control'));
  useEffect(() => {
    // Leaflet listens on the map's own element: keep clicks on the buttons from setting the pin.
    for (const element of [panel.current, pinCorner]) {
      if (!element) continue;
      L.DomEvent.disableClickPropagation(element);
      L.DomEvent.disableScrollPropagation(element);
    }
  }, [pinCorner]);
  const pinnable = onSetPin !== undefined;
  useEffect(() => {
    if (!pinnable) return;
    const control = new L.Control({ position: 'bottomright' });
    control.onAdd = () => pinCorner;
    control.addTo(map);
    return () => void control.remove();
  }, [map, pinCorner, pinnable]);
  const pan = (x: number, y: number) => map.panBy([x, y]);
  const button = (label: string, area: string, onClick: () => void, symbol: string) => (
    <button type="button" onClick={onClick} aria-label={label} title={label} style={{ gridArea: area }}>
      <span aria-hidden="true">{symbol}</span>
    </button>
  );
  return (
    <>
      <div className="map-controls" ref={panel}>
        {button(t('zoomIn'), 'zin', () => map.zoomIn(), '+')}
        {button(t('panNorth'), 'n', () => pan(0, -PAN_PX), '↑')}
        {button(t('zoomOut'), 'zout', () => map.zoomOut(), '−')}
        {button(t('panWest'), 'w', () => pan(-PAN_PX, 0), '←')}
        {button(t('panEast'), 'e', () => pan(PAN_PX, 0), '→')}
        {button(t('panSouth'), 's', () => pan(0, PAN_PX), '↓')}
      </div>
      {onSetPin &&
        createPortal(
          <button
            type="button"
            onClick={() => {
              const c = map.getCenter();
              onSetPin(c.lat, c.lng);
            }}
          >
            {t('setPinAtCenter')}
          </button>,
          pinCorner,
        )}
    </>
  );
}
