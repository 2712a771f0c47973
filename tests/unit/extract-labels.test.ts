// Readable exports (issue 15, item 4): field names and code labels in three languages, revenue in
// 万元, the value parks' elements as text, and the CSV and XLSX writers read back (the XLSX with
// read-excel-file, the library our imports read with).
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { toCsvExtract } from '../../src/domain/extract/extract-csv.ts';
import { toGeoJsonExtract } from '../../src/domain/extract/extract-geojson.ts';
import {
  catalogueFields, elementsText, fieldName, readableProperties, tableColumns, townName,
} from '../../src/domain/extract/extract-labels.ts';
import type { ExtractFeature, ExtractMeta } from '../../src/domain/extract/extract-meta.ts';
import { toKmlExtract } from '../../src/domain/extract/extract-kml.ts';
import { toShapefileZip } from '../../src/domain/extract/extract-shapefile.ts';
import { toXlsxExtract } from '../../src/domain/extract/extract-xlsx.ts';
import { LAYERS } from '../../src/server/exports/export-layers.ts';
import { unzipSync } from 'fflate';

const firm: ExtractFeature = {
  type: 'Feature', geometry: { type: 'Point', coordinates: [113.45, 23.1] },
  properties: {
    id: 7, name: '广州某某汽车零部件有限公司', creditCode: '91440101MA5XXXXX0X', cluster: 'auto', subIndustry: 'auto-parts', industryCode: '3670',
    futureIndustry: null, tags: ['srdi', 'high-tech'], revenue: 123_456_789, employees: null, district: '440112', town: '440112012',
    address: '黄埔区某路 1 号', villageParkId: null, valueParkId: 2,
  },
};
const park: ExtractFeature = {
  type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[113.3, 23.1], [113.31, 23.1], [113.31, 23.11], [113.3, 23.1]]] },
  properties: { id: 1, code: 'VP1', name: '江村工业园', district: '440111', town: '440111113', village: '江村', areaMu: 15.6, outputPerMu: 499500, category: 'upgrade', progress: 'in_progress', pilotYear: 2020, statusDate: '2021-06-30' },
};
const ELEMENTS = [
  { code: 'industry-leader', present: true, note: '龙头企业待认定' },
  { code: 'industry-fund', present: false, note: '产业基金（示例）' },
];
const valuePark: ExtractFeature = {
  type: 'Feature', geometry: park.geometry,
  properties: { id: 1, code: 'VIP01', name: '花都汽车城价值创新园', district: '440114', theme: 'auto', areaKm2: 8.05, elements: ELEMENTS },
};
const meta = (layer: ExtractMeta['layer']): ExtractMeta => ({ layer, filter: { districts: ['440112'] }, dataDate: '2021-12-31', demo: true, exportedAt: '2026-11-29T02:00:00.000Z' });
const ENTERPRISE_FIELDS = ['id', 'name', 'cluster', 'subIndustry', 'industryCode', 'tags', 'revenue', 'employees', 'district', 'town'];

const readCsv = (csv: string) => {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
};

