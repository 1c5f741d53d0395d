'use client';

import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo, type ReactNode } from 'react';
import { MapContainer, TileLayer, useMap } from 'react-leaflet';
import type { PickerCity } from './location-picker';
import { MapControls } from './map-controls';
import { TILE_URL, tileAttribution, tileLayerOptions } from './tiles';

/**
 * Names the map for assistive technology (a region, or an application where the map takes keys
 * itself, as the location picker does), and closes an open popup on Esc wherever the focus is in it.
 */
function Accessibility({ label, role, focusOnLoad }: { label: string; role: 'region' | 'application'; focusOnLoad?: boolean }) {
  const map = useMap();
  const t = useTranslations('map');
  // Leaflet names a popup's close button and its own link in English: in the page's language here.
  useEffect(() => {
    const nameCloseButton = (event: L.PopupEvent) => {
      const button = event.popup.getElement()?.querySelector('.leaflet-popup-close-button');
      button?.setAttribute('aria-label', t('closePopup'));
      button?.setAttribute('title', t('closePopup'));
    };
    map.on('popupopen', nameCloseButton);
    // Closing a popup with its button removes the focused element: the focus goes back to the map
    // instead of the top of the page (not when it is elsewhere, e.g. on a table's button).
    const keepFocus = (event: L.PopupEvent) => {
      if (event.popup.getElement()?.contains(document.activeElement)) map.getContainer().focus({ preventScroll: true });
    };
    map.on('popupclose', keepFocus);
    const title = t('leafletTitle').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    map.attributionControl?.setPrefix(`<a href="https://leafletjs.com" title="${title}">Leaflet</a>`);
    return () => {
      map.off('popupopen', nameCloseButton);
      map.off('popupclose', keepFocus);
    };
  }, [map, t]);
  // A map shown on request replaces the button that asked for it: the focus moves on into the map
  // rather than falling back to the top of the page.
  useEffect(() => {
    if (focusOnLoad) map.getContainer().focus({ preventScroll: true });
  }, [map, focusOnLoad]);
  useEffect(() => {
    const container = map.getContainer();
    // Leaflet's own controls (attribution, the pin button) come first in the page, so Tab reached
    // the map data's credits before the zoom and pan buttons. Their box moves behind ours; Leaflet
    // places them by position, not by order.
    const leafletControls = container.querySelector(':scope > .leaflet-control-container');
    if (leafletControls) container.append(leafletControls);
    container.setAttribute('role', role);
    container.setAttribute('aria-label', label);
    container.setAttribute('aria-roledescription', t('roleDescription'));
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') map.closePopup();
    };
    container.addEventListener('keydown', onKey);
    return () => container.removeEventListener('keydown', onKey);
  }, [map, label, role, t]);
  return null;
}

type Props = {
  city: PickerCity;
  label: string;
  /** Where the map opens; the city centre unless given. */
  center?: { lat: number; lon: number };
  role?: 'region' | 'application';
  keyboardPanDelta?: number;
  /** The controls' "set the pin here" button, for maps that pick a place. */
  onSetPin?: (lat: number, lon: number) => void;
  /** Layers inside the map. */
  children?: ReactNode;
  /** Drawn over the map, outside Leaflet (e.g. the crosshair). */
  overlay?: ReactNode;
  /** Takes the focus once loaded: for a map shown when asked for (MapPreview). */
  focusOnLoad?: boolean;
};

/**
 * Every map of the portal: the city's view, kept within its bounds, tiles through the portal's
 * own tile route with the attribution, and buttons for everything keys and gestures do.
 */
export function BaseMap({ city, label, center = city.center, role = 'region', keyboardPanDelta, onSetPin, children, overlay, focusOnLoad }: Props) {
  const t = useTranslations('map');
  const b = city.bounds;
  const maxBounds = useMemo(() => L.latLngBounds([b.minLat, b.minLon], [b.maxLat, b.maxLon]).pad(0.05), [b]);
  return (
    <div className="map-frame">
      <MapContainer
        className="map"
        center={[center.lat, center.lon]}
        zoom={city.zoom}
        minZoom={city.minZoom}
        maxZoom={city.maxZoom}
        maxBounds={maxBounds}
        zoomControl={false}
        keyboardPanDelta={keyboardPanDelta}
      >
        <TileLayer url={TILE_URL} attribution={tileAttribution(t('attribution'))} {...tileLayerOptions(city.maxZoom)} />
        <Accessibility label={label} role={role} focusOnLoad={focusOnLoad} />
        <MapControls onSetPin={onSetPin} />
        {children}
      </MapContainer>
      {overlay}
    </div>
  );
}
