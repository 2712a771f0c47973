// Key-city indicators over HTTP: the seeded published figures with their sources (readable by
// everyone), administrators' corrections with versions, reasons and history (412 stale, 403 for
// others, 400 naming the problem, 409 on a duplicate), and a CSV import (UTF-8 and GBK, Chinese
// headers) through dry run and apply, with history; a missing figure stays null.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCityIndicators } from '../../src/server/monitoring/city-indicators.ts';
import { clientFor, type ApiClient, type TestServer, startTestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';
import { gbk, utf8 } from '../unit/import-fixtures.ts';

interface Figure { id: number; city: string; indicator: string; year: number; value: number | null; unit: string; denominator: string | null; coverage: string | null; qualifier: string | null; sourceTitle: string | null; sourceUrl: string | null; note: string | null; version: number; updatedBy: string }

function form(bytes: Uint8Array, name: string, fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  f.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  return f;
}

describe.each(backends())('key-city indicators (%s)', (backend) => {
  let server: TestServer;
  let admin: ApiClient;
  let planner: ApiClient;
  let anonymous: ApiClient;

  const figure = async (city: string, indicator: string, year: number): Promise<Figure | undefined> => {
    const r = await anonymous.request<{ items: Figure[] }>('GET', `/api/city-indicators?cities=${city}&indicators=${indicator}&years=${year}`);
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeLessThanOrEqual(1);
    return r.body.items[0];
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    [admin, planner, anonymous] = await Promise.all([clientFor(server, 'admin'), clientFor(server, 'planner'), clientFor(server, null)]);
  });
  afterAll(() => server?.close());

  it('answers the published figures with their sources, to everyone', async () => {
    const all = await anonymous.request<{ items: Figure[] }>('GET', '/api/city-indicators');
    expect(all.status).toBe(200);
    expect(all.body.items.length).toBeGreaterThan(50);
    expect(await figure('shenzhen', 'amShare', 2021)).toMatchObject({
      value: 67.6, unit: '%', denominator: 'aboveScaleIndustryVA', coverage: null, sourceUrl: 'https://www.ithome.com/0/623/963.htm', sourceTitle: expect.stringContaining('IT之家'), version: 1, updatedBy: 'system',
    });
    expect(await figure('guangzhou', 'amShare', 2021)).toMatchObject({ value: 65.7, denominator: 'aboveScaleManufacturingVA' });
    expect(await figure('guangzhou', 'valueAdded', 2020)).toMatchObject({ value: 4062, coverage: '1-11' });
    expect(await figure('guangzhou', 'uhdClusterOutput', 2020)).toMatchObject({ value: 2000, qualifier: 'expectedOver' });
    // Nothing published: no figure.
    expect(await figure('wuhan', 'valueAddedGrowth', 2021)).toBeUndefined();
    expect(await figure('guangzhou', 'valueAdded', 2021)).toBeUndefined();
    const bad = await anonymous.request('GET', '/api/city-indicators?years=20x1');
    expect(bad.status).toBe(400);
    // The reports' function: exactly the figure's fields.
    const [sz] = await listCityIndicators(server.database.db, { cities: ['shenzhen'], indicators: ['amShare'], years: [2021] });
    expect(Object.keys(sz).sort()).toEqual(['city', 'coverage', 'denominator', 'id', 'indicator', 'note', 'sourceTitle', 'sourceUrl', 'unit', 'value', 'version', 'year']);
    expect(sz.value).toBe(67.6);
  });

  it('lets administrators correct a figure, with a version, a reason and its history', async () => {
    const f = (await figure('foshan', 'valueAddedGrowth', 2021))!;
    const patch = (c: ApiClient, body: object) => c.request('PATCH', `/api/city-indicators/${f.id}`, { json: body });
    expect((await patch(planner, { value: 9.4, version: f.version, reason: 'x' })).status).toBe(403);
    expect((await patch(anonymous, { value: 9.4, version: f.version, reason: 'x' })).status).toBe(401);
    const missingReason = await patch(admin, { value: 9.4, version: f.version });
    expect(missingReason.status).toBe(400);
    const badValue = await patch(admin, { value: -130, version: f.version, reason: '核对原文' });
    expect(badValue.status).toBe(400);
    expect(badValue.body.error).toMatch(/value: a growth rate of -130 % is impossible/);
    const badUrl = await patch(admin, { sourceUrl: 'cnbayarea.org.cn', version: f.version, reason: '核对原文' });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.fields).toHaveProperty('sourceUrl');

    const ok = await patch(admin, { value: 9.4, note: '按年鉴更正', version: f.version, reason: '核对原文' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ value: 9.4, note: '按年鉴更正', version: f.version + 1, updatedBy: 'admin', sourceUrl: f.sourceUrl });
    const stale = await patch(admin, { value: 9.5, version: f.version, reason: '再改' });
    expect(stale.status).toBe(412);
    expect(stale.body.current).toMatchObject({ value: 9.4, version: f.version + 1 });

    const hist = await anonymous.request('GET', `/api/city-indicators/${f.id}/history`);
    expect(hist.status).toBe(200);
    expect(hist.body.items).toHaveLength(2);
    expect(hist.body.items[0]).toMatchObject({ version: 2, username: 'admin', reason: '核对原文', before: { value: 9.3, note: null }, after: { value: 9.4, note: '按年鉴更正' } });
    expect(hist.body.items[1]).toMatchObject({ version: 1, username: 'system', before: null });
    expect((await anonymous.request('GET', '/api/city-indicators/999999/history')).status).toBe(404);

    // A share must keep a denominator of its own.
    const share = (await figure('shenzhen', 'htShare', 2021))!;
    const noDen = await admin.request('PATCH', `/api/city-indicators/${share.id}`, { json: { denominator: null, version: share.version, reason: 'x' } });
    expect(noDen.status).toBe(400);
    expect(noDen.body.error).toContain('denominator');
  });

  it('adds a figure where none is published yet, once', async () => {
    const body = { city: 'chengdu', indicator: 'srdiGiants', year: 2021, value: null, note: '检索未见', reason: '记录检索结果' };
    const r = await admin.request('POST', '/api/city-indicators', { json: body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ city: 'chengdu', value: null, unit: 'count', version: 1 });
    expect((await admin.request('POST', '/api/city-indicators', { json: body })).status).toBe(409);
    expect((await planner.request('POST', '/api/city-indicators', { json: body })).status).toBe(403);
    const noSource = await admin.request('POST', '/api/city-indicators', { json: { ...body, year: 2020, value: 12 } });
    expect(noSource.status).toBe(400);
    expect(noSource.body.error).toMatch(/source/);
    const unknown = await admin.request('POST', '/api/city-indicators', { json: { ...body, city: 'xiongan' } });
    expect(unknown.status).toBe(400);
  });

  it('imports a CSV with Chinese headers (UTF-8, then GBK): dry run, apply, history; a missing figure stays null', async () => {
    const H = '城市,指标,年份,数值,分母,统计期,来源,来源链接,备注';
    const rows = [
      '深圳,先进制造业增加值占比,2021,67.9,规上工业增加值,,深圳统计（测试）,https://example.org/sz-2021,测试更正',
      '武汉,规上工业增加值增速,2021,未见公开数据,,,,,',
      '成都,规上工业增加值增速,2020,3.1,,1-11月,成都统计（测试）,https://example.org/cd-2020,',
      '上海,规上工业增加值,2021,abc,,,上海,,',
    ];
    const before = (await figure('shenzhen', 'amShare', 2021))!;
    const dry = await admin.request('POST', '/api/imports', { body: form(utf8(`${H}\n${rows.join('\n')}\n`), '重点城市.csv', { kind: 'cityIndicators' }) });
    expect(dry.status, JSON.stringify(dry.body)).toBe(201);
    expect(dry.body).toMatchObject({ kind: 'cityIndicators', status: 'pending', counts: { total: 4, valid: 3, rejected: 1, errors: 1, warnings: 1 } });
    expect(dry.body.mapping).toMatchObject({ city: '城市', indicator: '指标', year: '年份', value: '数值', denominator: '分母', coverage: '统计期', sourceTitle: '来源', sourceUrl: '来源链接', note: '备注' });
    expect(dry.body.issues.map((i: { row: number; code: string }) => `${i.row}:${i.code}`)).toEqual(['3:no_value', '5:not_a_number']);
    expect(await figure('shenzhen', 'amShare', 2021)).toMatchObject({ value: 67.6, version: before.version });

    const applied = await admin.request('POST', `/api/imports/${dry.body.id}/apply`);
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toMatchObject({ kind: 'cityIndicators', added: 2, updated: 1, unchanged: 0, rejected: 1, tilesRebuilt: false });
    const sz = (await figure('shenzhen', 'amShare', 2021))!;
    expect(sz).toMatchObject({ value: 67.9, denominator: 'aboveScaleIndustryVA', sourceUrl: 'https://example.org/sz-2021', version: before.version + 1, updatedBy: 'admin' });
    expect(await figure('wuhan', 'valueAddedGrowth', 2021)).toMatchObject({ value: null, sourceTitle: null });
    expect(await figure('chengdu', 'valueAddedGrowth', 2020)).toMatchObject({ value: 3.1, coverage: '1-11' });
    expect(await figure('shanghai', 'valueAdded', 2021)).toBeUndefined();

    const hist = (await anonymous.request('GET', `/api/city-indicators/${sz.id}/history`)).body.items;
    expect(hist[0]).toMatchObject({ version: before.version + 1, importId: dry.body.id, reason: '导入 重点城市.csv', before: { value: 67.6 }, after: { value: 67.9 } });
    const changes = await admin.request('GET', `/api/imports/${dry.body.id}/changes`);
    expect(changes.body.total).toBe(3);
    const szChange = changes.body.items.find((c: { recordKey: string }) => c.recordKey === 'shenzhen:amShare:2021');
    expect(szChange).toMatchObject({ kind: 'cityIndicators', action: 'updated', recordId: sz.id });
    expect(szChange.changes).toMatchObject({ value: [67.6, 67.9], sourceUrl: ['https://www.ithome.com/0/623/963.htm', 'https://example.org/sz-2021'] });

    // The same figures again, as GBK: nothing changes; one corrected figure is an update.
    const again = [rows[0], rows[1], rows[2].replace('3.1', '3.2')].join('\n');
    const dry2 = await admin.request('POST', '/api/imports', { body: form(gbk(`${H}\n${again}\n`), '重点城市-gbk.csv', { kind: 'cityIndicators' }) });
    expect(dry2.status, JSON.stringify(dry2.body)).toBe(201);
    expect(dry2.body).toMatchObject({ encoding: 'gbk', counts: { valid: 3, rejected: 0 } });
    const applied2 = await admin.request('POST', `/api/imports/${dry2.body.id}/apply`);
    expect(applied2.body).toMatchObject({ added: 0, updated: 1, unchanged: 2 });
    expect(await figure('chengdu', 'valueAddedGrowth', 2020)).toMatchObject({ value: 3.2, version: 2 });
    expect((await admin.request('POST', `/api/imports/${dry2.body.id}/apply`)).status).toBe(409);
  });
});
