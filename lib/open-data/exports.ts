import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { cellToBoundary, cellToLatLng } from 'h3-js';
import { getCityConfig } from '@/lib/city/config';
import type { Db } from '@/lib/db/client';
import { PUBLIC_RESOLUTION } from '@/lib/geo/cells';
import type { Licence } from '@/lib/settings/defaults';
import { getSetting } from '@/lib/settings/queries';
import { toCsv } from './csv';
import { getCellCounts, getMonthlyCounts } from './queries';

/**
 * Anonymised exports for the city's open-data portal. Only aggregates leave: cells with at least
 * k reports, monthly counts with every figure below k written as "<k". Never an e-mail address, a
 * description, a position finer than a cell or a time finer than a month.
 */

export const OPEN_DATA_BASE_PATH = '/api/open-data';

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export type ExportMetadata = {
  title: string;
  description: string;
  publisher: string;
  attribution: string;
  licence: Licence;
  generated: string;
  privacy: { k: number; h3Resolution: number; counted: string };
  documentation: string;
};

const COUNTED = 'Meldungen, die nicht als unbegründet eingestellt und nicht mit einer anderen zusammengeführt wurden.';

async function metadataFor(db: Db, origin: string, title: string, description: string): Promise<ExportMetadata> {
  const city = getCityConfig();
  return {
    title: `${title} – Sicherheitsportal ${city.name}`,
    description,
    publisher: city.operator.name,
    attribution: `Sicherheitsportal ${city.name}, ${city.operator.name}`,
    licence: await getSetting(db, 'openData.licence'),
    generated: new Date().toISOString(),
    privacy: { k: await getSetting(db, 'privacy.k'), h3Resolution: PUBLIC_RESOLUTION, counted: COUNTED },
    documentation: `${origin}${OPEN_DATA_BASE_PATH}/metadata.json`,
  };
}

const cellsDescription = (k: number) =>
  `Zahl der Meldungen je H3-Sechseck der Auflösung ${PUBLIC_RESOLUTION} (etwa 0,1 km²), über den gesamten Zeitraum. ` +
  `Nur Zellen mit mindestens ${k} Meldungen; Zellen mit weniger fehlen.`;

/** Cells as GeoJSON: hexagon polygons with { cell, count } and a top-level "metadata" member. */
export async function getCellsGeoJson(db: Db, origin: string): Promise<FeatureCollection<Polygon> & { metadata: ExportMetadata }> {
  const k = await getSetting(db, 'privacy.k');
  const cells = await getCellCounts(db, k);
  const features: Feature<Polygon>[] = cells.map(({ cell, count }) => {
    // GeoJSON order [lon, lat], the ring already closed (first point repeated last).
    const ring = cellToBoundary(cell, true).map(([lon, lat]) => [round6(lon), round6(lat)]);
    return {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ring] },
      properties: { cell, count },
    };
  });
  return {
    type: 'FeatureCollection',
    metadata: await metadataFor(db, origin, 'Meldungen je Zelle', cellsDescription(k)),
    features,
  };
}

export const CELLS_CSV_HEADER = ['cell', 'lat', 'lon', 'count'];

/** Cells as CSV: the cell id, its centre and the count. */
export async function getCellsCsv(db: Db): Promise<string> {
  const k = await getSetting(db, 'privacy.k');
  const rows = (await getCellCounts(db, k)).map(({ cell, count }) => {
    const [lat, lon] = cellToLatLng(cell);
    return [cell, round6(lat), round6(lon), count];
  });
  return toCsv(CELLS_CSV_HEADER, rows);
}

export const MONTHLY_CSV_HEADER = ['month', 'district', 'district_name', 'category', 'category_name', 'count'];

/**
 * Monthly counts per district and category. A count below k is written as "<k" (e.g. "<3"): the
 * row shows that there were reports, not how few. No totals are published, so the suppressed
 * figures cannot be worked out by subtraction.
 */
export async function getMonthlyCsv(db: Db): Promise<string> {
  const k = await getSetting(db, 'privacy.k');
  const rows = (await getMonthlyCounts(db, getCityConfig().timeZone)).map((r) => [
    r.month,
    r.districtSlug,
    r.districtName ?? 'außerhalb der Stadtteile',
    r.categorySlug,
    r.categoryLabel,
    r.count >= k ? r.count : `<${k}`,
  ]);
  return toCsv(MONTHLY_CSV_HEADER, rows);
}

/** The catalogue: what each export holds, its licence, and how it is anonymised. */
export async function getOpenDataMetadata(db: Db, origin: string) {
  const k = await getSetting(db, 'privacy.k');
  const base = `${origin}${OPEN_DATA_BASE_PATH}`;
  return {
    ...(await metadataFor(
      db,
      origin,
      'Offene Daten',
      'Anonymisierte Auswertungen der Meldungen von Orten, an denen sich Menschen unsicher fühlen. ' +
        'Veröffentlicht werden nur Summen; einzelne Meldungen, Beschreibungen und E-Mail-Adressen nie.',
    )),
    datasets: [
      {
        id: 'cells',
        title: 'Meldungen je Zelle',
        description: cellsDescription(k),
        distributions: [
          { format: 'GeoJSON', mediaType: 'application/geo+json', url: `${base}/cells.geojson` },
          { format: 'CSV', mediaType: 'text/csv', url: `${base}/cells.csv` },
        ],
        columns: {
          cell: 'H3-Zellkennung (Auflösung 9)',
          lat: 'Breite des Zellmittelpunkts (WGS 84)',
          lon: 'Länge des Zellmittelpunkts (WGS 84)',
          count: `Zahl der Meldungen (mindestens ${k})`,
        },
      },
      {
        id: 'monthly',
        title: 'Meldungen je Monat, Stadtteil und Kategorie',
        description:
          `Zahl der Meldungen je Kalendermonat (${getCityConfig().timeZone}), Stadtteil und Kategorie. ` +
          `Werte unter ${k} stehen als „<${k}“; Kombinationen ohne Meldung fehlen.`,
        distributions: [{ format: 'CSV', mediaType: 'text/csv', url: `${base}/monthly.csv` }],
        columns: {
          month: 'Monat, JJJJ-MM',
          district: 'Kennung des Stadtteils (leer: außerhalb der Stadtteile)',
          district_name: 'Name des Stadtteils',
          category: 'Kennung der Kategorie (wie service_code in Open311)',
          category_name: 'Name der Kategorie',
          count: `Zahl der Meldungen, oder „<${k}“ für 1 bis ${k - 1}`,
        },
      },
    ],
    csv: 'UTF-8 ohne BOM, Komma als Trennzeichen, Zeilenende CRLF (RFC 4180). Textzellen, die mit = + - @ beginnen, erhalten ein vorangestelltes Apostroph.',
    notYetPublished: ['Veröffentlichte Maßnahmen (GeoJSON, CSV) folgen mit dem Bereich für Sicherheitsdialoge und Maßnahmen.'],
  };
}
