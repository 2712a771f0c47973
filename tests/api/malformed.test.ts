// Hostile and broken input: malformed bodies, injection strings, HTML, missing/wrong CSRF tokens.
// Every answer is a clear 4xx (or the text is stored as plain text), never a 500, and nothing changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, clientFor, startTestServer, type ApiResponse, type TestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';

const INJECTIONS = [`'; DROP TABLE village_parks; --`, '1 OR 1=1', `' OR '1'='1`, `1; DELETE FROM users`, `0) UNION SELECT password_hash FROM users --`];
const NEXT_YEAR = `${new Date().getFullYear() + 1}-01-15`;
const VALID = { category: 'upgrade', reason: 'valid reason', effectiveDate: '2026-01-15' };

const expect4xx = (r: ApiResponse, what: string) => {
  expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBeGreaterThanOrEqual(400);
  expect(r.status, what).toBeLessThan(500);
  expect(r.body.error, what).toEqual(expect.any(String));
};

describe.each(backends())('malformed and hostile input (%s)', (backend) => {
  let server: TestServer;
  let admin: ApiClient;
  let official: ApiClient;
  let anon: ApiClient;
  let pool: number[] = [];
  const fresh = () => pool.shift()!;

  /** Everything a rejected request could have touched. */
  const state = async () => {
    const [row] = await server.database.db.query(`SELECT
      (SELECT count(*)::int FROM village_parks) AS parks, (SELECT sum(version)::int FROM village_parks) AS versions,
      (SELECT count(*)::int FROM park_status_history) AS history, (SELECT count(*)::int FROM enterprises) AS enterprises,
      (SELECT sum(version)::int FROM value_parks) AS value_versions, (SELECT count(*)::int FROM value_park_history) AS value_history,
      (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM users WHERE disabled) AS disabled,
      (SELECT count(*)::int FROM imports WHERE status = 'applied') AS applied`);
    return row;
  };
  const raw = (c: ApiClient, method: string, path: string, body: string, headers: Record<string, string> = {}) =>
    c.request(method, path, { body, headers: { 'content-type': 'application/json', ...headers } });

  beforeAll(async () => {
    server = await startTestServer(backend);
    admin = await clientFor(server, 'admin');
    official = await clientFor(server, 'official-440111');
    anon = await clientFor(server, null);
    const r = await admin.get('/api/parks?district=440111&category=unclassified&progress=not_started&pilot=false');
    pool = r.body.features.map((f: { id: number }) => f.id);
  });
  afterAll(() => server?.close());

  describe('PATCH /api/parks/:id bodies', () => {
    const cases: { name: string; body: string; field?: string; status?: number }[] = [
      { name: 'invalid JSON', body: '{"reason": "x", ' },
      { name: 'empty body', body: '' },
      { name: 'JSON array', body: JSON.stringify([VALID]) },
      { name: 'JSON null', body: 'null' },
      { name: 'JSON string', body: '"upgrade"' },
      { name: 'category of the wrong type', body: JSON.stringify({ ...VALID, category: 1 }), field: 'category' },
      { name: 'pilot year as a string', body: JSON.stringify({ ...VALID, pilotYear: '2020' }), field: 'pilotYear' },
      { name: 'reason of the wrong type', body: JSON.stringify({ ...VALID, reason: { text: 'x' } }), field: 'reason' },
      { name: 'unknown field', body: JSON.stringify({ ...VALID, version: 7 }), field: 'version' },
      { name: 'bad category enum', body: JSON.stringify({ ...VALID, category: 'demolish' }), field: 'category' },
      { name: 'bad progress enum', body: JSON.stringify({ ...VALID, category: undefined, progress: 'done' }), field: 'progress' },
      { name: 'pilot year outside the plan', body: JSON.stringify({ ...VALID, pilotYear: 1999 }), field: 'pilotYear' },
      { name: 'impossible date', body: JSON.stringify({ ...VALID, effectiveDate: '2026-02-30' }), field: 'effectiveDate' },
      { name: 'date in another format', body: JSON.stringify({ ...VALID, effectiveDate: '15/01/2026' }), field: 'effectiveDate' },
      { name: 'future date', body: JSON.stringify({ ...VALID, effectiveDate: NEXT_YEAR }), field: 'effectiveDate' },
      { name: 'blank reason', body: JSON.stringify({ ...VALID, reason: '   \t ' }), field: 'reason' },
      { name: 'empty reason', body: JSON.stringify({ ...VALID, reason: '' }), field: 'reason' },
      { name: 'missing reason', body: JSON.stringify({ ...VALID, reason: undefined }), field: 'reason' },
      { name: 'missing effective date', body: JSON.stringify({ ...VALID, effectiveDate: undefined }), field: 'effectiveDate' },
      { name: 'nothing to change', body: JSON.stringify({ reason: 'x', effectiveDate: '2026-01-15' }) },
      { name: 'body over 1 MB', body: JSON.stringify({ ...VALID, reason: 'x'.repeat(1_100_000) }), status: 413 },
    ];
    it.each(cases)('$name → 4xx, nothing written', async ({ body, field, status }) => {
      const id = pool[0];
      const before = await state();
      const r = await raw(official, 'PATCH', `/api/parks/${id}`, body, { 'if-match': '"1"' });
      expect4xx(r, 'malformed body');
      expect(r.status).toBe(status ?? 400);
      if (field) expect(r.body.fields?.[field], JSON.stringify(r.body)).toEqual(expect.any(String));
      if (r.status === 400) expect(Object.keys(r.body.fields ?? { body: 1 }).length).toBeGreaterThan(0);
      expect(await state()).toEqual(before);
    });

    it('explains the future date and the impossible date in words', async () => {
      const future = await official.patchPark(pool[0], 1, { ...VALID, effectiveDate: NEXT_YEAR });
      expect(future.body.fields.effectiveDate).toMatch(/future/);
      const unknown = await official.patchPark(pool[0], 1, { ...VALID, colour: 'red' });
      expect(unknown.body.fields.colour).toMatch(/not a known field/);
      const badEnum = await official.patchPark(pool[0], 1, { ...VALID, category: 'demolish' });
      expect(badEnum.body.fields.category).toMatch(/eliminate.*convert.*upgrade/);
    });

    it.each(['application/xml', 'application/x-www-form-urlencoded', 'text/plain'])('content type %s is refused', async (type) => {
      const before = await state();
      const r = await official.request('PATCH', `/api/parks/${pool[0]}`, { body: JSON.stringify(VALID), headers: { 'content-type': type, 'if-match': '"1"' } });
      expect4xx(r, type);
      expect([400, 415]).toContain(r.status);
      expect(await state()).toEqual(before);
    });

    it.each(['abc', '"1", "2"', '*', '"-1"', '"1.5"', 'W/abc'])('If-Match %s → 400', async (ifMatch) => {
      const before = await state();
      const r = await official.request('PATCH', `/api/parks/${pool[0]}`, { json: VALID, headers: { 'if-match': ifMatch } });
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error).toMatch(/If-Match/);
      expect(await state()).toEqual(before);
    });
  });

  describe('query parameters', () => {
    const bad: [string, string][] = [
      ['bbox', '1,2,3'], ['bbox', '113,23,abc,24'], ['bbox', '200,0,210,10'], ['bbox', '114,24,113,23'],
      ['district', '999999'], ['district', '440111,xx'], ['category', 'demolish'], ['progress', 'done'],
      ['asOf', '2026-13-01'], ['asOf', '2026-02-30'], ['asOf', 'yesterday'], ['pilot', 'maybe'], ['pilot', '1999'],
    ];
    it.each(bad)('GET /api/parks?%s=%s → 400 naming the field', async (field, value) => {
      const r = await anon.get(`/api/parks?${field}=${encodeURIComponent(value)}`);
      expect(r.status).toBe(400);
      expect(r.body.fields[field]).toEqual(expect.any(String));
      expect(r.body.error).toContain(field);
    });

    it.each(INJECTIONS)('injection %s in every query parameter and path → 4xx or plain text, never 500', async (inj) => {
      const before = await state();
      const q = encodeURIComponent(inj);
      for (const field of ['district', 'category', 'progress', 'pilot', 'bbox', 'asOf']) {
        const r = await admin.get(`/api/parks?${field}=${q}`);
        expect(r.status, field).toBe(400);
        expect(r.body.fields[field]).toEqual(expect.any(String));
      }
      for (const field of ['district', 'cluster', 'tag', 'villagePark', 'valuePark', 'bbox', 'limit', 'offset']) expect4xx(await admin.get(`/api/enterprises?${field}=${q}`), `enterprises ${field}`);
      const search = await admin.get(`/api/enterprises?q=${q}`);
      expect(search.status).toBe(200);
      expect(search.body.total).toBe(0);
      for (const path of [`/api/parks/${q}`, `/api/parks/${q}/history`, `/api/enterprises/${q}`, `/api/value-parks/${q}`, `/api/value-parks/${q}/history`])
        expect4xx(await admin.get(path), path);
      expect4xx(await admin.request('POST', `/api/imports/${q}/apply`), 'import apply id');
      expect4xx(await admin.request('PATCH', `/api/users/${q}`, { json: { disabled: true } }), 'users id');
      expect4xx(await admin.request('PATCH', `/api/value-parks/${q}`, { json: { elements: [{ code: 'industry-fund', present: true }], reason: 'x', effectiveDate: '2026-01-15' }, headers: { 'if-match': '"1"' } }), 'value park id');
      expect(await state()).toEqual(before);
    });
  });

  describe('injection and HTML in text fields', () => {
    it('stores injection strings in reasons as plain text and leaves the tables intact', async () => {
      for (const inj of INJECTIONS) {
        const id = fresh();
        // The administrator: an official's change of category would wait for review (review.test.ts).
        const r = await admin.patchPark(id, 1, { category: 'convert', reason: inj, effectiveDate: '2026-01-15' });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        const h = await official.get(`/api/parks/${id}/history`);
        expect(h.body.items[0].reason).toBe(inj);
      }
      const after = await state();
      expect(after).toMatchObject({ parks: 2705, enterprises: 5000, users: 14 });
    });

    it('returns HTML and script in a reason verbatim, as JSON text', async () => {
      const html = `<script>alert("x")</script><img src=x onerror='alert(1)'> &amp; </textarea>"'`;
      const id = fresh();
      const r = await admin.patchPark(id, 1, { category: 'upgrade', reason: html, effectiveDate: '2026-01-15' });
      expect(r.status).toBe(200);
      const h = await official.get(`/api/parks/${id}/history`);
      expect(h.headers.get('content-type')).toMatch(/^application\/json/);
      expect(h.body.items[0].reason).toBe(html);
      const [row] = await server.database.db.query<{ reason: string }>('SELECT reason FROM park_status_history WHERE park_id = $1 AND version = 2', [id]);
      expect(row.reason).toBe(html);
    });

    it('refuses injection strings as usernames and passwords without logging anyone in', async () => {
      const c = await clientFor(server, null);
      for (const [username, password] of [[`admin' --`, 'x'], ['admin', `' OR '1'='1`], [`' OR 1=1 --`, `' OR 1=1 --`]]) {
        const r = await c.login(username, password);
        expect(r.status, username).toBe(401);
        expect((await c.get('/api/session')).body.user).toBeNull();
      }
      const before = await state();
      const bad = await admin.request('POST', '/api/users', { json: { username: `x'; DROP TABLE users; --`, password: 'long enough 2026', role: 'viewer' } });
      expect(bad.status).toBe(400);
      expect(bad.body.fields.username).toEqual(expect.any(String));
      expect(await state()).toEqual(before);
      const password = `'; DROP TABLE users; -- <b>`;
      const created = await admin.request('POST', '/api/users', { json: { username: 'sql.viewer', password, role: 'viewer' } });
      expect(created.status).toBe(201);
      expect((await new ApiClient(server.url).login('sql.viewer', password)).status).toBe(200);
      expect((await state()).users).toBe(15);
    });
  });

  describe('CSRF', () => {
    const routes = (): { name: string; method: string; path: string; opts: Parameters<ApiClient['request']>[2] }[] => [
      { name: 'PATCH park', method: 'PATCH', path: `/api/parks/${pool[0]}`, opts: { json: VALID, headers: { 'if-match': '"1"' } } },
      { name: 'POST import apply', method: 'POST', path: '/api/imports/00000000-0000-4000-8000-000000000000/apply', opts: {} },
      { name: 'PATCH value park', method: 'PATCH', path: '/api/value-parks/1', opts: { json: { elements: [{ code: 'industry-fund', present: true }], reason: 'x', effectiveDate: '2026-01-15' }, headers: { 'if-match': '"1"' } } },
      { name: 'POST user', method: 'POST', path: '/api/users', opts: { json: { username: 'csrf-victim', password: 'long enough 2026', role: 'viewer' } } },
      { name: 'PATCH user', method: 'PATCH', path: '/api/users/3', opts: { json: { disabled: true } } },
      { name: 'DELETE session', method: 'DELETE', path: '/api/session', opts: {} },
    ];
    it.each(['missing', 'wrong', 'from another session'])('%s token → 403 on every mutating route, nothing changes', async (kind) => {
      const before = await state();
      for (const { name, method, path, opts } of routes()) {
        const token: Record<string, string> = kind === 'wrong' ? { 'x-csrf-token': 'not-the-token' } : kind === 'missing' ? {} : { 'x-csrf-token': official.csrfToken! };
        const r = await admin.request(method, path, { ...opts, csrf: false, headers: { ...opts?.headers, ...token } });
        expect(r.status, `${name}: ${JSON.stringify(r.body)}`).toBe(403);
        expect(r.body.error).toMatch(/CSRF/);
      }
      expect(await state()).toEqual(before);
      expect((await admin.get('/api/session')).body.user.username).toBe('admin');
    });

    it('a login without the anonymous CSRF token → 403', async () => {
      const c = new ApiClient(server.url);
      const r = await c.request('POST', '/api/session', { json: { username: 'admin', password: 'demo1234' } });
      expect(r.status).toBe(403);
      expect(r.headers.getSetCookie().some((h) => h.startsWith('igis_sid='))).toBe(false);
    });
  });
});
