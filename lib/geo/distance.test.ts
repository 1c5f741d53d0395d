import { describe, expect, it } from 'vitest';
import { DUPLICATE_RADIUS_M } from '@/lib/reports/report-detail';
import { boxAround, distanceMetres } from './distance';

// Lünen's market square; one metre north is 1/111,195 degree of latitude.
const market = { lat: 51.6135, lon: 7.5235 };
const northBy = (m: number) => ({ lat: market.lat + m / 111_195, lon: market.lon });
const eastBy = (m: number) => ({ lat: market.lat, lon: market.lon + m / (111_195 * Math.cos((market.lat * Math.PI) / 180)) });

describe('distanceMetres', () => {
  it('is zero for the same point and symmetric', () => {
    expect(distanceMetres(market, market)).toBe(0);
    expect(distanceMetres(market, northBy(40))).toBeCloseTo(distanceMetres(northBy(40), market), 9);
  });

  it('measures metres north and east to within a few centimetres', () => {
    expect(distanceMetres(market, northBy(50))).toBeCloseTo(50, 1);
    expect(distanceMetres(market, eastBy(50))).toBeCloseTo(50, 1);
    expect(distanceMetres(market, northBy(1000))).toBeCloseTo(1000, 0);
  });

  it('matches a known distance: Lünen station to Dortmund station, about 12.1 km', () => {
    const luenen = { lat: 51.6173, lon: 7.5293 };
    const dortmund = { lat: 51.5178, lon: 7.4592 };
    expect(distanceMetres(luenen, dortmund) / 1000).toBeCloseTo(12.09, 1);
  });
});

describe('duplicate suggestions by distance', () => {
  it('take a report 49 m away and leave one 51 m away', () => {
    expect(distanceMetres(market, northBy(49)) <= DUPLICATE_RADIUS_M).toBe(true);
    expect(distanceMetres(market, eastBy(49)) <= DUPLICATE_RADIUS_M).toBe(true);
    expect(distanceMetres(market, northBy(51)) <= DUPLICATE_RADIUS_M).toBe(false);
  });

  it('pre-filter with a box that holds the whole circle', () => {
    const box = boxAround(market, DUPLICATE_RADIUS_M);
    for (let angle = 0; angle < 360; angle += 15) {
      const a = (angle * Math.PI) / 180;
      const p = {
        lat: market.lat + (Math.cos(a) * 49.9) / 111_195,
        lon: market.lon + (Math.sin(a) * 49.9) / (111_195 * Math.cos((market.lat * Math.PI) / 180)),
      };
      expect(p.lat >= box.minLat && p.lat <= box.maxLat && p.lon >= box.minLon && p.lon <= box.maxLon, `${angle}°`).toBe(true);
    }
    // …and not much more: about 50 m either side.
    expect(distanceMetres({ lat: box.minLat, lon: market.lon }, { lat: box.maxLat, lon: market.lon })).toBeCloseTo(100, 0);
  });
});
