// Exports a planner can read (issue 15, item 4), on both backends: POST /api/exports with `lang`
// and `labels` gives CSV and XLSX with headers and labels in the language and the codes beside
// them, revenue in 万元, GeoJSON with labelled values under stable keys, the value parks' elements
// as text; `labels: 'codes'` keeps the old files; the export policy still decides the fields.
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, startTestServer, type ApiClient, type TestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';

describe.each(backends())('readable exports (%s)', (backend) => {
  let server: TestServer;
  let planner: ApiClient;
  let viewer: ApiClient;
  beforeAll(async () => {
    server = await startTestServer(backend);
    planner = await clientFor(server, 'planner');
    viewer = await clientFor(server, 'viewer');
  });
  afterAll(() => server?.close());

  /** The raw answer (CSV text or XLSX bytes need no JSON parsing). */
  async function download(c: ApiClient, body: object) {
    const r = await fetch(`${server.url}/api/exports`, {
      method: 'POST',
      headers: { cookie: c.cookieHeader(), 'content-type': 'application/json', 'x-csrf-token': c.csrfToken ?? '' },
      body: JSON.stringify(body),
    });
    return { status: r.status, type: r.headers.get('content-type') ?? '', disposition: r.headers.get('content-disposition') ?? '', bytes: new Uint8Array(await r.arrayBuffer()) };
  }
  const csvRows = (bytes: Uint8Array) => {
    const parsed = Papa.parse<Record<string, string>>(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true, delimiter: ',' });
    expect(parsed.errors).toEqual([]);
    return parsed;
  };
  const HUANGPU = { districts: ['440112'] };

  it('writes a CSV with Chinese headers, labels and the codes beside them by default (zh-Hans)', async () => {
    const r = await download(planner, { layer: 'enterprises', format: 'csv', filters: HUANGPU });
    expect(r.status).toBe(200);
    const { data, meta } = csvRows(r.bytes);
    expect(meta.fields).toEqual(expect.arrayContaining(['企业名称', '产业集群', '产业集群代码', '企业标签', '企业标签代码', '营业收入（万元）', '营收规模', '从业人员（人）', '所在区', '所在区代码', '镇街', '镇街代码', '演示数据']));
    expect(data.length).toBeGreaterThan(10);
    const [{ revenue }] = await server.database.db.query<{ revenue: number }>('SELECT revenue::float8 AS revenue FROM enterprises WHERE id = $1', [Number(data[0]['编号'])]);
    expect(Number(data[0]['营业收入（万元）'])).toBeCloseTo(revenue / 10_000, 4);
    for (const row of data) {
      expect(row['所在区']).toBe('黄埔区');
      expect(row['所在区代码']).toBe('440112');
      expect(row['产业集群']).not.toMatch(/^[a-z-]+$/);
      expect(row['产业集群代码']).toMatch(/^[a-z-]+$/);
      expect(row['镇街']).not.toMatch(/^\d+$/);
      expect(row['演示数据']).toMatch(/合成演示数据/);
    }
    const tagged = data.find((row) => row['企业标签代码'].includes('high-tech'))!;
    expect(tagged['企业标签']).toContain('高新技术企业');
    // zh-Hant and English headers on request.
    expect(csvRows((await download(planner, { layer: 'parks', format: 'csv', lang: 'zh-Hant', fields: ['name', 'category'], filters: HUANGPU })).bytes).meta.fields).toEqual(['園區名稱', '改造類型', '改造類型代碼', '示範資料']);
    expect(csvRows((await download(planner, { layer: 'parks', format: 'csv', lang: 'en', fields: ['name', 'progress'], filters: HUANGPU })).bytes).meta.fields).toEqual(['Park', 'Progress', 'Progress code', 'Demo data']);
  });

  it('writes an XLSX that reads back with a Chinese header, typed numbers, dates and labels', async () => {
    const r = await download(planner, { layer: 'enterprises', format: 'xlsx', lang: 'zh-Hans', filters: HUANGPU });
    expect(r.status).toBe(200);
    expect(r.type).toContain('spreadsheetml');
    expect(r.disposition).toMatch(/enterprises-\d{4}-\d{2}-\d{2}\.xlsx/);
    const [sheet, about] = await readXlsxFile(Buffer.from(r.bytes));
    const [header, ...rows] = sheet.data;
    expect(header).toEqual(expect.arrayContaining(['编号', '企业名称', '统一社会信用代码', '产业集群', '产业集群代码', '营业收入（万元）', '从业人员（人）', '所在区', '镇街', '经度（WGS84）']));
    const col = (name: string) => header.indexOf(name);
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      expect(typeof row[col('编号')]).toBe('number');
      expect(typeof row[col('营业收入（万元）')]).toBe('number');
      expect(typeof row[col('经度（WGS84）')]).toBe('number');
      expect(row[col('所在区')]).toBe('黄埔区');
      const staff = row[col('从业人员（人）')];
      expect(staff === null || typeof staff === 'number').toBe(true);
    }
    expect(about.data.flat().join('\n')).toContain('合成');
    // Parks: areas as numbers, the status date as a date, the category labelled.
    const parks = await download(planner, { layer: 'parks', format: 'xlsx', fields: ['name', 'areaMu', 'category', 'progress', 'statusDate'], filters: HUANGPU });
    const [p] = await readXlsxFile(Buffer.from(parks.bytes));
    expect(p.data[0]).toEqual(['园区名称', '占地面积（亩）', '改造类型', '改造类型代码', '改造进度', '改造进度代码', '状态日期', '演示数据']);
    for (const row of p.data.slice(1)) {
      expect(typeof row[1]).toBe('number');
      expect(['未分类', '淘汰关停', '功能转换', '改造提升']).toContain(row[2]);
      expect(row[6]).toBeInstanceOf(Date);
    }
  });

  it('gives viewers no revenue, credit code or staff in a readable export either', async () => {
    const r = await download(viewer, { layer: 'enterprises', format: 'xlsx', filters: HUANGPU });
    expect(r.status).toBe(200);
    const [sheet] = await readXlsxFile(Buffer.from(r.bytes));
    for (const h of ['营业收入（万元）', '营收规模', '统一社会信用代码', '从业人员（人）', '地址']) expect(sheet.data[0]).not.toContain(h);
    expect((await download(viewer, { layer: 'enterprises', format: 'xlsx', fields: ['name', 'revenue'] })).status).toBe(403);
  });

  it('labels GeoJSON values under stable keys when a language is given, and keeps the codes beside them', async () => {
    const r = await planner.request('POST', '/api/exports', { json: { layer: 'parks', format: 'geojson', lang: 'zh-Hans', fields: ['name', 'district', 'town', 'category'], filters: HUANGPU } });
    expect(r.status).toBe(200);
    expect(r.body.export).toMatchObject({ lang: 'zh-Hans', labels: 'readable', fields: ['name', 'district', 'districtCode', 'town', 'townCode', 'category', 'categoryCode'], fieldLabels: { district: '所在区', categoryCode: '改造类型代码' } });
    expect(r.body.export.localNotice).toContain('合成');
    expect(r.body.features.length).toBeGreaterThan(0);
    for (const f of r.body.features) {
      expect(f.properties).toMatchObject({ district: '黄埔区', districtCode: '440112' });
      expect(f.properties.town).not.toMatch(/^\d+$/);
      expect(f.properties.townCode).toMatch(/^440112\d{3}$/);
      expect(['未分类', '淘汰关停', '功能转换', '改造提升']).toContain(f.properties.category);
      expect(f.geometry.type).toBe('Polygon');
    }
    // Without a language GeoJSON stays the codes file it was.
    const codes = await planner.request('POST', '/api/exports', { json: { layer: 'parks', format: 'geojson', fields: ['district'], filters: HUANGPU } });
    expect(codes.body.features[0].properties).toEqual({ district: '440112' });
    expect(codes.body.export).not.toHaveProperty('fieldLabels');
  });

  it('writes the value parks\' elements as readable text, never [object Object]', async () => {
    const r = await download(planner, { layer: 'value-parks', format: 'csv', fields: ['name', 'elements'] });
    const { data } = csvRows(r.bytes);
    expect(data).toHaveLength(10);
    for (const row of data) {
      expect(row['六要素']).not.toContain('[object Object]');
      expect(row['六要素']).toMatch(/^产业龙头：[有无]/);
      expect(row['六要素']).toContain('；主导产业链：有');
    }
    const en = csvRows((await download(planner, { layer: 'value-parks', format: 'csv', lang: 'en', fields: ['elements', 'theme'] })).bytes).data;
    expect(en[0]['Six elements']).toMatch(/^Industry leader: (yes|no)/);
    expect(en[0]['Leading industry']).not.toMatch(/^[a-z-]+$/);
    const xlsx = await readXlsxFile(Buffer.from((await download(planner, { layer: 'value-parks', format: 'xlsx', fields: ['elements'] })).bytes));
    for (const [cell] of xlsx[0].data.slice(1)) expect(String(cell)).toMatch(/^产业龙头：/);
    // The codes file keeps the elements as JSON.
    const codes = csvRows((await download(planner, { layer: 'value-parks', format: 'csv', labels: 'codes', fields: ['elements'] })).bytes).data;
    expect(JSON.parse(codes[0].elements)[0]).toMatchObject({ code: 'industry-leader' });
  });

  it('keeps codes only when labels=codes is asked for (the files API users had)', async () => {
    const r = await download(planner, { layer: 'enterprises', format: 'csv', labels: 'codes', fields: ['name', 'cluster', 'tags', 'district', 'town', 'revenue'], filters: HUANGPU });
    const { data, meta } = csvRows(r.bytes);
    // In the layer's order, as always.
    expect(meta.fields).toEqual(['name', 'cluster', 'tags', 'revenue', 'district', 'town']);
    for (const row of data) {
      expect(row.district).toBe('440112');
      expect(row.cluster).toMatch(/^[a-z-]+$/);
      expect(row.town).toMatch(/^440112\d{3}$/);
      expect(Number.isInteger(Number(row.revenue))).toBe(true);
    }
    const xlsx = await readXlsxFile(Buffer.from((await download(planner, { layer: 'enterprises', format: 'xlsx', labels: 'codes', fields: ['cluster', 'revenue'], filters: HUANGPU })).bytes));
    expect(xlsx[0].data[0]).toEqual(['cluster', 'revenue', 'demo']);
    expect(typeof xlsx[0].data[1][1]).toBe('number');
    expect((await planner.request('POST', '/api/exports', { json: { layer: 'parks', format: 'csv', labels: 'names' } })).status).toBe(400);
    expect((await planner.request('POST', '/api/exports', { json: { layer: 'parks', format: 'csv', lang: 'fr' } })).status).toBe(400);
  });
});
