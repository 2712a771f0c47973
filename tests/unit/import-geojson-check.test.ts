// checkGeoJson's written policy (docs/imports.md, "GeoJSON policy"), case by case.
import { describe, expect, it } from 'vitest';
import { checkGeoJson } from '../../src/domain/import/geojson-check.ts';

const ok = (v: unknown) => {
  const r = checkGeoJson(typeof v === 'string' ? v : JSON.stringify(v));
  if (!r.ok) throw new Error(r.message);
  return r;
};
const fail = (v: unknown) => {
  const r = checkGeoJson(typeof v === 'string' ? v : JSON.stringify(v));
  if (r.ok) throw new Error('accepted');
  return r.message;
};
const point = { type: 'Point', coordinates: [113.3, 23.1] };

describe('checkGeoJson', () => {
  it('returns a FeatureCollection for a geometry, a feature or a collection', () => {
    expect(ok(point).value).toEqual({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: point }] });
    expect(ok({ type: 'Feature', id: 7, properties: { a: 1 }, geometry: point }).value.features[0]).toEqual({ type: 'Feature', id: 7, properties: { a: 1 }, geometry: point });
    expect(ok({ type: 'FeatureCollection', features: [] }).value.features).toEqual([]);
  });

  it('reports JSON syntax errors with line and column, never throwing', () => {
    expect(fail('{\n  "type": "Point",\n  "coordinates": [1, 2,]\n}')).toMatch(/^The file is not valid JSON: .*line 3/);
    expect(fail('')).toMatch(/^The file is not valid JSON/);
    expect(fail('['.repeat(100000))).toMatch(/^The file is not valid JSON/);
    expect(fail('['.repeat(5000) + ']'.repeat(5000))).toMatch(/root of a GeoJSON file must be an object/);
  });

  it('rewinds rings to the right-hand rule and rounds to 7 decimals, saying so', () => {
    const r = ok({ type: 'Polygon', coordinates: [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]], [[0.2, 0.2], [0.8, 0.2], [0.8, 0.8], [0.2, 0.8], [0.2, 0.2]]] });
    expect(r.value.features[0].geometry).toEqual({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], [[0.2, 0.2], [0.2, 0.8], [0.8, 0.8], [0.8, 0.2], [0.2, 0.2]]] });
    expect(r.notes).toEqual(['2 polygon rings were rewound to the right-hand rule (RFC 7946 §3.1.6).']);
    const p = ok({ type: 'Point', coordinates: [113.123456789, 23.000000049] });
    expect(p.value.features[0].geometry).toEqual({ type: 'Point', coordinates: [113.1234568, 23] });
    expect(p.notes).toEqual(['Coordinates were rounded to 7 decimals (about 1 cm).']);
  });

  it('keeps a height, refuses a fourth number and non-finite numbers', () => {
    expect(ok({ type: 'Point', coordinates: [113.3, 23.1, 12.5] }).value.features[0].geometry).toEqual({ type: 'Point', coordinates: [113.3, 23.1, 12.5] });
    expect(fail({ type: 'Point', coordinates: [113.3, 23.1, 0, 5] })).toBe('The GeoJSON is invalid: coordinates: a position has 4 numbers; only longitude, latitude and an optional height are accepted.');
    expect(fail('{"type":"Point","coordinates":[1e400,2]}')).toMatch(/too large/);
  });

  it('accepts a WGS84 or CGCS2000 crs member (GeoJSON 2008) and refuses others', () => {
    const named = (name: string) => ({ ...point, crs: { type: 'name', properties: { name } } });
    expect(ok(named('urn:ogc:def:crs:OGC:1.3:CRS84')).notes[0]).toMatch(/read as WGS84/);
    expect(ok(named('EPSG:4326')).ok).toBe(true);
    expect(ok(named('urn:ogc:def:crs:EPSG::4490')).ok).toBe(true);
    expect(ok({ ...point, crs: null }).notes).toEqual([]);
    expect(fail(named('urn:ogc:def:crs:EPSG::3857'))).toMatch(/declares the coordinate system "urn:ogc:def:crs:EPSG::3857".*re-project the file to WGS84/);
    expect(fail({ ...point, crs: { type: 'link', properties: { href: 'x' } } })).toMatch(/declares the coordinate system/);
  });

  it('checks bbox, then drops it; drops foreign members; refuses members that change semantics', () => {
    const r = ok({ type: 'Feature', bbox: [1, 2, 3, 4], custom: { x: 1 }, properties: null, geometry: { ...point, bbox: [113.3, 23.1, 113.3, 23.1], title: 'x' } });
    expect(r.value.features[0]).toEqual({ type: 'Feature', properties: null, geometry: point });
    expect(fail({ ...point, bbox: [1, 2, 3, 4, 5] })).toMatch(/bbox must have 4 numbers/);
    expect(fail({ type: 'Feature', properties: {}, geometry: point, geometries: [] })).toMatch(/a Feature must not have a "geometries" member/);
  });

  it('refuses duplicate member names, also when spelled with escapes', () => {
    expect(fail('{"type":"Point","coordinates":[1,2],"\\u0074ype":"Point"}')).toBe('The file is ambiguous: an object on line 1 has the member "type" twice.');
    // The same name in different objects is fine, and so are repeated values.
    expect(ok('{"type":"Feature","properties":{"type":"a","b":"type"},"geometry":{"type":"Point","coordinates":[1,2]}}').ok).toBe(true);
  });

  it('accepts a GeometryCollection of one, refuses a nested one', () => {
    expect(ok({ type: 'GeometryCollection', geometries: [point] }).ok).toBe(true);
    expect(fail({ type: 'GeometryCollection', geometries: [{ type: 'GeometryCollection', geometries: [] }] })).toMatch(/nested GeometryCollections/);
  });

  it('does not check ranges (the validators do, per row)', () => {
    expect(ok({ type: 'Point', coordinates: [500000, 2500000] }).ok).toBe(true);
  });

  it('accepts a BOM and reports at most three problems with their paths', () => {
    expect(ok('\ufeff' + JSON.stringify(point)).ok).toBe(true);
    const bad = { type: 'FeatureCollection', features: [1, 2, 3, 4, 5] };
    expect(fail(bad)).toBe('The GeoJSON is invalid: features[0]: every feature must be an object, not a number; features[1]: every feature must be an object, not a number; features[2]: every feature must be an object, not a number (and 2 more).');
  });
});
