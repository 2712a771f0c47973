import * as turf from '@turf/turf';
import { unzipSync } from 'fflate';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import * as shapefile from 'shapefile';
import { describe, expect, it } from 'vitest';
import type { ExtractFeature, ExtractMeta } from '../../src/domain/extract/extract-meta.ts';
import { shapefileFieldNames, toShapefileZip } from '../../src/domain/extract/extract-shapefile.ts';

const points: ExtractFeature[] = [
  {
    type: 'Feature', geometry: { type: 'Point', coordinates: [113.312345678912, 23.123456789123] },
    properties: { id: 1, name: '广州某某电子有限公司', subIndustry: 'smart_home', subIndustries: ['smart_home', 'lighting'], revenue: 1234.5, key: true, note: null },
  },
  {
    type: 'Feature', geometry: { type: 'Point', coordinates: [113.28, 23.09] },
    properties: { id: 2, name: 'A&B "公司"', subIndustry: null, subIndustries: [], revenue: -88, key: false, note: '园'.repeat(100) },
  },
  {
    type: 'Feature', geometry: { type: 'Point', coordinates: [113.35, 23.13] },
    properties: { id: 30, name: '天河', subIndustry: 'robots', subIndustries: ['robots'], revenue: null, key: null, note: 'ok' },
  },
];

const parks: ExtractFeature[] = [
  {
    type: 'Feature',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [[113.3, 23.1], [113.32, 23.1], [113.32, 23.12], [113.3, 23.12], [113.3, 23.1]],
        [[113.305, 23.105], [113.305, 23.115], [113.315, 23.115], [113.315, 23.105], [113.305, 23.105]],
      ],
    },
    properties: { id: 7, name: '某某村工业园', category: 'upgrade', areaMu: 312.25, pilotYear: 2020 },
  },
  {
    type: 'Feature',
    geometry: {
      type: 'MultiPolygon',
      coordinates: [
        [[[113.4, 23.2], [113.41, 23.2], [113.41, 23.21], [113.4, 23.21], [113.4, 23.2]]],
        [
          [[113.42, 23.2], [113.45, 23.2], [113.45, 23.23], [113.42, 23.23], [113.42, 23.2]],
          [[113.43, 23.21], [113.43, 23.22], [113.44, 23.22], [113.44, 23.21], [113.43, 23.21]],
        ],
      ],
    },
    properties: { id: 8, name: '两片园区', category: 'convert', areaMu: 45, pilotYear: null },
  },
];

const meta: ExtractMeta = { layer: 'enterprises', filter: { clusters: ['consumer'] }, dataDate: '2026-10-31', demo: false, exportedAt: '2026-11-24T02:30:00.000Z' };
const parkMeta: ExtractMeta = { ...meta, layer: 'parks', demo: true };

function unzip(zip: Uint8Array, base: string) {
  const files = unzipSync(zip);
  const get = (ext: string) => files[`${base}.${ext}`];
  return { names: Object.keys(files).sort(), shp: get('shp'), shx: get('shx'), dbf: get('dbf'), prj: get('prj'), cpg: get('cpg') };
}

const readBack = (f: ReturnType<typeof unzip>): Promise<FeatureCollection> => shapefile.read(f.shp, f.dbf, { encoding: 'utf-8' });

// Rounded to 7 decimals and wound the RFC 7946 way, so only the shape is compared.
const normalised = (g: Geometry | null) => (g ? turf.rewind(turf.truncate(g, { precision: 7 })) : null);

