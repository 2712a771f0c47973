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
    const body = { layer: 'enterprises', format: 'csv', filters: { districts: ['440115'], tags: ['high-tech'] } };
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

  it('gives viewers no confidential field and refuses them revenue-tier filters', async () => {
    const r = await exportOf(viewer, { layer: 'enterprises', format: 'geojson', filters: { districts: ['440112'] } });
    expect(r.status).toBe(200);
    expect(r.body.features.length).toBeGreaterThan(0);
    for (const f of r.body.features) expect(f.properties).not.toHaveProperty('revenue');
    const parks = await exportOf(viewer, { layer: 'parks', format: 'geojson', filters: { districts: ['440112'] } });
    for (const f of parks.body.features) expect(f.properties).not.toHaveProperty('taxPerMu');
    expect((await exportOf(viewer, { layer: 'enterprises', format: 'csv', filters: { revenueTiers: ['r10m'] } })).status).toBe(403);
    // The export dialog offers only what the caller will get.
    const viewerFields = (await viewer.request('GET', '/api/exports/fields')).body;
    const plannerFields = (await planner.request('GET', '/api/exports/fields')).body;
    expect(viewerFields.enterprises).not.toContain('revenue');
    expect(viewerFields.parks).not.toContain('taxPerMu');
    expect(plannerFields.enterprises).toContain('revenue');
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
});
