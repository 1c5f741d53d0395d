'use client';

import dynamic from 'next/dynamic';
import type { PickerCity } from './location-picker';
import { MapLoading } from './map-loading';

/** One report on the staff map: exact positions are for staff eyes only, never on a public page. */
export type MapReport = {
  ref: string;
  /** The row number in the table beside the map (its text alternative). */
  number: number;
  lat: number;
  lon: number;
  /** Already translated: status and category. */
  summary: string;
  href: string;
  linkLabel: string;
};

const ReportMapLeaflet = dynamic(() => import('./report-map-leaflet'), {
  ssr: false,
  loading: () => <MapLoading />,
});

/**
 * Reports as numbered markers. Its text alternative is the table the page renders beside it, with
 * the same numbers; the markers are not in the tab order (the table is the keyboard's way in).
 */
export function ReportMap(props: { city: PickerCity; reports: MapReport[]; label: string }) {
  return <ReportMapLeaflet {...props} />;
}
