// The operating returns validator (src/domain/import/validate-operating.ts): periods, units,
// cumulative figures turned into months (within a file and against stored months), the per-row
// rules and the revenue jump warning; and the enterprise validator's industry codes.
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../src/domain/credit-code.ts';
import { parseUnitChoice, suggestMapping, suggestUnits, unmappedRequired } from '../../src/domain/import/column-mapping.ts';
import { createCityArea } from '../../src/domain/import/coordinates.ts';
import type { RowIssue, SourceRow, SourceTable } from '../../src/domain/import/import-types.ts';
import type { OperatingLookup, StoredMonth } from '../../src/domain/import/validate-common.ts';
import { validateEnterprises } from '../../src/domain/import/validate-enterprises.ts';
import { detectCumulative, parseReportPeriod, scanOperatingKeys, validateOperating } from '../../src/domain/import/validate-operating.ts';
import { estimateValueAdded } from '../../src/domain/monitoring/industry-classes.ts';

type Value = string | number | null;
function table(headers: string[], rows: Value[][]): SourceTable {
  return { format: 'csv', encoding: 'utf-8', headers, rows: rows.map((r, i): SourceRow => ({ row: i + 2, cells: Object.fromEntries(headers.map((h, k) => [h, r[k] ?? null])) })) };
}
const codesOf = (issues: RowIssue[], row?: number, severity?: 'error' | 'warning') =>
  issues.filter((i) => (row === undefined || i.row === row) && (severity === undefined || i.severity === severity)).map((i) => i.code);

const A = makeCreditCode('440106', '12345678');
const B = makeCreditCode('440112', '87654321');
const UNKNOWN = makeCreditCode('440113', '11223344');
const month = (s: StoredMonth['revenue'], o: Partial<StoredMonth> = {}): StoredMonth => ({ revenue: s, output: s, valueAdded: s / 4, profit: s / 10, tax: s / 20, ...o });
const lookup = (stored: Record<string, StoredMonth> = {}): OperatingLookup => ({
  enterprises: new Map([[A, '3670'], [B, null]]),
  stored: new Map(Object.entries(stored)),
});

const H = ['统一社会信用代码', '报告期', '营业收入(万元)', '工业总产值(万元)', '工业增加值(万元)', '利润总额(万元)', '税金总额(万元)', '期末从业人员'];
const CUM_H = ['统一社会信用代码', '报告期', '营业收入(万元)(本年累计)', '工业总产值(万元)(本年累计)', '工业增加值(万元)(本年累计)', '利润总额(万元)(本年累计)', '税金总额(万元)(本年累计)', '期末从业人员'];
const run = (headers: string[], rows: Value[][], opts: { stored?: Record<string, StoredMonth>; cumulative?: boolean; currentMonth?: number } = {}) =>
  validateOperating(table(headers, rows), suggestMapping('operating', headers), 'wgs84', {
    city: undefined as never, operating: lookup(opts.stored), cumulative: opts.cumulative, currentMonth: opts.currentMonth ?? 202206,
  });

