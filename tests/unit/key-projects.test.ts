// Key projects (重点项目): the plan's rule for provincial land quotas — investment more than 12亿元 AND
// intensity more than 400万元/亩, both strict (超过) — at its edges, intensity in yuan per mu, the SQL
// twin of the rule, and the importer's validator (units in the headers, statuses, locations, rows).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Geometry } from 'geojson';
import {
  KEY_PROJECT_STATUSES, KEY_PROJECT_THRESHOLDS, eligibleSql, intensityOf, isEligibleKeyProject, keyProjectEligibility,
} from '../../src/domain/key-projects.ts';
import { suggestMapping, suggestUnits } from '../../src/domain/import/column-mapping.ts';
import { createCityArea } from '../../src/domain/import/coordinates.ts';
import type { KeyProjectRecord, SourceRow, SourceTable, ValidationReport } from '../../src/domain/import/import-types.ts';
import { lookupKeyProjectStatus, validateKeyProjects } from '../../src/domain/import/validate-key-projects.ts';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { buildStyle, LAYER_GROUPS } from '../../src/app/map/style.ts';

const YI = 1e8;
const WAN = 1e4;

describe('eligibility for provincial land quotas', () => {
  it('reads the plan: 12亿元 and 400万元/亩, in yuan', () => {
    expect(KEY_PROJECT_THRESHOLDS).toEqual({ investmentYuan: 12 * YI, intensityYuanPerMu: 400 * WAN });
  });

  it('needs both conditions, each strictly more than the threshold', () => {
    // Exactly 12亿元 (at 600万元/亩): not eligible.
    expect(keyProjectEligibility({ investmentYuan: 12 * YI, areaMu: 200 })).toMatchObject({ eligible: false, investmentMet: false, intensityMet: true, intensityYuanPerMu: 600 * WAN });
    // Exactly 400万元/亩 (at 16亿元): not eligible.
    expect(keyProjectEligibility({ investmentYuan: 16 * YI, areaMu: 400 })).toMatchObject({ eligible: false, investmentMet: true, intensityMet: false, intensityYuanPerMu: 400 * WAN });
    // Exactly both: not eligible.
    expect(isEligibleKeyProject({ investmentYuan: 12 * YI, areaMu: 300 })).toBe(false);
    // One yuan over 12亿元 at just over 400万元/亩: eligible.
    expect(isEligibleKeyProject({ investmentYuan: 12 * YI + 1, areaMu: 300 })).toBe(true);
    expect(isEligibleKeyProject({ investmentYuan: 16 * YI, areaMu: 399.99 })).toBe(true);
    // One condition alone is not enough (AND, not OR).
    expect(isEligibleKeyProject({ investmentYuan: 11.99 * YI, areaMu: 10 })).toBe(false);
    expect(isEligibleKeyProject({ investmentYuan: 50 * YI, areaMu: 2000 })).toBe(false);
    expect(isEligibleKeyProject({ investmentYuan: 50 * YI, areaMu: 1000 })).toBe(true);
  });

  it('never counts a project whose area is unknown or zero', () => {
    expect(keyProjectEligibility({ investmentYuan: 100 * YI, areaMu: null })).toMatchObject({ eligible: false, investmentMet: true, intensityMet: null, intensityYuanPerMu: null });
    expect(isEligibleKeyProject({ investmentYuan: 100 * YI, areaMu: 0 })).toBe(false);
    expect(intensityOf(100 * YI, 0)).toBeNull();
    expect(intensityOf(12 * YI, 300)).toBe(400 * WAN);
  });

  it('is decided without dividing, so a quotient that rounds over the threshold does not qualify', () => {
    // 0.1 + 0.2 style: an area whose quotient is not exact in binary.
    const area = 3.3;
    const investment = 400 * WAN * area; // 13.2亿元, exactly 400万元/亩 on paper
    expect(keyProjectEligibility({ investmentYuan: investment, areaMu: area }).intensityMet).toBe(false);
  });

  it('has an SQL twin with the same strict comparisons', () => {
    expect(eligibleSql('k.investment', 'k.area_mu', '$1', '$2')).toBe('(k.investment > $1 AND k.area_mu > 0 AND k.investment > $2 * k.area_mu)');
  });
});

