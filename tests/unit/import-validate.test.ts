// The validators, rule by rule: which rows pass, which fail, with which code and message.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import gcoord from 'gcoord';
import * as turf from '@turf/turf';
import type { FeatureCollection, Geometry, Polygon } from 'geojson';
import { makeCreditCode } from '../../src/domain/credit-code.ts';
import { taxonomy } from '../../src/domain/taxonomy.ts';
import { createCityArea } from '../../src/domain/import/coordinates.ts';
import { suggestMapping } from '../../src/domain/import/column-mapping.ts';
import type { ColumnMapping, RowIssue, SourceRow, SourceTable, ValidationReport } from '../../src/domain/import/import-types.ts';
import { validateEnterprises } from '../../src/domain/import/validate-enterprises.ts';
import { validateParks } from '../../src/domain/import/validate-parks.ts';
import { validateDistricts } from '../../src/domain/import/validate-districts.ts';
import { validateImport } from '../../src/domain/import/validate-import.ts';

const districts = JSON.parse(readFileSync('data/boundaries/guangzhou-districts.geojson', 'utf8')) as FeatureCollection;
const city = createCityArea(districts);

type Value = string | number | null;
/** A table as a CSV reader would make it: header on line 1, data from line 2. */
function table(headers: string[], rows: Value[][], geometries?: (Geometry | null)[]): SourceTable {
  return {
    format: geometries ? 'geojson' : 'csv',
    encoding: geometries ? null : 'utf-8',
    headers,
    rows: rows.map((r, i): SourceRow => ({ row: i + 2, cells: Object.fromEntries(headers.map((h, k) => [h, r[k] ?? null])), ...(geometries ? { geometry: geometries[i] } : {}) })),
  };
}
const errorsOf = (r: ValidationReport, row?: number) => r.issues.filter((i) => i.severity === 'error' && (row === undefined || i.row === row));
const codes = (issues: RowIssue[]) => issues.map((i) => i.code);

const code1 = makeCreditCode('440106', '12345678');
const code2 = makeCreditCode('440112', '87654321');
const code3 = makeCreditCode('440113', '11223344');
const TIANHE: [number, number] = [113.3612, 23.1247];

const EH = ['统一社会信用代码', '企业名称', '所属集群', '细分行业', '未来产业', '标签', '营业收入(万元)', '从业人员', '地址', '经度', '纬度'];
const good = (code: string, over: Partial<Record<string, Value>> = {}): Value[] => {
  const base: Record<string, Value> = { '统一社会信用代码': code, '企业名称': '广州某某汽车零部件有限公司', '所属集群': '汽车', '细分行业': '汽车零部件', '未来产业': '', '标签': '专精特新、高新技术企业', '营业收入(万元)': '12,345.6', '从业人员': 120, '地址': '天河区某路1号', '经度': TIANHE[0], '纬度': TIANHE[1], ...over };
  return EH.map((h) => base[h]);
};
const enterprises = (rows: Value[][], crs: 'wgs84' | 'gcj02' | 'bd09' | 'cgcs2000' = 'wgs84', mapping: ColumnMapping = suggestMapping('enterprises', EH)) => validateEnterprises(table(EH, rows), mapping, crs, { city });

