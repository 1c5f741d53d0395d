'use client';

import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo } from 'react';
import { MapContainer, Marker, Popup, TileLayer, useMap } from 'react-leaflet';
import type { PickerCity } from './location-picker';
import { MapControls } from './map-controls';
import type { MapReport } from './report-map';
import { TILE_URL, tileAttribution, tileLayerOptions } from './tiles';

/** Names the map for assistive technology, and closes an open popup on Esc wherever the focus is in the map. */
function Accessibility({ label }: { label: string }) {
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

/** Shows every marker: the page's reports decide the view, not the city centre. */
function FitToReports({ reports }: { reports: MapReport[] }) {
  const map = useMap();
  useEffect(() => {
    if (reports.length === 0) return;
    if (reports.length === 1) map.setView([reports[0].lat, reports[0].lon], 16);
    // Close neighbours (a duplicate is often within 50 m) need the closest zoom to show apart.
    else map.fitBounds(L.latLngBounds(reports.map((r) => [r.lat, r.lon] as [number, number])).pad(0.15), { maxZoom: map.getMaxZoom() });
  }, [map, reports]);
  return null;
}

/** A numbered dot; the number is ours (the table's row), never user input. */
function numberIcon(n: number) {
  return L.divIcon({
    className: 'report-marker',
    html: `<span aria-hidden="true">${Number(n)}</span>`,
    iconSize: [30, 30],
    iconAnchor: [15, 15],
    popupAnchor: [0, -15],
  });
}

export default function ReportMapLeaflet({ city, reports, label }: { city: PickerCity; reports: MapReport[]; label: string }) {
  const t = useTranslations('map');
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
        <Accessibility label={label} />
        <FitToReports reports={reports} />
        <MapControls />
        {reports.map((report) => (
          <Marker key={report.ref} position={[report.lat, report.lon]} icon={numberIcon(report.number)} title={report.ref} keyboard={false}>
            <Popup>
              <strong>
                {report.number}. {report.ref}
              </strong>
              <br />
              {report.summary}
              <br />
              <a href={report.href}>{report.linkLabel}</a>
            </Popup>
          </Marker>
        ))}
      </MapContainer>
    </div>
  );
}
