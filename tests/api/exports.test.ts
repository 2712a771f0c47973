import Papa from 'papaparse';
import * as turf from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEnterprisePayload } from '../../src/domain/enterprise-payload.ts';
import { EMPTY_FILTER, applyFilter, compileFilter } from '../../src/domain/enterprise-filter.ts';
import { PointGrid, selectInArea } from '../../src/domain/spatial-selection.ts';
import { clientFor, startTestServer, type ApiClient, type TestServer } from '../helpers/api-client.ts';
import { geojsonValidationErrors } from '../helpers/geojson-validation.ts';
import { collectionProblems } from '../helpers/rfc7946.ts';
import { backends } from '../helpers/test-db.ts';
import { DEFAULT_EXPORT_POLICY, type ExportPolicy } from '../../src/server/exports/export-policy.ts';

// A 64-vertex circle over the Huangpu/Panyu industrial belt, and a filter: the same "area + tags" a planner would draw.
const AREA = turf.circle([113.45, 23.08], 9, { steps: 64 }).geometry;
const FILTER = { ...EMPTY_FILTER, tags: ['high-tech', 'srdi'], clusters: ['display', 'biomed', 'equipment'] };

describe.each(backends())('exports (%s)', (backend) => {
  let server: TestServer;
  let planner: ApiClient;
  let viewer: ApiClient;
  beforeAll(async () => {
    server = await startTestServer(backend);
    planner = await clientFor(server, 'planner');
    viewer = await clientFor(server, 'viewer');
  });
  afterAll(() => server.close());

  const exportOf = (c: ApiClient, body: object) => c.request('POST', '/api/exports', { json: body });

  it('selects on the server exactly what the browser selects for the same area and filter', async () => {
    const res = await fetch(`${server.url}/api/enterprises/payload`, { headers: { cookie: planner.cookieHeader() } });
    const { header, columns } = decodeEnterprisePayload(await res.arrayBuffer());
    const inArea = new Uint8Array(header.count);
    selectInArea(new PointGrid(columns.lon, columns.lat), AREA, inArea);
    const match = new Uint8Array(header.count);
    applyFilter(columns, compileFilter(FILTER, header.dictionaries, true), match, inArea);
    const browserIds = Array.from(columns.id).filter((_, i) => match[i]).sort((a, b) => a - b);

    const r = await exportOf(planner, { layer: 'enterprises', format: 'geojson', filters: FILTER, area: AREA });
    expect(r.status).toBe(200);
    const serverIds = r.body.features.map((f: { id: number }) => f.id).sort((a: number, b: number) => a - b);
    expect(browserIds.length).toBeGreaterThan(10);
    expect(serverIds).toEqual(browserIds);
  });

  it('writes valid RFC 7946 GeoJSON (≤ 7 decimals) describing the filter, data date and demo flag', async () => {
    const r = await exportOf(planner, { layer: 'parks', format: 'geojson', filters: { districts: ['440113'] }, area: AREA });
    expect(r.headers.get('content-disposition')).toMatch(/parks-\d{4}-\d{2}-\d{2}\.geojson/);
    expect(geojsonValidationErrors(r.body)).toEqual([]);
    expect(collectionProblems(r.body)).toEqual([]);
    expect(r.body.features.length).toBeGreaterThan(0);
    expect(JSON.stringify(r.body.features.map((f: GeoJSON.Feature) => f.geometry))).not.toMatch(/\d\.\d{8,}/);
    expect(r.body.demo).toBe(true);
    expect(r.body.export).toMatchObject({ layer: 'parks', filters: { districts: ['440113'] }, dataDate: '2021-12-31', demo: true });
    for (const f of r.body.features) expect(f.properties.district).toBe('440113');
  });

  it('writes a CSV with a BOM that reads back to the same rows as the GeoJSON', async () => {
    // labels: 'codes' keeps the file API users had before readable exports (exports-readable.test.ts).
    const body = { layer: 'enterprises', format: 'csv', labels: 'codes', filters: { districts: ['440115'], tags: ['high-tech'] } };
    const raw = await fetch(`${server.url}/api/exports`, {
      method: 'POST',
      headers: { cookie: planner.cookieHeader(), 'content-type': 'application/json', 'x-csrf-token': planner.csrfToken! },
      body: JSON.stringify(body),
    });
    const bytes = new Uint8Array(await raw.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<Record<string, string>>(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const gj = (await exportOf(planner, { ...body, format: 'geojson' })).body;
    expect(parsed.data.map((r) => Number(r.id))).toEqual(gj.features.map((f: { id: number }) => f.id));
    parsed.data.forEach((row, i) => {
      const p = gj.features[i].properties;
      expect(row.name).toBe(p.name);
      expect(row.creditCode).toBe(p.creditCode);
      expect(Number(row.revenue)).toBe(p.revenue);
      expect(row.tags).toBe(p.tags.join(';'));
    });
  });

  it('gives viewers no confidential or restricted field and refuses them revenue-tier filters', async () => {
    const r = await exportOf(viewer, { layer: 'enterprises', format: 'geojson', filters: { districts: ['440112'] } });
    expect(r.status).toBe(200);
    expect(r.body.features.length).toBeGreaterThan(0);
    for (const f of r.body.features) for (const field of ['revenue', 'creditCode', 'employees', 'address']) expect(f.properties).not.toHaveProperty(field);
    const parks = await exportOf(viewer, { layer: 'parks', format: 'geojson', filters: { districts: ['440112'] } });
    for (const f of parks.body.features) expect(f.properties).not.toHaveProperty('taxPerMu');
    expect((await exportOf(viewer, { layer: 'enterprises', format: 'csv', filters: { revenueTiers: ['r10m'] } })).status).toBe(403);
    // The export dialog offers only what the caller will get.
    const viewerFields = (await viewer.request('GET', '/api/exports/fields')).body;
    const plannerFields = (await planner.request('GET', '/api/exports/fields')).body;
    expect(viewerFields.enterprises).not.toContain('revenue');
    expect(viewerFields.parks).not.toContain('taxPerMu');
    expect(plannerFields.enterprises).toEqual(expect.arrayContaining(['revenue', 'creditCode', 'employees', 'address']));
    expect(plannerFields.parks).toContain('taxPerMu');
    expect(viewerFields.enterprises).toEqual(Object.keys(r.body.features[0].properties));
  });

  it('writes an empty but valid collection when nothing matches', async () => {
    const sea = { type: 'Polygon', coordinates: [[[113.9, 22.0], [114.0, 22.0], [114.0, 22.1], [113.9, 22.0]]] };
    const r = await exportOf(planner, { layer: 'enterprises', format: 'geojson', area: sea });
    expect(r.status).toBe(200);
    expect(r.body.features).toEqual([]);
    expect(geojsonValidationErrors(r.body)).toEqual([]);
  });

  it('takes "inside the village parks" (a MultiPolygon of every park) as the area', async () => {
    const parks = (await planner.request('GET', '/api/parks')).body.features as GeoJSON.Feature<GeoJSON.Polygon>[];
    const area = { type: 'MultiPolygon', coordinates: parks.map((f) => f.geometry.coordinates) };
    expect(area.coordinates.length).toBeGreaterThan(1000);
    const r = await exportOf(planner, { layer: 'enterprises', format: 'geojson', area });
    expect(r.status).toBe(200);
    // Park membership was assigned spatially when the data was made: the same enterprises.
    const members = await server.database.db.query<{ id: number }>('SELECT id FROM enterprises WHERE village_park_id IS NOT NULL ORDER BY id');
    expect(r.body.features.map((f: { id: number }) => f.id).sort((a: number, b: number) => a - b)).toEqual(members.map((m) => m.id));
  });

  it('lists enterprises by id for the selection list, and refuses more than 200', async () => {
    const r = await planner.request('GET', '/api/enterprises?ids=3,1,2&limit=3');
    expect(r.body.items.map((e: { id: number }) => e.id)).toEqual([1, 2, 3]);
    const many = Array.from({ length: 201 }, (_, i) => i + 1).join(',');
    expect((await planner.request('GET', `/api/enterprises?ids=${many}`)).status).toBe(400);
    expect((await planner.request('GET', '/api/enterprises?ids=1,x')).status).toBe(400);
  });

  it('refuses bad requests with a clear 400 and logs every export', async () => {
    const before = (await server.database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM export_log'))[0].n;
    const bowtie = { type: 'Polygon', coordinates: [[[113.3, 23.0], [113.4, 23.1], [113.4, 23.0], [113.3, 23.1], [113.3, 23.0]]] };
    const bad = await exportOf(planner, { layer: 'enterprises', format: 'geojson', area: bowtie });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/not a valid polygon/);
    expect((await exportOf(planner, { layer: 'firms', format: 'xlsx' })).status).toBe(400);
    expect((await exportOf(planner, { layer: 'parks', format: 'csv', filters: { districts: ['999999'] } })).status).toBe(400);
    expect((await exportOf(planner, { layer: 'parks', format: 'csv', area: { type: 'Polygon', coordinates: [[[500, 1], [1, 2]]] } })).status).toBe(400);
    await exportOf(planner, { layer: 'value-parks', format: 'csv' });
    const after = await server.database.db.query<{ layer: string; username: string; features: number }>('SELECT layer, username, features FROM export_log ORDER BY id DESC LIMIT 1');
    expect((await server.database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM export_log'))[0].n).toBe(before + 1);
    expect(after[0]).toEqual({ layer: 'value-parks', username: 'planner', features: 10 });
  });

  // Issue 14, finding 7: what the public may export is a policy (docs/architecture.md §6).
  describe('the export policy with its defaults', () => {
    interface LogRow { role: string; username: string | null; source: string | null; layer: string; format: string; fields: string[] | null; refused: string | null; features: number }
    const lastLog = async () => (await server.database.db.query<LogRow>(
      'SELECT role, username, source, layer, format, fields, refused, features FROM export_log ORDER BY id DESC LIMIT 1'))[0];

    it('states each role its share: the public and viewers get no credit code, address, employees or figures, and a row limit', async () => {
      const anon = await clientFor(server, null);
      const pub = (await anon.get('/api/exports/policy')).body;
      expect(pub).toMatchObject({ role: 'public', maxRows: 1000, perMinute: 5, perHour: 30, rateKey: 'address' });
      expect(Object.keys(pub.layers)).toEqual(['enterprises', 'parks', 'value-parks']);
      expect(pub.layers.enterprises).toEqual(['id', 'name', 'cluster', 'subIndustry', 'industryCode', 'futureIndustry', 'tags', 'district', 'town', 'villageParkId', 'valueParkId', 'lon', 'lat']);
      expect(pub.layers.parks).not.toContain('taxPerMu');
      expect((await anon.get('/api/exports/fields')).body).toEqual(pub.layers);
      const v = (await viewer.get('/api/exports/policy')).body;
      expect(v).toMatchObject({ role: 'viewer', maxRows: 5000, rateKey: 'account', layers: pub.layers });
      const pl = (await planner.get('/api/exports/policy')).body;
      expect(pl).toMatchObject({ role: 'planner', maxRows: null, rateKey: 'account' });
      expect(pl.layers.enterprises).toEqual(expect.arrayContaining(['creditCode', 'address', 'employees', 'revenue']));
    });

    it('refuses an anonymous export of more rows than the limit with a 413 and sends nothing; a smaller one goes through', async () => {
      const anon = await clientFor(server, null);
      const all = await exportOf(anon, { layer: 'enterprises', format: 'csv' });
      expect(all.status).toBe(413);
      expect(all.body).toMatchObject({ refusal: 'rows', rowLimit: 1000 });
      expect(all.body.error).toMatch(/at most 1,000 .*log in/);
      expect(await lastLog()).toMatchObject({ role: 'public', username: null, source: expect.stringMatching(/127\.0\.0\.1/), layer: 'enterprises', format: 'csv', refused: 'rows', features: 0 });

      const filters = { districts: ['440112'], clusters: ['equipment'] };
      const [{ n }] = await server.database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprises WHERE district = '440112' AND cluster = 'equipment'`);
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThanOrEqual(1000);
      const some = await exportOf(anon, { layer: 'enterprises', format: 'geojson', filters });
      expect(some.status).toBe(200);
      expect(some.body.features).toHaveLength(n);
      expect(Object.keys(some.body.features[0].properties)).toEqual((await anon.get('/api/exports/policy')).body.layers.enterprises);
      expect(await lastLog()).toMatchObject({ role: 'public', refused: null, features: n });
    });

    it('refuses a field the role may not have with a 403 naming it, and logs the refusal', async () => {
      const r = await exportOf(viewer, { layer: 'enterprises', format: 'geojson', filters: { districts: ['440112'] }, fields: ['name', 'creditCode', 'address'] });
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ refusal: 'fields', layer: 'enterprises', denied: ['creditCode', 'address'] });
      expect(await lastLog()).toMatchObject({ role: 'viewer', username: 'viewer', refused: 'fields', fields: ['name', 'creditCode', 'address'], features: 0 });
      // A field that does not exist is a mistake, not a refusal.
      const typo = await exportOf(planner, { layer: 'enterprises', format: 'csv', fields: ['nmae'] });
      expect(typo.status).toBe(400);
      expect(typo.body.fields.fields).toMatch(/nmae/);
    });

    it('exports and logs exactly the fields asked for, paging without the id when it is left out', async () => {
      const r = await exportOf(planner, { layer: 'enterprises', format: 'geojson', filters: { districts: ['440115'] }, fields: ['revenue', 'name'] });
      expect(r.status).toBe(200);
      expect(r.body.export.fields).toEqual(['name', 'revenue']);
      for (const f of r.body.features) expect(Object.keys(f.properties)).toEqual(['name', 'revenue']);
      expect(await lastLog()).toMatchObject({ role: 'planner', fields: ['name', 'revenue'], refused: null, features: r.body.features.length });
      // Every enterprise, more than two pages of 2,000, in a CSV without the id column.
      const csv = await exportOf(planner, { layer: 'enterprises', format: 'csv', labels: 'codes', fields: ['name'] });
      const lines = (csv.body as string).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
      const [{ total }] = await server.database.db.query<{ total: number }>('SELECT count(*)::int AS total FROM enterprises');
      expect(total).toBeGreaterThan(4000);
      expect(lines[0]).toBe('name');
      expect(lines).toHaveLength(total + 1);
    });
  });
});

// A deployment's own policy (EXPORT_* settings): a layer closed to the public, small row limits and
// rates, to check the refusals and the counting.
const TIGHT: ExportPolicy = {
  ...DEFAULT_EXPORT_POLICY,
  publicLayers: ['parks', 'value-parks'],
  limits: {
    ...DEFAULT_EXPORT_POLICY.limits,
    public: { maxRows: 50, perMinute: 2, perHour: 3 },
    viewer: { maxRows: null, perMinute: 3, perHour: null },
  },
};

describe.each(backends())('export policy set by the deployment (%s)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend, { exportPolicy: TIGHT });
  });
  afterAll(() => server.close());

  const exportOf = (c: ApiClient, body: object) => c.request('POST', '/api/exports', { json: body });
  const refusals = async (username: string | null) => (await server.database.db.query<{ refused: string | null }>(
    'SELECT refused FROM export_log WHERE username IS NOT DISTINCT FROM $1 ORDER BY id', [username])).map((r) => r.refused);

  it('refuses a layer closed to the public, counts the exports of one address per minute and per hour, and says when to come back', async () => {
    const anon = await clientFor(server, null);
    expect(Object.keys((await anon.get('/api/exports/policy')).body.layers)).toEqual(['parks', 'value-parks']);
    const closed = await exportOf(anon, { layer: 'enterprises', format: 'geojson' });
    expect(closed.status).toBe(403);
    expect(closed.body).toMatchObject({ refusal: 'layer', layer: 'enterprises' });

    expect((await exportOf(anon, { layer: 'value-parks', format: 'geojson' })).status).toBe(200);
    // Refused for its rows, but counted: the count costs the same work each time.
    const tooMany = await exportOf(anon, { layer: 'parks', format: 'csv' });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body).toMatchObject({ refusal: 'rows', rowLimit: 50 });
    // Another anonymous session from the same address shares the count.
    const again = await exportOf(await clientFor(server, null), { layer: 'value-parks', format: 'geojson' });
    expect(again.status).toBe(429);
    expect(again.body).toMatchObject({ refusal: 'rate', retryAfter: expect.any(Number) });
    const minute = Number(again.headers.get('retry-after'));
    expect(minute).toBe(again.body.retryAfter);
    expect(minute).toBeGreaterThanOrEqual(1);
    expect(minute).toBeLessThanOrEqual(60);
    expect(await refusals(null)).toEqual(['layer', null, 'rows', 'rate']);

    // Two minutes later (the log's clock moved back): the minute is free, the hour has room for one more.
    await server.database.db.query(`UPDATE export_log SET at = at - interval '2 minutes' WHERE user_id IS NULL`);
    expect((await exportOf(anon, { layer: 'value-parks', format: 'csv' })).status).toBe(200);
    const hour = await exportOf(anon, { layer: 'value-parks', format: 'csv' });
    expect(hour.status).toBe(429);
    // The first counted export leaves the hour 58 minutes from now.
    expect(hour.body.retryAfter).toBeGreaterThan(3300);
    expect(hour.body.retryAfter).toBeLessThanOrEqual(3480);
  });

  it('counts an account across its sessions, and parallel requests cannot pass the limit', async () => {
    const viewer = await clientFor(server, 'viewer');
    const answers = await Promise.all(Array.from({ length: 8 }, () => exportOf(viewer, { layer: 'value-parks', format: 'geojson' })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429, 429, 429, 429]);
    const second = await clientFor(server, 'viewer');
    expect((await exportOf(second, { layer: 'value-parks', format: 'geojson' })).status).toBe(429);
    // Another role's count is its own.
    const planner = await clientFor(server, 'planner');
    expect((await exportOf(planner, { layer: 'enterprises', format: 'geojson', filters: { districts: ['440112'] } })).status).toBe(200);
  });
});