describe('enterprises', () => {
  it('accepts a good row: labels to codes, revenue in yuan from 万元, WGS84 rounded', () => {
    const r = enterprises([good(code1)]);
    expect(r.issues).toEqual([]);
    expect(r.units).toEqual({ revenue: 1e4 });
    expect(r.records).toEqual([
      { row: 2, creditCode: code1, name: '广州某某汽车零部件有限公司', cluster: 'auto', subIndustry: 'auto-parts', industryCode: null, futureIndustry: null, tags: ['srdi', 'high-tech'], revenue: 123456000, employees: 120, address: '天河区某路1号', lon: TIANHE[0], lat: TIANHE[1] },
    ]);
    expect(r).toMatchObject({ kind: 'enterprises', format: 'csv', encoding: 'utf-8', crs: 'wgs84', total: 1 });
  });

  it('checks the credit code: missing, length, characters, check character, lower case and full width tolerated', () => {
    const wrongCheck = code1.slice(0, 17) + (code1[17] === '0' ? '1' : '0');
    const r = enterprises([good(''), good('91440101MA59'), good(code1.slice(0, 17) + 'O'), good(wrongCheck), good(code2.toLowerCase()), good(code3.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))))]);
    expect(codes(errorsOf(r, 2))).toEqual(['missing_credit_code']);
    expect(errorsOf(r, 3)[0]).toMatchObject({ field: 'creditCode', code: 'credit_code_length' });
    expect(errorsOf(r, 3)[0].message).toBe('Row 3, credit code (column "统一社会信用代码"): "91440101MA59" has 12 characters; a unified social credit code has 18.');
    expect(errorsOf(r, 4)[0].code).toBe('credit_code_charset');
    expect(errorsOf(r, 4)[0].message).toContain('"O"');
    expect(errorsOf(r, 5)[0].code).toBe('credit_code_check');
    expect(errorsOf(r, 5)[0].message).toContain(`(expected "${code1[17]}")`);
    expect(r.records.map((x) => x.creditCode)).toEqual([code2, code3]);
  });

  it('flags every row of a duplicated credit code', () => {
    const r = enterprises([good(code1), good(code2), good(code1)]);
    expect(errorsOf(r).map((e) => [e.row, e.code])).toEqual([[2, 'duplicate_credit_code'], [4, 'duplicate_credit_code']]);
    expect(errorsOf(r, 2)[0].message).toContain('also appears on row 4');
    expect(r.records.map((x) => x.row)).toEqual([3]);
  });

  it('requires a name', () => {
    const r = enterprises([good(code1, { '企业名称': '  ' })]);
    expect(errorsOf(r)).toEqual([{ row: 2, field: 'name', code: 'missing_name', params: {}, severity: 'error', message: 'Row 2, name (column "企业名称"): the enterprise has no name.' }]);
  });

  it('checks revenue: a number, at or above the library threshold', () => {
    const r = enterprises([good(code1, { '营业收入(万元)': '1,000' }), good(code2, { '营业收入(万元)': '999.99' }), good(code3, { '营业收入(万元)': '约5000' })]);
    expect(r.records.map((x) => x.revenue)).toEqual([taxonomy.libraryRevenueThreshold]);
    expect(errorsOf(r, 3)[0]).toMatchObject({ code: 'revenue_below_threshold', message: 'Row 3, revenue (column "营业收入(万元)"): 999.99 × 10,000 = 9,999,900 yuan is below the enterprise library\'s threshold of 10,000,000 yuan.' });
    expect(errorsOf(r, 4)[0]).toMatchObject({ code: 'revenue_not_number', message: 'Row 4, revenue (column "营业收入(万元)"): "约5000" is not a number.' });
    const yuan = validateEnterprises(table(['code', 'name', 'sub', 'revenue', 'lon', 'lat'], [[code1, 'A', 'nev', '１２，０００，０００', ...TIANHE]]), { creditCode: 'code', name: 'name', subIndustry: 'sub', revenue: 'revenue', lon: 'lon', lat: 'lat' }, 'wgs84', { city });
    expect(yuan.records[0]).toMatchObject({ revenue: 12_000_000, cluster: 'auto', subIndustry: 'nev', tags: [], employees: null });
    expect(yuan.issues.map((i) => i.code)).toEqual(['missing_employees']);
  });

  it('checks cluster, sub-industry, future industry and tags against the taxonomy', () => {
    const r = enterprises([
      good(code1, { '所属集群': 'Biomedicine', '细分行业': '醫療器械', '未来产业': '氫能源', '标签': 'SRDI | key-enterprise' }),
      good(code2, { '所属集群': '鞋帽' }),
      good(code3, { '所属集群': '生物医药', '细分行业': '汽车零部件' }),
      good(makeCreditCode('440111', '55555555'), { '细分行业': '' }),
      good(makeCreditCode('440111', '66666666'), { '未来产业': '元宇宙', '标签': '专精特新、独角兽' }),
    ]);
    expect(r.records).toHaveLength(1);
    expect(r.records[0]).toMatchObject({ cluster: 'biomed', subIndustry: 'medical-devices', futureIndustry: 'hydrogen', tags: ['srdi', 'key-enterprise'] });
    expect(codes(errorsOf(r, 3))).toEqual(['unknown_cluster']);
    expect(errorsOf(r, 3)[0].message).toContain('"鞋帽"');
    expect(codes(errorsOf(r, 4))).toEqual(['sub_industry_mismatch']);
    expect(errorsOf(r, 4)[0].message).toContain('belongs to the cluster auto');
    expect(codes(errorsOf(r, 5))).toEqual(['missing_sub_industry']);
    expect(codes(errorsOf(r, 6))).toEqual(['unknown_future_industry', 'unknown_tag']);
    expect(errorsOf(r, 6)[1].message).toContain('"独角兽" is not a tag');
  });

  it('checks employees: a whole number of 0 or more, missing → blank with a warning', () => {
    const r = enterprises([good(code1, { '从业人员': '' }), good(code2, { '从业人员': '12.5' }), good(code3, { '从业人员': -1 })]);
    expect(r.records).toHaveLength(1);
    expect(r.records[0].employees).toBeNull();
    expect(r.issues.find((i) => i.row === 2)).toMatchObject({ severity: 'warning', code: 'missing_employees' });
    expect(codes(errorsOf(r, 3))).toEqual(['employees_invalid']);
    expect(codes(errorsOf(r, 4))).toEqual(['employees_invalid']);
  });

  it('checks coordinates: present, numbers, inside Guangzhou, not swapped', () => {
    const r = enterprises([
      good(code1, { '经度': '' }),
      good(code2, { '经度': '113.3x' }),
      good(code3, { '经度': 116.397, '纬度': 39.909 }),
      good(makeCreditCode('440111', '55555555'), { '经度': TIANHE[1], '纬度': TIANHE[0] }),
    ]);
    expect(r.records).toEqual([]);
    expect(errorsOf(r, 2)[0]).toMatchObject({ field: 'lon', code: 'missing_coordinates', message: 'Row 2, longitude (column "经度"): the longitude is missing.' });
    expect(errorsOf(r, 3)[0]).toMatchObject({ code: 'coordinates_not_number', message: 'Row 3, longitude (column "经度"): "113.3x" is not a number.' });
    expect(errorsOf(r, 4)[0]).toMatchObject({ code: 'outside_city', message: 'Row 4, longitude (column "经度"): the point at longitude 116.397, latitude 39.909 lies outside Guangzhou.' });
    expect(errorsOf(r, 5)[0].code).toBe('swapped_axes');
    expect(errorsOf(r, 5)[0].message).toMatch(/^Row 5, longitude \(column "经度"\): longitude 23.1247 and latitude 113.3612 look swapped/);
  });

  it('converts GCJ-02 and BD-09 to WGS84 with gcoord (CGCS2000 taken as WGS84)', () => {
    const gcj = gcoord.transform(TIANHE, gcoord.WGS84, gcoord.GCJ02) as [number, number];
    const bd = gcoord.transform(TIANHE, gcoord.WGS84, gcoord.BD09) as [number, number];
    for (const [crs, p] of [['gcj02', gcj], ['bd09', bd], ['cgcs2000', TIANHE]] as const) {
      const r = enterprises([good(code1, { '经度': p[0], '纬度': p[1] })], crs);
      expect(r.crs).toBe(crs);
      expect(turf.distance([r.records[0].lon, r.records[0].lat], TIANHE, { units: 'meters' })).toBeLessThan(1);
    }
    // Read as WGS84, the GCJ-02 point is off by hundreds of metres.
    const raw = enterprises([good(code1, { '经度': gcj[0], '纬度': gcj[1] })]);
    expect(turf.distance([raw.records[0].lon, raw.records[0].lat], TIANHE, { units: 'meters' })).toBeGreaterThan(100);
  });

  it('takes the point from the row geometry when there are no coordinate columns', () => {
    const t = table(['code', 'name', 'sub', 'revenue'], [[code1, 'A', 'nev', 2e7], [code2, 'B', 'nev', 2e7], [code3, 'C', 'nev', 2e7]], [
      { type: 'Point', coordinates: TIANHE },
      { type: 'LineString', coordinates: [TIANHE, [113.4, 23.2]] },
      null,
    ]);
    const r = validateEnterprises(t, { creditCode: 'code', name: 'name', subIndustry: 'sub', revenue: 'revenue' }, 'wgs84', { city });
    expect(r.records.map((x) => [x.row, x.lon, x.lat])).toEqual([[2, ...TIANHE]]);
    expect(codes(errorsOf(r, 3))).toEqual(['geometry_not_point']);
    expect(codes(errorsOf(r, 4))).toEqual(['missing_coordinates']);
  });

  it('rejects the whole file when a required field is not mapped or a mapped column is missing', () => {
    const r = enterprises([good(code1)], 'wgs84', { creditCode: '统一社会信用代码', name: '企业名称', subIndustry: '细分行业', lon: '经度', lat: '纬度', address: '地址栏' });
    expect(r.records).toEqual([]);
    expect(r.issues.map((i) => [i.row, i.code])).toEqual([[0, 'unknown_column'], [0, 'unmapped_field']]);
    expect(r.issues[1].message).toBe('The file, revenue: no column is mapped to the required field revenue; choose the column that holds it.');
  });

  it('passes reader errors on and rejects their rows', () => {
    const t = table(EH, [good(code1), good(code2)]);
    t.issues = [{ row: 3, code: 'missing_fields', severity: 'error', message: 'Row 3 has 4 fields but the header has 11; the line is cut off or a separator is missing.' }];
    const r = validateEnterprises(t, suggestMapping('enterprises', EH), 'wgs84', { city });
    expect(r.records.map((x) => x.row)).toEqual([2]);
    expect(r.issues).toEqual(t.issues);
  });

  it('says when a credit code was stored as a number by a spreadsheet', () => {
    const r = enterprises([good(code1, { '统一社会信用代码': 914401011234567900 })]);
    expect(errorsOf(r)[0].code).toBe('credit_code_number');
  });
});

