// Key-city indicators: the catalogue, the check of one figure, the import validator, and the seed
// (seeds/city-indicators.json): every figure valid and sourced, shares with their denominator,
// part-year figures marked, and nothing that public-figures.md leaves blank given a value.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import seed from '../../seeds/city-indicators.json' with { type: 'json' };
import { suggestMapping } from '../../src/domain/import/column-mapping.ts';
import type { SourceTable } from '../../src/domain/import/import-types.ts';
import { validateCityIndicators } from '../../src/domain/import/validate-city-indicators.ts';
import {
  CITIES, CITY_INDICATORS, DENOMINATORS, cityFigureKey, cityIndicatorDef, coverageMonths, isShare, parseCoverage, validateCityFigure, type CityFigureInput,
} from '../../src/domain/monitoring/city-indicators.ts';
import { LANGS } from '../../src/domain/taxonomy.ts';

const figures = seed.figures as (CityFigureInput & { unit: string })[];
const REFERENCE = '../shared/reference/public-figures.md';
if (!existsSync(REFERENCE)) console.warn(`city-indicators: the check against the reference notes is skipped: ${REFERENCE} is not beside the project`);

describe('catalogue', () => {
  it('has the plan\'s cities, Guangzhou as home, labels in three languages', () => {
    const codes = CITIES.map((c) => c.code);
    for (const c of ['shenzhen', 'shanghai', 'beijing', 'chongqing', 'tianjin', 'suzhou', 'hangzhou', 'wuhan', 'chengdu', 'dongguan', 'foshan', 'guangzhou']) expect(codes).toContain(c);
    expect(new Set(codes).size).toBe(codes.length);
    expect(CITIES.filter((c) => c.home).map((c) => c.code)).toEqual(['guangzhou']);
    for (const c of CITIES) for (const l of LANGS) expect(c.label[l], `${c.code} ${l}`).toBeTruthy();
  });

  it('gives every indicator a unit, labels, and shares their denominators', () => {
    const codes = CITY_INDICATORS.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const i of CITY_INDICATORS) {
      for (const l of LANGS) expect(i.label[l], `${i.code} ${l}`).toBeTruthy();
      expect(['亿元', '%', 'count', 'km²']).toContain(i.unit);
      if (i.growth) expect(i.unit).toBe('%');
      if (isShare(i)) {
        expect(i.unit).toBe('%');
        for (const d of i.denominators!) expect(DENOMINATORS[d]).toBeDefined();
      }
    }
    for (const c of ['valueAdded', 'valueAddedGrowth', 'output', 'amShare', 'htShare', 'investmentGrowth', 'srdiGiants', 'singleChampions']) expect(codes).toContain(c);
    expect(cityIndicatorDef('amShare')!.denominators).toEqual(['aboveScaleIndustryVA', 'aboveScaleManufacturingVA']);
  });
});

describe('validateCityFigure', () => {
  const ok: CityFigureInput = { city: 'shenzhen', indicator: 'amShare', year: 2021, value: 67.6, denominator: 'aboveScaleIndustryVA', sourceTitle: 'IT之家', sourceUrl: 'https://www.ithome.com/0/623/963.htm' };
  const fields = (f: CityFigureInput) => validateCityFigure(f).map((p) => p.field);

  it('accepts a sourced share with its denominator, and a missing figure without source', () => {
    expect(validateCityFigure(ok)).toEqual([]);
    expect(validateCityFigure({ city: 'wuhan', indicator: 'valueAdded', year: 2021, value: null })).toEqual([]);
    expect(validateCityFigure({ city: 'guangzhou', indicator: 'valueAdded', year: 2020, value: 4062, coverage: '1-11', sourceTitle: '人民网', unit: '亿元' })).toEqual([]);
  });

  it('names each problem', () => {
    expect(fields({ ...ok, city: 'ningbo2' })).toEqual(['city']);
    expect(fields({ ...ok, indicator: 'gdp' })).toEqual(['indicator']);
    expect(fields({ ...ok, year: 1999 })).toEqual(['year']);
    expect(fields({ ...ok, denominator: null })).toEqual(['denominator']);
    expect(fields({ ...ok, denominator: 'aboveScaleIndustryOutput' })).toEqual(['denominator']);
    expect(fields({ ...ok, value: 150 })).toEqual(['value']);
    expect(fields({ ...ok, value: Number.NaN })).toEqual(['value']);
    expect(fields({ ...ok, sourceTitle: null, sourceUrl: null })).toEqual(['sourceTitle']);
    expect(fields({ ...ok, sourceUrl: 'www.ithome.com' })).toEqual(['sourceUrl']);
    expect(fields({ ...ok, unit: '亿元' })).toEqual(['unit']);
    expect(fields({ ...ok, coverage: '1-12' })).toEqual(['coverage']);
    expect(fields({ ...ok, coverage: '3-5' })).toEqual(['coverage']);
    expect(fields({ ...ok, qualifier: 'maybe' })).toEqual(['qualifier']);
    expect(fields({ city: 'beijing', indicator: 'valueAddedGrowth', year: 2021, value: -120, sourceTitle: 'x' })).toEqual(['value']);
    expect(fields({ city: 'beijing', indicator: 'valueAddedGrowth', year: 2021, value: -3.5, sourceTitle: 'x' })).toEqual([]);
    expect(fields({ city: 'beijing', indicator: 'srdiGiants', year: 2021, value: 25.5, sourceTitle: 'x' })).toEqual(['value']);
    expect(fields({ city: 'beijing', indicator: 'output', year: 2021, value: -1, sourceTitle: 'x' })).toEqual(['value']);
    expect(fields({ city: 'beijing', indicator: 'output', year: 2021, value: 1, sourceTitle: 'x', denominator: 'aboveScaleIndustryVA' })).toEqual(['denominator']);
  });

  it('reads coverages as people write them', () => {
    expect(parseCoverage('1-11')).toBe('1-11');
    expect(parseCoverage('1-11月')).toBe('1-11');
    expect(parseCoverage('1—10月')).toBe('1-10');
    expect(parseCoverage('1月至11月')).toBe('1-11');
    expect(parseCoverage('Jan-Nov')).toBe('1-11');
    expect(parseCoverage('')).toBeNull();
    expect(parseCoverage('全年')).toBeNull();
    expect(parseCoverage('1-12月')).toBeNull();
    expect(parseCoverage('3-5月')).toBeUndefined();
    expect(parseCoverage('上半年')).toBeUndefined();
    expect(coverageMonths('1-11')).toEqual({ from: 1, to: 11 });
    expect(coverageMonths(null)).toBeNull();
  });
});

