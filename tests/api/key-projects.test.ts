// Key projects (重点项目) over HTTP, on both backends: the synthetic demo projects; the import of a
// CSV with 亿元 headers and a GeoJSON with 万元 (dry run writes nothing, apply writes, again is
// unchanged, a change is a new version with history); bad rows reported per row; the plan's
// thresholds at their edges (exactly 12亿元 / exactly 400万元 per mu → not eligible: 超过 is strict);
// the summary against a plain SQL count; who may read and who may import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, type ApiClient, type TestServer, startTestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';
import { utf8 } from '../unit/import-fixtures.ts';

interface Props { id: number; code: string; name: string; investmentYuan: number; areaMu: number | null; intensityYuanPerMu: number | null; cluster: string | null; status: string; district: string | null; eligible: boolean; demo: boolean; version: number }
interface Feature { id: number; properties: Props; geometry: { type: string; coordinates: unknown } }
interface Issue { row: number; field?: string; code: string; severity: string; params: Record<string, unknown> }

function form(content: string, name: string, fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  f.set('file', new Blob([utf8(content) as Uint8Array<ArrayBuffer>]), name);
  return f;
}
const csv = (header: string[], rows: (string | number)[][]) => `${header.join(',')}\n${rows.map((r) => r.join(',')).join('\n')}\n`;