describe('reporting periods', () => {
  it('reads the ways returns write a month', () => {
    for (const text of ['2021-07', '2021年7月', '2021年07月', '202107', '2021/7', '2021-7', '2021.07', ' 2021 年 7 月 ', '２０２１－０７', '2021年1-7月', '2021-07-31', '2021年7月份'])
      expect(parseReportPeriod(text), text).toBe(202107);
    expect(parseReportPeriod(202112)).toBe(202112);
    for (const text of ['2021', '2021-13', '2021-00', '21-07', 'July 2021', '', null, '2021-Q3', '20210'])
      expect(parseReportPeriod(text), String(text)).toBeNull();
  });

  it('refuses unreadable, future and pre-2000 periods, with their codes', () => {
    const r = run(H, [[A, '2021-7', 100, 200, 50, 10, 5, 30], [A, '七月', 1, 1, 1, 1, 1, 1], [A, '2022-07', 1, 1, 1, 1, 1, 1], [A, '1999-12', 1, 1, 1, 1, 1, 1], [A, '', 1, 1, 1, 1, 1, 1]]);
    expect(codesOf(r.issues, 2, 'error')).toEqual([]);
    expect(codesOf(r.issues, 3, 'error')).toEqual(['period_invalid']);
    expect(codesOf(r.issues, 4, 'error')).toEqual(['period_in_future']);
    expect(r.issues.find((i) => i.row === 4)!.message).toContain('2022-07 is in the future');
    expect(codesOf(r.issues, 5, 'error')).toEqual(['period_too_early']);
    expect(codesOf(r.issues, 6, 'error')).toEqual(['missing_period']);
    expect(r.records.map((x) => x.key)).toEqual([`${A}:2021-07`]);
  });
});