describe('the seed', () => {
  const byKey = new Map(figures.map((f) => [cityFigureKey(f), f]));

  it('holds valid figures, once per city, indicator and year, each with its source', () => {
    expect(figures.length).toBeGreaterThan(50);
    expect(byKey.size).toBe(figures.length);
    for (const f of figures) {
      expect(validateCityFigure(f), cityFigureKey(f)).toEqual([]);
      expect(f.value, cityFigureKey(f)).not.toBeNull();
      expect(Boolean(f.sourceTitle?.trim() || f.sourceUrl?.trim()), `${cityFigureKey(f)} has a source`).toBe(true);
      expect(f.unit).toBe(cityIndicatorDef(f.indicator)!.unit);
    }
  });

  it('records the denominator of every share, and the plan\'s change of denominator', () => {
    for (const f of figures.filter((x) => isShare(cityIndicatorDef(x.indicator)!))) expect(f.denominator, cityFigureKey(f)).toBeTruthy();
    expect(byKey.get('guangzhou:amShare:2019')).toMatchObject({ value: 57.03, denominator: 'aboveScaleIndustryVA' });
    expect(byKey.get('guangzhou:amShare:2021')).toMatchObject({ value: 65.7, denominator: 'aboveScaleManufacturingVA' });
    expect(byKey.get('shenzhen:amShare:2021')).toMatchObject({ value: 67.6, sourceUrl: 'https://www.ithome.com/0/623/963.htm' });
  });

  it('marks part-year figures with their months', () => {
    expect(byKey.get('guangzhou:valueAdded:2020')).toMatchObject({ value: 4062, coverage: '1-11' });
    expect(byKey.get('guangzhou:valueAddedGrowth:2020')).toMatchObject({ value: 1.4, coverage: '1-11' });
    expect(byKey.get('shanghai:industryOutput:2020')).toMatchObject({ value: 27581, coverage: '1-10' });
    expect(byKey.get('guangzhou:valueAdded:2019')!.coverage).toBeNull();
  });

  it('gives no value to what was not published', () => {
    const blanks = [
      'guangzhou:output:2020', 'guangzhou:output:2021', 'guangzhou:valueAdded:2021', 'guangzhou:amShare:2020', 'guangzhou:amValueAdded:2021',
      'guangzhou:investment:2020', 'guangzhou:highTechEnterprises:2021', 'guangzhou:srdiGiants:2019', 'guangzhou:singleChampions:2020',
      'shenzhen:valueAdded:2021', 'beijing:amShare:2021', 'hangzhou:srdiGiants:2021', 'suzhou:srdiGiants:2021',
    ];
    for (const k of blanks) expect(byKey.get(k)?.value ?? null, k).toBeNull();
    for (const city of ['wuhan', 'chengdu']) expect(figures.filter((f) => f.city === city), city).toEqual([]);
    expect(figures.filter((f) => f.city === 'suzhou').map((f) => f.indicator)).toEqual(['singleChampions']);
  });

  // Every number is in the reference notes as written there (nothing computed or filled in).
  it.skipIf(!existsSync(REFERENCE))('takes every number from the reference notes', () => {
    const text = readFileSync(REFERENCE, 'utf8').replace(/−/g, '-');
    const spelled: Record<string, string> = { 'shenzhen:industryOutput:2021': '4.1 万亿', 'guangzhou:renovationJobs:2021': '140,000+' };
    for (const f of figures) {
      const v = f.value!;
      const forms = [spelled[cityFigureKey(f)], v.toLocaleString('en-US', { maximumFractionDigits: 4 }), String(v), v.toFixed(1)].filter(Boolean) as string[];
      expect(forms.some((s) => text.includes(s)), `${cityFigureKey(f)} = ${v}`).toBe(true);
    }
  });
});