describe.each(backends())('key projects over HTTP (%s)', (backend) => {
  let server: TestServer;
  let admin: ApiClient, planner: ApiClient, viewer: ApiClient, anonymous: ApiClient;
  /** Points inside village parks (so inside Guangzhou), with their district. */
  let spots: { lon: number; lat: number; district: string }[];

  const upload = (content: string, name: string, fields: Record<string, string> = {}) =>
    admin.request('POST', '/api/imports', { body: form(content, name, { kind: 'keyProjects', ...fields }) });
  const list = async (query = '', client = anonymous) => {
    const r = await client.request<{ features: Feature[]; demo: boolean; thresholds: Record<string, number> }>('GET', `/api/key-projects${query}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const byCode = async (code: string) => (await list()).features.find((f) => f.properties.code === code);
  const count = async () => (await server.database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM key_projects'))[0].n;

  beforeAll(async () => {
    server = await startTestServer(backend);
    [admin, planner, viewer, anonymous] = await Promise.all([clientFor(server, 'admin'), clientFor(server, 'planner'), clientFor(server, 'viewer'), clientFor(server, null)]);
    spots = await server.database.db.query(
      `SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat, district FROM village_parks ORDER BY id LIMIT 6`);
  });
  afterAll(() => server?.close());

  it('seeds synthetic demo projects, marked demo, two of them exactly on the thresholds and not eligible', async () => {
    const body = await list();
    expect(body.demo).toBe(true);
    expect(body.thresholds).toEqual({ investmentYuan: 1_200_000_000, intensityYuanPerMu: 4_000_000 });
    expect(body.features.length).toBeGreaterThanOrEqual(40);
    expect(body.features.length).toBeLessThanOrEqual(80);
    for (const f of body.features) {
      expect(f.properties.demo).toBe(true);
      expect(f.properties.code).toMatch(/^DEMO-KP-\d\d$/);
      expect(['Point', 'Polygon']).toContain(f.geometry.type);
      expect(f.properties.district).not.toBeNull();
      const { investmentYuan: inv, areaMu } = f.properties;
      expect(f.properties.eligible).toBe(inv > 1_200_000_000 && areaMu !== null && inv > 4_000_000 * areaMu);
    }
    const one = body.features.find((f) => f.properties.code === 'DEMO-KP-01')!.properties;
    expect(one).toMatchObject({ investmentYuan: 1_200_000_000, areaMu: 200, eligible: false });
    const two = body.features.find((f) => f.properties.code === 'DEMO-KP-02')!.properties;
    expect(two).toMatchObject({ investmentYuan: 1_600_000_000, areaMu: 400, intensityYuanPerMu: 4_000_000, eligible: false });
    expect(body.features.some((f) => f.properties.eligible)).toBe(true);
    expect(body.features.some((f) => f.geometry.type === 'Polygon') && body.features.some((f) => f.geometry.type === 'Point')).toBe(true);
  });

  it('imports a CSV in 亿元 and 亩: a dry run writes nothing; the thresholds are strict at their edges', async () => {
    const [a, b, c, d] = spots;
    const H = ['项目代码', '项目名称', '总投资(亿元)', '用地面积(亩)', '所属集群', '项目状态', '经度', '纬度'];
    const rows = [
      ['T-KP-1', '测试项目甲', 12, 300, '汽车', '在建', a.lon, a.lat], // exactly 12亿元 (and exactly 400万元/亩)
      ['T-KP-2', '测试项目乙', 12.0001, 300, 'biomed', '谋划', b.lon, b.lat], // just over both
      ['T-KP-3', '测试项目丙', 20, 500, '新材料', '建成', c.lon, c.lat], // exactly 400万元/亩
      ['T-KP-4', '测试项目丁', 20, 499.9, '', '竣工', d.lon, d.lat], // just over 400万元/亩; no cluster
    ];
    const before = await count();
    const dry = await upload(csv(H, rows), '重点项目.csv');
    expect(dry.status, JSON.stringify(dry.body)).toBe(201);
    expect(dry.body).toMatchObject({ kind: 'keyProjects', status: 'pending', counts: { total: 4, valid: 4, rejected: 0, errors: 0 } });
    expect(dry.body.mapping).toMatchObject({ code: '项目代码', name: '项目名称', investment: '总投资(亿元)', areaMu: '用地面积(亩)', cluster: '所属集群', status: '项目状态', lon: '经度', lat: '纬度' });
    expect(dry.body.units).toMatchObject({ investment: 1e8 });
    expect(await count()).toBe(before);

    const applied = await admin.request('POST', `/api/imports/${dry.body.id}/apply`);
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toMatchObject({ kind: 'keyProjects', added: 4, updated: 0, unchanged: 0, rejected: 0 });
    expect(await count()).toBe(before + 4);

    const p1 = (await byCode('T-KP-1'))!.properties;
    expect(p1).toMatchObject({ investmentYuan: 1_200_000_000, areaMu: 300, intensityYuanPerMu: 4_000_000, cluster: 'auto', status: 'under_construction', district: a.district, demo: false, eligible: false, version: 1 });
    expect((await byCode('T-KP-2'))!.properties).toMatchObject({ investmentYuan: 1_200_010_000, cluster: 'biomed', status: 'planned', eligible: true });
    expect((await byCode('T-KP-3'))!.properties).toMatchObject({ investmentYuan: 2_000_000_000, areaMu: 500, intensityYuanPerMu: 4_000_000, cluster: 'materials', status: 'completed', eligible: false });
    expect((await byCode('T-KP-4'))!.properties).toMatchObject({ cluster: null, status: 'completed', eligible: true });

    const eligible = (await list('?eligible=true')).features.map((f) => f.properties.code);
    expect(eligible).toEqual(expect.arrayContaining(['T-KP-2', 'T-KP-4']));
    expect(eligible).not.toContain('T-KP-1');
    expect(eligible).not.toContain('T-KP-3');
    const notEligible = (await list('?eligible=false')).features.map((f) => f.properties.code);
    expect(notEligible).toEqual(expect.arrayContaining(['T-KP-1', 'T-KP-3']));

    const changes = await admin.request('GET', `/api/imports/${dry.body.id}/changes`);
    expect(changes.body.total).toBe(4);
    expect(changes.body.items[0]).toMatchObject({ kind: 'keyProjects', action: 'added' });

    // The same file again: nothing changes. A new status: a new version, with its history.
    const again = await upload(csv(H, rows), '重点项目.csv');
    expect((await admin.request('POST', `/api/imports/${again.body.id}/apply`)).body).toMatchObject({ added: 0, updated: 0, unchanged: 4 });
    const moved = rows.map((r) => (r[0] === 'T-KP-2' ? [...r.slice(0, 5), '在建', ...r.slice(6)] : r));
    const third = await upload(csv(H, moved), '重点项目.csv');
    expect((await admin.request('POST', `/api/imports/${third.body.id}/apply`)).body).toMatchObject({ added: 0, updated: 1, unchanged: 3 });
    expect((await byCode('T-KP-2'))!.properties).toMatchObject({ status: 'under_construction', version: 2 });
    const history = await admin.request('GET', `/api/imports/${third.body.id}/changes`);
    expect(history.body.items).toEqual([expect.objectContaining({ kind: 'keyProjects', recordKey: 'T-KP-2', action: 'updated', changes: { status: ['planned', 'under_construction'] } })]);
  });

  it('imports parcels and points from GeoJSON with 总投资（万元）; the area of a parcel comes from its outline', async () => {
    const [, , , , e, f] = spots;
    const dx = 0.002, dy = 0.002;
    const square = [[e.lon - dx, e.lat - dy], [e.lon + dx, e.lat - dy], [e.lon + dx, e.lat + dy], [e.lon - dx, e.lat + dy], [e.lon - dx, e.lat - dy]];
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { 项目名称: '地块项目', '总投资（万元）': 150000, 状态: '在建' }, geometry: { type: 'Polygon', coordinates: [square] } },
        { type: 'Feature', properties: { 项目名称: '点位项目', '总投资（万元）': 120000, 状态: '建成' }, geometry: { type: 'Point', coordinates: [f.lon, f.lat] } },
      ],
    };
    const dry = await upload(JSON.stringify(fc), 'projects.geojson');
    expect(dry.status, JSON.stringify(dry.body)).toBe(201);
    expect(dry.body.counts).toMatchObject({ total: 2, valid: 2, rejected: 0 });
    expect(dry.body.units).toMatchObject({ investment: 1e4 });
    // The point has no area: it is accepted with a warning (its intensity is unknown).
    expect((dry.body.issues as Issue[]).filter((i) => i.row > 0)).toEqual([expect.objectContaining({ row: 2, code: 'key_project_area_unknown', severity: 'warning' })]);
    const applied = await admin.request('POST', `/api/imports/${dry.body.id}/apply`);
    expect(applied.body).toMatchObject({ added: 2 });
    const parcel = (await byCode('地块项目'))!;
    expect(parcel.geometry.type).toBe('Polygon');
    expect(parcel.properties.investmentYuan).toBe(1_500_000_000);
    // About 0.004° × 0.004° at latitude 23: ~410 m × ~445 m ≈ 270 mu → ~5.5 million yuan per mu.
    expect(parcel.properties.areaMu).toBeGreaterThan(200);
    expect(parcel.properties.areaMu).toBeLessThan(350);
    expect(parcel.properties.eligible).toBe(true);
    const point = (await byCode('点位项目'))!;
    expect(point.properties).toMatchObject({ investmentYuan: 1_200_000_000, areaMu: null, intensityYuanPerMu: null, eligible: false, status: 'completed' });
  });

  it('reports bad rows one by one, and a file of bad rows writes nothing', async () => {
    const [a] = spots;
    const H = ['项目代码', '项目名称', '总投资(万元)', '用地面积(亩)', '所属集群', '状态', '经度', '纬度'];
    const rows = [
      ['B-1', '', 150000, 100, '汽车', '在建', a.lon, a.lat], // no name
      ['B-2', '坏项目二', 'abc', 100, '汽车', '在建', a.lon, a.lat], // investment not a number
      ['B-3', '坏项目三', 150000, 100, '汽车', '停工', a.lon, a.lat], // unknown status
      ['B-4', '坏项目四', 150000, 100, '汽车', '在建', 120.5, 30.2], // outside Guangzhou
      ['B-5', '坏项目五', 150000, -5, '航天', '在建', a.lon, a.lat], // negative area, unknown cluster
      ['B-6', '坏项目六', '', 100, '汽车', '在建', a.lon, ''], // no investment, no latitude
      ['B-7', '坏项目七', 150000, 100, '汽车', '在建', a.lon, a.lat], // duplicate code
      ['B-7', '坏项目八', 150000, 100, '汽车', '在建', a.lon, a.lat],
    ];
    const before = await count();
    const dry = await upload(csv(H, rows), 'bad.csv');
    expect(dry.status, JSON.stringify(dry.body)).toBe(201);
    expect(dry.body.counts).toMatchObject({ total: 8, valid: 0, rejected: 8 });
    const errors = (row: number) => (dry.body.issues as Issue[]).filter((i) => i.row === row && i.severity === 'error').map((i) => i.code).sort();
    expect(errors(2)).toEqual(['missing_name']);
    expect(errors(3)).toEqual(['not_a_number']);
    expect(errors(4)).toEqual(['unknown_key_project_status']);
    expect(errors(5)).toEqual(['outside_city']);
    expect(errors(6)).toEqual(['negative_number', 'unknown_cluster']);
    expect(errors(7)).toEqual(['missing_coordinates', 'missing_investment']);
    expect(errors(8)).toEqual(['duplicate_code']);
    expect(errors(9)).toEqual(['duplicate_code']);
    expect((dry.body.issues as Issue[]).find((i) => i.row === 4)).toMatchObject({ field: 'status', params: { value: '停工' } });
    const applied = await admin.request('POST', `/api/imports/${dry.body.id}/apply`);
    expect(applied.body).toMatchObject({ added: 0, updated: 0, rejected: 8 });
    expect(await count()).toBe(before);
  });

  it('answers a summary equal to a plain SQL count, in total and by district and cluster', async () => {
    const r = await anonymous.request<{ total: number; eligible: number; investmentYuan: number; eligibleInvestmentYuan: number; demo: boolean;
      byDistrict: { district: string | null; total: number; eligible: number; investmentYuan: number }[]; byCluster: { cluster: string | null; total: number; eligible: number }[]; byStatus: { status: string; total: number }[] }>('GET', '/api/key-projects/summary');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const db = server.database.db;
    const [plain] = await db.query<{ total: number; eligible: number; investment: number; eligible_investment: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE investment > 1200000000 AND area_mu > 0 AND investment > 4000000 * area_mu)::int AS eligible,
         sum(investment)::float8 AS investment, coalesce(sum(investment) FILTER (WHERE investment > 1200000000 AND area_mu > 0 AND investment > 4000000 * area_mu), 0)::float8 AS eligible_investment
       FROM key_projects`);
    expect(r.body).toMatchObject({ total: plain.total, eligible: plain.eligible, investmentYuan: plain.investment, eligibleInvestmentYuan: plain.eligible_investment, demo: true });
    const perDistrict = await db.query<{ district: string; total: number; eligible: number }>(
      `SELECT district, count(*)::int AS total, count(*) FILTER (WHERE investment > 1200000000 AND area_mu > 0 AND investment > 4000000 * area_mu)::int AS eligible
       FROM key_projects GROUP BY district ORDER BY district`);
    expect([...r.body.byDistrict].sort((x, y) => String(x.district).localeCompare(String(y.district))).map(({ district, total, eligible }) => ({ district, total, eligible }))).toEqual(perDistrict);
    const perCluster = await db.query<{ cluster: string | null; n: number }>('SELECT cluster, count(*)::int AS n FROM key_projects GROUP BY cluster');
    expect(r.body.byCluster.length).toBe(perCluster.length);
    for (const c of perCluster) expect(r.body.byCluster.find((x) => x.cluster === c.cluster)?.total).toBe(c.n);
    expect(r.body.byStatus.reduce((s, x) => s + x.total, 0)).toBe(plain.total);

    // The same filter as the list: a district and eligibility.
    const district = perDistrict[0].district;
    const narrowed = await anonymous.request<{ total: number; eligible: number }>('GET', `/api/key-projects/summary?district=${district}&eligible=true`);
    expect(narrowed.body).toMatchObject({ total: perDistrict[0].eligible, eligible: perDistrict[0].eligible });
    expect((await list(`?district=${district}`)).features.length).toBe(perDistrict[0].total);
  });

  it('lets everyone read, only administrators import; bad filters are 400', async () => {
    for (const client of [anonymous, viewer, planner]) {
      expect((await client.request('GET', '/api/key-projects')).status).toBe(200);
      expect((await client.request('GET', '/api/key-projects/summary')).status).toBe(200);
    }
    const text = csv(['项目名称', '总投资(亿元)', '用地面积(亩)', '经度', '纬度'], [['x', 20, 100, spots[0].lon, spots[0].lat]]);
    expect((await anonymous.request('POST', '/api/imports', { body: form(text, 'x.csv', { kind: 'keyProjects' }) })).status).toBe(401);
    expect((await viewer.request('POST', '/api/imports', { body: form(text, 'x.csv', { kind: 'keyProjects' }) })).status).toBe(403);
    expect((await planner.request('POST', '/api/imports', { body: form(text, 'x.csv', { kind: 'keyProjects' }) })).status).toBe(403);
    const bad = await anonymous.request('GET', '/api/key-projects?cluster=rockets');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'query_invalid', fieldProblems: { cluster: { code: 'field_one_of' } } });
    expect((await anonymous.request('GET', '/api/key-projects/summary?eligible=maybe')).status).toBe(400);
    const doc = await anonymous.request('GET', '/api/openapi.json');
    expect(doc.body.paths['/api/key-projects'].get.tags).toEqual(['key-projects']);
    expect(doc.body.paths['/api/key-projects/summary'].get).toBeTruthy();
  });
});
