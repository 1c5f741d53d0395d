import L from 'leaflet';

/** Tiles come through the portal's own route, so the browser contacts no third party (DSGVO, § 25 TDDDG). */
export const TILE_URL = '/tiles/{z}/{x}/{y}.png';
/** Leaflet renders attribution as HTML: only our own translated text goes in, never user input. */
export function tileAttribution(contributors: string) {
  return `<a href="https://www.openstreetmap.org/copyright" rel="noreferrer">${contributors}</a>`;
}

/** An inline SVG pin: no image request, and visible on any tile colour. */
export const pinIcon = L.divIcon({
  className: 'map-pin',
  html: '<svg viewBox="0 0 24 36" width="32" height="48" aria-hidden="true"><path d="M12 0C5.4 0 0 5.4 0 12c0 9 12 24 12 24s12-15 12-24C24 5.4 18.6 0 12 0z" fill="#b3261e" stroke="#fff" stroke-width="2"/><circle cx="12" cy="12" r="4.5" fill="#fff"/></svg>',
  iconSize: [32, 48],
  iconAnchor: [16, 48],
});

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