describe('operating returns', () => {
  it('maps the bureau\'s headers, money in 万元 to whole yuan, value added given or estimated', () => {
    const mapping = suggestMapping('operating', H);
    expect(mapping).toMatchObject({ creditCode: '统一社会信用代码', period: '报告期', revenue: '营业收入(万元)', output: '工业总产值(万元)', valueAdded: '工业增加值(万元)', employees: '期末从业人员' });
    expect(suggestUnits('operating', mapping)).toEqual({ revenue: 1e4, output: 1e4, valueAdded: 1e4, profit: 1e4, tax: 1e4 });
    const r = run(H, [[A, '2021-07', '1,234.56', 2000, 500, -12.5, 30, 88], [B, '2021-07', 10, 40, '', 1, 0.5, 9]]);
    expect(r.cumulative).toBe(false);
    expect(codesOf(r.issues, undefined, 'error')).toEqual([]);
    expect(r.records[0]).toEqual({ row: 2, key: `${A}:2021-07`, creditCode: A, month: 202107, revenue: 12_345_600, output: 20_000_000, valueAdded: 5_000_000,
      valueAddedEstimated: false, profit: -125_000, tax: 300_000, employees: 88 });
    // No industry code: the average rate.
    expect(r.records[1]).toMatchObject({ valueAdded: estimateValueAdded(400_000, ''), valueAddedEstimated: true });
    expect(codesOf(r.issues, 3)).toEqual(['value_added_estimated']);
  });

  it('rejects bad rows with per-row codes and keeps the good ones', () => {
    const r = run(H, [
      [A, '2021-07', 100, 200, 50, 10, 5, 30],
      [UNKNOWN, '2021-07', 100, 200, 50, 10, 5, 30],
      ['91440101MA59', '2021-07', 100, 200, 50, 10, 5, 30],
      [B, '2021-07', -1, 200, 50, 10, 5, 30],
      [B, '2021-08', 1, -200, 50, 10, -5, -3],
      [A, '2021-08', 100, 200, 50, 10, 5, 30],
      [A, '2021年8月', 100, 200, 50, 10, 5, 30],
      [B, '2021-09', 'abc', 200, 50, '', 5, 2.5],
    ]);
    expect(codesOf(r.issues, 3, 'error')).toEqual(['unknown_enterprise']);
    expect(codesOf(r.issues, 4, 'error')).toEqual(['credit_code_length']);
    expect(codesOf(r.issues, 5, 'error')).toEqual(['negative_number']);
    expect(codesOf(r.issues, 6, 'error')).toEqual(['negative_number', 'negative_number', 'negative_number']);
    expect(codesOf(r.issues, 7, 'error')).toEqual(['duplicate_period']);
    expect(codesOf(r.issues, 8, 'error')).toEqual(['duplicate_period']);
    expect(r.issues.find((i) => i.row === 7)!.message).toContain('row 8');
    expect(codesOf(r.issues, 9, 'error')).toEqual(['not_a_number', 'missing_value', 'employees_invalid']);
    expect(r.records.map((x) => x.row)).toEqual([2]);
    expect(r.total).toBe(8);
  });

  it('turns cumulative returns into months within the file, in month order', () => {
    // Rows out of order; February's file row gives March its base; April has none in the file but a stored March… of the file.
    const r = run(CUM_H, [
      [A, '2021-03', 60, 600, 150, 6, 3, 12],
      [A, '2021-01', 10, 100, 25, 1, 0.5, 10],
      [A, '2021-02', 30, 300, 75, 3, 1.5, 11],
    ]);
    expect(r.cumulative).toBe(true);
    expect(codesOf(r.issues, 0)).toEqual(['cumulative_detected']);
    expect(codesOf(r.issues, undefined, 'error')).toEqual([]);
    const byMonth = Object.fromEntries(r.records.map((x) => [x.month, x]));
    expect(byMonth[202101]).toMatchObject({ revenue: 100_000, output: 1_000_000, valueAdded: 250_000, profit: 10_000, tax: 5_000, employees: 10 });
    expect(byMonth[202102]).toMatchObject({ revenue: 200_000, output: 2_000_000, valueAdded: 500_000, profit: 20_000, tax: 10_000, employees: 11 });
    expect(byMonth[202103]).toMatchObject({ revenue: 300_000, output: 3_000_000, valueAdded: 750_000, profit: 30_000, tax: 15_000, employees: 12 });
    expect(r.records.map((x) => x.row)).toEqual([2, 3, 4]);
  });

  it('takes the earlier months of the year from the stored figures, and warns when none is known', () => {
    const stored = { [`${A}:202101`]: month(100_000), [`${A}:202102`]: month(200_000) };
    // A: stored Jan + Feb = 300,000 → March = 600,000 − 300,000. B: nothing known before May.
    const r = run(CUM_H, [[A, '2021-03', 60, 60, 15, 6, 3, 12], [B, '2021-05', 50, 50, 10, 5, 2, 7]], { stored });
    expect(r.records[0]).toMatchObject({ month: 202103, revenue: 300_000, output: 300_000, valueAdded: 150_000 - 75_000, profit: 60_000 - 30_000, tax: 30_000 - 15_000 });
    expect(r.records[1]).toMatchObject({ month: 202105, revenue: 500_000 });
    expect(codesOf(r.issues, 3)).toEqual(['cumulative_first_month']);
    expect(r.issues.find((i) => i.row === 3)!.severity).toBe('warning');
    // A file month in between replaces the stored base: April from March of the file plus nothing stored after it.
    const r2 = run(CUM_H, [[A, '2021-03', 60, 60, 15, 6, 3, 12], [A, '2021-04', 100, 100, 25, 10, 5, 12]], { stored });
    expect(r2.records.map((x) => x.revenue)).toEqual([300_000, 400_000]);
    // January stands alone: no warning.
    expect(codesOf(run(CUM_H, [[B, '2021-01', 5, 5, 1, 1, 1, 1]]).issues, 2)).toEqual([]);
  });

  it('rejects a cumulative value below the month before\'s, and honours an explicit choice over the headers', () => {
    const r = run(CUM_H, [[A, '2021-01', 10, 100, 25, 1, 0.5, 10], [A, '2021-02', 8, 300, 75, -3, 1.5, 11]]);
    expect(codesOf(r.issues, 3, 'error')).toEqual(['cumulative_decrease']);
    expect(r.issues.find((i) => i.row === 3)!.message).toContain('80,000 yuan is smaller than the cumulative value to 2021-01 (100,000 yuan)');
    expect(r.records.map((x) => x.month)).toEqual([202101]);
    // Monthly after all: the same rows are months.
    const m = run(CUM_H, [[A, '2021-01', 10, 100, 25, 1, 0.5, 10], [A, '2021-02', 8, 300, 75, -3, 1.5, 11]], { cumulative: false });
    expect(m.cumulative).toBe(false);
    expect(m.records.map((x) => x.revenue)).toEqual([100_000, 80_000]);
    // And cumulative on plain headers.
    const c = run(H, [[A, '2021-01', 10, 100, 25, 1, 0.5, 10], [A, '2021-02', 30, 300, 75, 3, 1.5, 11]], { cumulative: true });
    expect(c.records.map((x) => x.revenue)).toEqual([100_000, 200_000]);
  });

  it('warns when a month\'s revenue jumps more than 5× or falls below 1/5 of the month before', () => {
    const stored = { [`${A}:202106`]: month(100_000), [`${B}:202012`]: month(100_000) };
    const r = run(H, [
      [A, '2021-07', 50.01, 1, 1, 1, 1, 1], // 500,100 > 5 × 100,000
      [A, '2021-08', 50, 1, 1, 1, 1, 1], // same as July
      [A, '2021-09', 9.9, 1, 1, 1, 1, 1], // 99,000 < 500,000 / 5
      [B, '2021-01', 10, 1, 1, 1, 1, 1], // December of the year before, stored: no jump
    ], { stored });
    expect(codesOf(r.issues, 2, 'warning')).toEqual(['revenue_jump']);
    expect(r.issues.find((i) => i.row === 2)!.message).toContain('500,100 yuan is more than 5 times that of 2021-06 (100,000 yuan)');
    expect(codesOf(r.issues, 3, 'warning')).toEqual([]);
    expect(codesOf(r.issues, 4, 'warning')).toEqual(['revenue_drop']);
    expect(r.issues.find((i) => i.row === 4)!.message).toContain('99,000 yuan is less than 1/5 of that of 2021-08 (500,000 yuan)');
    expect(codesOf(r.issues, 5, 'warning')).toEqual([]);
    expect(r.records).toHaveLength(4);
  });

  it('knows cumulative headers, chosen units and what a dry run must load', () => {
    expect(detectCumulative({ revenue: '营业收入(万元)(本年累计)' })).toBe(true);
    expect(detectCumulative({ revenue: '1-7月营业收入' })).toBe(true);
    expect(detectCumulative({ revenue: '本年累計營業收入' })).toBe(true);
    expect(detectCumulative({ revenue: 'Revenue YTD' })).toBe(true);
    expect(detectCumulative({ revenue: '营业收入(万元)', employees: '期末从业人员' })).toBe(false);
    expect(parseUnitChoice('operating', '万元')).toEqual({ revenue: 1e4, output: 1e4, valueAdded: 1e4, profit: 1e4, tax: 1e4 });
    expect(parseUnitChoice('enterprises', 'revenue=千元')).toEqual({ revenue: 1e3 });
    expect(parseUnitChoice('enterprises', { revenue: '萬元' })).toEqual({ revenue: 1e4 });
    expect(() => parseUnitChoice('enterprises', { name: '万元' })).toThrow(/not a field of enterprises with a unit/);
    expect(() => parseUnitChoice('enterprises', 'revenue=斤')).toThrow(/not a unit of revenue/);
    const t = table(H, [[A, '2021-03', 1, 1, 1, 1, 1, 1], [` ${B.toLowerCase()} `, '2020年11月', 1, 1, 1, 1, 1, 1], ['', 'x', 1, 1, 1, 1, 1, 1]]);
    expect(scanOperatingKeys(t, suggestMapping('operating', H))).toEqual({ creditCodes: [A, B], fromMonth: 201912, toMonth: 202103 });
    const unitless = run(['统一社会信用代码', '报告期', '营业收入', '工业总产值', '利润总额', '税金总额', '期末从业人员'], [[A, '2021-07', 100, 200, 10, 5, 30]]);
    expect(codesOf(unitless.issues, 0)).toEqual(['unit_not_stated', 'unit_not_stated', 'unit_not_stated', 'unit_not_stated']);
    expect(unitless.records[0].revenue).toBe(100);
  });
});

