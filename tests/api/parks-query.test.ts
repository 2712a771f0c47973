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
});
