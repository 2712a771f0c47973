// Column-mapping suggestions from real-world headers, unit multipliers, and the cell and taxonomy
// readers the validators build on.
import { describe, expect, it } from 'vitest';
import { LANGS, taxonomy } from '../../src/domain/taxonomy.ts';
import { foldKey, parseNumber, toSimplified } from '../../src/domain/import/cells.ts';
import { TARGET_FIELDS, splitHeader, suggestMapping, suggestUnits, unmappedRequired } from '../../src/domain/import/column-mapping.ts';
import { lookupCode, parseTags } from '../../src/domain/import/taxonomy-lookup.ts';

describe('suggestMapping', () => {
  it('maps Simplified Chinese headers', () => {
    const headers = ['序号', '统一社会信用代码', '企业名称', '所属集群', '细分行业', '未来产业', '标签', '营业收入(万元)', '从业人员', '地址', '经度', '纬度'];
    expect(suggestMapping('enterprises', headers)).toEqual({
      creditCode: '统一社会信用代码',
      name: '企业名称',
      cluster: '所属集群',
      subIndustry: '细分行业',
      futureIndustry: '未来产业',
      tags: '标签',
      revenue: '营业收入(万元)',
      employees: '从业人员',
      address: '地址',
      lon: '经度',
      lat: '纬度',
    });
  });

  it('maps Traditional Chinese headers, with full-width brackets and spaces', () => {
    const headers = ['統一社會信用代碼', ' 企業名稱 ', '產業集群', '細分行業', '標籤', '營業收入（億元）', '從業人員數', '企業地址', '經度', '緯度'];
    const m = suggestMapping('enterprises', headers);
    expect(m).toMatchObject({
      creditCode: '統一社會信用代碼',
      name: ' 企業名稱 ',
      cluster: '產業集群',
      subIndustry: '細分行業',
      tags: '標籤',
      revenue: '營業收入（億元）',
      employees: '從業人員數',
      address: '企業地址',
      lon: '經度',
      lat: '緯度',
    });
    expect(suggestUnits('enterprises', m)).toEqual({ revenue: 1e8 });
  });

  it('maps English headers in any case and spelling', () => {
    expect(suggestMapping('enterprises', ['Credit_Code', 'NAME', 'Cluster', 'sub industry', 'Revenue (CNY)', 'Employees', 'Address', 'lng', 'Latitude'])).toEqual({
      creditCode: 'Credit_Code',
      name: 'NAME',
      cluster: 'Cluster',
      subIndustry: 'sub industry',
      revenue: 'Revenue (CNY)',
      employees: 'Employees',
      address: 'Address',
      lon: 'lng',
      lat: 'Latitude',
    });
    expect(suggestMapping('enterprises', ['creditCode', 'name', 'x', 'y', 'longitude'])).toMatchObject({ creditCode: 'creditCode', lon: 'longitude', lat: 'y' });
  });

  it('accepts 主营业务收入 and full-width letters, and prefers the exact header', () => {
    const m = suggestMapping('enterprises', ['ｃｒｅｄｉｔ＿ｃｏｄｅ', '所属园区名称', '企业名称', '主营业务收入（万元）']);
    expect(m).toMatchObject({ creditCode: 'ｃｒｅｄｉｔ＿ｃｏｄｅ', name: '企业名称', revenue: '主营业务收入（万元）' });
    expect(suggestUnits('enterprises', m)).toEqual({ revenue: 1e4 });
  });

  it('recognises DBF names cut at 10 bytes', () => {
    // 统一社会信用代码 in GBK is 16 bytes; a Shapefile keeps 统一社会信.
    expect(suggestMapping('enterprises', ['统一社会信', '企业名称', '营业收入']).creditCode).toBe('统一社会信');
  });

  it('maps park and district headers', () => {
    expect(suggestMapping('parks', ['园区编码', '园区名称', '占地面积(亩)', '建筑面积(平方米)', '亩均产值(万元/亩)', '亩均税收(万元/亩)', '改造类型', '改造进度', '试点年份'])).toEqual({
      code: '园区编码',
      name: '园区名称',
      areaMu: '占地面积(亩)',
      buildingAreaM2: '建筑面积(平方米)',
      outputPerMu: '亩均产值(万元/亩)',
      taxPerMu: '亩均税收(万元/亩)',
      category: '改造类型',
      progress: '改造进度',
      pilotYear: '试点年份',
    });
    expect(suggestMapping('districts', ['adcode', 'name'])).toEqual({ code: 'adcode', name: 'name' });
    expect(suggestMapping('districts', ['行政区划代码', '區名'])).toEqual({ code: '行政区划代码', name: '區名' });
  });

  it('leaves unknown headers unmapped and never uses a header twice', () => {
    const m = suggestMapping('enterprises', ['备注', '名称', 'foo']);
    expect(m).toEqual({ name: '名称' });
    expect(Object.values(suggestMapping('enterprises', ['名称'])).length).toBe(1);
  });
});

