// The zones validator (the classification standard's layers): headers suggested in both scripts,
// zone types read from codes and names, polygon checks per row, duplicates, far-away outlines.
import type { Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../../src/domain/import/column-mapping.ts';
import type { SourceRow, SourceTable } from '../../src/domain/import/import-types.ts';
import { validateZones } from '../../src/domain/import/validate-zones.ts';

function table(headers: string[], rows: (string | null)[][], geometries: (Geometry | null)[]): SourceTable {
  return {
    format: 'geojson', encoding: null, headers,
    rows: rows.map((r, i): SourceRow => ({ row: i + 1, cells: Object.fromEntries(headers.map((h, k) => [h, r[k] ?? null])), geometry: geometries[i] })),
  };
}
const square = (lon: number, lat: number, d: number) => [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]];

describe('zones: mapping and validation', () => {
  it('suggests the mapping from Simplified and Traditional headers', () => {
    expect(suggestMapping('zones', ['编号', '名称', '区域类型'])).toEqual({ code: '编号', name: '名称', zoneType: '区域类型' });
    expect(suggestMapping('zones', ['編號', '名稱', '區域類型'])).toEqual({ code: '編號', name: '名稱', zoneType: '區域類型' });
  });

  it('accepts polygons and multipolygons as MultiPolygons and rejects bad rows one by one', () => {
    const headers = ['编号', '名称', '区域类型'];
    const t = table(headers, [
      ['Z1', '帽峰山生态红线', '生态保护红线'],
      ['Z2', '基本农田片', '基本農田'],
      ['Z3', '不明', '月球'],
      ['Z4', '', ''],
      ['Z1', '重复', 'urban renewal'],
      ['Z5', '北京', '城市更新'],
      ['Z6', '点', '城市更新'],
    ], [
      { type: 'Polygon', coordinates: square(113.4, 23.4, 0.01) },
      { type: 'MultiPolygon', coordinates: [square(113.3, 23.3, 0.01), square(113.32, 23.3, 0.01)] },
      { type: 'Polygon', coordinates: square(113.3, 23.2, 0.01) },
      { type: 'Polygon', coordinates: square(113.3, 23.1, 0.01) },
      { type: 'Polygon', coordinates: square(113.3, 23.0, 0.01) },
      { type: 'Polygon', coordinates: square(116.4, 39.9, 0.01) },
      { type: 'Point', coordinates: [113.3, 23.1] },
    ]);
    const r = validateZones(t, { code: '编号', name: '名称', zoneType: '区域类型' }, 'wgs84');
    expect(r.records.map((x) => [x.code, x.zoneType, x.geometry.type, x.geometry.coordinates.length])).toEqual([['Z2', 'basicFarmland', 'MultiPolygon', 2]]);
    const codes = (row: number) => r.issues.filter((i) => i.row === row && i.severity === 'error').map((i) => i.code);
    expect(codes(1)).toContain('duplicate_code');
    expect(codes(3)).toEqual(['unknown_zone_type']);
    expect(codes(4)).toEqual(expect.arrayContaining(['missing_name', 'missing_zone_type']));
    expect(codes(5)).toContain('duplicate_code');
    expect(codes(6)).toEqual(['outside_city']);
    expect(codes(7)).toEqual(['geometry_not_polygon']);
  });
});
