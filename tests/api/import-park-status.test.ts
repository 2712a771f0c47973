// Park status files through the import pipeline (kind=parkStatus, issue 15 item 2): a district
// official uploads a GBK CSV with Chinese values and dates as people write them; the dry run says per
// row what will change, what applies at once and what goes to the city for review; applying writes the
// direct changes (history source 'bulk') and the proposals in one transaction; the same file again
// changes nothing ("unchanged, skipped"); another district's park is refused per row, naming the
// district by its code in the problem's params; planners and viewers are refused; the templates (XLSX,
// CSV) read back with the project's own reader.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/domain/china-date.ts';
import { readSource } from '../../src/server/imports/read-source.ts';
import { clientFor, type ApiClient, type TestServer, startTestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';
import { gbk, utf8 } from '../unit/import-fixtures.ts';

const A = '440111'; // 白云区
const B = '440113'; // 番禺区

interface Park { id: number; code: string; name: string; district: string; category: string; progress: string; pilot_year: number | null; version: number }

function form(bytes: Uint8Array, name: string, fields: Record<string, string> = { kind: 'parkStatus' }): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  f.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  return f;
}
const encodable = (text: string) => { try { gbk(text); return true; } catch { return false; } };

describe.each(backends())('park status files (%s)', (backend) => {
  let server: TestServer;
  let admin: ApiClient;
  let official: ApiClient;
  let planner: ApiClient;
  let viewer: ApiClient;
  const used = new Set<number>();

  const pick = async (where: string, district = A): Promise<Park> => {
    const rows = await server.database.db.query<Park>(
      `SELECT id, code, name, district, category, progress, pilot_year, version FROM village_parks
       WHERE district = $1 AND ${where} AND status_date <= '2026-11-05' ORDER BY id`, [district]);
    const p = rows.find((r) => !used.has(r.id) && encodable(r.name));
    if (!p) throw new Error(`no park ${where} in ${district}`);
    used.add(p.id);
    return p;
  };
  const park = async (id: number) => (await server.database.db.query<Park>('SELECT id, code, name, district, category, progress, pilot_year, version FROM village_parks WHERE id = $1', [id]))[0];
  const upload = (c: ApiClient, bytes: Uint8Array, name = '园区状态.csv', fields?: Record<string, string>) => c.request('POST', '/api/imports', { body: form(bytes, name, fields) });
  const countProposals = async () => (await server.database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM park_proposals'))[0].n;
  const countHistory = async () => (await server.database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM park_status_history'))[0].n;
  const H = '园区编号,园区名称,整治类别,改造进度,试点年度,生效日期,原因';

  beforeAll(async () => {
    server = await startTestServer(backend);
    admin = await clientFor(server, 'admin');
    official = await clientFor(server, `official-${A}`);
    planner = await clientFor(server, 'planner');
    viewer = await clientFor(server, 'viewer');
  });
  afterAll(() => server?.close());

  it('applies a GBK file with Chinese values end to end: direct changes, a proposal, an unchanged row; the same file again writes nothing', async () => {
    const proposeCat = await pick(`category = 'unclassified' AND progress = 'not_started' AND pilot_year IS NULL`);
    const start = await pick(`category = 'upgrade' AND progress = 'not_started' AND pilot_year IS NULL`);
    const same = await pick(`category = 'upgrade' AND progress = 'in_progress'`);
    const text = [
      H,
      `${proposeCat.code},${proposeCat.name},改造提升,,,2026/11/20,区里确定改造路径`,
      `${start.code},${start.name},,实施中,,2026年11月20日,已签订协议开始施工`,
      `${same.code},${same.name},改造提升,實施中,${same.pilot_year ?? '否'},2026/11/5,`,
    ].join('\r\n');
    const bytes = gbk(`${text}\r\n`);
    const [history0, proposals0] = [await countHistory(), await countProposals()];

    const dry = await upload(official, bytes);
    expect(dry.status, JSON.stringify(dry.body)).toBe(201);
    expect(dry.body).toMatchObject({ kind: 'parkStatus', encoding: 'gbk', status: 'pending', counts: { total: 3, valid: 3, rejected: 0, errors: 0, warnings: 1 } });
    expect(dry.body.mapping).toMatchObject({ code: '园区编号', name: '园区名称', category: '整治类别', progress: '改造进度', pilotYear: '试点年度', effectiveDate: '生效日期', reason: '原因' });
    expect(dry.body.plan).toMatchObject({ direct: 1, proposals: 1, unchanged: 1 });
    const rows = dry.body.plan.rows as { row: number; code: string; outcome: string; from: object; to: object; review: string[] }[];
    expect(rows.map((r) => [r.row, r.code, r.outcome])).toEqual([[2, proposeCat.code, 'propose'], [3, start.code, 'apply'], [4, same.code, 'unchanged']]);
    expect(rows[0]).toMatchObject({ from: { category: 'unclassified' }, to: { category: 'upgrade', progress: 'not_started' }, review: ['category'] });
    expect(rows[1]).toMatchObject({ from: { progress: 'not_started' }, to: { category: 'upgrade', progress: 'in_progress' }, review: [] });
    expect(dry.body.issues).toEqual([expect.objectContaining({ row: 4, code: 'status_unchanged', severity: 'warning', params: { code: same.code } })]);
    // The dry run wrote nothing.
    expect(await countHistory()).toBe(history0);
    expect((await park(start.id)).version).toBe(start.version);
    // The official sees their own import, with the plan.
    const detail = await official.get(`/api/imports/${dry.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.plan).toMatchObject({ direct: 1, proposals: 1, unchanged: 1 });
    expect((await official.get('/api/imports')).body.items.map((i: { id: string }) => i.id)).toEqual([dry.body.id]);
    // Another user's park status file is not someone else's to apply, not even the city's.
    expect((await admin.request('POST', `/api/imports/${dry.body.id}/apply`)).status).toBe(404);

    const applied = await official.request('POST', `/api/imports/${dry.body.id}/apply`);
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toMatchObject({ kind: 'parkStatus', added: 0, updated: 1, proposed: 1, unchanged: 1, rejected: 0 });
    expect(await park(start.id)).toMatchObject({ category: 'upgrade', progress: 'in_progress', version: start.version + 1 });
    expect(await park(proposeCat.id)).toMatchObject({ category: 'unclassified', version: proposeCat.version });
    const [h] = await server.database.db.query<{ source: string; reason: string; effective_date: string; username: string }>(
      `SELECT source, reason, to_char(effective_date, 'YYYY-MM-DD') AS effective_date, username FROM park_status_history WHERE park_id = $1 ORDER BY version DESC LIMIT 1`, [start.id]);
    expect(h).toEqual({ source: 'bulk', reason: '已签订协议开始施工', effective_date: '2026-11-20', username: `official-${A}` });
    const [pr] = await server.database.db.query<{ source: string; kinds: string[]; status: string; district: string }>('SELECT source, kinds, status, district FROM park_proposals WHERE park_id = $1', [proposeCat.id]);
    expect(pr).toEqual({ source: 'bulk', kinds: ['category'], status: 'pending', district: A });
    expect(await countHistory()).toBe(history0 + 1);
    expect(await countProposals()).toBe(proposals0 + 1);
    const changes = await official.get(`/api/imports/${dry.body.id}/changes`);
    expect(changes.body).toMatchObject({ total: 1, items: [{ kind: 'parkStatus', recordKey: start.code, action: 'updated', changes: { progress: ['not_started', 'in_progress'] } }] });

    // The same file again: every row unchanged (or already proposed), skipped; nothing is written.
    const again = await upload(official, bytes);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.counts).toMatchObject({ total: 3, valid: 3, rejected: 0, errors: 0, warnings: 3 });
    expect(again.body.plan).toMatchObject({ direct: 0, proposals: 0, unchanged: 3 });
    expect(again.body.issues.map((i: { code: string }) => i.code)).toEqual(['status_already_proposed', 'status_unchanged', 'status_unchanged']);
    const re = await official.request('POST', `/api/imports/${again.body.id}/apply`);
    expect(re.status, JSON.stringify(re.body)).toBe(200);
    expect(re.body).toMatchObject({ added: 0, updated: 0, proposed: 0, unchanged: 3 });
    expect(await countHistory()).toBe(history0 + 1);
    expect(await countProposals()).toBe(proposals0 + 1);
    expect((await park(start.id)).version).toBe(start.version + 1);
  });

  it('refuses per row a park of another district (naming it by code), workflow refusals, bad values and dates; nothing applies then', async () => {
    const foreign = await pick('true', B);
    const skip = await pick(`category = 'upgrade' AND progress = 'not_started'`);
    const ok = await pick(`category = 'upgrade' AND progress = 'not_started'`);
    const text = [
      H,
      `${foreign.code},,淘汰关停,,,2026-11-20,不是本区`,
      `${skip.code},,,已完成,,2026-11-20,跳过一步`,
      `${ok.code},,拆除,,,2026-11-20,类别写错`,
      `${ok.code}X,,改造提升,,,2026-11-20,编号写错`,
      `${ok.code},错误的名称,,实施中,,2026-13-01,日期写错`,
    ].join('\n');
    const dry = await upload(official, gbk(`${text}\n`));
    expect(dry.status, JSON.stringify(dry.body)).toBe(201);
    expect(dry.body.counts).toMatchObject({ total: 5, valid: 0, rejected: 5 });
    const byRow = (row: number) => dry.body.issues.filter((i: { row: number }) => i.row === row).map((i: { code: string; params: object }) => ({ code: i.code, params: i.params }));
    expect(byRow(2)).toEqual([{ code: 'park_other_district', params: { yourDistrict: A, parkDistrict: B } }]);
    expect(byRow(3)).toEqual([{ code: 'workflow_progress_step', params: { from: 'not_started', to: 'completed', allowed: ['in_progress'] } }]);
    expect(byRow(4).map((i: { code: string }) => i.code)).toContain('unknown_category');
    expect(byRow(5)).toEqual([{ code: 'bulk_unknown_park', params: { key: `${ok.code}X` } }]);
    expect(byRow(6).map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining(['park_name_mismatch', 'effective_date_invalid']));
    const refused = await official.request('POST', `/api/imports/${dry.body.id}/apply`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'bulk_rows_rejected', params: { count: 5 } });
    expect((await park(skip.id)).version).toBe(skip.version);
  });

  it('accepts codes, Traditional and English labels, an Excel serial date and an empty date (today); refuses a future date', async () => {
    const a = await pick(`category = 'unclassified' AND progress = 'not_started' AND pilot_year IS NULL`);
    const b = await pick(`category = 'unclassified' AND progress = 'not_started' AND pilot_year IS NULL`);
    const c = await pick(`category = 'convert' AND progress = 'not_started'`);
    const text = [
      'park code,category,progress,pilot year,effective date,reason',
      `${a.code},Function conversion,,,46346,英文标签`,
      `${b.code},淘汰關停,,,,繁体标签`,
      `${c.code},convert,in_progress,,2099-01-01,未来日期`,
    ].join('\n');
    const dry = await upload(admin, utf8(`${text}\n`), 'status.csv');
    expect(dry.status, JSON.stringify(dry.body)).toBe(201);
    expect(dry.body.plan.rows.map((r: { code: string; to: { category: string }; outcome: string }) => [r.code, r.to.category, r.outcome])).toEqual([[a.code, 'convert', 'apply'], [b.code, 'eliminate', 'apply']]);
    const records = (await admin.get(`/api/imports/${dry.body.id}?records=5`)).body.records;
    expect(records.map((r: { effectiveDate: string }) => r.effectiveDate)).toEqual(['2026-11-20', todayInChina()]);
    expect(dry.body.issues).toEqual([expect.objectContaining({ row: 4, code: 'effective_date_future', params: { value: '2099-01-01' } })]);
  });

  it('is open to officials and administrators only, and officials only for park status files', async () => {
    const bytes = utf8(`${H}\n`);
    for (const c of [planner, viewer]) {
      const r = await upload(c, bytes);
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ code: 'role_required' });
      expect((await c.get('/api/imports/templates/parkStatus.xlsx')).status).toBe(403);
    }
    const other = await upload(official, bytes, 'x.csv', { kind: 'enterprises' });
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ code: 'role_required', params: { roles: ['admin'] } });
    expect((await official.get('/api/import-mappings')).status).toBe(403);
    // The OpenAPI document tells the truth: the template route is in it, the old bulk routes are gone.
    const doc = (await admin.get('/api/openapi.json')).body as { paths: Record<string, Record<string, { deprecated?: boolean; description?: string }>> };
    expect(doc.paths['/api/imports/templates/{file}']?.get).toBeTruthy();
    expect(doc.paths['/api/imports']?.post?.description).toContain('parkStatus');
    expect(doc.paths['/api/parks/bulk']).toBeUndefined();
    expect((await official.request('POST', '/api/parks/bulk', { body: `parkId,progress\n1,in_progress\n`, headers: { 'content-type': 'text/csv' } })).status).toBe(404);
  });

  // Carried over from the old bulk route (POST /api/parks/bulk, removed): only the uploader applies,
  // and a park changed after the check fails the whole file, which keeps that problem (migration 19).
  it('applies only for its uploader, all or nothing; a park changed after the check fails the file and its problem is stored', async () => {
    const first = await pick(`category = 'upgrade' AND progress = 'not_started' AND pilot_year IS NULL`);
    const second = await pick(`category = 'upgrade' AND progress = 'not_started' AND pilot_year IS NULL`);
    const text = [H, `${first.code},${first.name},,实施中,,2026/11/20,开工`, `${second.code},${second.name},,实施中,,2026/11/20,开工`].join('\n');
    const dry = await upload(official, utf8(`${text}\n`));
    expect(dry.status, JSON.stringify(dry.body)).toBe(201);
    expect(dry.body.plan).toMatchObject({ direct: 2, proposals: 0 });
    const others = { anonymous: await clientFor(server, null), viewer, planner, otherOfficial: await clientFor(server, `official-${B}`), admin };
    const expected = { anonymous: 401, viewer: 403, planner: 403, otherOfficial: 404, admin: 404 };
    for (const [who, c] of Object.entries(others))
      expect((await c.request('POST', `/api/imports/${dry.body.id}/apply`)).status, who).toBe(expected[who as keyof typeof expected]);
    expect((await park(first.id)).version).toBe(first.version);

    // Someone completes the second park's step meanwhile: the file applies nothing, and says why.
    const edited = await admin.patchPark(second.id, second.version, { progress: 'in_progress', reason: 'city', effectiveDate: '2026-11-20' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const applied = await official.request('POST', `/api/imports/${dry.body.id}/apply`);
    expect(applied.status, JSON.stringify(applied.body)).toBe(422);
    expect(applied.body).toMatchObject({ code: 'bulk_row_failed', params: { line: 3, park: second.name } });
    expect((await park(first.id)).version).toBe(first.version);
    const stored = await official.get(`/api/imports/${dry.body.id}`);
    expect(stored.body).toMatchObject({ status: 'failed', error: applied.body.detail, errorProblem: { code: 'bulk_row_failed', params: applied.body.params } });
  });

  it('offers templates in Chinese that read back with the importer: XLSX with a 说明 sheet, CSV with a BOM; an official\'s is filled with their parks', async () => {
    const fetchBytes = async (c: ApiClient, path: string) => {
      const res = await fetch(`${server.url}${path}`, { headers: { cookie: c.cookieHeader() } });
      expect(res.status).toBe(200);
      return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
    };
    const [{ n: parksInA }] = await server.database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM village_parks WHERE district = $1', [A]);
    const { res, bytes: xlsx } = await fetchBytes(official, '/api/imports/templates/parkStatus.xlsx');
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="park-status\.xlsx"; filename\*=UTF-8''/);
    const table = await readSource(xlsx, 'template.xlsx', { encoding: 'auto', crs: 'wgs84' });
    expect(table.headers).toEqual(['园区编号', '园区名称', '所在区', '整治类别', '改造进度', '试点年度', '生效日期', '原因']);
    expect(table.rows.length).toBe(parksInA);
    expect(table.rows.every((r) => r.cells['所在区'] === '白云区')).toBe(true);
    const text = new TextDecoder().decode(xlsx.length ? (await import('fflate')).unzipSync(xlsx)['xl/workbook.xml'] : new Uint8Array());
    expect(text).toContain('name="说明"');

    const { bytes: csv } = await fetchBytes(official, '/api/imports/templates/parkStatus.csv');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvTable = await readSource(csv, 'template.csv', { encoding: 'auto', crs: 'wgs84' });
    expect(csvTable.headers[3]).toBe('整治类别（未分类/淘汰关停/功能转换/改造提升）');
    expect(csvTable.rows.length).toBe(parksInA);

    // Uploaded as it is, the template changes nothing: every row unchanged, skipped.
    const dry = await upload(official, xlsx, '园区改造状态.xlsx');
    expect(dry.status, JSON.stringify(dry.body)).toBe(201);
    expect(dry.body.counts).toMatchObject({ total: parksInA, rejected: 0 });
    expect(dry.body.plan).toMatchObject({ direct: 0, proposals: 0 });
    expect(dry.body.plan.unchanged).toBe(parksInA);

    // An administrator's template without a district: one example row, which changes nothing either.
    const { bytes: example } = await fetchBytes(admin, '/api/imports/templates/parkStatus.csv');
    const exampleTable = await readSource(example, 'template.csv', { encoding: 'auto', crs: 'wgs84' });
    expect(exampleTable.rows.length).toBe(1);
    const exDry = await upload(admin, example, 'template.csv');
    expect(exDry.body.plan).toMatchObject({ direct: 0, proposals: 0, unchanged: 1 });
    expect((await admin.get('/api/imports/templates/parkStatus.csv?district=999')).status).toBe(400);
  });
});
