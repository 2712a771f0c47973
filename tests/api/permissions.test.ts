// The permission matrix of issue 3: every actor × {read, update, history} on parks of two districts,
// plus confidential fields (tax, revenue) never reaching viewers or the public. (Park status files,
// the bulk update, are tested for each role in import-park-status.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, clientFor, startTestServer, type TestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';

const A = '440111';
const B = '440113';
type Actor = 'loggedOut' | 'viewer' | 'planner' | 'officialA' | 'officialB' | 'admin';
type Park = 'A' | 'B';
const USERNAMES: Record<Actor, string | null> = {
  loggedOut: null, viewer: 'viewer', planner: 'planner', officialA: `official-${A}`, officialB: `official-${B}`, admin: 'admin',
};
const ACTORS = Object.keys(USERNAMES) as Actor[];
const CONFIDENTIAL: Record<Actor, boolean> = { loggedOut: false, viewer: false, planner: true, officialA: true, officialB: true, admin: true };

// Expected status of PATCH /api/parks/:id per actor and park district.
const UPDATE: Record<Actor, Record<Park, number>> = {
  loggedOut: { A: 401, B: 401 },
  viewer: { A: 403, B: 403 },
  planner: { A: 403, B: 403 },
  officialA: { A: 200, B: 403 },
  officialB: { A: 403, B: 200 },
  admin: { A: 200, B: 200 },
};
const HISTORY: Record<Actor, number> = { loggedOut: 401, viewer: 403, planner: 200, officialA: 200, officialB: 200, admin: 200 };
// Bulk: status of the dry run, then which rows are accepted (a rejected row makes apply a 409).
const matrix = <T>(table: Record<Actor, Record<Park, T>>) => ACTORS.flatMap((actor) => (['A', 'B'] as const).map((park) => ({ actor, park, expected: table[actor][park] })));