describe('units', () => {
  it('splits a header from its unit', () => {
    expect(splitHeader('营业收入(万元)')).toEqual({ base: '营业收入', unit: '万元' });
    expect(splitHeader('营业收入【单位：亿元】')).toEqual({ base: '营业收入', unit: '亿元' });
    expect(splitHeader('营业收入万元')).toEqual({ base: '营业收入', unit: '万元' });
    expect(splitHeader('名称')).toEqual({ base: '名称', unit: null });
  });

  it('turns units into multipliers per quantity', () => {
    expect(suggestUnits('enterprises', { revenue: '营业收入(元)' })).toEqual({});
    expect(suggestUnits('enterprises', { revenue: 'revenue (10k yuan)' })).toEqual({ revenue: 1e4 });
    expect(suggestUnits('enterprises', { revenue: '营业收入（千元）' })).toEqual({ revenue: 1e3 });
    expect(suggestUnits('parks', { areaMu: '面积(公顷)', buildingAreaM2: '建筑面积(万平方米)', outputPerMu: '亩均产值(万元/亩)' })).toEqual({ areaMu: 15, buildingAreaM2: 1e4, outputPerMu: 1e4 });
    expect(suggestUnits('parks', { areaMu: '面积(m²)' }).areaMu).toBeCloseTo(1 / taxonomy.muInSquareMetres, 12);
  });

  it('knows which required fields are unmapped', () => {
    expect(unmappedRequired('enterprises', { creditCode: 'a', name: 'b' }, false)).toEqual(['subIndustry', 'revenue', 'lon', 'lat']);
    expect(unmappedRequired('enterprises', { creditCode: 'a', name: 'b' }, true)).toEqual(['subIndustry', 'revenue']);
    expect(TARGET_FIELDS.parks.filter((f) => f.required).map((f) => f.field)).toEqual(['code', 'name']);
  });
});

describe('cells', () => {
  it.each([
    ['1,234.5', 1234.5],
    ['１２３４．５', 1234.5],
    ['１，２３４', 1234],
    [' 12 345 ', 12345],
    ['-3', -3],
    ['1e3', 1000],
    ['1234。5', 1234.5],
    [42, 42],
  ])('reads %j as %d', (input, value) => {
    expect(parseNumber(input)).toEqual({ ok: true, value });
  });

  it.each(['1,23,4', '12元', 'abc', '1.2.3', '--1', 'NaN'])('refuses %j', (input) => {
    expect(parseNumber(input)).toEqual({ ok: false, empty: false });
  });

  it('tells empty from bad', () => {
    expect(parseNumber('  ')).toEqual({ ok: false, empty: true });
    expect(parseNumber(null)).toEqual({ ok: false, empty: true });
  });

  it('folds every Traditional label of the taxonomy onto its Simplified twin', () => {
    const pairs: [string, string][] = [];
    const walk = (o: unknown): void => {
      if (Array.isArray(o)) o.forEach(walk);
      else if (o && typeof o === 'object') {
        const r = o as Record<string, unknown>;
        if (typeof r['zh-Hans'] === 'string' && typeof r['zh-Hant'] === 'string') pairs.push([r['zh-Hant'] as string, r['zh-Hans'] as string]);
        Object.values(r).forEach(walk);
      }
    };
    walk(taxonomy);
    expect(pairs.length).toBeGreaterThan(50);
    for (const [hant, hans] of pairs) expect(toSimplified(hant), hant).toBe(hans);
    expect(foldKey('統一社會信用代碼')).toBe(foldKey('统一社会信用代码'));
  });
});

describe('taxonomy values', () => {
  it('accepts codes and labels in the three languages', () => {
    for (const c of taxonomy.clusters) {
      expect(lookupCode('cluster', c.code)).toBe(c.code);
      for (const lang of LANGS) expect(lookupCode('cluster', c.label[lang])).toBe(c.code);
    }
    for (const t of taxonomy.enterpriseTags) for (const lang of LANGS) expect(lookupCode('tag', t.label[lang].toUpperCase())).toBe(t.code);
    expect(lookupCode('subIndustry', '新能源汽車')).toBe('nev');
    expect(lookupCode('category', '淘汰關停')).toBe('eliminate');
    expect(lookupCode('progress', 'In progress')).toBe('in_progress');
    expect(lookupCode('district', '天河')).toBe('440106');
    expect(lookupCode('cluster', '鞋帽')).toBeUndefined();
  });

  it('splits tags on 、 ; | and on commas outside labels', () => {
    expect(parseTags('专精特新、高新技术企业;規上')).toEqual({ codes: ['srdi', 'high-tech', 'above-scale'], unknown: [] });
    expect(parseTags('“Two-high, four-new” enterprise, Hidden champion')).toEqual({ codes: ['two-high-four-new', 'hidden-champion'], unknown: [] });
    expect(parseTags('srdi,独角兽')).toEqual({ codes: ['srdi'], unknown: ['独角兽'] });
  });
});
