import * as turf from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { toGeoJsonExtract } from '../../src/domain/extract/extract-geojson.ts';
import { extractFileName, pickFields, type ExtractFeature, type ExtractMeta } from '../../src/domain/extract/extract-meta.ts';
import { geojsonValidationErrors } from '../helpers/geojson-validation.ts';
import { collectionProblems } from '../helpers/rfc7946.ts';

const points: ExtractFeature[] = [
  {
    type: 'Feature', geometry: { type: 'Point', coordinates: [113.312345678912, 23.123456789123] },
    properties: { id: 1, name: '广州某某电子有限公司', cluster: 'display', tags: ['规模以上', '高新技术企业'], revenue: 1234.5, key: true, note: null },
  },
  {
    type: 'Feature', geometry: { type: 'Point', coordinates: [113.28, 23.09] },
    properties: { id: 2, name: '=HYPERLINK("x")', cluster: 'auto', tags: [], revenue: 88, key: false, note: 'a "quoted", text' },
  },
];

// Exterior ring clockwise (north, east, south) and hole counter-clockwise: both wrong for RFC 7946.
const clockwisePark: ExtractFeature = {
  type: 'Feature',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [[113.3, 23.1], [113.3, 23.12], [113.32, 23.12], [113.32, 23.1], [113.3, 23.1]],
      [[113.305, 23.105], [113.315, 23.105], [113.315, 23.115], [113.305, 23.115], [113.305, 23.105]],
    ],
  },
  properties: { id: 7, name: '某某村工业园', category: 'upgrade', areaMu: 312.25 },
};

const multiPark: ExtractFeature = {
  type: 'Feature',
  geometry: {
    type: 'MultiPolygon',
    coordinates: [
      [[[113.4, 23.2], [113.41, 23.2], [113.41, 23.21], [113.4, 23.21], [113.4, 23.2]]],
      [[[113.42, 23.2], [113.42, 23.21], [113.43, 23.21], [113.43, 23.2], [113.42, 23.2]]],
    ],
  },
  properties: { id: 8, name: '两片园区', category: 'convert', areaMu: 45 },
};

const meta: ExtractMeta = {
  layer: 'enterprises', filter: { clusters: ['display'], area: 'drawn polygon' }, dataDate: '2026-10-31', demo: true,
  exportedAt: '2026-11-24T02:30:00.000Z',
};

const parse = (s: string) => JSON.parse(s) as FeatureCollection & { demo: boolean; export: Record<string, unknown> };
const allPositions = (fc: FeatureCollection): Position[] => fc.features.flatMap((f) => turf.coordAll(f));

describe('GeoJSON extract', () => {
  const fields = ['id', 'name', 'cluster', 'tags', 'revenue', 'key', 'note'];

  it('is valid GeoJSON and RFC 7946 (ranges, closed rings, winding), without a crs member', () => {
    const fc = parse(toGeoJsonExtract([...points, clockwisePark, multiPark], fields, meta));
    expect(geojsonValidationErrors(fc)).toEqual([]);
    expect(collectionProblems(fc)).toEqual([]);
    expect(fc).not.toHaveProperty('crs');
    expect(fc.features).toHaveLength(4);
  });

  it('rewinds a clockwise exterior ring counter-clockwise and its hole clockwise, without touching the input', () => {
    const input = clockwisePark.geometry as Polygon;
    expect(turf.booleanClockwise(input.coordinates[0])).toBe(true);
    const before = JSON.stringify(clockwisePark);
    const out = parse(toGeoJsonExtract([clockwisePark], ['name'], meta)).features[0].geometry as Polygon;
    expect(turf.booleanClockwise(out.coordinates[0])).toBe(false);
    expect(turf.booleanClockwise(out.coordinates[1])).toBe(true);
    expect(turf.area(out)).toBeCloseTo(turf.area(input), 3);
    expect(JSON.stringify(clockwisePark)).toBe(before);
    const multi = parse(toGeoJsonExtract([multiPark], ['name'], meta)).features[0].geometry as MultiPolygon;
    for (const poly of multi.coordinates) expect(turf.booleanClockwise(poly[0])).toBe(false);
  });

  it('rounds coordinates to at most 7 decimals, within 1e-7 of the input', () => {
    const fc = parse(toGeoJsonExtract(points, ['id'], meta));
    for (const p of allPositions(fc)) for (const n of p) expect(String(n).split('.')[1]?.length ?? 0).toBeLessThanOrEqual(7);
    expect(fc.features[0].geometry).toEqual({ type: 'Point', coordinates: [113.3123457, 23.1234568] });
    const [lon, lat] = (points[0].geometry as { coordinates: Position }).coordinates;
    const [outLon, outLat] = turf.getCoord(fc.features[0] as never);
    expect(Math.abs(outLon - lon)).toBeLessThanOrEqual(1e-7);
    expect(Math.abs(outLat - lat)).toBeLessThanOrEqual(1e-7);
  });

  it('keeps the chosen properties without loss, in the chosen order, with id from properties.id', () => {
    const chosen = ['name', 'tags', 'revenue', 'key', 'note', 'missing'];
    const fc = parse(toGeoJsonExtract(points, chosen, meta));
    fc.features.forEach((f, i) => {
      expect(f.properties).toEqual(pickFields(points[i].properties, chosen));
      expect(Object.keys(f.properties ?? {})).toEqual(chosen);
      expect(f.id).toBe(points[i].properties?.id);
    });
    expect(fc.features[0].properties?.tags).toEqual(['规模以上', '高新技术企业']);
    expect(fc.features[1].properties?.missing).toBeNull();
  });

  it('carries demo, dataDate, exportedAt, filters and fields like the server export', () => {
    const fc = parse(toGeoJsonExtract(points, fields, meta));
    expect(fc.demo).toBe(true);
    expect(fc.export).toMatchObject({
      layer: 'enterprises', format: 'geojson', filters: meta.filter, dataDate: '2026-10-31', demo: true,
      exportedAt: '2026-11-24T02:30:00.000Z', fields,
    });
    expect(String(fc.export.notice)).toMatch(/demo/i);
    const real = parse(toGeoJsonExtract(points, fields, { ...meta, demo: false, dataDate: null }));
    expect(real.demo).toBe(false);
    expect(real.export).not.toHaveProperty('notice');
    expect(real.export.dataDate).toBeNull();
  });

  it('writes an empty selection as an empty, valid collection', () => {
    const fc = parse(toGeoJsonExtract([], fields, meta));
    expect(fc.features).toEqual([]);
    expect(geojsonValidationErrors(fc)).toEqual([]);
  });
});

describe('extract file names', () => {
  it('use the date in Guangzhou and the format extension', () => {
    const lateUtc = new Date('2026-11-23T17:00:00Z'); // 01:00 on the 24th in Guangzhou
    expect(extractFileName('enterprises', 'geojson', lateUtc)).toBe('enterprises-2026-11-24.geojson');
    expect(extractFileName('parks', 'csv', lateUtc)).toBe('parks-2026-11-24.csv');
    expect(extractFileName('value-parks', 'kml', lateUtc)).toBe('value-parks-2026-11-24.kml');
    expect(extractFileName('parks', 'shapefile', new Date('2026-11-24T15:59:59Z'))).toBe('parks-2026-11-24.zip');
  });
});