describe('Shapefile extract', () => {
  const fields = ['id', 'name', 'subIndustry', 'subIndustries', 'revenue', 'key', 'note', 'lon', 'lat'];

  it('zips .shp .shx .dbf .prj .cpg named after the layer and date, in UTF-8 and WGS84', () => {
    const f = unzip(toShapefileZip(points, fields, meta), 'enterprises-2026-11-24');
    expect(f.names).toEqual(['dbf', 'cpg', 'prj', 'shp', 'shx'].map((e) => `enterprises-2026-11-24.${e}`).sort());
    expect(new TextDecoder().decode(f.cpg)).toBe('UTF-8');
    expect(new TextDecoder().decode(f.prj)).toMatch(/^GEOGCS\["GCS_WGS_1984",DATUM\["D_WGS_1984",SPHEROID\["WGS_1984",6378137(\.0)?,298\.257223563\]\]/);
  });

  it('reads back points and attributes, Chinese text and numbers included', async () => {
    const fc = await readBack(unzip(toShapefileZip(points, fields, meta), 'enterprises-2026-11-24'));
    expect(fc.features.map((f) => f.geometry)).toEqual(points.map((p) => normalised(p.geometry)));
    expect(fc.features.map((f) => f.properties)).toEqual([
      { id: 1, name: '广州某某电子有限公司', subIndustr: 'smart_home', subIndust1: 'smart_home;lighting', revenue: 1234.5, key: true, note: null, lon: 113.3123457, lat: 23.1234568 },
      // 100 × 园 is 300 UTF-8 bytes: cut to 254 bytes on a character boundary, i.e. 84 characters.
      { id: 2, name: 'A&B "公司"', subIndustr: null, subIndust1: null, revenue: -88, key: false, note: '园'.repeat(84), lon: 113.28, lat: 23.09 },
      { id: 30, name: '天河', subIndustr: 'robots', subIndust1: 'robots', revenue: null, key: null, note: 'ok', lon: 113.35, lat: 23.13 },
    ]);
  });

  it('reads back a polygon with a hole and a multipolygon, and marks demo data', async () => {
    const fc = await readBack(unzip(toShapefileZip(parks, ['name', 'category', 'areaMu', 'pilotYear'], parkMeta), 'parks-2026-11-24'));
    expect(fc.features.map((f) => normalised(f.geometry))).toEqual(parks.map((p) => normalised(p.geometry)));
    expect(fc.features.map((f) => f.properties)).toEqual([
      { name: '某某村工业园', category: 'upgrade', areaMu: 312.25, pilotYear: 2020, demo: true },
      { name: '两片园区', category: 'convert', areaMu: 45, pilotYear: null, demo: true },
    ]);
  });

  it('writes ESRI ring order (outer rings clockwise, holes counter-clockwise) and .shx offsets that match the .shp', () => {
    const f = unzip(toShapefileZip(parks, ['name'], parkMeta), 'parks-2026-11-24');
    const shp = new DataView(f.shp.buffer, f.shp.byteOffset, f.shp.byteLength);
    const shx = new DataView(f.shx.buffer, f.shx.byteOffset, f.shx.byteLength);
    expect(shp.getInt32(0, false)).toBe(9994);
    expect(shp.getInt32(24, false) * 2).toBe(f.shp.byteLength);
    expect(shx.getInt32(24, false) * 2).toBe(f.shx.byteLength);
    expect(shp.getInt32(32, true)).toBe(5);
    expect([36, 44, 52, 60].map((o) => shp.getFloat64(o, true))).toEqual([113.3, 23.1, 113.45, 23.23]);
    const records = (f.shx.byteLength - 100) / 8;
    expect(records).toBe(parks.length);
    const clockwise: boolean[][] = [];
    let expected = 100;
    for (let i = 0; i < records; i++) {
      const offset = shx.getInt32(100 + 8 * i, false) * 2;
      const words = shx.getInt32(104 + 8 * i, false);
      expect(offset).toBe(expected);
      expect(shp.getInt32(offset, false)).toBe(i + 1);
      expect(shp.getInt32(offset + 4, false)).toBe(words);
      const c = offset + 8;
      expect(shp.getInt32(c, true)).toBe(5);
      const [parts, count] = [shp.getInt32(c + 36, true), shp.getInt32(c + 40, true)];
      const starts = Array.from({ length: parts }, (_, j) => shp.getInt32(c + 44 + 4 * j, true));
      const pts = Array.from({ length: count }, (_, j) => [shp.getFloat64(c + 44 + 4 * parts + 16 * j, true), shp.getFloat64(c + 52 + 4 * parts + 16 * j, true)]);
      clockwise.push(starts.map((s, j) => turf.booleanClockwise(pts.slice(s, starts[j + 1] ?? count))));
      expected = offset + 8 + words * 2;
    }
    expect(expected).toBe(f.shp.byteLength);
    expect(clockwise).toEqual([[true, false], [true, true, false]]);
  });

  it('maps field names to at most 10 unique bytes and exposes the mapping', () => {
    const mapping = shapefileFieldNames(['subIndustry', 'subIndustries', 'subIndustryCode', 'SUBINDUSTR', '名称', '2021rev', 'name'], { demo: true });
    expect(mapping).toEqual([
      { field: 'subIndustry', dbfName: 'subIndustr' },
      { field: 'subIndustries', dbfName: 'subIndust1' },
      { field: 'subIndustryCode', dbfName: 'subIndust2' },
      { field: 'SUBINDUSTR', dbfName: 'SUBINDUST3' },
      { field: '名称', dbfName: 'f__' },
      { field: '2021rev', dbfName: 'f2021rev' },
      { field: 'name', dbfName: 'name' },
      { field: 'demo', dbfName: 'demo' },
    ]);
    const names = mapping.map((m) => m.dbfName);
    for (const n of names) expect(new TextEncoder().encode(n).length).toBeLessThanOrEqual(10);
    expect(new Set(names.map((n) => n.toUpperCase())).size).toBe(names.length);
    expect(shapefileFieldNames(['name'], { demo: false })).toEqual([{ field: 'name', dbfName: 'name' }]);
  });

  it('writes the DBF header the dBASE III way: field types, lengths and decimals', () => {
    const f = unzip(toShapefileZip(points, ['name', 'revenue', 'key', 'note', 'lat'], meta), 'enterprises-2026-11-24');
    const v = new DataView(f.dbf.buffer, f.dbf.byteOffset, f.dbf.byteLength);
    expect(v.getUint8(0)).toBe(3);
    expect([v.getUint8(1) + 1900, v.getUint8(2), v.getUint8(3)]).toEqual([2026, 11, 24]);
    expect(v.getUint32(4, true)).toBe(3);
    const fieldsOut = Array.from({ length: 5 }, (_, i) => {
      const at = 32 + 32 * i;
      const raw = f.dbf.subarray(at, at + 11);
      return { name: new TextDecoder().decode(raw.subarray(0, raw.indexOf(0))), type: String.fromCharCode(v.getUint8(at + 11)), length: v.getUint8(at + 16), decimals: v.getUint8(at + 17) };
    });
    expect(fieldsOut).toEqual([
      { name: 'name', type: 'C', length: new TextEncoder().encode('广州某某电子有限公司').length, decimals: 0 },
      { name: 'revenue', type: 'N', length: 6, decimals: 1 },
      { name: 'key', type: 'L', length: 1, decimals: 0 },
      // The longest note is cut to 254 bytes, which ends inside a 3-byte character: 252 remain.
      { name: 'note', type: 'C', length: 252, decimals: 0 },
      { name: 'lat', type: 'N', length: 10, decimals: 7 },
    ]);
    expect(v.getUint8(32 + 32 * 5)).toBe(0x0d);
    expect(v.getUint16(10, true)).toBe(1 + 30 + 6 + 1 + 252 + 10);
    expect(f.dbf[f.dbf.length - 1]).toBe(0x1a);
  });

  it('refuses to mix points and polygons in one shapefile, and writes an empty selection', async () => {
    expect(() => toShapefileZip([...points, ...parks], ['name'], meta)).toThrow(/one geometry type/);
    const f = unzip(toShapefileZip([], ['name'], parkMeta), 'parks-2026-11-24');
    expect(new DataView(f.shp.buffer, f.shp.byteOffset).getInt32(32, true)).toBe(5);
    expect((await readBack(f)).features).toEqual([]);
  });

  it('writes a feature without geometry as a null shape that keeps its attributes', async () => {
    const withNull: ExtractFeature[] = [points[0], { type: 'Feature', geometry: null, properties: { name: '无坐标' } } as Feature<null>];
    const fc = await readBack(unzip(toShapefileZip(withNull, ['name'], meta), 'enterprises-2026-11-24'));
    expect(fc.features.map((x) => x.geometry?.type ?? null)).toEqual(['Point', null]);
    expect(fc.features[1].properties).toEqual({ name: '无坐标' });
  });
});
