// Refusals answer RFC 9457 problem details (application/problem+json) with a stable code and its
// parameters, next to the English `error`/`detail` API users read (architecture §10); import and
// bulk reports carry a code and parameters per row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, clientFor, startTestServer, type ApiResponse, type TestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';
import { gbk } from '../unit/import-fixtures.ts';

const A = '440111'; // 白云区
const B = '440113'; // 番禺区

/** A problem answer: its content type, RFC 9457 members, our extension members, the English text kept. */
function expectProblem(r: ApiResponse, status: number, code: string, params?: Record<string, unknown>) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(r.body).toMatchObject({ type: `/problems/${code}`, status, code, title: expect.any(String), detail: expect.any(String) });
  expect(r.body.error).toBe(r.body.detail);
  if (params) expect(r.body.params).toEqual(params);
}

describe.each(backends())('problem details (%s)', (backend) => {
  let server: TestServer;
  let admin: ApiClient;
  let official: ApiClient;

  const parkOf = async (district: string, category?: string, progress?: string) => {
    const r = await admin.get(`/api/parks?district=${district}${category ? `&category=${category}&progress=${progress}&pilot=false` : ''}`);
    return r.body.features[0] as { id: number; properties: { version: number; code: string } };
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    admin = await clientFor(server, 'admin');
    official = await clientFor(server, `official-${A}`);
  });
  afterAll(() => server?.close());

  it('words a workflow refusal as a code with the categories and progress', async () => {
    const park = await parkOf(A, 'eliminate', 'in_progress');
    const r = await official.patchPark(park.id, park.properties.version, { category: 'convert', reason: 'try', effectiveDate: '2026-01-15' });
    expectProblem(r, 409, 'workflow_path_fixed', { from: 'eliminate', to: 'convert', progress: 'in_progress' });
    expect(r.body.error).toMatch(/cannot change from "eliminate" to "convert"/);
    expect(r.body.current).toMatchObject({ category: 'eliminate', progress: 'in_progress' });
  });

  it('names districts by code in the parameters of a refusal outside the official’s district', async () => {
    const park = await parkOf(B);
    const r = await official.patchPark(park.id, park.properties.version, { pilotYear: null, reason: 'try', effectiveDate: '2026-01-15' });
    expectProblem(r, 403, 'park_other_district', { yourDistrict: A, parkDistrict: B });
  });

  it('answers version preconditions with codes (428, 412)', async () => {
    const park = await parkOf(A, 'unclassified', 'not_started');
    expectProblem(await official.patchPark(park.id, null, { category: 'upgrade', reason: 'x', effectiveDate: '2026-01-15' }), 428, 'if_match_required');
    const stale = await official.patchPark(park.id, park.properties.version + 7, { category: 'upgrade', reason: 'x', effectiveDate: '2026-01-15' });
    expectProblem(stale, 412, 'version_conflict');
    expect(stale.body.params).toMatchObject({ thing: 'park', current: park.properties.version, yours: park.properties.version + 7 });
    expect(stale.body.current.id).toBe(park.id);
  });

  it('turns schema errors into field codes, keeping the English fields', async () => {
    const park = await parkOf(A, 'unclassified', 'not_started');
    const r = await official.patchPark(park.id, park.properties.version, { category: 'rebuild', effectiveDate: '2026-01-15', colour: 'red' });
    expectProblem(r, 400, 'request_invalid', { where: 'body' });
    expect(r.body.fieldProblems).toMatchObject({
      reason: { code: 'field_required' },
      colour: { code: 'field_unknown' },
    });
    expect(Object.keys(r.body.fields)).toEqual(expect.arrayContaining(['reason', 'colour']));
    const blank = await official.patchPark(park.id, park.properties.version, { category: 'upgrade', reason: '  ', effectiveDate: '2026-01-15' });
    expectProblem(blank, 400, 'request_invalid');
    expect(blank.body.fieldProblems.reason).toEqual({ code: 'field_blank', params: {} });
    expect(blank.body.fields.reason).toBe('must not be blank');
  });

  it('refuses a taken username and a short password with codes', async () => {
    const taken = await admin.request('POST', '/api/users', { json: { username: 'planner', password: 'a long enough passphrase', role: 'viewer' } });
    expectProblem(taken, 409, 'username_taken', { username: 'planner' });
    expect(taken.body.fieldProblems.username.code).toBe('field_taken');
    expect(taken.body.error).toBe('The username "planner" is taken.');
    const short = await admin.request('POST', '/api/users', { json: { username: 'newcomer', password: 'short', role: 'viewer' } });
    expectProblem(short, 400, 'password_too_short', { min: 12 });
  });

  it('answers a wrong password and an unknown route with codes', async () => {
    const c = new ApiClient(server.url);
    expectProblem(await c.login('planner', 'not the password at all'), 401, 'login_wrong');
    expectProblem(await c.get('/api/nowhere'), 404, 'route_not_found', { method: 'GET', path: '/api/nowhere' });
  });

  it('gives import rows and unreadable files codes, never the parser’s own text', async () => {
    const form = (bytes: Uint8Array, name: string, kind: string) => {
      const f = new FormData();
      f.set('kind', kind);
      f.set('crs', 'wgs84');
      f.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
      return f;
    };
    const csv = gbk('统一社会信用代码,企业名称,细分行业,营业收入(万元),从业人员,经度,纬度\r\n91440101MA59XXXX1,测试企业,nev,5000,10,113.3,23.1\r\n');
    const r = await admin.request('POST', '/api/imports', { body: form(csv, '企业.csv', 'enterprises') });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const issue = r.body.issues.find((i: { code: string }) => i.code === 'credit_code_length');
    expect(issue).toMatchObject({ row: 2, field: 'creditCode', params: { value: '91440101MA59XXXX1', length: 17 } });

    const broken = new TextEncoder().encode('{"type": "FeatureCollection",\n "features": [ }');
    const g = await admin.request('POST', '/api/imports', { body: form(broken, 'area.geojson', 'parks') });
    expectProblem(g, 400, 'geojson_not_json', { line: 2, column: 16, end: false });
    const notText = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x00, 0x01, 0x22, 0x7d]);
    const t = await admin.request('POST', '/api/imports', { body: form(notText, 'x.geojson', 'parks') });
    expect(t.status).toBe(400);
    expect(t.body.code).toMatch(/^text_/);
    expect(t.body.params.file).toBe('geojson');
  });
});
