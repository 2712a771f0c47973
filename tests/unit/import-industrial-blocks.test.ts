// The industrial-block validator (工业产业区块): Chinese headers suggested, control levels read, the
// polygon checks per row (and per part of a MultiPolygon), area from the file or the outline.
import { readFileSync } from 'node:fs';
import type { FeatureCollection, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { suggestMapping, suggestUnits } from '../../src/domain/import/column-mapping.ts';
import { createCityArea } from '../../src/domain/import/coordinates.ts';
import type { SourceRow, SourceTable } from '../../src/domain/import/import-types.ts';
import { parseBlockLevel, validateIndustrialBlocks } from '../../src/domain/import/validate-industrial-blocks.ts';

const city = createCityArea(JSON.parse(readFileSync('data/boundaries/guangzhou-districts.geojson', 'utf8')) as FeatureCollection);

function table(headers: string[], rows: (string | number | null)[][], geometries: (Geometry | null)[]): SourceTable {
  return {
    format: 'geojson', encoding: null, headers,
    rows: rows.map((r, i): SourceRow => ({ row: i + 1, cells: Object.fromEntries(headers.map((h, k) => [h, r[k] ?? null])), geometry: geometries[i] })),
  };
}
const square = (lon: number, lat: number, d: number) => [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]];

describe('industrial blocks: mapping and validation', () => {
  it('suggests the mapping from Simplified and Traditional headers, with the area unit', () => {
    expect(suggestMapping('industrialBlocks', ['区块编号', '区块名称', '级别', '面积(亩)'])).toEqual({ code: '区块编号', name: '区块名称', level: '级别', areaMu: '面积(亩)' });
    expect(suggestMapping('industrialBlocks', ['編號', '名稱', '控制線級別', '面積(公頃)'])).toEqual({ code: '編號', name: '名稱', level: '控制線級別', areaMu: '面積(公頃)' });
    expect(suggestUnits('industrialBlocks', { areaMu: '面积(公顷)' })).toEqual({ areaMu: 15 });
  });

  it('reads the control levels', () => {
    expect(parseBlockLevel('一级控制线')).toBe('first');
    expect(parseBlockLevel(' 二級控制線 ')).toBe('second');
    expect(parseBlockLevel('2')).toBe('second');
    expect(parseBlockLevel('First')).toBe('first');
    expect(parseBlockLevel('')).toBeNull();
    expect(parseBlockLevel('三级')).toBeUndefined();
  });

  it('accepts polygons and multipolygons, computes the area, and rejects bad rows one by one', () => {
    const headers = ['编号', '名称', '级别', '面积(亩)'];
    const t = table(headers, [
      ['A', '甲', '一级控制线', null],
      ['B', '乙', '', 100],
      ['C', '丙', '三级', null],
      ['D', '丁', '二级', null],
      ['A', '戊', '一级', null],
    ], [
      { type: 'Polygon', coordinates: square(113.4, 23.1, 0.01) },
      { type: 'MultiPolygon', coordinates: [square(113.5, 23.1, 0.005), square(113.52, 23.1, 0.005)] },
      { type: 'Polygon', coordinates: square(113.45, 23.15, 0.01) },
      { type: 'MultiPolygon', coordinates: [square(113.3, 23.1, 0.01), [[[113.3, 23.1], [113.31, 23.11], [113.31, 23.1], [113.3, 23.11], [113.3, 23.1]]]] },
      { type: 'Polygon', coordinates: square(113.42, 23.2, 0.01) },
    ]);
    const r = validateIndustrialBlocks(t, suggestMapping('industrialBlocks', headers), 'wgs84', { city });
    expect(r.records.map((x) => x.code)).toEqual(['B']);
    const b = r.records[0];
    expect(b).toMatchObject({ name: '乙', level: null, areaMu: 100 });
    expect(b.geometry.type).toBe('MultiPolygon');
    const err = (row: number) => r.issues.filter((i) => i.row === row && i.severity === 'error').map((i) => i.code);
    expect(err(1)).toEqual(['duplicate_code']);
    expect(err(3)).toEqual(['unknown_block_level']);
    expect(err(4)).toEqual(['self_intersection']);
    expect(r.issues.find((i) => i.row === 4)!.params).toMatchObject({ part: 2 });
    expect(err(5)).toEqual(['duplicate_code']);
    // The given 100 mu is far from the outline's (two 0.005° squares ≈ 0.5 km² ≈ 760 mu): a warning only.
    expect(r.issues.find((i) => i.row === 2)).toMatchObject({ code: 'area_mismatch', severity: 'warning' });

    const ok = validateIndustrialBlocks(table(headers, [['A', '甲', '一级', null]], [{ type: 'Polygon', coordinates: square(113.4, 23.1, 0.01) }]), suggestMapping('industrialBlocks', headers), 'wgs84', { city });
    // 0.01° × 0.01° at 23.1°N ≈ 1.024 km × 1.113 km ≈ 1.14 km² ≈ 1,710 mu.
    expect(ok.records[0].areaMu).toBeGreaterThan(1650);
    expect(ok.records[0].areaMu).toBeLessThan(1760);
  });

  it('rejects a block outside Guangzhou and a point', () => {
    const headers = ['编号', '名称'];
    const r = validateIndustrialBlocks(table(headers, [['X', '北京'], ['Y', '点']], [
      { type: 'Polygon', coordinates: square(116.4, 39.9, 0.01) }, { type: 'Point', coordinates: [113.4, 23.1] },
    ]), suggestMapping('industrialBlocks', headers), 'wgs84', { city });
    expect(r.records).toEqual([]);
    expect(r.issues.map((i) => i.code)).toEqual(['outside_city', 'geometry_not_polygon']);
  });
});
