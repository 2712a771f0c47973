// The districts' bounding boxes the app zooms to (src/domain/district-bounds.ts) hold each
// district's outline in data/boundaries and are no more than 0.01° larger on any side.
import { readFileSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { DISTRICT_BOUNDS, districtsBounds } from '../../src/domain/district-bounds.ts';

const districts = JSON.parse(readFileSync('data/boundaries/guangzhou-districts.geojson', 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { code: string }>;

describe('district bounds', () => {
  it('hold every district of the boundary file, tightly', () => {
    expect(Object.keys(DISTRICT_BOUNDS).sort()).toEqual(districts.features.map((f) => f.properties.code).sort());
    for (const f of districts.features) {
      const pts = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flat(2);
      const [w, s, e, n] = DISTRICT_BOUNDS[f.properties.code];
      const true_ = [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))];
      expect(w).toBeLessThanOrEqual(true_[0]);
      expect(s).toBeLessThanOrEqual(true_[1]);
      expect(e).toBeGreaterThanOrEqual(true_[2]);
      expect(n).toBeGreaterThanOrEqual(true_[3]);
      for (const [a, b] of [[w, true_[0]], [s, true_[1]], [e, true_[2]], [n, true_[3]]]) expect(Math.abs(a - b)).toBeLessThanOrEqual(0.0100001);
    }
  });

  it('join several districts into one box', () => {
    expect(districtsBounds(['440104', '440115'])).toEqual([113.23, 22.51, 113.74, 23.18]);
    expect(districtsBounds([])).toBeNull();
    expect(districtsBounds(['999999'])).toBeNull();
  });
});
