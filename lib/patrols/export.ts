import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { PlanView } from './service';

/*
 * A plan for the team's devices: GPX 1.1 (waypoints for the start and each stop, and a route in
 * walking order with every revisit) and GeoJSON (the same as points and a line). Times are UTC, as
 * both formats expect; devices show them in local time.
 */

export type ExportLabels = {
  /** e.g. "Streifenplan 27.11.2026, 20:00–24:00" */
  title: string;
  stop: (n: number) => string;
  /** Arrival times of a stop, already formatted. */
  arrivals: (n: number) => string;
};

function xml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

const coordinate = (n: number) => n.toFixed(6);

function wpt(tag: 'wpt' | 'rtept', lat: number, lon: number, fields: { time?: Date; name: string; desc?: string }) {
  // GPX 1.1 fixes the order of a point's elements: time, name, …, desc.
  return [
    `<${tag} lat="${coordinate(lat)}" lon="${coordinate(lon)}">`,
    fields.time ? `<time>${fields.time.toISOString()}</time>` : '',
    `<name>${xml(fields.name)}</name>`,
    fields.desc ? `<desc>${xml(fields.desc)}</desc>` : '',
    `</${tag}>`,
  ].join('');
}

export function planToGpx({ plan, stops, schedule }: PlanView, labels: ExportLabels): string {
  const waypoints = [
    wpt('wpt', plan.start.lat, plan.start.lon, { name: plan.start.name, time: plan.startsAt }),
    ...stops.map((s, i) => wpt('wpt', s.lat, s.lon, { name: labels.stop(i + 1), time: schedule.stops[i]?.arrivals[0], desc: labels.arrivals(i) })),
  ];
  const routePoints = [
    wpt('rtept', plan.start.lat, plan.start.lon, { name: plan.start.name, time: plan.startsAt }),
    ...schedule.visits.map((v) => wpt('rtept', stops[v.stop].lat, stops[v.stop].lon, { name: labels.stop(v.stop + 1), time: v.arriveAt })),
    wpt('rtept', plan.start.lat, plan.start.lon, { name: plan.start.name, time: schedule.endAt }),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gpx version="1.1" creator="Sicherheitsportal" xmlns="http://www.topografix.com/GPX/1/1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">',
    `<metadata><name>${xml(labels.title)}</name><time>${plan.updatedAt.toISOString()}</time></metadata>`,
    ...waypoints,
    `<rte><name>${xml(labels.title)}</name>${routePoints.join('')}</rte>`,
    '</gpx>',
    '',
  ].join('\n');
}

type StopProperties = { kind: 'start' | 'stop'; name: string; number: number | null; arrivals: string[]; cell: string | null };

export function planToGeoJson({ plan, stops, schedule }: PlanView, labels: ExportLabels): FeatureCollection<Point | LineString> {
  const point = (lat: number, lon: number, properties: StopProperties): Feature<Point, StopProperties> => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties,
  });
  const path: [number, number][] = [
    [plan.start.lon, plan.start.lat],
    ...schedule.visits.map((v) => [stops[v.stop].lon, stops[v.stop].lat] as [number, number]),
    [plan.start.lon, plan.start.lat],
  ];
  return {
    type: 'FeatureCollection',
    features: [
      point(plan.start.lat, plan.start.lon, { kind: 'start', name: plan.start.name, number: null, arrivals: [], cell: null }),
      ...stops.map((s, i) =>
        point(s.lat, s.lon, { kind: 'stop', name: labels.stop(i + 1), number: i + 1, arrivals: (schedule.stops[i]?.arrivals ?? []).map((d) => d.toISOString()), cell: s.cell }),
      ),
      {
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: path },
        properties: { kind: 'route', name: labels.title, startsAt: plan.startsAt.toISOString(), endsAt: plan.endsAt.toISOString() },
      },
    ],
  };
}
