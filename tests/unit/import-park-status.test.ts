// Park status files (kind parkStatus, issue 15 item 2), the pure half: values as codes or labels in
// any of the three languages, dates as people write them, pilot years, the column mapping of Chinese
// headers, and the validator's verdict per row against parks passed in (district, workflow, unchanged
// rows skipped, review → proposal).
import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../../src/domain/import/column-mapping.ts';
import type { SourceTable } from '../../src/domain/import/import-types.ts';
import { lookupCode } from '../../src/domain/import/taxonomy-lookup.ts';
import { parseDateCell, parkStatusPlan, parsePilotYearCell, validateParkStatus, type ParkStatusLookup, type StoredParkStatus } from '../../src/domain/import/validate-park-status.ts';
import { ALL_REVIEWED } from '../../src/domain/renovation-review.ts';
import { taxonomy } from '../../src/domain/taxonomy.ts';

describe('park status values', () => {
  it('reads every category and progress as its code or its label in zh-Hans, zh-Hant and en', () => {
    for (const vocabulary of ['category', 'progress'] as const) {
      const entries = vocabulary === 'category' ? taxonomy.renovationCategories : taxonomy.renovationProgress;
      for (const e of entries) {
        expect(lookupCode(vocabulary, e.code)).toBe(e.code);
        for (const lang of ['zh-Hans', 'zh-Hant', 'en'] as const) expect(lookupCode(vocabulary, e.label[lang]), `${vocabulary} ${e.label[lang]}`).toBe(e.code);
      }
    }
    expect(lookupCode('category', '改造提升')).toBe('upgrade');
    expect(lookupCode('category', '淘汰關停')).toBe('eliminate');
    expect(lookupCode('progress', '未启动')).toBe('not_started');
    expect(lookupCode('progress', '已完成')).toBe('completed');
    expect(lookupCode('progress', '實施中')).toBe('in_progress');
    expect(lookupCode('progress', 'IN PROGRESS')).toBe('in_progress');
    expect(lookupCode('category', '拆除')).toBeUndefined();
  });

  it('reads dates as people write them, and Excel serial days', () => {
    for (const text of ['2026-11-20', '2026/11/20', '2026年11月20日', '2026.11.20', '20261120', '２０２６／１１／２０', ' 2026-11-20 ', '2026-11-20T00:00:00.000Z'])
      expect(parseDateCell(text), text).toBe('2026-11-20');
    expect(parseDateCell('2026/11/5')).toBe('2026-11-05');
    expect(parseDateCell('2026年1月5日')).toBe('2026-01-05');
    expect(parseDateCell(46346)).toBe('2026-11-20');
    expect(parseDateCell('46346')).toBe('2026-11-20');
    expect(parseDateCell(46346.75)).toBe('2026-11-20');
    expect(parseDateCell(44197)).toBe('2021-01-01');
    for (const bad of ['2026-13-01', '2026-02-30', '2026/11', '11/20/2026', '明天', 12, 2026, '', null, true])
      expect(parseDateCell(bad as never), String(bad)).toBeNull();
  });

  it('reads pilot years: a year, 否 for none, empty for keep', () => {
    expect(parsePilotYearCell('2020')).toBe(2020);
    expect(parsePilotYearCell(2021)).toBe(2021);
    expect(parsePilotYearCell('2019年')).toBe(2019);
    expect(parsePilotYearCell('否')).toBeNull();
    expect(parsePilotYearCell('无')).toBeNull();
    expect(parsePilotYearCell('none')).toBeNull();
    expect(parsePilotYearCell('')).toBeUndefined();
    expect(parsePilotYearCell('明年')).toBe('invalid');
  });

  it('maps the template\'s Chinese headers, with or without the allowed values in brackets, and the old English ones', () => {
    expect(suggestMapping('parkStatus', ['园区编号', '园区名称', '所在区', '整治类别', '改造进度', '试点年度', '生效日期', '原因'])).toEqual({
      code: '园区编号', name: '园区名称', category: '整治类别', progress: '改造进度', pilotYear: '试点年度', effectiveDate: '生效日期', reason: '原因',
    });
    expect(suggestMapping('parkStatus', ['園區代碼', '分類', '進度', '說明'])).toMatchObject({ code: '園區代碼', category: '分類', progress: '進度', reason: '說明' });
    expect(suggestMapping('parkStatus', ['整治类别（未分类/淘汰关停/功能转换/改造提升）']).category).toBe('整治类别（未分类/淘汰关停/功能转换/改造提升）');
    expect(suggestMapping('parkStatus', ['parkId', 'category', 'progress', 'pilotYear', 'reason', 'effectiveDate'])).toEqual({
      code: 'parkId', category: 'category', progress: 'progress', pilotYear: 'pilotYear', reason: 'reason', effectiveDate: 'effectiveDate',
    });
  });
});