const square = (lon: number, lat: number, d = 0.002): Polygon => ({ type: 'Polygon', coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]] });
const PH = ['园区编码', '园区名称', '占地面积(亩)', '建筑面积(平方米)', '亩均产值(万元/亩)', '亩均税收(万元/亩)', '改造类型', '改造进度', '试点年份'];
const HUADU: [number, number] = [113.22, 23.4];

describe('parks', () => {
  const parks = (rows: Value[][], geometries: (Geometry | null)[]) => validateParks(table(PH, rows, geometries), suggestMapping('parks', PH), 'wgs84', { city });

  it('accepts a park: labels to codes, money from 万元/亩, area from the outline when not given', () => {
    const g = square(...HUADU);
    const r = parks([['HD-001', '某村工业园', null, '12,000', '150', '8.5', '改造提升', '實施中', '2020年']], [g]);
    expect(r.issues).toEqual([]);
    const rec = r.records[0];
    expect(rec).toMatchObject({ row: 2, code: 'HD-001', name: '某村工业园', buildingAreaM2: 12000, outputPerMu: 1_500_000, taxPerMu: 85_000, category: 'upgrade', progress: 'in_progress', pilotYear: 2020 });
    expect(rec.areaMu).toBeCloseTo(turf.area(g) / taxonomy.muInSquareMetres, 1);
    expect(turf.booleanClockwise(rec.geometry.coordinates[0])).toBe(false);
  });

  it('defaults category and progress with warnings, numbers to 0, pilot year to none', () => {
    const r = parks([['HD-002', '园', 30, null, null, null, null, null, '否']], [square(...HUADU)]);
    expect(r.records[0]).toMatchObject({ areaMu: 30, buildingAreaM2: 0, outputPerMu: 0, taxPerMu: 0, category: 'unclassified', progress: 'not_started', pilotYear: null });
    expect(r.issues.map((i) => [i.severity, i.code])).toEqual([['warning', 'default_category'], ['warning', 'default_progress'], ['warning', 'area_mismatch']]);
  });

  it('checks codes, names, vocabularies, numbers and years', () => {
    const r = parks(
      [
        ['', '园', null, null, null, null, null, null, null],
        ['HD-3', '', null, null, null, null, 'demolish', '已完成', null],
        ['HD-4', '园', '-5', 'abc', null, null, null, null, '2019.5'],
        ['HD-5', '园', null, null, null, null, null, null, null],
        ['HD-5', '园', null, null, null, null, null, null, null],
      ],
      Array.from({ length: 5 }, () => square(...HUADU)),
    );
    expect(r.records).toEqual([]);
    expect(codes(errorsOf(r, 2))).toEqual(['missing_code']);
    expect(codes(errorsOf(r, 3))).toEqual(['missing_name', 'unknown_category']);
    expect(errorsOf(r, 3)[1].message).toContain('"demolish" is not one of unclassified (未分类), eliminate (淘汰关停)');
    expect(codes(errorsOf(r, 4))).toEqual(['negative_number', 'not_a_number', 'invalid_pilot_year']);
    expect(codes(errorsOf(r, 5))).toEqual(['duplicate_code']);
    expect(codes(errorsOf(r, 6))).toEqual(['duplicate_code']);
  });

  it('checks the outline: present, one polygon, valid, in the city', () => {
    const bowtie: Polygon = { type: 'Polygon', coordinates: [[[113.22, 23.4], [113.23, 23.41], [113.23, 23.4], [113.22, 23.41], [113.22, 23.4]]] };
    const rows = Array.from({ length: 7 }, (_, i) => [`P${i}`, '园', null, null, null, null, '淘汰关停', 'completed', null] as Value[]);
    const r = parks(rows, [
      null,
      { type: 'MultiPolygon', coordinates: [square(...HUADU).coordinates, square(113.3, 23.4).coordinates] },
      { type: 'MultiPolygon', coordinates: [square(...HUADU).coordinates] },
      bowtie,
      { type: 'Point', coordinates: HUADU },
      square(116.39, 39.9),
      { type: 'Polygon', coordinates: [[[500000, 2500000], [500100, 2500000], [500100, 2500100], [500000, 2500000]]] },
    ]);
    expect(r.records.map((x) => x.row)).toEqual([4]);
    expect(codes(errorsOf(r))).toEqual(['missing_geometry', 'multipart_geometry', 'self_intersection', 'geometry_not_polygon', 'outside_city', 'coordinates_out_of_range']);
    expect(errorsOf(r, 3)[0].message).toBe('Row 3, geometry: the outline is a MultiPolygon of 2 parts; a park must be a single polygon.');
    expect(errorsOf(r, 5)[0].message).toMatch(/^Row 5, geometry: the outline crosses itself near \(113\.225000, 23\.405000\)/);
  });

  it('warns when an outline crosses the city line but its middle lies inside', () => {
    const box = createCityArea([turf.bboxPolygon([113, 23, 114, 24]).geometry]);
    const t = table(PH, [['C1', '园', null, null, null, null, null, null, null]], [turf.bboxPolygon([113.9, 23.5, 114.05, 23.6]).geometry]);
    const r = validateParks(t, suggestMapping('parks', PH), 'wgs84', { city: box });
    expect(r.records).toHaveLength(1);
    expect(r.issues.find((i) => i.code === 'partly_outside_city')?.message).toBe("Row 2, geometry: 2 of the outline's 4 corners lie outside Guangzhou's boundary.");
  });
});