const districts = JSON.parse(readFileSync('data/boundaries/guangzhou-districts.geojson', 'utf8')) as FeatureCollection;
const city = createCityArea(districts);
const HUANGPU: [number, number] = [113.4806, 23.1815];

type Value = string | number | null;
function table(headers: string[], rows: Value[][], geometries?: (Geometry | null)[]): SourceTable {
  return {
    format: geometries ? 'geojson' : 'csv',
    encoding: geometries ? null : 'utf-8',
    headers,
    rows: rows.map((r, i): SourceRow => ({ row: i + 2, cells: Object.fromEntries(headers.map((h, k) => [h, r[k] ?? null])), ...(geometries ? { geometry: geometries[i] } : {}) })),
  };
}
const errors = (r: ValidationReport, row: number) => r.issues.filter((i) => i.severity === 'error' && i.row === row).map((i) => i.code).sort();

describe('key-project import: mapping and validation', () => {
  const H = ['项目编号', '项目名称', '总投资（亿元）', '用地面积(亩)', '所属产业', '建设状态', '经度', '纬度'];

  it('suggests the columns and the units written in the headers (亿元, 万元, 公顷)', () => {
    const mapping = suggestMapping('keyProjects', H);
    expect(mapping).toEqual({ code: '项目编号', name: '项目名称', investment: '总投资（亿元）', areaMu: '用地面积(亩)', cluster: '所属产业', status: '建设状态', lon: '经度', lat: '纬度' });
    expect(suggestUnits('keyProjects', mapping)).toEqual({ investment: 1e8 });
    expect(suggestUnits('keyProjects', suggestMapping('keyProjects', ['项目名称', '计划总投资(万元)', '占地面积(公顷)']))).toEqual({ investment: 1e4, areaMu: 15 });
    // Traditional headers too.
    expect(suggestMapping('keyProjects', ['項目名稱', '總投資(億元)'])).toMatchObject({ name: '項目名稱', investment: '總投資(億元)' });
  });

  it('knows the statuses in both scripts and their usual synonyms', () => {
    expect(KEY_PROJECT_STATUSES).toEqual(['planned', 'under_construction', 'completed']);
    expect(['谋划', '謀劃', '前期', 'planned'].map(lookupKeyProjectStatus)).toEqual(['planned', 'planned', 'planned', 'planned']);
    expect(['在建', '续建', '新开工', 'under construction', 'under_construction'].map(lookupKeyProjectStatus)).toEqual(Array(5).fill('under_construction'));
    expect(['建成', '竣工', '已投产', 'Completed'].map(lookupKeyProjectStatus)).toEqual(Array(4).fill('completed'));
    expect(lookupKeyProjectStatus('停工')).toBeUndefined();
  });

  it('turns rows into records in yuan and mu, and the thresholds follow', () => {
    const mapping = suggestMapping('keyProjects', H);
    const report = validateKeyProjects(table(H, [
      ['A1', '项目一', '12', 300, '汽车', '在建', ...HUANGPU],
      ['A2', '项目二', '12.5', '300', '生物医药', '谋划', ...HUANGPU],
      ['A3', '项目三', '1,000.5', '', 'materials', '', ...HUANGPU],
    ]), mapping, 'wgs84', { city });
    expect(report.records.map((r) => [r.code, r.investment, r.areaMu, r.cluster, r.status])).toEqual([
      ['A1', 1_200_000_000, 300, 'auto', 'under_construction'],
      ['A2', 1_250_000_000, 300, 'biomed', 'planned'],
      ['A3', 100_050_000_000, null, 'materials', 'planned'],
    ]);
    expect(report.records.map((r) => isEligibleKeyProject({ investmentYuan: r.investment, areaMu: r.areaMu }))).toEqual([false, true, false]);
    // Row 4: no area (a point) and no status → two warnings, no error.
    expect(report.issues.filter((i) => i.row === 4).map((i) => [i.code, i.severity])).toEqual([['default_key_project_status', 'warning'], ['key_project_area_unknown', 'warning']]);
  });

  it('warns when a small investment has no unit, and the unit chosen for the upload wins', () => {
    const h = ['项目名称', '总投资', '用地面积', '经度', '纬度'];
    const mapping = suggestMapping('keyProjects', h);
    const plain = validateKeyProjects(table(h, [['项目', 15, 100, ...HUANGPU]]), mapping, 'wgs84', { city });
    expect(plain.issues.map((i) => i.code)).toContain('investment_unit_hint');
    const inYi = validateKeyProjects(table(h, [['项目', 15, 100, ...HUANGPU]]), mapping, 'wgs84', { city, units: { investment: 1e8 } });
    expect(inYi.records[0].investment).toBe(1_500_000_000);
    expect(inYi.issues.map((i) => i.code)).not.toContain('investment_unit_hint');
  });

  it('reports every problem of a row, and keys by name when the file has no code', () => {
    const h = ['项目名称', '总投资(万元)', '用地面积(亩)', '所属集群', '状态', '经度', '纬度'];
    const report = validateKeyProjects(table(h, [
      ['', 'x', -1, '火箭', '停工', '', ''],
      ['同名', 100000, 10, '', '在建', 113.0, 40.0],
      ['同名', 100000, 10, '', '在建', ...HUANGPU],
    ]), suggestMapping('keyProjects', h), 'wgs84', { city });
    expect(errors(report, 2)).toEqual(['missing_coordinates', 'missing_name', 'negative_number', 'not_a_number', 'unknown_cluster', 'unknown_key_project_status']);
    expect(errors(report, 3)).toEqual(['duplicate_code', 'outside_city']);
    expect(errors(report, 4)).toEqual(['duplicate_code']);
    expect(report.records).toEqual([]);
  });

  it('takes a parcel polygon (its area from the outline when none is given) or a point geometry', () => {
    const [x, y] = HUANGPU;
    const square = { type: 'Polygon' as const, coordinates: [[[x, y], [x + 0.003, y], [x + 0.003, y + 0.003], [x, y + 0.003], [x, y]]] };
    const h = ['项目名称', '总投资(亿元)'];
    const report = validateKeyProjects(table(h, [['地块', 30], ['点位', 20], ['线', 10], ['两块', 10]], [
      square, { type: 'Point', coordinates: [x, y] }, { type: 'LineString', coordinates: [[x, y], [x + 0.01, y]] },
      { type: 'MultiPolygon', coordinates: [square.coordinates, square.coordinates] },
    ]), suggestMapping('keyProjects', h), 'wgs84', { city });
    const [parcel, point] = report.records as KeyProjectRecord[];
    expect(parcel.geometry.type).toBe('Polygon');
    // ~307 m × ~333 m ≈ 153 mu.
    expect(parcel.areaMu).toBeGreaterThan(140);
    expect(parcel.areaMu).toBeLessThan(170);
    expect(point).toMatchObject({ geometry: { type: 'Point', coordinates: [x, y] }, areaMu: null });
    expect(errors(report, 4)).toEqual(['geometry_not_point_or_polygon']);
    expect(errors(report, 5)).toEqual(['multipart_geometry']);
  });
});

describe('the key-project map layer', () => {
  it('is a valid style: every layer of the group exists, hidden until switched on', () => {
    const style = buildStyle('http://localhost/tiles', 'zh-Hans');
    expect(validateStyleMin(style as never)).toEqual([]);
    for (const id of LAYER_GROUPS.keyProjects) {
      const layer = style.layers.find((l) => l.id === id);
      expect(layer, id).toBeTruthy();
      expect((layer as { layout?: { visibility?: string } }).layout?.visibility).toBe('none');
    }
  });
});
