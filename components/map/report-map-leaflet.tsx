'use client';

import L from 'leaflet';
import { useEffect } from 'react';
import { Marker, Popup, useMap } from 'react-leaflet';
import { BaseMap } from './base-map';
import type { PickerCity } from './location-picker';
import type { MapReport } from './report-map';
import { numberIcon } from './tiles';

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

export default function ReportMapLeaflet({ city, reports, label }: { city: PickerCity; reports: MapReport[]; label: string }) {
  return (
    <BaseMap city={city} label={label}>
      <FitToReports reports={reports} />
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
    </BaseMap>
  );
}
