// Operating returns over HTTP (kind=operating): cumulative returns in 万元 for a new month move the
// indicators by exactly the months' values; a corrected return supersedes the stored month (kept in
// operating_figures_history, counted as a revision); bad rows are reported per row and only the
// valid ones are written. And the enterprise importer on a statistics-bureau file: cluster and
// sub-industry from the industry code, revenue in a chosen unit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../src/domain/credit-code.ts';
import { clientFor, type ApiClient, type TestServer, startTestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';
import { utf8 } from '../unit/import-fixtures.ts';

interface Ent { id: number; credit_code: string; district: string; lon: number; lat: number }
interface Fig { month: number; revenue: number; output: number; valueAdded: number; valueAddedEstimated: boolean; profit: number; tax: number; employees: number; source: string; importId: string | null }

function form(text: string, name: string, fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  f.set('file', new Blob([utf8(text) as Uint8Array<ArrayBuffer>]), name);
  return f;
}
const csv = (header: string[], rows: (string | number)[][]) => `${header.join(',')}\n${rows.map((r) => r.join(',')).join('\n')}\n`;

describe.each(backends())('operating returns over HTTP (%s)', (backend) => {
  let server: TestServer;
  let admin: ApiClient;
  let ents: Ent[];

  const upload = (text: string, name: string, fields: Record<string, string>) => admin.request('POST', '/api/imports', { body: form(text, name, fields) });
  const indicator = async (period: string): Promise<number> => {
    const r = await admin.request('POST', '/api/indicators', { json: { metric: 'revenue', period, by: 'none' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.total.value ?? 0;
  };
  const figures = async (id: number) => (await admin.request('GET', `/api/enterprises/${id}/figures`)).body as { revisions: number; items: Fig[] };
  const countFigures = async () => (await server.database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM operating_figures'))[0].n;

  beforeAll(async () => {
    server = await startTestServer(backend);
    admin = await clientFor(server, 'admin');
    ents = await server.database.db.query<Ent>('SELECT id, credit_code, district, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM enterprises ORDER BY id LIMIT 5');
  });
  afterAll(() => server?.close());

  it('imports cumulative returns in 万元 for a new month: the indicator moves by exactly the months\' values', async () => {
    const before = { jan: await indicator('2022-01'), feb: await indicator('2022-02') };
    const H = ['统一社会信用代码', '企业名称', '报告期', '营业收入(万元)(本年累计)', '工业总产值(万元)(本年累计)', '工业增加值(万元)(本年累计)', '利润总额(万元)(本年累计)', '税金总额(万元)(本年累计)', '期末从业人员'];
    const cum = [[120.5, 300.25], [80, 170.75], [1000, 2400.5]];
    const rows = ents.slice(0, 3).flatMap((e, i) => [
      [e.credit_code, `企业${i}`, '2022年2月', cum[i][1], cum[i][1] * 2, cum[i][1] / 2, 10, 4, 50 + i],
      [e.credit_code, `企业${i}`, '2022年1月', cum[i][0], cum[i][0] * 2, cum[i][0] / 2, 5, 2, 48 + i],
    ]);
    const dry = await upload(csv(H, rows), '月报2022-02.csv', { kind: 'operating' });
    expect(dry.status, JSON.stringify(dry.body)).toBe(201);
    expect(dry.body).toMatchObject({ kind: 'operating', status: 'pending', cumulative: true, counts: { total: 6, valid: 6, rejected: 0, errors: 0 } });
    expect(dry.body.mapping).toMatchObject({ creditCode: '统一社会信用代码', period: '报告期', revenue: '营业收入(万元)(本年累计)', employees: '期末从业人员' });
    expect(dry.body.units).toMatchObject({ revenue: 1e4, output: 1e4 });
    expect(await indicator('2022-02')).toBe(before.feb);

    const applied = await admin.request('POST', `/api/imports/${dry.body.id}/apply`);
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toMatchObject({ kind: 'operating', added: 6, updated: 0, unchanged: 0, rejected: 0, tilesRebuilt: false });
    const febMonthly = cum.reduce((s, [j, f]) => s + (Math.round(f * 1e4) - Math.round(j * 1e4)), 0);
    const janMonthly = cum.reduce((s, [j]) => s + Math.round(j * 1e4), 0);
    expect(await indicator('2022-02') - before.feb).toBe(febMonthly);
    expect(await indicator('2022-01') - before.jan).toBe(janMonthly);

    const f = await figures(ents[0].id);
    const feb = f.items.find((x) => x.month === 202202)!;
    expect(feb).toMatchObject({ revenue: 1_797_500, output: 3_595_000, valueAdded: 898_750, valueAddedEstimated: false, profit: 50_000, tax: 20_000, employees: 50, source: 'import', importId: dry.body.id });
    expect(f.items.find((x) => x.month === 202201)).toMatchObject({ revenue: 1_205_000, source: 'import' });

    const changes = await admin.request('GET', `/api/imports/${dry.body.id}/changes`);
    expect(changes.body.total).toBe(6);
    expect(changes.body.items.map((c: { recordKey: string }) => c.recordKey)).toContain(`${ents[0].credit_code}:2022-02`);
    expect(changes.body.items[0]).toMatchObject({ kind: 'operating', action: 'added' });

    // The same file again: nothing changes.
    const again = await upload(csv(H, rows), '月报2022-02.csv', { kind: 'operating' });
    const re = await admin.request('POST', `/api/imports/${again.body.id}/apply`);
    expect(re.body).toMatchObject({ added: 0, updated: 0, unchanged: 6 });
  });

  it('a corrected monthly return supersedes the stored month: indicator by the difference, old version in the history', async () => {
    const e = ents[3];
    const [old] = (await figures(e.id)).items.filter((x) => x.month === 202106);
    expect(old.source).toBe('seed');
    const before = await indicator('2021-06');
    const H = ['统一社会信用代码', '报告期', '营业收入(元)', '工业总产值(元)', '工业增加值(元)', '利润总额(元)', '税金总额(元)', '从业人员'];
    const dry = await upload(csv(H, [[e.credit_code, '2021-06', old.revenue + 12_345, old.output, old.valueAdded, old.profit, old.tax, old.employees]]), '更正.csv', { kind: 'operating', cumulative: 'false' });
    expect(dry.body).toMatchObject({ cumulative: false, counts: { valid: 1, errors: 0 } });
    const applied = await admin.request('POST', `/api/imports/${dry.body.id}/apply`);
    expect(applied.body).toMatchObject({ added: 0, updated: 1, unchanged: 0 });
    expect(await indicator('2021-06') - before).toBe(12_345);

    const f = await figures(e.id);
    expect(f.revisions).toBe(1);
    expect(f.items.find((x) => x.month === 202106)).toMatchObject({ revenue: old.revenue + 12_345, source: 'import', importId: dry.body.id });
    const hist = await server.database.db.query<{ revenue: number; source: string; superseded_by: string }>(
      'SELECT revenue::float8 AS revenue, source, superseded_by FROM operating_figures_history WHERE enterprise_id = $1 AND month = 202106', [e.id]);
    expect(hist).toEqual([{ revenue: old.revenue, source: 'seed', superseded_by: dry.body.id }]);
    const [rh] = await server.database.db.query<{ record_key: string; changes: Record<string, [number, number]> }>(
      `SELECT record_key, changes FROM record_history WHERE import_id = $1`, [dry.body.id]);
    expect(rh).toEqual({ record_key: `${e.credit_code}:2021-06`, changes: { revenue: [old.revenue, old.revenue + 12_345] } });
  });

  it('reports bad rows one by one and writes only the valid ones', async () => {
    const H = ['统一社会信用代码', '报告期', '营业收入(万元)', '工业总产值(万元)', '利润总额(万元)', '税金总额(万元)', '期末从业人员'];
    const e = ents[4];
    const next = new Date(Date.now() + 8 * 3_600_000 + 40 * 86_400_000);
    const future = `${next.getUTCFullYear()}-${String(next.getUTCMonth() + 1).padStart(2, '0')}`;
    const rows = [
      [e.credit_code, '2022-03', 10, 20, 1, 1, 5], // valid
      [makeCreditCode('440106', '99999999'), '2022-03', 10, 20, 1, 1, 5], // unknown enterprise
      [e.credit_code, future, 10, 20, 1, 1, 5], // future
      [ents[0].credit_code, '2022-03', -10, 20, 1, 1, 5], // negative revenue
      [ents[1].credit_code, '2022-04', 10, 20, 1, 1, 5], // duplicate
      [ents[1].credit_code, '2022/4', 11, 20, 1, 1, 5], // duplicate
    ];
    const n0 = await countFigures();
    const dry = await upload(csv(H, rows), 'bad.csv', { kind: 'operating' });
    expect(dry.status).toBe(201);
    expect(dry.body.counts).toMatchObject({ total: 6, valid: 1, rejected: 5 });
    const byRow = (row: number) => dry.body.issues.filter((i: { row: number; severity: string }) => i.row === row && i.severity === 'error').map((i: { code: string }) => i.code);
    expect(byRow(3)).toEqual(['unknown_enterprise']);
    expect(byRow(4)).toEqual(['period_in_future']);
    expect(byRow(5)).toEqual(['negative_number']);
    expect(byRow(6)).toEqual(['duplicate_period']);
    expect(byRow(7)).toEqual(['duplicate_period']);
    expect(dry.body.issues.find((i: { row: number }) => i.row === 3).message).toMatch(/^Row 3, credit code \(column "统一社会信用代码"\): no enterprise of the library has the credit code/);
    expect(await countFigures()).toBe(n0);
    const applied = await admin.request('POST', `/api/imports/${dry.body.id}/apply`);
    expect(applied.body).toMatchObject({ added: 1, updated: 0, unchanged: 0, rejected: 5 });
    expect(await countFigures()).toBe(n0 + 1);
    // Value added was estimated for the valid row.
    expect((await figures(e.id)).items.find((x) => x.month === 202203)).toMatchObject({ revenue: 100_000, valueAddedEstimated: true, source: 'import' });
  });

  it('refuses operating uploads from non-administrators and bad option values', async () => {
    const planner = await clientFor(server, 'planner');
    const text = csv(['统一社会信用代码', '报告期'], [[ents[0].credit_code, '2022-01']]);
    expect((await planner.request('POST', '/api/imports', { body: form(text, 'x.csv', { kind: 'operating' }) })).status).toBe(403);
    const badUnit = await upload(text, 'x.csv', { kind: 'operating', units: 'revenue=斤' });
    expect(badUnit.status).toBe(400);
    expect(badUnit.body.error ?? badUnit.body.message).toMatch(/not a unit of revenue/);
    expect((await upload(text, 'x.csv', { kind: 'operating', cumulative: 'maybe' })).status).toBe(400);
  });

  it('imports a statistics-bureau enterprise file: cluster and sub-industry from the industry code, revenue ×10000', async () => {
    const H = ['统一社会信用代码', '单位详细名称', '行业代码', '营业收入(万元)', '从业人员期末人数', '经度', '纬度'];
    const classes = [['3670', 'auto', 'auto-parts'], ['C2682', 'consumer', 'cosmetics'], ['1711', 'other', 'other-manufacturing']];
    const codes = classes.map((_c, i) => makeCreditCode(ents[i].district, String(66_000_000 + i)));
    const rows = classes.map(([ic], i) => [codes[i], `统计局企业${i}有限公司`, ic, 2500.5 + i, 30 + i, ents[i].lon.toFixed(7), ents[i].lat.toFixed(7)]);
    const dry = await upload(csv(H, rows), '规上工业企业名录.csv', { kind: 'enterprises' });
    expect(dry.status, JSON.stringify(dry.body)).toBe(201);
    expect(dry.body.counts).toMatchObject({ total: 3, valid: 3, rejected: 0 });
    expect(dry.body.mapping).toMatchObject({ industryCode: '行业代码', name: '单位详细名称' });
    const applied = await admin.request('POST', `/api/imports/${dry.body.id}/apply`);
    expect(applied.body).toMatchObject({ added: 3 });
    const got = await server.database.db.query<{ credit_code: string; cluster: string; sub_industry: string; industry_code: string; revenue: number; employees: number; cell_id: number | null }>(
      'SELECT credit_code, cluster, sub_industry, industry_code, revenue::float8 AS revenue, employees, cell_id FROM enterprises WHERE credit_code = ANY($1::text[]) ORDER BY credit_code', [codes]);
    const byCode = new Map(got.map((g) => [g.credit_code, g]));
    classes.forEach(([ic, cluster, sub], i) => {
      expect(byCode.get(codes[i])).toMatchObject({ cluster, sub_industry: sub, industry_code: ic.replace('C', ''), revenue: Math.round((2500.5 + i) * 1e4), employees: 30 + i });
      // The rollups were refreshed: the new enterprise sits in a cell.
      expect(byCode.get(codes[i])!.cell_id).not.toBeNull();
    });
    const [hist] = await server.database.db.query<{ changes: Record<string, unknown> }>('SELECT changes FROM record_history WHERE import_id = $1 ORDER BY id LIMIT 1', [dry.body.id]);
    expect(hist.changes.industryCode).toEqual([null, '3670']);
  });

  it('reads a revenue column without a unit in the unit chosen for the upload', async () => {
    const H = ['统一社会信用代码', '单位详细名称', '行业代码', '营业收入', '经度', '纬度'];
    const code = makeCreditCode(ents[0].district, '66000099');
    const text = csv(H, [[code, '无单位企业有限公司', '3670', 3000, ents[0].lon.toFixed(7), ents[0].lat.toFixed(7)]]);
    const asIs = await upload(text, 'a.csv', { kind: 'enterprises' });
    expect(asIs.body.counts).toMatchObject({ valid: 0, rejected: 1 });
    expect(asIs.body.issues[0]).toMatchObject({ code: 'revenue_below_threshold' });
    const dry = await upload(text, 'a.csv', { kind: 'enterprises', units: '{"revenue":"万元"}' });
    expect(dry.body).toMatchObject({ units: { revenue: 1e4 }, counts: { valid: 1 } });
    await admin.request('POST', `/api/imports/${dry.body.id}/apply`);
    const [e] = await server.database.db.query<{ revenue: number }>('SELECT revenue::float8 AS revenue FROM enterprises WHERE credit_code = $1', [code]);
    expect(e.revenue).toBe(30_000_000);
  });
});
