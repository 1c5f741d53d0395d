'use client';

import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

/** Names the map for assistive technology, and closes an open popup on Esc wherever the focus is in the map. */
export function MapAccessibility({ label }: { label: string }) {
  const map = useMap();
  useEffect(() => {
    const container = map.getContainer();
    container.setAttribute('role', 'region');
    container.setAttribute('aria-label', label);
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') map.closePopup();
    };
    container.addEventListener('keydown', onKey);
    return () => container.removeEventListener('keydown', onKey);
  }, [map, label]);
  return null;
}

/** A numbered dot; the number is ours (the table's row), never user input. */
export function numberIcon(n: number) {
  return L.divIcon({
    className: 'report-marker',
    html: `<span aria-hidden="true">${Number(n)}</span>`,
    iconSize: [30, 30],
    iconAnchor: [15, 15],
    popupAnchor: [0, -15],
  });
}
