'use client';

import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo } from 'react';
import { MapContainer, Polygon, Popup, TileLayer, useMap } from 'react-leaflet';
import type { MapCell } from './cell-map';
import { levelOf } from './levels';
import type { PickerCity } from './location-picker';
import { MapControls } from './map-controls';
import { TILE_URL, tileAttribution, tileLayerOptions } from './tiles';

function Accessibility({ label }: { label: string }) {
  const map = useMap();
  useEffect(() => {
    const container = map.getContainer();
    container.setAttribute('role', 'region');
    container.setAttribute('aria-label', label);
  }, [map, label]);
  return null;
}

export default function CellMapLeaflet({ city, cells }: { city: PickerCity; cells: MapCell[] }) {
  const t = useTranslations('map');
  const tp = useTranslations('publicMap');
  const b = city.bounds;
  const maxBounds = useMemo(() => L.latLngBounds([b.minLat, b.minLon], [b.maxLat, b.maxLon]).pad(0.05), [b]);
  return (
    <div className="map-frame">
      <MapContainer
        className="map"
        center={[city.center.lat, city.center.lon]}
        zoom={city.zoom}
        minZoom={city.minZoom}
        maxZoom={city.maxZoom}
        maxBounds={maxBounds}
        zoomControl={false}
      >
        <TileLayer url={TILE_URL} attribution={tileAttribution(t('attribution'))} {...tileLayerOptions(city.maxZoom)} />
        <Accessibility label={tp('mapLabel', { city: city.name })} />
        <MapControls />
        {cells.map((cell) => (
          <Polygon
            key={cell.cell}
            positions={cell.ring.map(([lon, lat]) => [lat, lon] as [number, number])}
            pathOptions={{ color: '#ffffff', weight: 1.5, fillColor: levelOf(cell.count).color, fillOpacity: 0.7 }}
          >
            <Popup>{cell.label}</Popup>
          </Polygon>
        ))}
      </MapContainer>
    </div>
  );
}