describe('enterprises from the statistics bureau (industry codes)', () => {
  const city = createCityArea(JSON.parse(readFileSync('data/boundaries/guangzhou-districts.geojson', 'utf8')) as FeatureCollection);
  const SH = ['统一社会信用代码', '单位详细名称', '行业代码', '营业收入(万元)', '从业人员期末人数', '经度', '纬度'];
  const codes = [0, 1, 2, 3, 4, 5].map((i) => makeCreditCode('440106', String(33_000_000 + i)));
  const row = (i: number, industry: Value, over: Value[] = []) => [codes[i], `统计局企业${i}`, industry, 3000, 50, 113.3612, 23.1247, ...over];

  it('derives cluster and sub-industry from the class; an unknown class is an error', () => {
    const mapping = suggestMapping('enterprises', SH);
    expect(mapping).toMatchObject({ industryCode: '行业代码', name: '单位详细名称', employees: '从业人员期末人数', revenue: '营业收入(万元)' });
    expect(unmappedRequired('enterprises', mapping, false)).toEqual([]);
    const r = validateEnterprises(table(SH, [row(0, '3670'), row(1, 'C2682'), row(2, '1711 棉纺纱加工'), row(3, '0111'), row(4, '汽车零部件及配件制造'), row(5, '')]), mapping, 'wgs84', { city });
    expect(r.records.map((x) => [x.industryCode, x.cluster, x.subIndustry, x.revenue])).toEqual([
      ['3670', 'auto', 'auto-parts', 30_000_000], ['2682', 'consumer', 'cosmetics', 30_000_000], ['1711', 'other', 'other-manufacturing', 30_000_000],
      ['3670', 'auto', 'auto-parts', 30_000_000],
    ]);
    expect(codesOf(r.issues, 5, 'error')).toEqual(['unknown_industry_code']);
    expect(r.issues.find((i) => i.row === 5)!.message).toContain('"0111" is not a manufacturing class of GB/T 4754-2017');
    expect(codesOf(r.issues, 7, 'error')).toEqual(['missing_sub_industry']);
  });

  it('lets an explicit sub-industry win, and checks an explicit cluster against the class', () => {
    const H2 = [...SH, '细分行业', '所属集群'];
    const mapping = suggestMapping('enterprises', H2);
    const r = validateEnterprises(table(H2, [row(0, '3670', ['化妆品', '']), row(1, '3670', ['', '汽车']), row(2, '3670', ['', 'consumer'])]), mapping, 'wgs84', { city });
    expect(r.records.map((x) => [x.industryCode, x.cluster, x.subIndustry])).toEqual([['3670', 'consumer', 'cosmetics'], ['3670', 'auto', 'auto-parts']]);
    expect(codesOf(r.issues, 4, 'error')).toEqual(['industry_code_mismatch']);
  });

  it('reads revenue in a chosen unit when the header does not say it', () => {
    const H3 = ['统一社会信用代码', '单位详细名称', '行业代码', '营业收入', '经度', '纬度'];
    const rows = [[codes[0], '甲', '3670', 3000, 113.3612, 23.1247]];
    const asIs = validateEnterprises(table(H3, rows), suggestMapping('enterprises', H3), 'wgs84', { city });
    expect(codesOf(asIs.issues, 2, 'error')).toEqual(['revenue_below_threshold']);
    expect(asIs.issues.find((i) => i.code === 'revenue_below_threshold')!.message).toContain('choose the unit 万元');
    const chosen = validateEnterprises(table(H3, rows), suggestMapping('enterprises', H3), 'wgs84', { city, units: parseUnitChoice('enterprises', { revenue: '万元' }) });
    expect(chosen.records[0].revenue).toBe(30_000_000);
    expect(chosen.units).toEqual({ revenue: 1e4 });
  });
});
