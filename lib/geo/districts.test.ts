import { describe, expect, it } from 'vitest';
import { getDistrictSeeds } from '@/lib/city/config';
import { bboxOf } from './bbox';
import { findDistrict } from './districts';

const square = (id: number, slug: string, minLon: number, minLat: number, size: number) => {
  const geometry = {
    type: 'Polygon' as const,
    coordinates: [
      [
        [minLon, minLat],
        [minLon + size, minLat],
        [minLon + size, minLat + size],
        [minLon, minLat + size],
        [minLon, minLat],
      ],
    ],
  };
  return { id, slug, name: slug, geometry, bbox: bboxOf(geometry) };
};

describe('district lookup', () => {
  const districts = [square(1, 'west', 7.0, 51.0, 1), square(2, 'east', 8.0, 51.0, 1)];

  it('finds the polygon a point lies in, and null outside all', () => {
    expect(findDistrict(districts, 51.5, 7.5)?.slug).toBe('west');
    expect(findDistrict(districts, 51.5, 8.5)?.slug).toBe('east');
    expect(findDistrict(districts, 52.5, 7.5)).toBeNull();
  });

  it('does not take a point in the bounding box but outside a concave polygon', () => {
    const l = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [2, 1],
          [1, 1],
          [1, 2],
          [0, 2],
          [0, 0],
        ],
      ],
    };
    const shape = [{ id: 3, slug: 'l', name: 'L', geometry: l, bbox: bboxOf(l) }];
    expect(findDistrict(shape, 0.5, 0.5)?.slug).toBe('l');
    expect(findDistrict(shape, 1.5, 1.5)).toBeNull();
  });

  it('places known Lünen landmarks in the seeded districts', () => {
    const seeded = getDistrictSeeds().features.map((f, i) => ({
      id: i,
      slug: f.properties.slug,
      name: f.properties.name,
      geometry: f.geometry,
      bbox: bboxOf(f.geometry),
    }));
    expect(findDistrict(seeded, 51.6139, 7.5231)?.slug).toBe('luenen-mitte'); // city centre
    expect(findDistrict(seeded, 51.594, 7.469)?.slug).toBe('brambauer');
  });
});
