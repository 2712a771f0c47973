import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { ApiClient, startTestServer, type TestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';

describe.each(backends())('park list geometry modes (%s)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend);
  });
  afterAll(() => server.close());

  it('envelope mode returns each park’s bounding box, same parks and properties as the full outlines', async () => {
    const c = new ApiClient(server.url);
    const full = (await c.get('/api/parks?district=440113')).body;
    const env = (await c.get('/api/parks?district=440113&geometry=envelope')).body;
    expect(env.features.map((f: { id: number }) => f.id)).toEqual(full.features.map((f: { id: number }) => f.id));
    env.features.forEach((f: GeoJSON.Feature, i: number) => {
      expect(f.properties).toEqual(full.features[i].properties);
      const [w, s, e, n] = turf.bbox(full.features[i]);
      const [w2, s2, e2, n2] = turf.bbox(f);
      for (const [a, b] of [[w, w2], [s, s2], [e, e2], [n, n2]]) expect(Math.abs(a - b)).toBeLessThan(2e-6);
    });
    expect(JSON.stringify(env).length).toBeLessThan(JSON.stringify(full).length);
  });

  it('refuses an unknown geometry mode with a field message', async () => {
    const r = await new ApiClient(server.url).get('/api/parks?geometry=bogus');
    expect(r.status).toBe(400);
    expect(r.body.fields.geometry).toMatch(/one of/);
  });

  it('sums parks by category × progress, pilots per year against the plan and value-park elements, as the park list says', async () => {
    const c = new ApiClient(server.url);
    const list = (await c.get('/api/parks?district=440111,440113&geometry=envelope')).body.features as { properties: { category: string; progress: string; areaMu: number; pilotYear: number | null } }[];
    const r = await c.get('/api/parks/summary?district=440111,440113');
    expect(r.status).toBe(200);
    expect(r.body.parks).toBe(list.length);
    for (const row of r.body.byStatus) {
      const mine = list.filter((f) => f.properties.category === row.category && f.properties.progress === row.progress);
      expect(row.parks).toBe(mine.length);
      expect(row.areaMu).toBeCloseTo(mine.reduce((a, f) => a + f.properties.areaMu, 0), 6);
    }
    expect(r.body.pilots.map((p: { year: number; target: number }) => [p.year, p.target])).toEqual([[2019, 20], [2020, 20], [2021, 20]]);
    for (const p of r.body.pilots) expect(p.parks).toBe(list.filter((f) => f.properties.pilotYear === p.year).length);
    const all = (await c.get('/api/parks/summary')).body;
    expect(all.valueParks).toHaveLength(10);
    expect(all.valueParkTarget).toBe(10);
    for (const v of all.valueParks) expect(v.present).toBeLessThanOrEqual(v.elements);
    // Before the demo baseline no status had taken effect: every park counts as unclassified, not started.
    const before = (await c.get('/api/parks/summary?asOf=2020-06-30')).body;
    expect(before.byStatus).toEqual([{ category: 'unclassified', progress: 'not_started', parks: all.parks, areaMu: expect.closeTo(all.areaMu, 6) }]);
    expect((await c.get('/api/parks/summary?asOf=2021-02-30')).status).toBe(400);
  });
});
