import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEnterprisePayload } from '../../src/domain/enterprise-payload.ts';
import { clientFor, startTestServer, type TestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';

describe.each(backends())('enterprise payload endpoint (%s)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend);
  });
  afterAll(() => server.close());

  async function payload(username: string | null) {
    const c = await clientFor(server, username);
    const res = await fetch(`${server.url}/api/enterprises/payload`, { headers: { cookie: c.cookieHeader() } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    return { res, decoded: decodeEnterprisePayload(await res.arrayBuffer()) };
  }

  it('carries every enterprise, with the database coordinates and park ids', async () => {
    const { decoded } = await payload('planner');
    const [{ n }] = await server.database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprises');
    expect(decoded.header.count).toBe(n);
    const sample = await server.database.db.query<{ id: number; lon: number; lat: number; village_park_id: number | null; revenue: number }>(
      'SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat, village_park_id, revenue::float8 AS revenue FROM enterprises WHERE id % 97 = 0',
    );
    const row = new Map(Array.from(decoded.columns.id, (id, i) => [id, i]));
    for (const s of sample) {
      const i = row.get(s.id)!;
      expect(decoded.columns.lon[i] / 1e6).toBe(s.lon);
      expect(decoded.columns.lat[i] / 1e6).toBe(s.lat);
      expect(decoded.columns.villagePark[i] || null).toBe(s.village_park_id);
      expect(decoded.columns.revenue![i]).toBe(Math.round(s.revenue / 1e4));
    }
  });

  it('gives viewers and the public no revenue', async () => {
    for (const who of ['viewer', null]) {
      const { decoded } = await payload(who);
      expect(decoded.header.confidential).toBe(false);
      expect(decoded.columns.revenue).toBeUndefined();
    }
  });

  it('says demo only while some enterprise is synthetic', async () => {
    expect((await payload('planner')).decoded.header.demo).toBe(true);
    const db = server.database.db;
    const bump = `INSERT INTO dataset_meta (key, value) VALUES ('enterprises_revision', '1'::jsonb)
      ON CONFLICT (key) DO UPDATE SET value = to_jsonb((dataset_meta.value #>> '{}')::bigint + 1)`;
    await db.transaction(async (tx) => {
      await tx.query('UPDATE enterprises SET demo = false');
      await tx.query(bump);
    });
    expect((await payload('planner')).decoded.header.demo).toBe(false);
    await db.transaction(async (tx) => {
      await tx.query('UPDATE enterprises SET demo = true WHERE id = (SELECT max(id) FROM enterprises)');
      await tx.query(bump);
    });
    expect((await payload('planner')).decoded.header.demo).toBe(true);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const { res } = await payload(null);
    const again = await fetch(`${server.url}/api/enterprises/payload`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });
});
