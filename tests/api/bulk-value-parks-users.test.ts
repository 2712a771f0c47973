// Bulk CSV status updates (dry run, all-or-nothing apply), value-innovation park edits, and accounts:
// user management by admins, disabled users losing their sessions, and login throttling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, clientFor, startTestServer, type TestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';

const A = '440111';
const B = '440113';
// "园区编号,改造分类,原因,生效日期\n" saved as GBK (what Excel writes on a Chinese Windows), and "原因".
const GBK_HEADER = 'd4b0c7f8b1e0bac52cb8c4d4ecb7d6c0e02cd4add2f22cc9fad0a7c8d5c6da0a';
const GBK_REASON = 'd4add2f2';

describe.each(backends())('bulk update, value parks and users (%s)', (backend) => {
  let server: TestServer;
  let admin: ApiClient;
  let official: ApiClient;
  const pool: Record<string, number[]> = {};

  const park = async (category = 'unclassified', progress = 'not_started') => {
    const key = `${category}/${progress}`;
    pool[key] ??= (await admin.get(`/api/parks?district=${A}&category=${category}&progress=${progress}&pilot=false`)).body.features.map((f: { id: number }) => f.id);
    return pool[key].shift()!;
  };
  const state = async (id: number) => ({
    version: (await admin.get(`/api/parks/${id}`)).body.properties.version as number,
    history: (await admin.get(`/api/parks/${id}/history`)).body.items.length as number,
  });
  const upload = (c: ApiClient, csv: string | Buffer, type = 'text/csv') =>
    c.request('POST', '/api/parks/bulk', { body: csv as string, headers: { 'content-type': type } });
  const apply = (c: ApiClient, id: string) => c.request('POST', `/api/parks/bulk/${id}/apply`);

  beforeAll(async () => {
    server = await startTestServer(backend);
    admin = await clientFor(server, 'admin');
    official = await clientFor(server, `official-${A}`);
  });
  afterAll(() => server?.close());

  describe('bulk CSV', () => {
    it('offers a UTF-8 template with the expected columns', async () => {
      const r = await official.get('/api/parks/bulk/template.csv');
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(r.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.csv"/);
      expect(r.body).toBe('parkId,category,progress,pilotYear,reason,effectiveDate\n');
      // The BOM (so Excel opens it as UTF-8) is dropped by text decoding: check the bytes.
      const bytes = Buffer.from(await (await fetch(`${server.url}/api/parks/bulk/template.csv`)).arrayBuffer());
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    });

    it('reports every row of the dry run with its line, from/to and errors, and writes nothing', async () => {
      const [ok, illegal, p5, p6, p7] = [await park(), await park(), await park(), await park(), await park()];
      const coded = await park('upgrade', 'not_started');
      const code = (await admin.get(`/api/parks/${coded}`)).body.properties.code;
      const csv = [
        'parkId,category,progress,pilotYear,reason,effectiveDate',
        `${ok},convert,,2020,ok row,2026-01-15`,
        `${illegal},,completed,,skips a step,2026-01-15`,
        `999999,upgrade,,,no such park,2026-01-15`,
        `${p5},demolish,,,bad category,2026-01-15`,
        `${p6},upgrade,,,,2026-01-15`,
        `${p7},upgrade,,,future,2099-01-01`,
        `${code},,in_progress,none,by code,2026-01-15`,
      ].join('\r\n');
      const before = await state(ok);
      const r = await upload(official, csv);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({ total: 7, accepted: 2, rejected: 5, fileErrors: [] });
      const rows = r.body.rows as { line: number; parkId: number | null; errors: string[]; from: object | null; to: object | null }[];
      expect(rows.map((x) => x.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
      expect(rows[0]).toMatchObject({ parkId: ok, errors: [], from: { category: 'unclassified', pilotYear: null }, to: { category: 'convert', progress: 'not_started', pilotYear: 2020 } });
      expect(rows[1].errors.join()).toMatch(/not_started.*completed/);
      expect(rows[1]).toMatchObject({ parkId: illegal, to: null, from: { category: 'unclassified', progress: 'not_started' } });
      expect(rows[2]).toMatchObject({ parkId: null, errors: [expect.stringMatching(/999999/)] });
      expect(rows[3].errors).toEqual([expect.stringMatching(/unknown category "demolish"/)]);
      expect(rows[4].errors).toEqual([expect.stringMatching(/reason/)]);
      expect(rows[5].errors).toEqual([expect.stringMatching(/future/)]);
      expect(rows[6]).toMatchObject({ parkId: coded, errors: [], from: { category: 'upgrade', progress: 'not_started' }, to: { category: 'upgrade', progress: 'in_progress', pilotYear: null } });
      expect(await state(ok)).toEqual(before);
      const applied = await apply(official, r.body.id);
      expect(applied.status).toBe(409);
      expect(applied.body.error).toMatch(/lines 3, 4, 5, 6, 7\b/);
      expect(await state(ok)).toEqual(before);
    });

    it('rejects duplicate park rows', async () => {
      const id = await park();
      const r = await upload(official, `parkId,category,reason,effectiveDate\n${id},upgrade,first,2026-01-15\n${id},convert,second,2026-01-15\n`);
      expect(r.body.rows[0].errors).toEqual([]);
      expect(r.body.rows[1].errors).toEqual([expect.stringMatching(/appears twice/)]);
      expect((await apply(official, r.body.id)).status).toBe(409);
      expect(await state(id)).toEqual({ version: 1, history: 1 });
    });

    it('refuses GBK and other non-UTF-8 bytes with a clear message', async () => {
      const gbk = Buffer.concat([Buffer.from(GBK_HEADER, 'hex'), Buffer.from(`${await park()},upgrade,`), Buffer.from(GBK_REASON, 'hex'), Buffer.from(',2026-01-15\n')]);
      expect(new TextDecoder('gbk').decode(gbk)).toMatch(/^园区编号,改造分类,原因,生效日期\n\d+,upgrade,原因,2026-01-15\n$/);
      const latin = Buffer.concat([Buffer.from('parkId,category,reason,effectiveDate\n1,upgrade,'), Buffer.from([0xff, 0xfe, 0xe9]), Buffer.from(',2026-01-15\n')]);
      for (const body of [gbk, latin]) {
        const r = await upload(official, body);
        expect(r.status).toBe(400);
        expect(r.body.error).toMatch(/UTF-8/);
        expect(r.body.id).toBeUndefined();
      }
    });

    it('refuses unknown or missing columns, an empty file and a body that is not CSV', async () => {
      const unknown = await upload(official, `parkId,category,reason,effectiveDate,colour\n${await park()},upgrade,x,2026-01-15,red\n`);
      expect(unknown.status).toBe(400);
      expect(unknown.body).toMatchObject({ id: null, rows: [] });
      expect(unknown.body.fileErrors.join()).toMatch(/Unknown column\(s\): colour/);
      const missing = await upload(official, 'parkId,category\n1,upgrade\n');
      expect(missing.status).toBe(400);
      expect(missing.body.fileErrors.join()).toMatch(/reason.*effectiveDate/s);
      const empty = await upload(official, 'parkId,category,reason,effectiveDate\n');
      expect(empty.status).toBe(400);
      expect(empty.body.fileErrors.join()).toMatch(/no data rows/);
      const json = await official.request('POST', '/api/parks/bulk', { json: { parkId: 1 } });
      expect(json.status).toBe(415);
    });

    // Progress updates, which take effect at once; rows an official's change of category would make
    // proposals for the city's review, applied the same way (review.test.ts).
    it('applies all or nothing: a park changed after the dry run fails the whole file', async () => {
      const [p1, p2] = [await park('upgrade', 'not_started'), await park('upgrade', 'not_started')];
      const csv = `parkId,progress,reason,effectiveDate\n${p1},in_progress,bulk,2026-01-15\n${p2},in_progress,bulk,2026-01-15\n`;
      const dry = await upload(official, csv);
      expect(dry.body.accepted).toBe(2);
      expect((await admin.patchPark(p2, 1, { category: 'eliminate', reason: 'meanwhile', effectiveDate: '2026-01-10' })).status).toBe(200);
      const r = await apply(official, dry.body.id);
      expect(r.status).toBe(412);
      expect(r.body.error).toMatch(/Nothing was applied: line 3/);
      expect(await state(p1)).toEqual({ version: 1, history: 1 });
      expect(await state(p2)).toEqual({ version: 2, history: 2 });
      expect((await admin.get(`/api/parks/${p2}`)).body.properties.category).toBe('eliminate');

      const again = await upload(official, csv);
      expect(again.body.rows[1].from.category).toBe('eliminate');
      const ok = await apply(official, again.body.id);
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(await state(p1)).toEqual({ version: 2, history: 2 });
      expect(await state(p2)).toEqual({ version: 3, history: 3 });
      const re = await apply(official, again.body.id);
      expect(re.status).toBe(409);
      expect(re.body.error).toMatch(/already applied/);
      expect(await state(p2)).toEqual({ version: 3, history: 3 });
    });

    it('understands Chinese headers and park codes', async () => {
      const id = await park('upgrade', 'not_started');
      const code = (await admin.get(`/api/parks/${id}`)).body.properties.code;
      const csv = `\uFEFF园区编号,改造分类,进度,原因,生效日期\n${code},,实施中,x,2026-01-15\n${code.replace(/\d$/, '')}X,upgrade,in_progress,启动改造,2026-01-15\n`;
      const bad = await upload(official, csv);
      expect(bad.body.rows[0].errors.join()).toMatch(/unknown progress "实施中"/);
      expect(bad.body.rows[1].errors.join()).toMatch(/no park/);
      const good = await upload(official, `园区编号,改造分类,进度,原因,生效日期\n${code},upgrade,in_progress,启动改造,2026-01-15\n`);
      expect(good.status).toBe(200);
      expect(good.body.rows[0]).toMatchObject({ parkId: id, errors: [], to: { category: 'upgrade', progress: 'in_progress' } });
      expect((await apply(official, good.body.id)).status).toBe(200);
      const h = (await admin.get(`/api/parks/${id}/history`)).body.items[0];
      expect(h).toMatchObject({ source: 'bulk', reason: '启动改造', changedBy: `official-${A}`, effectiveDate: '2026-01-15', to: { progress: 'in_progress' } });
    });
  });

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
