import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import * as turf from '@turf/turf';
import type { Feature, GeometryCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { toKmlExtract } from '../../src/domain/extract/extract-kml.ts';
import type { ExtractFeature, ExtractMeta } from '../../src/domain/extract/extract-meta.ts';

const features: ExtractFeature[] = [
  {
    type: 'Feature', geometry: { type: 'Point', coordinates: [113.312345678912, 23.123456789123] },
    properties: { id: 1, name: '广州某某电子有限公司', tags: ['规模以上', '高新技术企业'], revenue: 1234.5, key: true, note: null },
  },
  {
    type: 'Feature', geometry: { type: 'Point', coordinates: [113.28, 23.09] },
    properties: { id: 2, name: 'A&B <测试> "公司" ]]> \'x\'', tags: [], revenue: 88, key: false, note: '</description><x>' },
  },
  {
    type: 'Feature',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [[113.3, 23.1], [113.3, 23.12], [113.32, 23.12], [113.32, 23.1], [113.3, 23.1]],
        [[113.305, 23.105], [113.315, 23.105], [113.315, 23.115], [113.305, 23.115], [113.305, 23.105]],
      ],
    },
    properties: { id: 7, name: '某某村工业园', tags: null, revenue: null, key: null, note: null },
  },
  {
    type: 'Feature',
    geometry: {
      type: 'MultiPolygon',
      coordinates: [
        [[[113.4, 23.2], [113.41, 23.2], [113.41, 23.21], [113.4, 23.21], [113.4, 23.2]]],
        [[[113.42, 23.2], [113.43, 23.2], [113.43, 23.21], [113.42, 23.21], [113.42, 23.2]]],
      ],
    },
    properties: { id: 8, name: '两片园区', tags: null, revenue: 45, key: null, note: null },
  },
];

const meta: ExtractMeta = { layer: 'parks', filter: { districts: ['440111'] }, dataDate: '2026-10-31', demo: true, exportedAt: '2026-11-24T02:30:00.000Z' };

function parseXml(text: string) {
  return new DOMParser({
    onError: (level: string, message: string) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(text, 'text/xml');
}

const readBack = (text: string): Feature[] => kml(parseXml(text) as unknown as Document).features as Feature[];

// Positions of a geometry with rings in one orientation, so KML's own ring order does not matter.
const positions = (f: Feature): Position[] => turf.coordAll(turf.rewind(f as Feature<Polygon | MultiPolygon>) as Feature);

describe('KML extract', () => {
  const fields = ['name', 'tags', 'revenue', 'key', 'note'];
  const text = toKmlExtract(features, fields, meta);

  it('is well-formed XML with an XML declaration, and escapes markup in data', () => {
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(() => parseXml(text)).not.toThrow();
    expect(text).not.toContain('A&B <测试>');
    expect(text).not.toContain('</description><x>');
  });

  it('reads back with togeojson as the same features, names and coordinates', () => {
    const back = readBack(text);
    expect(back).toHaveLength(features.length);
    expect(back.map((f) => f.properties?.name)).toEqual(features.map((f) => f.properties?.name));
    back.forEach((f, i) => {
      // togeojson reads a MultiGeometry of polygons back as a GeometryCollection.
      expect(f.geometry.type).toBe(features[i].geometry?.type === 'MultiPolygon' ? 'GeometryCollection' : features[i].geometry?.type);
      const want = positions(features[i] as Feature);
      const got = positions(f);
      expect(got).toHaveLength(want.length);
      got.forEach((p, j) => {
        expect(Math.abs(p[0] - want[j][0])).toBeLessThanOrEqual(1e-7 + 1e-12);
        expect(Math.abs(p[1] - want[j][1])).toBeLessThanOrEqual(1e-7 + 1e-12);
      });
    });
    expect((back[2].geometry as Polygon).coordinates).toHaveLength(2);
    expect((back[3].geometry as GeometryCollection).geometries.map((g) => g.type)).toEqual(['Polygon', 'Polygon']);
  });

  it('keeps the chosen fields as ExtendedData text: tags joined with ";", null empty', () => {
    const [first, second, park] = readBack(text);
    expect(first.properties).toMatchObject({ tags: '规模以上;高新技术企业', revenue: '1234.5', key: 'true', note: '' });
    expect(second.properties).toMatchObject({ note: '</description><x>' });
    expect(park.properties).toMatchObject({ name: '某某村工业园', revenue: '' });
  });

  it('names the document after the layer and date and describes demo data', () => {
    const doc = parseXml(text);
    const documentEl = doc.getElementsByTagName('Document')[0];
    const childText = (tag: string) => Array.from(documentEl.childNodes).find((n) => n.nodeName === tag)?.textContent;
    expect(childText('name')).toBe('parks 2026-11-24');
    expect(childText('description')).toMatch(/demo/i);
    expect(childText('description')).toContain('440111');
    const real = parseXml(toKmlExtract(features, fields, { ...meta, demo: false }));
    const realDoc = real.getElementsByTagName('Document')[0];
    expect(Array.from(realDoc.childNodes).find((n) => n.nodeName === 'description')?.textContent).not.toMatch(/demo/i);
  });

  it('writes an empty selection as an empty, well-formed document', () => {
    const empty = toKmlExtract([], fields, meta);
    expect(readBack(empty)).toEqual([]);
  });
});
