// The public GeoJSON conformance corpora (mapbox/geojsonhint, placemark/check-geojson) against
// checkGeoJson: every good file accepted, every bad one rejected with a message, except the cases
// where our written policy (docs/imports.md, "GeoJSON policy") accepts what a linter flags.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import type { LineString, Polygon } from 'geojson';
import { checkGeoJson } from '../../src/domain/import/geojson-check.ts';

const CORPORA = path.resolve('..', 'shared', 'corpora');
const SUITES = [
  path.join(CORPORA, 'mapbox-geojsonhint', 'test', 'data'),
  path.join(CORPORA, 'placemark-check-geojson', 'test', 'fixture'),
];

/** "Bad" files our policy accepts, and why (asserted explicitly below). */
const ACCEPTED_BY_POLICY: Record<string, string> = {
  'polygon_winding_order.geojson': 'wrong winding order is accepted and rewound',
  'bad-polygon-interiorring-rhr.geojson': 'wrong winding order is accepted and rewound',
  'excessive_precision_truncated.geojson': 'excess precision is accepted and rounded to 7 decimals',
  'geometrycollection_single.geojson': 'a GeometryCollection of one member is accepted',
};

function files(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.geojson')).sort() : [];
}

describe.skipIf(!existsSync(CORPORA))('GeoJSON corpora', () => {
  if (!existsSync(CORPORA)) console.log(`skipped: ${CORPORA} not found (the shared corpora sit beside the project in CI)`);
  for (const suite of SUITES) {
    const name = path.basename(path.dirname(path.dirname(suite)));
    const good = files(path.join(suite, 'good'));
    const bad = files(path.join(suite, 'bad'));
    it(`${name} has its files`, () => {
      expect(good.length).toBeGreaterThan(10);
      expect(bad.length).toBeGreaterThan(30);
    });
    it.each(good)(`${name} good/%s is accepted`, (file) => {
      const r = checkGeoJson(readFileSync(path.join(suite, 'good', file), 'utf8'));
      expect(r.ok ? 'ok' : r.message).toBe('ok');
    });
    it.each(bad.filter((f) => !ACCEPTED_BY_POLICY[f]))(`${name} bad/%s is rejected with a message`, (file) => {
      const r = checkGeoJson(readFileSync(path.join(suite, 'bad', file), 'utf8'));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/^The (file|GeoJSON) /);
    });
  }

  // The borderline cases, one by one: what our policy does with each.
  const bad = (file: string) => {
    const p = SUITES.map((s) => path.join(s, 'bad', file)).find(existsSync);
    if (!p) throw new Error(`${file} is missing from the corpora`);
    return readFileSync(p, 'utf8');
  };
  const accepted = (file: string) => {
    const r = checkGeoJson(bad(file));
    if (!r.ok) throw new Error(`${file} was rejected: ${r.message}`);
    return r;
  };

  it('policy: a clockwise exterior ring is accepted and rewound (polygon_winding_order)', () => {
    const r = accepted('polygon_winding_order.geojson');
    expect(r.notes.join(' ')).toMatch(/rewound/);
    const ring = (r.value.features[0].geometry as Polygon).coordinates[0];
    expect(turf.booleanClockwise(ring)).toBe(false);
  });

  it('policy: a counter-clockwise hole is accepted and rewound (bad-polygon-interiorring-rhr)', () => {
    const r = accepted('bad-polygon-interiorring-rhr.geojson');
    const [outer, hole] = (r.value.features[0].geometry as Polygon).coordinates;
    expect(turf.booleanClockwise(outer)).toBe(false);
    expect(turf.booleanClockwise(hole)).toBe(true);
  });

  it('policy: excess precision is accepted and rounded to 7 decimals (excessive_precision_truncated)', () => {
    const r = accepted('excessive_precision_truncated.geojson');
    expect((r.value.features[0].geometry as LineString).coordinates[0]).toEqual([100, 2]);
    expect(r.notes.join(' ')).toMatch(/rounded to 7 decimals/);
  });

  it('policy: a GeometryCollection of one member is accepted (geometrycollection_single)', () => {
    const r = accepted('geometrycollection_single.geojson');
    expect(r.value.features[0].geometry.type).toBe('GeometryCollection');
  });

  it.each([
    ['point-toomany.geojson', /4 numbers/],
    ['geometrycollection_nested.geojson', /nested GeometryCollections/],
    ['bad-duplicate-properties.geojson', /"type" twice/],
  ])('policy: %s is rejected (%s)', (file, message) => {
    const r = checkGeoJson(bad(file));
    expect(r.ok ? 'accepted' : r.message).toMatch(message);
  });

  it('the good files include the 3D, bbox and foreign-member cases, accepted as the policy says', () => {
    const good = (file: string) => readFileSync(SUITES.map((s) => path.join(s, 'good', file)).find(existsSync)!, 'utf8');
    const p3 = checkGeoJson(good('good-point-3d.geojson'));
    expect(p3.ok && p3.value.features[0].geometry).toEqual({ type: 'Point', coordinates: [100, 0, 15] });
    const ext = checkGeoJson(good('good-featurecollection-extensions.geojson'));
    expect(ext.ok && 'custom' in ext.value).toBe(false);
    const b3 = checkGeoJson(good('good-featurecollection-bbox3d.geojson'));
    expect(b3.ok).toBe(true);
  });
});
