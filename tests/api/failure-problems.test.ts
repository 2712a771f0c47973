// Failures that are stored and shown later (issue 15): an import whose apply fails and a report
// whose making fails keep, next to the English `error` for API users, a problem (code and
// parameters, migration 19) that the API returns and the app words in the user's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../src/domain/credit-code.ts';
import type { ReportInfo } from '../../src/domain/monitoring/reports.ts';
import { problemText } from '../../src/app/i18n/problem-text.ts';
import { clientFor, startTestServer, type ApiClient, type TestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';

/** Three or more Latin words in a row: an English sentence. */
const ENGLISH_RUN = /[A-Za-z]{2,}(?:[\s,;:'"()-]+[A-Za-z]{2,}){2,}/;

describe.each(backends())('failures stored as problems (%s)', (backend) => {
  let server: TestServer;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startTestServer(backend);
    admin = await clientFor(server, 'admin');
  });
  afterAll(() => server?.close());

  it('stores the problem of an import whose apply fails, and answers it', async () => {
    const [e] = await server.database.db.query<{ name: string; sub_industry: string; lon: number; lat: number; district: string }>(
      `SELECT name, sub_industry, ST_X(geom) AS lon, ST_Y(geom) AS lat, district FROM enterprises ORDER BY id LIMIT 1`);
    const code = makeCreditCode(e.district, '61000001');
    const csv = `统一社会信用代码,企业名称,细分行业,营业收入(万元),从业人员,经度,纬度\n${code},失败测试企业有限公司,${e.sub_industry},5000,10,${e.lon.toFixed(7)},${e.lat.toFixed(7)}\n`;
    const form = new FormData();
    form.set('kind', 'enterprises');
    form.set('crs', 'wgs84');
    form.set('file', new Blob([new TextEncoder().encode(csv)]), '失败测试.csv');
    const dry = await admin.request('POST', '/api/imports', { body: form });
    expect(dry.status, JSON.stringify(dry.body)).toBe(201);
    expect(dry.body.counts, JSON.stringify(dry.body.issues)).toMatchObject({ valid: 1, rejected: 0 });
    expect(dry.body.errorProblem).toBeNull();

    // Between the check and the apply the record comes to lie outside every district (as when the
    // district outlines are replaced meanwhile): the apply refuses it and marks the import failed.
    await server.database.db.query(`UPDATE import_records SET record = record || '{"lon": 120.5, "lat": 30.2}'::jsonb WHERE import_id = $1`, [dry.body.id]);
    const applied = await admin.request('POST', `/api/imports/${dry.body.id}/apply`);
    expect(applied.status, JSON.stringify(applied.body)).toBe(422);
    expect(applied.body.code).toBe('import_outside_districts');

    const stored = { code: 'import_outside_districts', params: { count: 1, rows: [2], keys: [code], records: 'enterprises' } };
    const one = await admin.get(`/api/imports/${dry.body.id}`);
    expect(one.body).toMatchObject({ status: 'failed', error: applied.body.detail, errorProblem: stored });
    const list = await admin.get('/api/imports?limit=5');
    expect(list.body.items.find((i: { id: string }) => i.id === dry.body.id)).toMatchObject({ status: 'failed', errorProblem: stored });

    // What the app shows: Chinese, no English sentence.
    const zh = problemText(one.body.errorProblem, 'zh-Hans', one.body.error)!;
    expect(zh).not.toMatch(ENGLISH_RUN);
    expect(zh).toContain(code);

    // A second apply is refused (409) and the stored problem is kept.
    expect((await admin.request('POST', `/api/imports/${dry.body.id}/apply`)).body.code).toBe('import_failed_before');
    expect((await admin.get(`/api/imports/${dry.body.id}`)).body.errorProblem).toEqual(stored);
  });

  it('stores the problem of a report whose making fails, and answers it', async () => {
    // A job with a period the report cannot be made for (queued by hand: the API refuses it up front).
    const [{ id }] = await server.database.db.query<{ id: number }>(
      `INSERT INTO reports (period, audience, requested_by) VALUES ('2021-13', 'internal', 'admin') RETURNING id`);
    // Any request wakes the background runner, which takes the oldest queued job first.
    expect((await admin.request('POST', '/api/reports', { json: { period: '2021' } })).status).toBeLessThan(300);
    let r: ReportInfo | undefined;
    for (let i = 0; i < 300 && r?.status !== 'failed' && r?.status !== 'done'; i++) {
      r = (await admin.get<ReportInfo>(`/api/reports/${id}`)).body;
      if (r.status !== 'failed') await new Promise((res) => setTimeout(res, 100));
    }
    expect(r).toMatchObject({ status: 'failed', error: expect.stringContaining('2021-13') });
    expect(r!.errorProblem).toEqual({ code: 'report_failed', params: { stage: 'data', cause: { code: 'indicator_period_invalid', params: { period: '2021-13' } } } });
    const listed = (await admin.get<ReportInfo[] | { items: ReportInfo[] }>('/api/reports')).body;
    const items = Array.isArray(listed) ? listed : listed.items;
    expect(items.find((x) => x.id === id)?.errorProblem?.code).toBe('report_failed');
    const zh = problemText(r!.errorProblem, 'zh-Hans', r!.error ?? '')!;
    expect(zh).toMatch(/^报告生成失败（汇总数据时出错）：/);
    expect(zh).not.toMatch(ENGLISH_RUN);
  });
});
