import { describe, expect, it } from 'vitest';
import { haversineMetres, metresPerDegree } from './distance';

describe('haversineMetres', () => {
  it('measures one degree of latitude as about 111.2 km', () => {
    expect(haversineMetres({ lat: 51, lon: 7 }, { lat: 52, lon: 7 })).toBeCloseTo(111_195, -1);
  });

  it('measures a known distance: Lünen town hall to Dortmund Hbf is about 11.6 km as the crow flies', () => {
    const luenen = { lat: 51.6139, lon: 7.5231 };
    const dortmund = { lat: 51.5178, lon: 7.4592 };
    const d = haversineMetres(luenen, dortmund);
    expect(d).toBeGreaterThan(11_000);
    expect(d).toBeLessThan(12_000);
  });

  it('is zero for the same point and symmetric', () => {
    const a = { lat: 51.6, lon: 7.5 };
    const b = { lat: 51.61, lon: 7.53 };
    expect(haversineMetres(a, a)).toBe(0);
    expect(haversineMetres(a, b)).toBeCloseTo(haversineMetres(b, a), 9);
  });
});

describe('metresPerDegree', () => {
  it('agrees with the haversine distance within a few hundred metres', () => {
    const origin = { lat: 51.6139, lon: 7.5231 };
    const k = metresPerDegree(origin.lat);
    for (const [dLat, dLon] of [
      [0.0018, 0],
      [0, 0.0029],
      [0.0012, -0.0021],
      [-0.0015, 0.0015],
    ]) {
      const flat = Math.hypot(dLat * k.lat, dLon * k.lon);
      const exact = haversineMetres(origin, { lat: origin.lat + dLat, lon: origin.lon + dLon });
      expect(Math.abs(flat - exact)).toBeLessThan(0.1);
    }
  });
});