describe.each(backends())('permission matrix (%s)', (backend) => {
  let server: TestServer;
  const clients = {} as Record<Actor, ApiClient>;
  const pools: Record<Park, number[]> = { A: [], B: [] };
  let admin: ApiClient;

  /**
   * A park nobody in this suite has touched yet: upgrade, not started, no pilot. The update tried is
   * a progress update, which takes effect at once for officials too; a change of category, pilot year
   * or completion by an official is a proposal for the city's review (review.test.ts).
   */
  const fresh = (park: Park) => {
    const id = pools[park].shift();
    if (id === undefined) throw new Error(`no fresh park left in district ${park}`);
    return id;
  };
  const version = async (id: number) => (await admin.get(`/api/parks/${id}`)).body.properties.version as number;
  const historyCount = async (id: number) => (await admin.get(`/api/parks/${id}/history`)).body.items.length as number;

  beforeAll(async () => {
    server = await startTestServer(backend);
    for (const actor of ACTORS) clients[actor] = await clientFor(server, USERNAMES[actor]);
    admin = clients.admin;
    for (const [park, district] of [['A', A], ['B', B]] as const) {
      const r = await admin.get(`/api/parks?district=${district}&category=upgrade&progress=not_started&pilot=false`);
      expect(r.status).toBe(200);
      pools[park] = r.body.features.map((f: { id: number }) => f.id);
      expect(pools[park].length).toBeGreaterThan(20);
    }
  });
  afterAll(() => server?.close());

  describe('read', () => {
    it.each(matrix<number>(Object.fromEntries(ACTORS.map((a) => [a, { A: 200, B: 200 }])) as Record<Actor, Record<Park, number>>))(
      '$actor reads a park of district $park: $expected',
      async ({ actor, park, expected }) => {
        const c = clients[actor];
        const district = park === 'A' ? A : B;
        const id = pools[park][0];
        const one = await c.get(`/api/parks/${id}`);
        expect(one.status).toBe(expected);
        expect(one.body.properties.district).toBe(district);
        expect(one.headers.get('etag')).toBe(`"${one.body.properties.version}"`);
        expect('taxPerMu' in one.body.properties).toBe(CONFIDENTIAL[actor]);
        const list = await c.get(`/api/parks?district=${district}`);
        expect(list.status).toBe(expected);
        expect(list.body.features.length).toBeGreaterThan(100);
        expect(list.body.features.every((f: { properties: { district: string } }) => f.properties.district === district)).toBe(true);
        const withTax = list.body.features.filter((f: { properties: object }) => 'taxPerMu' in f.properties).length;
        expect(withTax).toBe(CONFIDENTIAL[actor] ? list.body.features.length : 0);
      },
    );
  });

  describe('update (PATCH with If-Match)', () => {
    it.each(matrix(UPDATE))('$actor updates a park of district $park: $expected', async ({ actor, park, expected }) => {
      const id = fresh(park);
      const before = await version(id);
      const r = await clients[actor].patchPark(id, before, { progress: 'in_progress', reason: `matrix ${actor}`, effectiveDate: '2026-01-15' });
      expect(r.status, JSON.stringify(r.body)).toBe(expected);
      if (expected === 200) {
        expect(r.body.properties).toMatchObject({ progress: 'in_progress', version: before + 1 });
        expect(r.headers.get('etag')).toBe(`"${before + 1}"`);
        expect(await historyCount(id)).toBe(2);
      } else {
        expect(r.body.error).toEqual(expect.any(String));
        expect(await version(id)).toBe(before);
        expect(await historyCount(id)).toBe(1);
      }
    });

    it('an official is refused on a park of another district even without If-Match or with a stale one', async () => {
      const id = fresh('B');
      for (const v of [null, 999]) {
        const r = await clients.officialA.patchPark(id, v, { category: 'convert', reason: 'not mine', effectiveDate: '2026-01-15' });
        expect(r.status).toBe(403);
      }
      expect(await version(id)).toBe(1);
    });
  });

  describe('history', () => {
    it.each(matrix<number>(Object.fromEntries(ACTORS.map((a) => [a, { A: HISTORY[a], B: HISTORY[a] }])) as Record<Actor, Record<Park, number>>))(
      '$actor reads the history of a park of district $park: $expected',
      async ({ actor, park, expected }) => {
        const id = pools[park][0];
        const r = await clients[actor].get(`/api/parks/${id}/history`);
        expect(r.status).toBe(expected);
        if (expected === 200) {
          expect(r.body.parkId).toBe(id);
          expect(r.body.items[0]).toMatchObject({ version: 1, changedBy: 'system', source: 'seed' });
        } else expect(r.body.items).toBeUndefined();
      },
    );
  });

  describe('confidential fields', () => {
    it.each(ACTORS)('%s: taxPerMu and revenue only for roles allowed to see them', async (actor) => {
      const c = clients[actor];
      const allowed = CONFIDENTIAL[actor];
      const parks = await c.get(`/api/parks?district=${B}`);
      const park = await c.get(`/api/parks/${pools.B[0]}`);
      const list = await c.get('/api/enterprises?limit=50');
      expect([parks.status, park.status, list.status]).toEqual([200, 200, 200]);
      expect(list.body.items).toHaveLength(50);
      const one = await c.get(`/api/enterprises/${list.body.items[0].id}`);
      expect(one.status).toBe(200);
      for (const body of [parks.body, park.body]) expect(JSON.stringify(body).includes('taxPerMu')).toBe(allowed);
      for (const body of [list.body, one.body]) expect(JSON.stringify(body).includes('"revenue"')).toBe(allowed);
      if (allowed) {
        expect(park.body.properties.taxPerMu).toEqual(expect.any(Number));
        expect(list.body.items.every((e: { revenue: unknown }) => typeof e.revenue === 'number' && e.revenue > 0)).toBe(true);
        expect(one.body.revenue).toEqual(expect.any(Number));
      } else {
        expect(JSON.stringify([parks.body, park.body, list.body, one.body])).not.toMatch(/tax_per_mu|"revenue"/);
      }
    });
  });
});
