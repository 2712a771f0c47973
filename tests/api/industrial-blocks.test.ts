// Industrial blocks (工业产业区块, issue 13 item 6) over HTTP: the synthetic demo blocks, a GeoJSON
// import (dry run writes nothing, apply upserts with history), invalid outlines reported per row,
// the block report against a plain SQL sum over the enterprises inside the block, suppression for
// viewers and the public, and the block as an area of the indicator engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, type ApiClient, type TestServer, startTestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';

interface Ent { id: number; lon: number; lat: number }

function form(text: string, name: string, fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  f.set('file', new Blob([new TextEncoder().encode(text)]), name);
  return f;
}

/** A square of half-width `d` degrees around a point, as GeoJSON polygon rings. */
const box = (lon: number, lat: number, d: number) => [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]];

const feature = (props: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties: props, geometry });
const collection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

describe.each(backends())('industrial blocks (%s)', (backend) => {
  let server: TestServer;
  let admin: ApiClient;
  let planner: ApiClient;
  let viewer: ApiClient;
  let anonymous: ApiClient;
  let busy: Ent;
  let lonely: Ent;

  const upload = (text: string, name: string) => admin.request('POST', '/api/imports', { body: form(text, name, { kind: 'industrialBlocks', crs: 'wgs84' }) });
  const count = async () => (await server.database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM industrial_blocks'))[0].n;
  const idOf = async (code: string) => (await server.database.db.query<{ id: number }>('SELECT id FROM industrial_blocks WHERE code = $1', [code]))[0]?.id;

  beforeAll(async () => {
    server = await startTestServer(backend);
    [admin, planner, viewer, anonymous] = await Promise.all([clientFor(server, 'admin'), clientFor(server, 'planner'), clientFor(server, 'viewer'), clientFor(server, null)]);
    const db = server.database.db;
    // An enterprise with many neighbours (≥ 5 reporting firms within 0.004°) and one alone within 0.0005°.
    [busy] = await db.query<Ent>(`
      SELECT e.id, ST_X(e.geom) AS lon, ST_Y(e.geom) AS lat FROM enterprises e
      WHERE (SELECT count(DISTINCT n.id) FROM enterprises n JOIN operating_figures f ON f.enterprise_id = n.id
             WHERE ST_Covers(ST_Expand(e.geom, 0.004), n.geom)) >= 5
      ORDER BY e.id LIMIT 1`);
    [lonely] = await db.query<Ent>(`
      SELECT e.id, ST_X(e.geom) AS lon, ST_Y(e.geom) AS lat FROM enterprises e
      WHERE EXISTS (SELECT 1 FROM operating_figures f WHERE f.enterprise_id = e.id)
        AND (SELECT count(*) FROM enterprises n WHERE ST_Covers(ST_Expand(e.geom, 0.0005), n.geom)) = 1
      ORDER BY e.id LIMIT 1`);
    expect(busy && lonely).toBeTruthy();
  });
  afterAll(() => server?.close());

  it('serves the synthetic demo blocks as GeoJSON, marked demo, to anyone', async () => {
    const r = await anonymous.request('GET', '/api/industrial-blocks');
    expect(r.status).toBe(200);
    expect(r.body.type).toBe('FeatureCollection');
    const features = r.body.features as { id: number; properties: { code: string; level: string; areaMu: number; demo: boolean; enterpriseCount: number; district: string }; geometry: { type: string } }[];
    expect(features.length).toBeGreaterThanOrEqual(20);
    expect(features.length).toBeLessThanOrEqual(30);
    for (const f of features) {
      expect(f.properties.code).toMatch(/^DEMO-IB-\d\d$/);
      expect(f.properties.demo).toBe(true);
      expect(['first', 'second']).toContain(f.properties.level);
      expect(f.properties.areaMu).toBeGreaterThan(0);
      expect(f.properties.enterpriseCount).toBeGreaterThan(0);
      expect(f.geometry.type).toBe('MultiPolygon');
    }
    const one = await anonymous.request('GET', `/api/industrial-blocks/${features[0].id}`);
    expect(one.body).toMatchObject({ type: 'Feature', id: features[0].id, properties: { code: features[0].properties.code } });
    expect((await anonymous.request('GET', '/api/industrial-blocks/999999')).body).toMatchObject({ status: 404, code: 'not_found', params: { thing: 'industrialBlock' } });
  });

  it('imports a GeoJSON file: the dry run writes nothing, the apply adds the blocks with history', async () => {
    const before = await count();
    const text = collection([
      feature({ 区块编号: 'GZ-IB-T1', 区块名称: '测试区块一', 级别: '一级控制线' }, { type: 'Polygon', coordinates: box(busy.lon, busy.lat, 0.004) }),
      feature({ 区块编号: 'GZ-IB-T2', 区块名称: '测试区块二', 级别: '二级控制线', '面积(公顷)': 0.5 }, { type: 'MultiPolygon', coordinates: [box(lonely.lon, lonely.lat, 0.0005)] }),
    ]);
    const dry = await upload(text, '产业区块.geojson');
    expect(dry.status, JSON.stringify(dry.body)).toBe(201);
    expect(dry.body).toMatchObject({ kind: 'industrialBlocks', status: 'pending', counts: { total: 2, valid: 2, rejected: 0 } });
    expect(dry.body.mapping).toMatchObject({ code: '区块编号', name: '区块名称', level: '级别', areaMu: '面积(公顷)' });
    expect(dry.body.units).toMatchObject({ areaMu: 15 });
    expect(await count()).toBe(before);

    const applied = await admin.request('POST', `/api/imports/${dry.body.id}/apply`);
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toMatchObject({ kind: 'industrialBlocks', added: 2, updated: 0, tilesRebuilt: false });
    expect(await count()).toBe(before + 2);
    const [t1] = await server.database.db.query<{ level: string; demo: boolean; area_mu: number; district: string | null }>(
      `SELECT level, demo, area_mu, district FROM industrial_blocks WHERE code = 'GZ-IB-T1'`);
    expect(t1).toMatchObject({ level: 'first', demo: false });
    expect(t1.district).toMatch(/^4401\d\d$/);
    // The outline's area: 0.008° square at Guangzhou's latitude is about 0.73 km² ≈ 1,100 mu.
    expect(t1.area_mu).toBeGreaterThan(900);
    expect(t1.area_mu).toBeLessThan(1300);
    const [t2] = await server.database.db.query<{ area_mu: number; level: string }>(`SELECT area_mu, level FROM industrial_blocks WHERE code = 'GZ-IB-T2'`);
    expect(t2).toMatchObject({ area_mu: 7.5, level: 'second' });
    const changes = await admin.request('GET', `/api/imports/${dry.body.id}/changes`);
    expect(changes.body.total).toBe(2);
    expect(changes.body.items[0]).toMatchObject({ kind: 'industrialBlocks', action: 'added' });

    // The same file again: unchanged; a new name: updated, with the change in history.
    const again = await upload(text.replace('测试区块一', '测试区块甲'), '产业区块.geojson');
    const re = await admin.request('POST', `/api/imports/${again.body.id}/apply`);
    expect(re.body).toMatchObject({ added: 0, updated: 1, unchanged: 1 });
    const ch = await admin.request('GET', `/api/imports/${again.body.id}/changes`);
    expect(ch.body.items[0]).toMatchObject({ recordKey: 'GZ-IB-T1', action: 'updated', changes: { name: ['测试区块一', '测试区块甲'] } });
  });

  it('reports invalid outlines and levels per row and writes nothing', async () => {
    const before = await count();
    const { lon, lat } = busy;
    const text = collection([
      feature({ 编号: 'BAD-1', 名称: '自相交', 级别: '一级' }, { type: 'Polygon', coordinates: [[[lon, lat], [lon + 0.01, lat + 0.01], [lon + 0.01, lat], [lon, lat + 0.01], [lon, lat]]] }),
      feature({ 编号: 'BAD-2', 名称: '点', 级别: '一级' }, { type: 'Point', coordinates: [lon, lat] }),
      feature({ 编号: 'BAD-3', 名称: '级别不明', 级别: '三级控制线' }, { type: 'Polygon', coordinates: box(lon, lat, 0.001) }),
      feature({ 编号: 'BAD-4', 名称: '城外', 级别: '二级' }, { type: 'Polygon', coordinates: box(116.4, 39.9, 0.01) }),
      feature({ 编号: '', 名称: '', 级别: '' }, { type: 'Polygon', coordinates: box(lon, lat, 0.002) }),
    ]);
    const dry = await upload(text, 'bad.geojson');
    expect(dry.status, JSON.stringify(dry.body)).toBe(201);
    expect(dry.body.counts).toMatchObject({ total: 5, valid: 0, rejected: 5 });
    const codes = (row: number) => (dry.body.issues as { row: number; code: string; severity: string }[]).filter((i) => i.row === row && i.severity === 'error').map((i) => i.code);
    expect(codes(1)).toContain('self_intersection');
    expect(codes(2)).toContain('geometry_not_polygon');
    expect(codes(3)).toContain('unknown_block_level');
    expect(codes(4)).toContain('outside_city');
    expect(codes(5)).toEqual(expect.arrayContaining(['missing_name', 'missing_code']));
    const selfCross = (dry.body.issues as { row: number; code: string; params: Record<string, unknown> }[]).find((i) => i.row === 1)!;
    expect(selfCross.params).toMatchObject({ lon: expect.any(Number), lat: expect.any(Number) });
    expect(await count()).toBe(before);
    // Nothing valid: applying writes nothing.
    await admin.request('POST', `/api/imports/${dry.body.id}/apply`);
    expect(await count()).toBe(before);
  });

  it('reports a block\'s enterprises, figures, parks and output per mu as a plain SQL sum over the enterprises inside it', async () => {
    const id = await idOf('GZ-IB-T1');
    const r = await planner.request('GET', `/api/industrial-blocks/${id}/report`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const year = r.body.year as number;
    const [{ through }] = await server.database.db.query<{ through: number }>('SELECT max(month) AS through FROM operating_figures');
    expect(year).toBe(through % 100 === 12 ? Math.floor(through / 100) : Math.floor(through / 100) - 1);
    const [sql] = await server.database.db.query<{ library: number; reporting: number; output: number; revenue: number; tax: number; area_mu: number }>(`
      SELECT (SELECT count(*)::int FROM enterprises e WHERE ST_Covers(b.geom, e.geom)) AS library,
        count(DISTINCT f.enterprise_id)::int AS reporting, coalesce(sum(f.output), 0)::float8 AS output,
        coalesce(sum(f.revenue), 0)::float8 AS revenue, coalesce(sum(f.tax), 0)::float8 AS tax, b.area_mu::float8 AS area_mu
      FROM industrial_blocks b
      LEFT JOIN enterprises e ON ST_Covers(b.geom, e.geom)
      LEFT JOIN operating_figures f ON f.enterprise_id = e.id AND f.month BETWEEN $2 AND $3
      WHERE b.id = $1 GROUP BY b.id`, [id, year * 100 + 1, year * 100 + 12]);
    expect(sql.reporting).toBeGreaterThanOrEqual(3);
    expect(r.body.enterprises).toBe(sql.library);
    expect(r.body.figures.reporting).toMatchObject({ value: sql.reporting, suppressed: false });
    expect(r.body.figures.output.value).toBeCloseTo(sql.output, 0);
    expect(r.body.figures.revenue.value).toBeCloseTo(sql.revenue, 0);
    expect(r.body.figures.tax.value).toBeCloseTo(sql.tax, 0);
    expect(r.body.outputPerMu).toBeCloseTo(sql.output / sql.area_mu, 3);
    expect(r.body.block).toMatchObject({ id, code: 'GZ-IB-T1', level: 'first', demo: false });
    // Parks: every village park the block touches.
    const parks = await server.database.db.query<{ id: number }>(`SELECT p.id FROM village_parks p JOIN industrial_blocks b ON ST_Intersects(p.geom, b.geom) WHERE b.id = $1 ORDER BY p.code`, [id]);
    expect((r.body.villageParks as { id: number }[]).map((p) => p.id)).toEqual(parks.map((p) => p.id));
    // The block as an area of the engine (what the map's area filter sends) gives the same output.
    const block = await planner.request('GET', `/api/industrial-blocks/${id}`);
    const ind = await planner.request('POST', '/api/indicators', { json: { metric: 'output', period: String(year), by: 'none', area: block.body.geometry } });
    expect(ind.status, JSON.stringify(ind.body)).toBe(200);
    expect(ind.body.total.value).toBeCloseTo(sql.output, 0);
    // Another year.
    const earlier = await planner.request('GET', `/api/industrial-blocks/${id}/report?year=${year - 1}`);
    expect(earlier.body.year).toBe(year - 1);
    expect((await planner.request('GET', `/api/industrial-blocks/${id}/report?year=abc`)).status).toBe(400);
  });

  it('suppresses a block resting on fewer than 3 enterprises for viewers and the public, not for planners', async () => {
    const id = await idOf('GZ-IB-T2');
    const full = await planner.request('GET', `/api/industrial-blocks/${id}/report`);
    expect(full.body.figures.output.suppressed).toBe(false);
    expect(full.body.figures.output.value).toBeGreaterThan(0);
    expect(full.body.outputPerMu).toBeGreaterThan(0);
    for (const client of [viewer, anonymous]) {
      const r = await client.request('GET', `/api/industrial-blocks/${id}/report`);
      expect(r.status).toBe(200);
      expect(r.body.enterprises).toBe(1);
      for (const key of ['reporting', 'output', 'revenue', 'tax', 'valueAdded'])
        expect(r.body.figures[key], key).toMatchObject({ value: null, enterprises: null, suppressed: true });
      expect(r.body).toMatchObject({ outputPerMu: null, outputPerMuSuppressed: true });
    }
    // A block with enough enterprises is shown to viewers as to planners.
    const big = await idOf('GZ-IB-T1');
    const [v, p] = await Promise.all([viewer.request('GET', `/api/industrial-blocks/${big}/report`), planner.request('GET', `/api/industrial-blocks/${big}/report`)]);
    expect(v.body.figures.output).toMatchObject({ suppressed: false, value: p.body.figures.output.value });
  });

  it('is in the OpenAPI document', async () => {
    const r = await anonymous.request('GET', '/api/openapi.json');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body.paths)).toEqual(expect.arrayContaining(['/api/industrial-blocks', '/api/industrial-blocks/{id}', '/api/industrial-blocks/{id}/report']));
  });
});
