// District → city review (issue 13, item 4) through the API: an official's change of category,
// pilot year or completion is a proposal (202) that changes nothing until a city administrator
// approves it (the change is applied as a PATCH, with its history row) or returns it; a PATCH of such
// a change answers 409; stale proposals and the second of two approvals on one park are refused;
// who may see and decide; the review rules are data; the bulk CSV proposes in the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, clientFor, startTestServer, type ApiResponse, type TestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';

const A = '440111';
const B = '440113';
const DATE = '2026-01-15';
type Status = { category: string; progress: string; pilotYear: number | null };
type Detail = Status & { version: number; statusDate: string };

describe.each(backends())('district → city review (%s)', (backend) => {
  let server: TestServer;
  let official: ApiClient;
  let officialB: ApiClient;
  let admin: ApiClient;
  let planner: ApiClient;
  let viewer: ApiClient;
  let visitor: ApiClient;
  const pools = new Map<string, number[]>();

  /** An untouched, non-pilot park of district A in the given state. */
  const park = async (category: string, progress: string) => {
    const key = `${category}/${progress}`;
    if (!pools.has(key)) pools.set(key, (await admin.get(`/api/parks?district=${A}&category=${category}&progress=${progress}&pilot=false`)).body.features.map((f: { id: number }) => f.id));
    const id = pools.get(key)!.shift();
    if (id === undefined) throw new Error(`no untouched park ${key} left`);
    return id;
  };
  const detail = async (id: number): Promise<Detail> => (await admin.get(`/api/parks/${id}`)).body.properties;
  const history = async (id: number) => (await admin.get(`/api/parks/${id}/history`)).body.items as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  const propose = (c: ApiClient, id: number, version: number | null, body: Record<string, unknown>) =>
    c.request('POST', `/api/parks/${id}/proposals`, { json: { reason: 'district proposal', effectiveDate: DATE, ...body }, headers: version === null ? {} : { 'if-match': `"${version}"` } });
  const approve = (c: ApiClient, id: number, comment = 'agreed by the city') => c.request('POST', `/api/proposals/${id}/approve`, { json: { comment } });
  const giveBack = (c: ApiClient, id: number, comment = 'survey missing') => c.request('POST', `/api/proposals/${id}/return`, { json: { comment } });
  const pending = async (c: ApiClient, query = '') => (await c.get(`/api/proposals?status=pending${query}`)).body;
  const expectProblem = (r: ApiResponse, status: number, code: string) => {
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    expect(r.body.code).toBe(code);
  };
  /** Proposes and checks that nothing about the park changed except one 'proposed' step in its history. */
  const proposeOk = async (id: number, change: Partial<Status>, kinds: string[]) => {
    const before = await detail(id);
    const rowsBefore = await history(id);
    const r = await propose(official, id, before.version, change);
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body).toEqual({ id: expect.any(Number), kinds });
    expect(r.headers.get('location')).toBe(`/api/proposals/${r.body.id}`);
    expect(await detail(id)).toEqual(before);
    const rows = await history(id);
    expect(rows).toHaveLength(rowsBefore.length + 1);
    expect(rows[0]).toMatchObject({
      step: 'proposed', version: before.version, changedBy: `official-${A}`, source: 'edit', reason: 'district proposal', effectiveDate: DATE,
      from: { category: before.category, progress: before.progress, pilotYear: before.pilotYear },
      to: { category: before.category, progress: before.progress, pilotYear: before.pilotYear, ...change },
      proposal: { id: r.body.id, kinds, proposedBy: `official-${A}`, decidedBy: null, comment: null },
    });
    return { id: r.body.id as number, before };
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    [official, officialB, admin, planner, viewer, visitor] = await Promise.all([
      clientFor(server, `official-${A}`), clientFor(server, `official-${B}`), clientFor(server, 'admin'),
      clientFor(server, 'planner'), clientFor(server, 'viewer'), clientFor(server, null),
    ]);
  });
  afterAll(() => server?.close());

  describe('which changes need review', () => {
    it('seeds every kind on, and an official\'s PATCH of such a change answers 409 telling to propose it', async () => {
      const rules = await official.get('/api/review-rules');
      expect(rules.body.rules).toEqual({ category: true, pilot: true, completion: true });
      const cases: [string, string, Partial<Status>, string[]][] = [
        ['unclassified', 'not_started', { category: 'upgrade' }, ['category']],
        ['upgrade', 'not_started', { pilotYear: 2020 }, ['pilot']],
        ['convert', 'in_progress', { progress: 'completed' }, ['completion']],
        ['unclassified', 'not_started', { category: 'convert', pilotYear: 2021 }, ['category', 'pilot']],
      ];
      for (const [category, progress, change, kinds] of cases) {
        const id = await park(category, progress);
        const before = await detail(id);
        const r = await official.patchPark(id, before.version, { ...change, reason: 'direct', effectiveDate: DATE });
        expectProblem(r, 409, 'review_required');
        expect(r.body.params).toEqual({ kinds });
        expect(r.body.propose).toBe(true);
        expect(await detail(id)).toEqual(before);
      }
    });

    it('progress updates that need no review take effect at once, and proposing one is refused', async () => {
      const id = await park('upgrade', 'not_started');
      expectProblem(await propose(official, id, 1, { progress: 'in_progress' }), 409, 'review_not_needed');
      const r = await official.patchPark(id, 1, { progress: 'in_progress', reason: 'work started', effectiveDate: DATE });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.properties).toMatchObject({ progress: 'in_progress', version: 2 });
    });

    it('an administrator is the city: the change takes effect at once and needs no proposal', async () => {
      const id = await park('unclassified', 'not_started');
      expectProblem(await propose(admin, id, 1, { category: 'eliminate' }), 409, 'review_not_needed');
      expect((await admin.patchPark(id, 1, { category: 'eliminate', reason: 'city decision', effectiveDate: DATE })).status).toBe(200);
    });

    it('the rules are data: an administrator switches a kind off and on, an official may not', async () => {
      expectProblem(await official.request('PATCH', '/api/review-rules/completion', { json: { needsReview: false } }), 403, 'role_required');
      const off = await admin.request('PATCH', '/api/review-rules/completion', { json: { needsReview: false } });
      expect(off.status).toBe(200);
      expect(off.body.rules).toEqual({ category: true, pilot: true, completion: false });
      expect(off.body.items.find((i: { kind: string }) => i.kind === 'completion')).toMatchObject({ needsReview: false, updatedBy: 'admin' });
      try {
        const id = await park('upgrade', 'in_progress');
        expect((await official.patchPark(id, 1, { progress: 'completed', reason: 'done', effectiveDate: DATE })).status).toBe(200);
      } finally {
        expect((await admin.request('PATCH', '/api/review-rules/completion', { json: { needsReview: true } })).status).toBe(200);
      }
      const id = await park('upgrade', 'in_progress');
      expectProblem(await official.patchPark(id, 1, { progress: 'completed', reason: 'done', effectiveDate: DATE }), 409, 'review_required');
      expect((await admin.request('PATCH', '/api/review-rules/demolition', { json: { needsReview: true } })).status).toBe(400);
    });
  });

  describe('submit, approve, return', () => {
    it('a proposal changes nothing until an administrator approves it; the approval is a status change with its history', async () => {
      const id = await park('unclassified', 'not_started');
      const { id: pid, before } = await proposeOk(id, { category: 'upgrade', pilotYear: 2020 }, ['category', 'pilot']);
      const queue = await pending(admin, `&district=${A}`);
      const item = queue.items.find((p: { id: number }) => p.id === pid);
      expect(item).toMatchObject({
        parkId: id, district: A, status: 'pending', kinds: ['category', 'pilot'], change: { category: 'upgrade', pilotYear: 2020 },
        baseVersion: before.version, currentVersion: before.version, stale: false, submittedBy: `official-${A}`, decidedBy: null,
        from: { category: 'unclassified', progress: 'not_started', pilotYear: null }, to: { category: 'upgrade', progress: 'not_started', pilotYear: 2020 },
      });
      expect(queue.countsByDistrict[A]).toBeGreaterThanOrEqual(1);

      const r = await approve(admin, pid, 'fits the standard');
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.park.properties).toMatchObject({ category: 'upgrade', pilotYear: 2020, version: before.version + 1, statusDate: DATE });
      expect(r.body.proposal).toMatchObject({ id: pid, status: 'approved', decidedBy: 'admin', comment: 'fits the standard', decidedVersion: before.version + 1 });
      expect(await detail(id)).toMatchObject({ category: 'upgrade', pilotYear: 2020, version: before.version + 1 });
      const [top, proposed] = await history(id);
      expect(top).toMatchObject({
        step: 'approved', version: before.version + 1, changedBy: 'admin', source: 'proposal', reason: 'district proposal', effectiveDate: DATE,
        from: { category: 'unclassified', pilotYear: null }, to: { category: 'upgrade', pilotYear: 2020 },
        proposal: { id: pid, proposedBy: `official-${A}`, decidedBy: 'admin', comment: 'fits the standard' },
      });
      expect(proposed).toMatchObject({ step: 'proposed', version: before.version, proposal: { id: pid } });
      expect((await pending(admin)).items.some((p: { id: number }) => p.id === pid)).toBe(false);
      // The status as of the effective date comes from the approval's row.
      const asOf = await admin.get(`/api/parks?district=${A}&asOf=${DATE}`);
      expect(asOf.body.features.find((f: { id: number }) => f.id === id).properties).toMatchObject({ category: 'upgrade', version: before.version + 1 });

      expectProblem(await approve(admin, pid), 409, 'proposal_decided');
      expectProblem(await giveBack(admin, pid), 409, 'proposal_decided');
    });

    it('a returned proposal leaves the park as it was, with the reason in its history', async () => {
      const id = await park('upgrade', 'in_progress');
      const { id: pid, before } = await proposeOk(id, { progress: 'completed' }, ['completion']);
      const r = await giveBack(admin, pid, 'acceptance report missing');
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.proposal).toMatchObject({ status: 'returned', decidedBy: 'admin', comment: 'acceptance report missing', decidedVersion: before.version });
      expect(await detail(id)).toEqual(before);
      const [top] = await history(id);
      expect(top).toMatchObject({ step: 'returned', version: before.version, changedBy: 'admin', to: { progress: 'completed' }, proposal: { id: pid, comment: 'acceptance report missing', proposedBy: `official-${A}` } });
      expectProblem(await approve(admin, pid), 409, 'proposal_decided');
      // The district may propose again.
      await proposeOk(id, { progress: 'completed' }, ['completion']);
    });

    it('a decision needs a comment; unknown proposals are 404', async () => {
      const id = await park('unclassified', 'not_started');
      const { id: pid } = await proposeOk(id, { category: 'convert' }, ['category']);
      expectProblem(await approve(admin, pid, '   '), 400, 'request_invalid');
      expect((await admin.request('POST', `/api/proposals/${pid}/approve`, { json: {} })).status).toBe(400);
      expect((await admin.request('POST', `/api/proposals/${pid}/return`, { json: { comment: '' } })).status).toBe(400);
      expect((await detail(id)).category).toBe('unclassified');
      expectProblem(await approve(admin, 99999999), 404, 'not_found');
      expectProblem(await giveBack(admin, 99999999), 404, 'not_found');
    });
  });

  describe('versions: 428, 412 and 409 still hold', () => {
    it('a proposal needs If-Match and is refused on a stale version, with the park as it is now', async () => {
      const id = await park('upgrade', 'not_started');
      expectProblem(await propose(official, id, null, { category: 'convert' }), 428, 'if_match_required');
      expect((await official.patchPark(id, 1, { progress: 'in_progress', reason: 'started', effectiveDate: DATE })).status).toBe(200);
      const stale = await propose(official, id, 1, { pilotYear: 2021 });
      expectProblem(stale, 412, 'version_conflict');
      expect(stale.body.current.properties).toMatchObject({ version: 2, progress: 'in_progress' });
      expect((await history(id)).filter((h) => h.step === 'proposed')).toHaveLength(0);
    });

    it('a proposal whose park changed since cannot be approved (409) and stays pending until returned', async () => {
      const id = await park('upgrade', 'not_started');
      const { id: pid } = await proposeOk(id, { category: 'convert' }, ['category']);
      // A progress update (no review) moves the park on.
      expect((await official.patchPark(id, 1, { progress: 'in_progress', reason: 'started', effectiveDate: DATE })).status).toBe(200);
      expect((await pending(admin, `&park=${id}`)).items).toEqual([expect.objectContaining({ id: pid, stale: true, baseVersion: 1, currentVersion: 2 })]);
      const r = await approve(admin, pid);
      expectProblem(r, 409, 'proposal_stale');
      expect(r.body.params).toEqual({ id: pid, base: 1, current: 2 });
      expect(await detail(id)).toMatchObject({ category: 'upgrade', progress: 'in_progress', version: 2 });
      expect((await giveBack(admin, pid, 'work has started; the path is fixed')).status).toBe(200);
    });

    it('two proposals on one park cannot both be approved, even at the same moment', async () => {
      const id = await park('unclassified', 'not_started');
      const first = await proposeOk(id, { category: 'convert' }, ['category']);
      const second = await proposeOk(id, { category: 'upgrade' }, ['category']);
      const answers = await Promise.all([approve(admin, first.id), approve(admin, second.id)]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const won = answers.findIndex((a) => a.status === 200);
      expect(answers[1 - won].body.code).toBe('proposal_stale');
      const winner = won === 0 ? 'convert' : 'upgrade';
      expect(await detail(id)).toMatchObject({ category: winner, version: 2 });
      const rows = await history(id);
      expect(rows.filter((h) => h.step === 'approved')).toHaveLength(1);
      expect(rows.filter((h) => h.step === 'change' || h.step === 'approved').map((h) => h.version)).toEqual([2, 1]);
      expect((await pending(admin, `&park=${id}`)).items.map((p: { id: number; stale: boolean }) => [p.id, p.stale])).toEqual([[[first.id, second.id][1 - won], true]]);
    });

    it('the same proposal approved twice at once is applied once', async () => {
      const id = await park('unclassified', 'not_started');
      const { id: pid } = await proposeOk(id, { category: 'eliminate' }, ['category']);
      const answers = await Promise.all([approve(admin, pid), approve(admin, pid)]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)!.body.code).toBe('proposal_decided');
      expect(await detail(id)).toMatchObject({ category: 'eliminate', version: 2 });
    });
  });

  describe('permissions', () => {
    it('an official cannot approve or return, nor can a planner; an administrator of the city can', async () => {
      const id = await park('unclassified', 'not_started');
      const { id: pid } = await proposeOk(id, { category: 'upgrade' }, ['category']);
      for (const c of [official, officialB, planner]) {
        expectProblem(await approve(c, pid), 403, 'role_required');
        expectProblem(await giveBack(c, pid), 403, 'role_required');
      }
      expectProblem(await approve(viewer, pid), 403, 'role_required');
      expectProblem(await approve(visitor, pid), 401, 'login_required');
      expect((await detail(id)).category).toBe('unclassified');
      expect((await approve(admin, pid)).status).toBe(200);
    });

    it('an official proposes only for parks of their district and sees only their district\'s queue', async () => {
      const id = await park('unclassified', 'not_started');
      expectProblem(await propose(officialB, id, 1, { category: 'upgrade' }), 403, 'park_other_district');
      expectProblem(await propose(planner, id, 1, { category: 'upgrade' }), 403, 'role_required');
      const { id: pid } = await proposeOk(id, { category: 'upgrade' }, ['category']);
      const mine = await pending(official);
      expect(mine.items.some((p: { id: number }) => p.id === pid)).toBe(true);
      expect(mine.items.every((p: { district: string }) => p.district === A)).toBe(true);
      const theirs = await pending(officialB, `&district=${A}`);
      expect(theirs.items).toEqual([]);
      expect(Object.keys(theirs.countsByDistrict).filter((d) => d !== B)).toEqual([]);
      expect((await officialB.get(`/api/proposals/${pid}`)).status).toBe(404);
      expect((await official.get(`/api/proposals/${pid}`)).body).toMatchObject({ id: pid, status: 'pending' });
      const all = await pending(planner);
      expect(all.items.some((p: { id: number }) => p.id === pid)).toBe(true);
      expect(all.countsByDistrict[A]).toBe(all.items.filter((p: { district: string }) => p.district === A).length);
    });

    it('a viewer and the public see no pending detail', async () => {
      const id = await park('unclassified', 'not_started');
      const { id: pid } = await proposeOk(id, { category: 'convert' }, ['category']);
      for (const [c, status] of [[viewer, 403], [visitor, 401]] as const) {
        expect((await c.get('/api/proposals?status=pending')).status).toBe(status);
        expect((await c.get(`/api/proposals/${pid}`)).status).toBe(status);
        expect((await c.get(`/api/parks/${id}/history`)).status).toBe(status);
        expect((await c.get('/api/review-rules')).status).toBe(status);
        const p = await c.get(`/api/parks/${id}`);
        expect(p.body.properties.category).toBe('unclassified');
        expect(JSON.stringify(p.body)).not.toMatch(/propos|pending/i);
        const statuses = await c.get('/api/parks/statuses');
        expect(JSON.stringify(statuses.body.items.find((s: { id: number }) => s.id === id))).not.toMatch(/propos|pending/i);
      }
    });
  });

  it('publishes the review routes in the OpenAPI document', async () => {
    const doc = (await visitor.get('/api/openapi.json')).body;
    expect(doc.paths['/api/parks/{id}/proposals'].post.requestBody).toBeTruthy();
    expect(doc.paths['/api/proposals'].get).toBeTruthy();
    expect(doc.paths['/api/proposals/{id}/approve'].post.requestBody).toBeTruthy();
    expect(doc.paths['/api/proposals/{id}/return'].post.requestBody).toBeTruthy();
  });
});
