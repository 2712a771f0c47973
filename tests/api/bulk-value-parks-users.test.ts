// Value-innovation park edits and accounts: user management by admins, disabled users losing their
// sessions, and login throttling. (The old bulk CSV route is gone; park status files are tested in
// import-park-status.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, clientFor, startTestServer, type TestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';

const A = '440111';
const B = '440113';

describe.each(backends())('value parks and users (%s)', (backend) => {
  let server: TestServer;
  let admin: ApiClient;
  const pool: Record<string, number[]> = {};

  const park = async (category = 'unclassified', progress = 'not_started') => {
    const key = `${category}/${progress}`;
    pool[key] ??= (await admin.get(`/api/parks?district=${A}&category=${category}&progress=${progress}&pilot=false`)).body.features.map((f: { id: number }) => f.id);
    return pool[key].shift()!;
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    admin = await clientFor(server, 'admin');
  });
  afterAll(() => server?.close());

  describe('value-innovation parks', () => {
    const body = (note: string) => ({ elements: [{ code: 'industry-fund', present: true, note }], reason: 'fund set up', effectiveDate: '2026-01-15' });
    const vstate = async (id: number) => ({
      version: (await admin.get(`/api/value-parks/${id}`)).body.properties.version as number,
      history: (await admin.get(`/api/value-parks/${id}/history`)).body.items.length as number,
    });

    it('lists ten parks with their six elements', async () => {
      const r = await new ApiClient(server.url).get('/api/value-parks');
      expect(r.status).toBe(200);
      expect(r.body.features).toHaveLength(10);
      const codes = ['industry-leader', 'industry-chain', 'innovation-centre', 'industry-fund', 'service-platform', 'industrial-community'];
      for (const f of r.body.features) {
        expect(f.properties.elements.map((e: { code: string }) => e.code)).toEqual(codes);
        for (const e of f.properties.elements) expect(e).toEqual({ code: expect.any(String), present: expect.any(Boolean), note: expect.any(String) });
      }
    });

    it('an admin edits with If-Match: version + 1 and one history row', async () => {
      const before = await vstate(2);
      const r = await admin.request('PATCH', '/api/value-parks/2', { json: body('100 million yuan'), headers: { 'if-match': `"${before.version}"` } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.headers.get('etag')).toBe(`"${before.version + 1}"`);
      expect(r.body.properties.elements).toHaveLength(6);
      expect(r.body.properties.elements.find((e: { code: string }) => e.code === 'industry-fund')).toEqual({ code: 'industry-fund', present: true, note: '100 million yuan' });
      expect(await vstate(2)).toEqual({ version: before.version + 1, history: before.history + 1 });
      const [h] = (await admin.get('/api/value-parks/2/history')).body.items;
      expect(h).toMatchObject({ version: before.version + 1, changedBy: 'admin', reason: 'fund set up', effectiveDate: '2026-01-15' });
      expect(h.after.find((e: { code: string }) => e.code === 'industry-fund').note).toBe('100 million yuan');
    });

    it('officials, planners, viewers and the public may not edit; 428 and 412 rules hold', async () => {
      const before = await vstate(3);
      const expected: [string | null, number][] = [[`official-${A}`, 403], ['planner', 403], ['viewer', 403], [null, 401]];
      for (const [username, status] of expected) {
        const c = await clientFor(server, username);
        const r = await c.request('PATCH', '/api/value-parks/3', { json: body('x'), headers: { 'if-match': `"${before.version}"` } });
        expect(r.status, String(username)).toBe(status);
      }
      expect((await admin.request('PATCH', '/api/value-parks/3', { json: body('x') })).status).toBe(428);
      const stale = await admin.request('PATCH', '/api/value-parks/3', { json: body('x'), headers: { 'if-match': `"${before.version + 5}"` } });
      expect(stale.status).toBe(412);
      expect(stale.body.currentVersion).toBe(before.version);
      const dup = await admin.request('PATCH', '/api/value-parks/3', { json: { ...body('x'), elements: [{ code: 'industry-fund' }, { code: 'industry-fund' }] }, headers: { 'if-match': `"${before.version}"` } });
      expect(dup.status).toBe(400);
      expect(await vstate(3)).toEqual(before);
    });
  });

  describe('users', () => {
    it('an admin creates an official who can edit only their district', async () => {
      const r = await admin.request('POST', '/api/users', { json: { username: 'panyu.new', password: 'correct horse', role: 'official', district: B } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body).toMatchObject({ username: 'panyu.new', role: 'official', district: B, disabled: false });
      expect(JSON.stringify(r.body)).not.toMatch(/password|hash/);
      const c = new ApiClient(server.url);
      expect((await c.login('panyu.new', 'correct horse')).status).toBe(200);
      // A progress update: it needs no review, so it takes effect at once.
      const inB = (await admin.get(`/api/parks?district=${B}&category=upgrade&progress=not_started&pilot=false`)).body.features[0].id;
      expect((await c.patchPark(inB, 1, { progress: 'in_progress', reason: 'mine', effectiveDate: '2026-01-15' })).status).toBe(200);
      expect((await c.patchPark(await park('upgrade', 'not_started'), 1, { progress: 'in_progress', reason: 'not mine', effectiveDate: '2026-01-15' })).status).toBe(403);
    });

    it('refuses an official without district, a district for other roles, duplicates and non-admins', async () => {
      const noDistrict = await admin.request('POST', '/api/users', { json: { username: 'nodistrict', password: 'long enough 2026', role: 'official' } });
      expect(noDistrict.status).toBe(400);
      expect(noDistrict.body.fields.district).toEqual(expect.any(String));
      expect((await admin.request('POST', '/api/users', { json: { username: 'planner2', password: 'long enough 2026', role: 'planner', district: A } })).status).toBe(400);
      for (const username of ['viewer', 'VIEWER']) {
        const dup = await admin.request('POST', '/api/users', { json: { username, password: 'long enough 2026', role: 'viewer' } });
        expect(dup.status).toBe(409);
      }
      for (const [username, status] of [['planner', 403], [`official-${A}`, 403], ['viewer', 403], [null, 401]] as const) {
        const c = await clientFor(server, username);
        expect((await c.request('POST', '/api/users', { json: { username: 'sneaky', password: 'long enough 2026', role: 'admin' } })).status).toBe(status);
        expect((await c.get('/api/users')).status).toBe(status);
      }
      const users = (await admin.get('/api/users')).body.items.map((u: { username: string }) => u.username);
      expect(users).not.toContain('sneaky');
      expect(users).not.toContain('nodistrict');
    });

    it('disabling a user ends their sessions and their log-ins', async () => {
      const created = await admin.request('POST', '/api/users', { json: { username: 'leaver', password: 'long enough 2026', role: 'planner' } });
      const c = new ApiClient(server.url);
      expect((await c.login('leaver', 'long enough 2026')).status).toBe(200);
      expect((await c.get(`/api/parks/${await park()}/history`)).status).toBe(200);
      const r = await admin.request('PATCH', `/api/users/${created.body.id}`, { json: { disabled: true } });
      expect(r.status).toBe(200);
      expect(r.body.disabled).toBe(true);
      expect((await c.get('/api/session')).body.user).toBeNull();
      expect((await c.get(`/api/parks/${await park()}/history`)).status).toBe(401);
      expect((await new ApiClient(server.url).login('leaver', 'long enough 2026')).status).toBe(401);
    });
  });

  describe('login throttling', () => {
    it('after 5 wrong passwords for one username → 429 with Retry-After, even with the right password', async () => {
      const c = new ApiClient(server.url);
      for (let i = 0; i < 5; i++) expect((await c.login('official-440118', `wrong-${i}`)).status).toBe(401);
      const r = await c.login('official-440118', 'demo1234');
      expect(r.status).toBe(429);
      const retry = Number(r.headers.get('retry-after'));
      expect(retry).toBeGreaterThan(0);
      expect(retry).toBeLessThanOrEqual(15 * 60);
      expect((await c.get('/api/session')).body.user).toBeNull();
      expect((await c.login('OFFICIAL-440118', 'demo1234')).status).toBe(429);
      expect((await new ApiClient(server.url).login('official-440117')).status).toBe(200);
    });
  });
});
