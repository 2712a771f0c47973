import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_BOM } from '../../src/domain/csv.ts';
import { toCsvExtract } from '../../src/domain/extract/extract-csv.ts';
import type { ExtractFeature, ExtractMeta } from '../../src/domain/extract/extract-meta.ts';

const points: ExtractFeature[] = [
  {
    type: 'Feature', geometry: { type: 'Point', coordinates: [113.312345678912, 23.123456789123] },
    properties: { id: 1, name: '广州某某电子有限公司', tags: ['规模以上', '高新技术企业'], revenue: 1234.5, key: true, note: null },
  },
  {
    type: 'Feature', geometry: { type: 'Point', coordinates: [113.28, 23.09] },
    properties: { id: 2, name: '=cmd|" /C calc"!A0', tags: [], revenue: -88, key: false, note: 'a "quoted", text\nsecond line' },
  },
  {
    type: 'Feature', geometry: { type: 'Point', coordinates: [113.35, 23.13] },
    properties: { id: 3, name: '天河 &lt;某&gt; 公司', tags: ['专精特新'], revenue: 0, key: null, note: '', lon: 113.351, lat: 23.131 },
  },
];

const meta: ExtractMeta = { layer: 'enterprises', filter: { tags: ['hightech'] }, dataDate: '2026-10-31', demo: false, exportedAt: '2026-11-24T02:30:00.000Z' };

function readBack(csv: string): string[][] {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('CSV extract', () => {
  const fields = ['id', 'name', 'tags', 'revenue', 'key', 'note'];

  it('starts with the UTF-8 BOM and reads back with papaparse as the same rows', () => {
    const csv = toCsvExtract(points, fields, meta);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(readBack(csv)).toEqual([
      fields,
      ['1', '广州某某电子有限公司', '规模以上;高新技术企业', '1234.5', 'true', ''],
      ['2', `'=cmd|" /C calc"!A0`, '', `'-88`, 'false', 'a "quoted", text\nsecond line'],
      ['3', '天河 &lt;某&gt; 公司', '专精特新', '0', '', ''],
    ]);
  });

  it('neutralises formula cells and keeps Chinese text intact', () => {
    const csv = toCsvExtract(points, ['name'], meta);
    expect(csv).not.toMatch(/^"?=cmd/m);
    expect(csv).toContain('广州某某电子有限公司');
  });

  it('takes lon/lat from the point geometry when chosen and not among the properties', () => {
    const rows = readBack(toCsvExtract(points, ['id', 'lon', 'lat'], meta));
    expect(rows[0]).toEqual(['id', 'lon', 'lat']);
    expect(rows[1]).toEqual(['1', '113.3123457', '23.1234568']);
    expect(rows[3]).toEqual(['3', '113.351', '23.131']);
  });

  it('marks demo data with a demo column on every row, and only then', () => {
    const demo = readBack(toCsvExtract(points, ['id', 'name'], { ...meta, demo: true }));
    expect(demo[0]).toEqual(['id', 'name', 'demo']);
    expect(demo.slice(1).map((r) => r[2])).toEqual(['true', 'true', 'true']);
    expect(demo).toHaveLength(4);
    expect(readBack(toCsvExtract(points, ['id', 'name'], meta))[0]).toEqual(['id', 'name']);
  });

  it('writes only the header for an empty selection', () => {
    expect(toCsvExtract([], ['id', 'name'], meta)).toBe(`${CSV_BOM}id,name\r\n`);
  });
});