describe('districts', () => {
  const DH = ['code', 'name'];
  const gz = (code: string) => districts.features.find((f) => f.properties?.code === code)!.geometry;

  it('accepts the real boundaries: 11 codes, Polygon and MultiPolygon → MultiPolygon', () => {
    const t = table(DH, districts.features.map((f) => [f.properties!.code, f.properties!.name]), districts.features.map((f) => f.geometry));
    const r = validateDistricts(t, { code: 'code', name: 'name' }, 'wgs84');
    expect(errorsOf(r)).toEqual([]);
    expect(r.records).toHaveLength(11);
    expect(r.records.every((d) => d.geometry.type === 'MultiPolygon')).toBe(true);
  });

  it('checks the code, the name and the geometry', () => {
    const t = table(
      DH,
      [['440106', '天河區'], ['440199', 'X区'], ['440104000000', '越秀区'], ['440105', ''], ['440106', '天河'], ['440111', '番禺区'], ['440112', '黄埔区']],
      [gz('440106'), gz('440103'), gz('440104'), gz('440105'), gz('440106'), gz('440111'), { type: 'Point', coordinates: [113.4, 23.1] }],
    );
    const r = validateDistricts(t, { code: 'code', name: 'name' }, 'wgs84');
    expect(r.records.map((d) => [d.row, d.code])).toEqual([[4, '440104'], [7, '440111']]);
    expect(codes(errorsOf(r, 2))).toEqual(['duplicate_code']);
    expect(errorsOf(r, 3)[0]).toMatchObject({ code: 'unknown_district' });
    expect(errorsOf(r, 3)[0].message).toContain('"440199" is not one of Guangzhou\'s 11 district codes');
    expect(codes(errorsOf(r, 5))).toEqual(['missing_name']);
    expect(r.issues.find((i) => i.row === 7)).toMatchObject({ severity: 'warning', code: 'district_name_mismatch' });
    expect(codes(errorsOf(r, 8))).toEqual(['geometry_not_polygon']);
  });

  it('dispatches by kind', () => {
    const t = table(DH, [['440106', '天河区']], [gz('440106')]);
    expect(validateImport('districts', t, { code: 'code', name: 'name' }, 'wgs84', { city }).records).toHaveLength(1);
  });
});