describe('export labels', () => {
  it('names every field the server exports, in three languages', () => {
    for (const [layer, spec] of Object.entries(LAYERS) as [keyof typeof LAYERS, (typeof LAYERS)[keyof typeof LAYERS]][]) {
      expect(catalogueFields(layer).sort()).toEqual(spec.fields.map(([name]) => name).sort());
      for (const [name] of spec.fields) for (const lang of ['zh-Hans', 'zh-Hant', 'en'] as const) expect(fieldName(layer, name, lang), `${layer}.${name}`).not.toBe(name);
    }
    expect(fieldName('enterprises', 'revenue', 'zh-Hans')).toBe('营业收入（万元）');
    expect(fieldName('enterprises', 'revenue', 'zh-Hant')).toBe('營業收入（萬元）');
    expect(fieldName('parks', 'category', 'en')).toBe('Renovation category');
  });

  it('labels codes in the language: cluster, sub-industry, tags, district, town, category, progress', () => {
    const p = readableProperties('enterprises', firm.properties!, ENTERPRISE_FIELDS, 'zh-Hans');
    expect(p).toMatchObject({ cluster: '汽车', clusterCode: 'auto', subIndustry: expect.stringContaining('零部件'), subIndustryCode: 'auto-parts', tags: '专精特新企业、高新技术企业', tagsCode: ['srdi', 'high-tech'], district: '黄埔区', districtCode: '440112' });
    expect(p.town).toBe(townName('440112012', 'zh-Hans'));
    expect(p.town).not.toMatch(/^\d+$/);
    expect(readableProperties('parks', park.properties!, ['category', 'progress'], 'zh-Hant')).toEqual({ category: '改造提升', categoryCode: 'upgrade', progress: expect.stringMatching(/[推進行中]/), progressCode: 'in_progress' });
    expect(readableProperties('parks', park.properties!, ['category', 'district'], 'en')).toMatchObject({ category: 'Renovate and upgrade', district: expect.stringMatching(/District$/) });
    // An unknown code is shown as it is, never hidden.
    expect(readableProperties('enterprises', { cluster: 'zzz' }, ['cluster'], 'zh-Hans').cluster).toBe('zzz');
  });

  it('writes the value parks\' elements as text, never [object Object]', () => {
    expect(elementsText(ELEMENTS, 'zh-Hans')).toBe('产业龙头：有（龙头企业待认定）；产业资金：无');
    expect(elementsText(JSON.stringify(ELEMENTS), 'zh-Hant')).toBe('產業龍頭：有（龙头企业待认定）；產業資金：無');
    expect(elementsText(ELEMENTS, 'en')).toBe('Industry leader: yes (龙头企业待认定); Industry fund: no');
    const codes = readCsv(toCsvExtract([valuePark], ['name', 'elements'], meta('value-parks')));
    expect(codes[1][1]).not.toContain('[object Object]');
    expect(JSON.parse(codes[1][1])).toEqual(ELEMENTS);
  });

  it('writes a readable CSV: Chinese headers, labels with codes beside them, revenue in 万元, blank employees, the demo column', () => {
    const rows = readCsv(toCsvExtract([firm], ENTERPRISE_FIELDS, meta('enterprises'), { lang: 'zh-Hans', labels: 'readable' }));
    expect(rows[0]).toEqual([
      '编号', '企业名称', '产业集群', '产业集群代码', '细分行业', '细分行业代码', '国民经济行业', '国民经济行业代码', '企业标签', '企业标签代码',
      '营业收入（万元）', '营收规模', '从业人员（人）', '所在区', '所在区代码', '镇街', '镇街代码', '演示数据',
    ]);
    const row = Object.fromEntries(rows[0].map((h, i) => [h, rows[1][i]]));
    expect(row).toMatchObject({ 产业集群: '汽车', 产业集群代码: 'auto', 企业标签: '专精特新企业、高新技术企业', 企业标签代码: 'srdi;high-tech', 所在区: '黄埔区', 所在区代码: '440112', 镇街代码: '440112012' });
    expect(row['营业收入（万元）']).toBe('12345.6789');
    expect(row['营收规模']).not.toBe('');
    expect(row['从业人员（人）']).toBe('');
    expect(row['演示数据']).toMatch(/合成演示数据/);
    // English headers for an English user.
    expect(readCsv(toCsvExtract([firm], ['name', 'revenue'], meta('enterprises'), { lang: 'en', labels: 'readable' }))[0]).toEqual(['Enterprise', 'Revenue (CNY 10,000)', 'Revenue tier', 'Demo data']);
  });

  it('writes an XLSX with a Chinese header, numbers as numbers, dates as dates and an about sheet', async () => {
    const bytes = await toXlsxExtract([firm], ENTERPRISE_FIELDS, meta('enterprises'), { lang: 'zh-Hans', labels: 'readable' });
    const [sheet, about] = await readXlsxFile(Buffer.from(bytes));
    expect(sheet.sheet).toBe('企业');
    const [header, row] = sheet.data;
    expect(header.slice(0, 4)).toEqual(['编号', '企业名称', '产业集群', '产业集群代码']);
    const cell = (h: string) => row[header.indexOf(h)];
    expect(cell('编号')).toBe(7);
    expect(cell('营业收入（万元）')).toBeCloseTo(12345.6789, 4);
    expect(typeof cell('营业收入（万元）')).toBe('number');
    expect(cell('从业人员（人）')).toBeNull();
    expect(cell('产业集群')).toBe('汽车');
    expect(cell('所在区')).toBe('黄埔区');
    expect(cell('演示数据')).toMatch(/合成演示数据/);
    expect(about.sheet).toBe('说明');
    expect(about.data.flat().join('\n')).toMatch(/演示数据：企业和园区均为合成数据/);

    const parks = await readXlsxFile(Buffer.from(await toXlsxExtract([park], ['name', 'areaMu', 'category', 'statusDate'], meta('parks'), { lang: 'zh-Hant', labels: 'readable' })));
    const [h, r] = parks[0].data;
    expect(h).toEqual(['園區名稱', '佔地面積（畝）', '改造類型', '改造類型代碼', '狀態日期', '示範資料']);
    expect(r[1]).toBe(15.6);
    expect(r[2]).toBe('改造提升');
    expect(r[4]).toBeInstanceOf(Date);
    expect((r[4] as unknown as Date).toISOString().slice(0, 10)).toBe('2021-06-30');
  });

  it('keeps codes only on request: the columns are the keys and the values as stored', () => {
    const columns = tableColumns('enterprises', ['cluster', 'revenue'], { lang: 'zh-Hans', labels: 'codes' }, false);
    expect(columns.map((c) => c.header)).toEqual(['cluster', 'revenue']);
    expect(columns.map((c) => c.cell(firm.properties!))).toEqual(['auto', 123_456_789]);
  });

  it('labels GeoJSON, KML and Shapefile values, keeping stable keys and the codes beside them', () => {
    const fc = JSON.parse(toGeoJsonExtract([firm], ['name', 'cluster', 'revenue'], meta('enterprises'), { lang: 'zh-Hans', labels: 'readable' }));
    expect(fc.features[0].properties).toEqual({ name: firm.properties!.name, cluster: '汽车', clusterCode: 'auto', revenue: 123_456_789 });
    expect(fc.export).toMatchObject({ lang: 'zh-Hans', labels: 'readable', fields: ['name', 'cluster', 'clusterCode', 'revenue'], fieldLabels: { cluster: '产业集群', clusterCode: '产业集群代码', revenue: '营业收入（元）' }, localNotice: expect.stringContaining('合成') });
    const kml = toKmlExtract([firm], ['name', 'cluster'], meta('enterprises'), { lang: 'zh-Hans', labels: 'readable' });
    expect(kml).toContain('汽车');
    expect(kml).toContain('合成数据');
    const zip = unzipSync(toShapefileZip([firm], ['name', 'cluster'], meta('enterprises'), { lang: 'zh-Hans', labels: 'readable' }));
    const txt = Object.entries(zip).find(([n]) => n.endsWith('.txt'));
    expect(txt?.[0]).toMatch(/字段说明\.txt$/);
    expect(new TextDecoder().decode(txt![1])).toMatch(/cluster\t产业集群\r\nclusterCod\t产业集群代码/);
    expect(Object.keys(zip).some((n) => n.endsWith('.cpg'))).toBe(true);
  });
});