describe('import validator (cityIndicators)', () => {
  const table = (headers: string[], rows: (string | number | null)[][]): SourceTable => ({
    format: 'csv', encoding: 'utf-8', headers, rows: rows.map((r, i) => ({ row: i + 2, cells: Object.fromEntries(headers.map((h, j) => [h, r[j]])) })),
  });
  const H = ['城市', '指标', '年份', '数值', '分母', '统计期', '数值说明', '来源', '来源链接', '备注'];

  it('maps Chinese headers', () => {
    expect(suggestMapping('cityIndicators', H)).toEqual({
      city: '城市', indicator: '指标', year: '年份', value: '数值', denominator: '分母', coverage: '统计期', qualifier: '数值说明', sourceTitle: '来源', sourceUrl: '来源链接', note: '备注',
    });
    expect(suggestMapping('cityIndicators', ['城市名称', '指标名称', '年度', '指标值', '资料来源', '原文链接'])).toMatchObject({
      city: '城市名称', indicator: '指标名称', year: '年度', value: '指标值', sourceTitle: '资料来源', sourceUrl: '原文链接',
    });
  });

  it('reads labels, percentages, coverages and missing values; rejects bad rows one by one', () => {
    const t = table(H, [
      ['深圳市', '先进制造业增加值占比', '2021年', '67.6%', '规上工业增加值', '', '', 'IT之家', 'https://www.ithome.com/0/623/963.htm', ''],
      ['廣州', 'valueAdded', 2020, '4,062', '', '1-11月', '', '人民网', '', ''],
      ['Wuhan', '规上工业增加值增速', 2021, '未见公开数据', '', '', '', '', '', ''],
      ['成都', '汽车产业集群产值', 2021, 6000, '', '', '超过', '某报道', '', ''],
      ['深圳', '高技术制造业增加值占比', 2021, 63.3, '', '', '', 'IT之家', '', ''], // share without denominator
      ['杭州', '规上工业增加值', 2021, 4100, '', '', '', '', '', ''], // no source
      ['东莞', '规上工业增加值', 2021, 'about 5000', '', '', '', 'x', '', ''], // not a number
      ['东莞', '规上工业增加值', 2021, 5008.81, '', '3-5月', '', 'x', '', ''], // bad coverage
      ['雄安', '规上工业增加值', 2021, 1, '', '', '', 'x', '', ''], // unknown city
      ['佛山', '规上工业增加值增速', 2021, 9.3, '', '', '', 'x', '', ''],
      ['佛山', '规上工业增加值增速', 2021, 9.4, '', '', '', 'x', '', ''], // duplicate
    ]);
    const r = validateCityIndicators(t, suggestMapping('cityIndicators', H), 'wgs84');
    expect(r.records.map((x) => x.key)).toEqual(['shenzhen:amShare:2021', 'guangzhou:valueAdded:2020', 'wuhan:valueAddedGrowth:2021', 'chengdu:autoClusterOutput:2021']);
    expect(r.records[0]).toMatchObject({ value: 67.6, unit: '%', denominator: 'aboveScaleIndustryVA', coverage: null, sourceUrl: 'https://www.ithome.com/0/623/963.htm' });
    expect(r.records[1]).toMatchObject({ value: 4062, unit: '亿元', coverage: '1-11', sourceUrl: null });
    expect(r.records[2]).toMatchObject({ value: null, sourceTitle: null });
    expect(r.records[3]).toMatchObject({ value: 6000, qualifier: 'over' });
    const codes = (row: number) => r.issues.filter((i) => i.row === row).map((i) => i.code);
    expect(codes(4)).toEqual(['no_value']);
    expect(codes(6)).toEqual(['denominator_invalid']);
    expect(codes(7)).toEqual(['missing_source']);
    expect(codes(8)).toEqual(['not_a_number']);
    expect(codes(9)).toEqual(['coverage_invalid']);
    expect(codes(10)).toEqual(['unknown_city']);
    expect(codes(11)).toEqual(['duplicate_figure']);
    expect(codes(12)).toEqual(['duplicate_figure']);
    expect(r.issues.find((i) => i.row === 8)!.message).toContain('"about 5000"');
  });

  it('refuses a file without the required columns', () => {
    const r = validateCityIndicators(table(['城市', '年份'], [['深圳', 2021]]), suggestMapping('cityIndicators', ['城市', '年份']), 'wgs84');
    expect(r.records).toEqual([]);
    expect(r.issues.map((i) => i.code)).toEqual(['unmapped_field', 'unmapped_field']);
  });
});