describe('validateParkStatus', () => {
  const park = (id: number, code: string, district: string, category: StoredParkStatus['category'], progress: StoredParkStatus['progress'], pilotYear: number | null = null): StoredParkStatus =>
    ({ id, code, name: `${code}村工业园`, district, category, progress, pilotYear, version: 3, statusDate: '2021-06-30' });
  const parks = [
    park(1, 'BY-1', '440111', 'unclassified', 'not_started'),
    park(2, 'BY-2', '440111', 'upgrade', 'not_started'),
    park(3, 'BY-3', '440111', 'upgrade', 'in_progress', 2020),
    park(4, 'PY-1', '440113', 'upgrade', 'not_started'),
    park(5, 'BY-5', '440111', 'upgrade', 'not_started'),
  ];
  const lookup = (role: 'admin' | 'official', pending = new Map()): ParkStatusLookup => ({
    parks: new Map(parks.flatMap((p) => [[p.code, p], [String(p.id), p]])),
    actor: { role, district: role === 'official' ? '440111' : null },
    rules: ALL_REVIEWED, today: '2026-11-29', pending,
  });
  const headers = ['园区编号', '园区名称', '整治类别', '改造进度', '试点年度', '生效日期', '原因'];
  const table = (rows: (string | number)[][]): SourceTable => ({
    format: 'csv', encoding: 'gbk', headers,
    rows: rows.map((cells, i) => ({ row: i + 2, cells: Object.fromEntries(headers.map((h, j) => [h, cells[j] ?? ''])) })),
  });
  const mapping = suggestMapping('parkStatus', headers);

  it('plans per row: a reviewed change is a proposal, a progress update applies, a row as it stands is unchanged', () => {
    const report = validateParkStatus(table([
      ['BY-1', 'BY-1村工业园', '改造提升', '', '', '2026/11/20', '确定路径'],
      ['BY-2', '', '', '实施中', '', '2026年11月20日', '开工'],
      ['BY-3', '', '改造提升', '實施中', '2020', '', ''],
    ]), mapping, 'wgs84', lookup('official'));
    expect(report.issues.map((i) => [i.row, i.code, i.severity])).toEqual([[4, 'status_unchanged', 'warning']]);
    const plan = parkStatusPlan(report.records);
    expect(plan).toMatchObject({ direct: 1, proposals: 1, unchanged: 1 });
    expect(report.records.map((r) => [r.code, r.outcome, r.review, r.effectiveDate])).toEqual([
      ['BY-1', 'propose', ['category'], '2026-11-20'], ['BY-2', 'apply', [], '2026-11-20'], ['BY-3', 'unchanged', [], '2026-11-29'],
    ]);
    // An administrator's changes never wait for review.
    const adminReport = validateParkStatus(table([['BY-1', '', '改造提升', '', '', '2026-11-20', '确定路径']]), mapping, 'wgs84', lookup('admin'));
    expect(adminReport.records[0]).toMatchObject({ outcome: 'apply', review: [] });
  });

  it('refuses per row: another district (by code), the workflow, unknown values and parks, a wrong name, bad or early dates, a missing reason', () => {
    const report = validateParkStatus(table([
      ['PY-1', '', '淘汰关停', '', '', '2026-11-20', '不是本区'],
      ['BY-2', '', '', '已完成', '', '2026-11-20', '跳过一步'],
      ['BY-9', '', '改造提升', '', '', '2026-11-20', '没有此园区'],
      ['BY-1', '别的园区', '改造提升', '', '', '2026-11-20', '名称不符'],
      ['BY-3', '', '', '', '明年', '2026-11-20', '年份写错'],
      ['5', '', '', '实施中', '', '2021-01-01', '早于当前状态'],
    ]), mapping, 'wgs84', lookup('official'));
    const codes = (row: number) => report.issues.filter((i) => i.row === row).map((i) => i.code);
    expect(report.issues.find((i) => i.row === 2)).toMatchObject({ code: 'park_other_district', params: { yourDistrict: '440111', parkDistrict: '440113' } });
    expect(codes(3)).toEqual(['workflow_progress_step']);
    expect(codes(4)).toEqual(['bulk_unknown_park']);
    expect(codes(5)).toEqual(['park_name_mismatch']);
    expect(codes(6)).toEqual(['invalid_pilot_year']);
    expect(codes(7)).toEqual(['effective_date_before_status']);
    expect(report.records).toEqual([]);
    const noReason = validateParkStatus(table([['BY-2', '', '', '实施中', '', '2026-11-20', '']]), mapping, 'wgs84', lookup('official'));
    expect(noReason.issues.map((i) => i.code)).toEqual(['reason_required']);
    const dup = validateParkStatus(table([['BY-2', '', '', '实施中', '', '', '开工'], ['BY-2', '', '', '实施中', '', '', '开工']]), mapping, 'wgs84', lookup('official'));
    expect(dup.issues.map((i) => i.code)).toEqual(['duplicate_code', 'duplicate_code']);
  });

  it('skips a change already waiting for the city\'s review', () => {
    const pending = new Map([[1, [{ category: 'upgrade' as const, progress: 'not_started' as const, pilotYear: null }]]]);
    const report = validateParkStatus(table([['BY-1', '', '改造提升', '', '', '2026-11-20', '确定路径']]), mapping, 'wgs84', lookup('official', pending));
    expect(report.issues.map((i) => i.code)).toEqual(['status_already_proposed']);
    expect(report.records[0].outcome).toBe('unchanged');
  });
});
