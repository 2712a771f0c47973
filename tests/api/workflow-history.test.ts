// The renovation workflow through the API: legal and illegal transitions, version preconditions
// (428/412), one audit row per change, and statuses as they were on a date (asOf).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, clientFor, startTestServer, type TestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';

const A = '440111';
type Status = { category: string; progress: string; pilotYear: number | null };

describe.each(backends())('renovation workflow and history (%s)', (backend) => {
  let server: TestServer;
  let official: ApiClient;
  let admin: ApiClient;
  const pools = new Map<string, number[]>();

  /** An untouched park of district A in the given state (non-pilot). */
  const park = async (category: string, progress: string) => {
    const key = `${category}/${progress}`;
    if (!pools.has(key)) {
      const r = await admin.get(`/api/parks?district=${A}&category=${category}&progress=${progress}&pilot=false`);
      pools.set(key, r.body.features.map((f: { id: number }) => f.id));
    }
    const id = pools.get(key)!.shift();
    if (id === undefined) throw new Error(`no untouched park ${key} left`);
    return id;
  };
  const detail = async (id: number) => (await admin.get(`/api/parks/${id}`)).body.properties as Status & { version: number; statusDate: string };
  const history = async (id: number) => (await admin.get(`/api/parks/${id}/history`)).body.items as Record<string, unknown>[];

  /** Edits and checks the invariants of a success: version + 1, exactly one new audit row describing it. */
  const editOk = async (c: ApiClient, username: string, id: number, change: Partial<Status>, effectiveDate = '2026-01-15') => {
    const before = await detail(id);
    const rowsBefore = (await history(id)).length;
    const t0 = Date.now();
    const reason = `change ${JSON.stringify(change)}`;
    const r = await c.patchPark(id, before.version, { ...change, reason, effectiveDate });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const to = { category: before.category, progress: before.progress, pilotYear: before.pilotYear, ...change };
    expect(r.body.properties).toMatchObject({ ...to, version: before.version + 1, statusDate: effectiveDate });
    expect(r.headers.get('etag')).toBe(`"${before.version + 1}"`);
    const rows = await history(id);
    expect(rows).toHaveLength(rowsBefore + 1);
    expect(rows[0]).toMatchObject({
      version: before.version + 1, changedBy: username, source: 'edit', reason, effectiveDate,
      from: { category: before.category, progress: before.progress, pilotYear: before.pilotYear },
      to,
    });
    const changedAt = Date.parse(rows[0].changedAt as string);
    expect(changedAt).toBeGreaterThanOrEqual(t0 - 5000);
    expect(changedAt).toBeLessThanOrEqual(Date.now() + 5000);
    return r;
  };

  /** Expects a refusal with the given status and that nothing about the park changed. */
  const refused = async (c: ApiClient, id: number, status: number, body: Record<string, unknown>, version?: number | null) => {
    const before = await detail(id);
    const rowsBefore = (await history(id)).length;
    const r = await c.patchPark(id, version === undefined ? before.version : version, { reason: 'try', effectiveDate: '2026-01-15', ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    expect(r.body.error).toEqual(expect.any(String));
    expect(await detail(id)).toEqual(before);
    expect(await history(id)).toHaveLength(rowsBefore);
    return r;
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    official = await clientFor(server, `official-${A}`);
    admin = await clientFor(server, 'admin');
  });
  afterAll(() => server?.close());

  describe('legal transitions', () => {
    // Changes of category, pilot year and completion by an official wait for the city's review
    // (review.test.ts), so the administrator makes those steps and the official the progress updates.
    it('walks a park through the whole workflow, one version and one audit row per step', async () => {
      const id = await park('unclassified', 'not_started');
      await editOk(admin, 'admin', id, { category: 'convert' });
      await editOk(admin, 'admin', id, { category: 'upgrade' }, '2026-01-20');
      await editOk(admin, 'admin', id, { progress: 'in_progress', pilotYear: 2020 }, '2026-02-01');
      await editOk(official, `official-${A}`, id, { progress: 'not_started' }, '2026-02-01');
      await editOk(official, `official-${A}`, id, { progress: 'in_progress' }, '2026-03-01');
      await editOk(admin, 'admin', id, { progress: 'completed', pilotYear: null }, '2026-04-01');
      const d = await detail(id);
      expect(d).toMatchObject({ category: 'upgrade', progress: 'completed', pilotYear: null, version: 7, statusDate: '2026-04-01' });
      expect((await history(id)).map((h) => h.version)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    });

    it('an unclassified park may go back to unclassified while not started, and an admin edits too', async () => {
      const id = await park('eliminate', 'not_started');
      await editOk(admin, 'admin', id, { category: 'unclassified' });
      await editOk(admin, 'admin', id, { category: 'upgrade', pilotYear: 2021 });
    });
  });

  describe('illegal transitions → 409 with a message, nothing written', () => {
    const cases: { name: string; from: [string, string]; change: Partial<Status>; match: RegExp }[] = [
      { name: 'not_started → completed (skipping a step)', from: ['upgrade', 'not_started'], change: { progress: 'completed' }, match: /not_started.*completed/ },
      { name: 'category change while in_progress', from: ['upgrade', 'in_progress'], change: { category: 'convert' }, match: /cannot change/ },
      { name: 'category change once completed', from: ['convert', 'completed'], change: { category: 'upgrade' }, match: /completed/ },
      { name: 'unclassified → in_progress', from: ['unclassified', 'not_started'], change: { progress: 'in_progress' }, match: /category/ },
      { name: 'eliminate + pilot', from: ['eliminate', 'not_started'], change: { pilotYear: 2020 }, match: /pilot/ },
      { name: 'choosing eliminate and a pilot year at once', from: ['unclassified', 'not_started'], change: { category: 'eliminate', pilotYear: 2019 }, match: /pilot/ },
      { name: 'completed → not_started', from: ['upgrade', 'completed'], change: { progress: 'not_started' }, match: /completed.*not_started/ },
      { name: 'reopening completed as an official', from: ['upgrade', 'completed'], change: { progress: 'in_progress' }, match: /administrator/ },
      { name: 'a change that changes nothing', from: ['convert', 'in_progress'], change: { progress: 'in_progress' }, match: /does not change/ },
    ];
    it.each(cases)('$name', async ({ from, change, match }) => {
      const id = await park(...from);
      const r = await refused(official, id, 409, change);
      expect(r.body.error).toMatch(match);
    });

    it('completed → not_started is refused for an admin too', async () => {
      await refused(admin, await park('eliminate', 'completed'), 409, { progress: 'not_started' });
    });

    it('reopening a completed renovation: official 409, admin 200', async () => {
      const id = await park('convert', 'completed');
      await refused(official, id, 409, { progress: 'in_progress' });
      await editOk(admin, 'admin', id, { progress: 'in_progress' });
    });

    it('a pilot park cannot become eliminate', async () => {
      const id = await park('unclassified', 'not_started');
      await editOk(admin, 'admin', id, { category: 'upgrade', pilotYear: 2019 });
      await refused(official, id, 409, { category: 'eliminate' });
      await editOk(admin, 'admin', id, { category: 'eliminate', pilotYear: null });
    });

    it('an effective date earlier than the current status date → 409', async () => {
      const id = await park('unclassified', 'not_started');
      await refused(official, id, 409, { category: 'upgrade', effectiveDate: '2021-06-30' });
      await editOk(admin, 'admin', id, { category: 'upgrade' }, '2026-03-10');
      const r = await refused(official, id, 409, { progress: 'in_progress', effectiveDate: '2026-02-01' });
      expect(r.body.error).toMatch(/2026-02-01.*2026-03-10/);
      await editOk(official, `official-${A}`, id, { progress: 'in_progress' }, '2026-03-10');
    });
  });

  describe('version preconditions', () => {
    it('without If-Match → 428', async () => {
      const id = await park('unclassified', 'not_started');
      const r = await refused(official, id, 428, { category: 'upgrade' }, null);
      expect(r.body.error).toMatch(/If-Match/);
    });

    it('a stale version → 412 with the park as it is now; re-applying on it succeeds', async () => {
      const id = await park('upgrade', 'not_started');
      await editOk(admin, 'admin', id, { progress: 'in_progress' });
      const r = await refused(official, id, 412, { pilotYear: 2021 }, 1);
      expect(r.body.current).toMatchObject({ type: 'Feature', id, properties: { category: 'upgrade', progress: 'in_progress', version: 2, district: A } });
      expect(r.body.current.geometry.type).toBe('Polygon');
      await refused(official, id, 412, { pilotYear: 2021 }, 3);
      await editOk(admin, 'admin', id, { pilotYear: 2021 });
    });

    it('a weak ETag W/"n" is accepted as the version', async () => {
      const id = await park('unclassified', 'not_started');
      const r = await admin.request('PATCH', `/api/parks/${id}`, { json: { category: 'convert', reason: 'weak', effectiveDate: '2026-01-15' }, headers: { 'if-match': 'W/"1"' } });
      expect(r.status).toBe(200);
      expect(r.body.properties.version).toBe(2);
    });
  });

  describe('statuses as of a date', () => {
    const asOf = async (id: number, date: string, extra = '') => {
      const r = await official.get(`/api/parks?district=${A}&asOf=${date}${extra}`);
      expect(r.status).toBe(200);
      expect(r.body.asOf).toBe(date);
      return r.body.features.find((f: { id: number }) => f.id === id)?.properties as (Status & { version: number }) | undefined;
    };

    it('returns the status effective before, between and after two edits', async () => {
      const id = await park('unclassified', 'not_started');
      await editOk(admin, 'admin', id, { category: 'upgrade' }, '2026-01-15');
      await editOk(admin, 'admin', id, { progress: 'in_progress', pilotYear: 2020 }, '2026-03-10');
      expect(await asOf(id, '2025-12-01')).toMatchObject({ category: 'unclassified', progress: 'not_started', pilotYear: null, version: 1 });
      expect(await asOf(id, '2026-01-14')).toMatchObject({ category: 'unclassified', version: 1 });
      expect(await asOf(id, '2026-01-15')).toMatchObject({ category: 'upgrade', progress: 'not_started', pilotYear: null, version: 2 });
      expect(await asOf(id, '2026-02-01')).toMatchObject({ category: 'upgrade', progress: 'not_started', version: 2 });
      expect(await asOf(id, '2026-03-10')).toMatchObject({ category: 'upgrade', progress: 'in_progress', pilotYear: 2020, version: 3 });
      expect(await asOf(id, '2026-06-01')).toMatchObject({ category: 'upgrade', progress: 'in_progress', pilotYear: 2020, version: 3 });
      expect((await detail(id))).toMatchObject({ category: 'upgrade', progress: 'in_progress', version: 3 });
    });

    it('filters on the status of that date, and two edits on one day count in order', async () => {
      const id = await park('unclassified', 'not_started');
      await editOk(admin, 'admin', id, { category: 'convert' }, '2026-02-01');
      await editOk(admin, 'admin', id, { category: 'upgrade' }, '2026-02-01');
      expect(await asOf(id, '2026-02-01')).toMatchObject({ category: 'upgrade', version: 3 });
      expect(await asOf(id, '2026-01-01', '&category=unclassified')).toBeDefined();
      expect(await asOf(id, '2026-01-01', '&category=upgrade')).toBeUndefined();
      expect(await asOf(id, '2026-02-02', '&category=upgrade')).toBeDefined();
      expect(await asOf(id, '2026-02-02', '&category=convert')).toBeUndefined();
      expect(await asOf(id, '2026-02-02', '&pilot=true')).toBeUndefined();
    });
  });
});
