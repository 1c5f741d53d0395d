import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { cellToBoundary, cellToLatLng } from 'h3-js';
import { getCityConfig } from '@/lib/city/config';
import type { Db } from '@/lib/db/client';
import { listPublicMeasures, type PublicMeasure } from '@/lib/dialogues/queries';
import { PUBLIC_RESOLUTION } from '@/lib/geo/cells';
import { localize } from '@/lib/i18n/localize';
import type { Licence } from '@/lib/settings/defaults';
import { getSetting } from '@/lib/settings/queries';
import { toCsv } from './csv';
import { getCellCounts, getMonthlyCounts } from './queries';

/**
 * Exports for the city's open-data portal. Of reports only aggregates leave: cells with at least
 * k reports, monthly counts of at least k — never an e-mail address,
 * a description, a position finer than a cell or a time finer than a month. Measures are public
 * once staff publish them, and are exported as published.
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
 * Monthly counts per district and category, only those of at least k. A combination with fewer is
 * left out, whether it had none or one: a row saying "<3" would show that someone reported, and
 * what, in a quiet month (as the district pages do: getDistrictMonthlyCounts). No totals are
 * published, so the missing figures cannot be worked out by subtraction.
 */
export async function getMonthlyCsv(db: Db): Promise<string> {
  const k = await getSetting(db, 'privacy.k');
  const counts = await getMonthlyCounts(db, getCityConfig().timeZone);
  const rows = counts.filter((r) => r.count >= k).map((r) => [
    r.month,
    r.districtSlug,
    r.districtName ?? 'außerhalb der Stadtteile',
    r.categorySlug,
    r.categoryLabel,
    r.count,
  ]);
  return toCsv(MONTHLY_CSV_HEADER, rows);
}

/** Far more than a city publishes; the export is the whole list, not a page of it. */
const MAX_MEASURES = 10_000;

/** A published measure as a flat record, German texts (the portal's first language). */
function measureRecord(m: PublicMeasure) {
  return {
    id: m.id,
    title: localize(m.title, 'de'),
    description: m.description ? localize(m.description, 'de') : null,
    status: m.status,
    rejection_reason: m.status === 'rejected' && m.rejectionReason ? localize(m.rejectionReason, 'de') : null,
    responsible: m.responsible,
    responsible_name: m.responsibleName,
    district: m.district?.slug ?? null,
    district_name: m.district?.name ?? null,
    dialogue_id: m.dialogue?.id ?? null,
    dialogue_held_on: m.dialogue?.heldOn ?? null,
    due_on: m.dueOn,
    published_at: m.publishedAt?.toISOString() ?? null,
    updated_at: m.updatedAt.toISOString(),
  };
}

const measuresDescription =
  'Veröffentlichte Maßnahmen aus Sicherheitsdialogen und Meldungen: Stand, Zuständigkeit, Stadtteil und, wo angegeben, ' +
  'der Ort als Punkt. Entwürfe und nicht freigegebene Maßnahmen fehlen.';

/** Published measures as GeoJSON points (geometry null where a measure has no place). */
export async function getMeasuresGeoJson(
  db: Db,
  origin: string,
): Promise<FeatureCollection<Point | null> & { metadata: ExportMetadata }> {
  const measures = await listPublicMeasures(db, { limit: MAX_MEASURES });
  return {
    type: 'FeatureCollection',
    metadata: await metadataFor(db, origin, 'Maßnahmen', measuresDescription),
    features: measures.map(
      (m): Feature<Point | null> => ({
        type: 'Feature',
        id: m.id,
        geometry: m.lat !== null && m.lon !== null ? { type: 'Point', coordinates: [round6(m.lon), round6(m.lat)] } : null,
        properties: measureRecord(m),
      }),
    ),
  };
}

export const MEASURES_CSV_HEADER = [
  'id',
  'title',
  'description',
  'status',
  'rejection_reason',
  'responsible',
  'responsible_name',
  'district',
  'district_name',
  'dialogue_id',
  'dialogue_held_on',
  'due_on',
  'published_at',
  'updated_at',
  'lat',
  'lon',
];

export async function getMeasuresCsv(db: Db): Promise<string> {
  const measures = await listPublicMeasures(db, { limit: MAX_MEASURES });
  const rows = measures.map((m) => {
    const r = measureRecord(m);
    return [
      r.id,
      r.title,
      r.description,
      r.status,
      r.rejection_reason,
      r.responsible,
      r.responsible_name,
      r.district,
      r.district_name,
      r.dialogue_id,
      r.dialogue_held_on,
      r.due_on,
      r.published_at,
      r.updated_at,
      m.lat === null ? null : round6(m.lat),
      m.lon === null ? null : round6(m.lon),
    ];
  });
  return toCsv(MEASURES_CSV_HEADER, rows);
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
          `Nur Kombinationen mit mindestens ${k} Meldungen; Kombinationen mit weniger fehlen.`,
        distributions: [{ format: 'CSV', mediaType: 'text/csv', url: `${base}/monthly.csv` }],
        columns: {
          month: 'Monat, JJJJ-MM',
          district: 'Kennung des Stadtteils (leer: außerhalb der Stadtteile)',
          district_name: 'Name des Stadtteils',
          category: 'Kennung der Kategorie (wie service_code in Open311)',
          category_name: 'Name der Kategorie',
          count: `Zahl der Meldungen (mindestens ${k})`,
        },
      },
      {
        id: 'measures',
        title: 'Maßnahmen',
        description: measuresDescription,
        distributions: [
          { format: 'GeoJSON', mediaType: 'application/geo+json', url: `${base}/measures.geojson` },
          { format: 'CSV', mediaType: 'text/csv', url: `${base}/measures.csv` },
        ],
        columns: {
          id: 'Kennung der Maßnahme',
          title: 'Titel',
          description: 'Beschreibung',
          status: 'planned (geplant), in_progress (in Arbeit), done (erledigt), rejected (abgelehnt)',
          rejection_reason: 'Begründung einer Ablehnung',
          responsible: 'city, police, transport oder other',
          responsible_name: 'Zuständige Stelle',
          district: 'Kennung des Stadtteils',
          district_name: 'Name des Stadtteils',
          dialogue_id: 'Sicherheitsdialog, aus dem die Maßnahme stammt',
          dialogue_held_on: 'Datum dieses Dialogs',
          due_on: 'Geplant bis',
          published_at: 'Veröffentlicht am',
          updated_at: 'Zuletzt geändert am',
          lat: 'Breite des Orts (WGS 84), leer ohne Ort',
          lon: 'Länge des Orts (WGS 84), leer ohne Ort',
        },
      },
    ],
    csv: 'UTF-8 ohne BOM, Komma als Trennzeichen, Zeilenende CRLF (RFC 4180). Textzellen, die mit = + - @ beginnen, erhalten ein vorangestelltes Apostroph.',
  };
}
