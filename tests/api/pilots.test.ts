// Pilot selection (issue 13, item 3) through the API: the ranking of low-efficiency parks equals a
// plain SQL computation; a year's pilots and their count against the plan's ~20 (warning outside
// 15–25); a nomination is a pending pilot proposal until the city approves it; who sees what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, startTestServer, type ApiClient, type TestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';

const A = '440111';
const B = '440113';
const DATE = '2026-01-15';

interface Candidate { parkId: number; district: string; version: number; outputPerMu: number; taxPerMu: number | null; cityRank: number; districtRank: number; reasons: { code: string; params: Record<string, unknown>; source?: string }[]; nomination: { proposalId: number; year: number } | null }
interface Candidates { year: number; basisYear: number; district: string | null; items: Candidate[]; total: number; unassessed: number }
interface Fig { year: number; outputPerMu: number | null; taxPerMu: number | null; suppressed: boolean }
interface Pilots {
  year: number; target: number; range: { min: number; max: number }; confirmed: number; band: string; warning: boolean;
  beforeYear: number; afterYear: number | null; byDistrict: Record<string, { confirmed: number; pending: number | null }>; progress: Record<string, number>;
  pilots: { parkId: number; district: string; progress: string; before: Fig | null; after: Fig | null }[];
  nominations: { proposalId: number; parkId: number; district: string; action: string; reason: string }[] | null;
  projected: number | null; projectedBand: string | null;
  summary: { parks: number; before: { outputPerMu: number | null }; after: { outputPerMu: number | null } };
}

describe.each(backends())('pilot selection (%s)', (backend) => {
  let server: TestServer;
  let admin: ApiClient;
  let planner: ApiClient;
  let official: ApiClient;
  let officialB: ApiClient;
  let viewer: ApiClient;
  let visitor: ApiClient;

  beforeAll(async () => {
    server = await startTestServer(backend);
    [admin, planner, official, officialB, viewer, visitor] = await Promise.all([
      clientFor(server, 'admin'), clientFor(server, 'planner'), clientFor(server, `official-${A}`), clientFor(server, `official-${B}`),
      clientFor(server, 'viewer'), clientFor(server, null),
    ]);
  });
  afterAll(() => server?.close());

  const sql = <T>(text: string, params: unknown[] = []) => server.database.db.query<T>(text, params);
  const candidates = async (c: ApiClient, query: string) => {
    const r = await c.get<Candidates>(`/api/pilots/candidates?${query}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const pilots = async (c: ApiClient, year: number) => {
    const r = await c.get<Pilots>(`/api/pilots?year=${year}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  /** The reference ranking: per-mu figures of the basis year from the raw months, quartile and medians by percentile_cont. */
  const plainRanking = async (basis: number) => (await sql<{ id: number }>(
    `WITH f AS (
       SELECT pk.id, pk.district, pk.category, pk.pilot_year, sum(f.output)::float8 / pk.area_mu AS o, sum(f.tax)::float8 / pk.area_mu AS t
       FROM operating_figures f JOIN enterprises e ON e.id = f.enterprise_id JOIN village_parks pk ON pk.id = e.village_park_id
       WHERE f.month BETWEEN $1 AND $2 GROUP BY pk.id),
     c AS (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY o) AS mo, percentile_cont(0.25) WITHIN GROUP (ORDER BY o) AS qo,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY t) AS mt, percentile_cont(0.25) WITHIN GROUP (ORDER BY t) AS qt FROM f),
     d AS (SELECT district, percentile_cont(0.5) WITHIN GROUP (ORDER BY o) AS mo, percentile_cont(0.5) WITHIN GROUP (ORDER BY t) AS mt FROM f GROUP BY district)
     SELECT f.id FROM f CROSS JOIN c JOIN d ON d.district = f.district
     WHERE f.category <> 'eliminate' AND f.pilot_year IS NULL
       AND (f.o < c.mo OR f.o <= c.qo OR f.o < d.mo OR f.t < c.mt OR f.t <= c.qt OR f.t < d.mt)
     ORDER BY f.o, f.t NULLS LAST, f.id`, [basis * 100 + 1, basis * 100 + 12])).map((r) => r.id);

  it('ranks low-efficiency parks city-wide in the order a plain SQL computation gives, with reasons', async () => {
    const r = await candidates(admin, 'year=2021&limit=1000');
    expect(r.basisYear).toBe(2020);
    const want = await plainRanking(2020);
    expect(want.length).toBeGreaterThan(10);
    expect(r.items.map((c) => c.parkId)).toEqual(want);
    expect(r.total).toBe(want.length);
    expect(r.items.map((c) => c.cityRank)).toEqual(want.map((_, i) => i + 1));
    for (const c of r.items) {
      const own = c.reasons.filter((x) => !x.source);
      expect(own.length).toBeGreaterThan(0);
      for (const reason of own) expect(reason.code).toMatch(/^(output|tax)_(below_median|bottom_quartile)$/);
      // The classification standard's reasons follow, its suggestion first (architecture §4, "Pilot selection").
      const standard = c.reasons.filter((x) => x.source === 'standard');
      expect(c.reasons.slice(own.length)).toEqual(standard);
      if (standard.length) expect(standard[0]).toMatchObject({ code: 'suggestion', params: { suggested: expect.any(String) } });
    }
    const [{ versions }] = await sql<{ versions: number }>(`SELECT count(*)::int AS versions FROM standard_versions WHERE status = 'active'`);
    if (versions) expect(r.items.some((c) => c.reasons.some((x) => x.source === 'standard'))).toBe(true);
    // No pilot and no park being eliminated among them.
    const ids = r.items.map((c) => c.parkId);
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM village_parks WHERE id = ANY($1::int[]) AND (pilot_year IS NOT NULL OR category = 'eliminate')`, [ids]);
    expect(n).toBe(0);
    // A nomination for 2019 is judged on 2018.
    expect((await candidates(planner, 'year=2019&limit=5')).basisYear).toBe(2018);
  });

  it('a district ranking is the city ranking of that district, with ranks within the district', async () => {
    const city = await candidates(admin, 'year=2021&limit=1000');
    const r = await candidates(planner, `year=2021&district=${A}&limit=1000`);
    const mine = city.items.filter((c) => c.district === A);
    expect(r.items.map((c) => c.parkId)).toEqual(mine.map((c) => c.parkId));
    expect(r.items.map((c) => c.districtRank)).toEqual(mine.map((_, i) => i + 1));
    expect(r.items.some((c) => c.reasons.some((x) => x.params.scope === 'district' && x.params.district === A))).toBe(true);
  });

  it('an official sees their district only; viewers and the public get no ranking', async () => {
    const own = await candidates(official, 'year=2021');
    expect(own.district).toBe(A);
    expect(own.items.every((c) => c.district === A)).toBe(true);
    const other = await official.get(`/api/pilots/candidates?year=2021&district=${B}`);
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ code: 'pilot_other_district', params: { yourDistrict: A, askedDistrict: B } });
    expect((await viewer.get('/api/pilots/candidates?year=2021')).status).toBe(403);
    expect((await visitor.get('/api/pilots/candidates?year=2021')).status).toBe(401);
    const bad = await admin.get('/api/pilots/candidates?year=2030');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('request_invalid');
  });

  it('counts a year\'s pilots per district with their progress and efficiency before and after', async () => {
    const r = await pilots(planner, 2021);
    const rows = await sql<{ id: number; district: string; progress: string }>('SELECT id, district, progress FROM village_parks WHERE pilot_year = 2021 ORDER BY id');
    expect(r.confirmed).toBe(rows.length);
    expect(r.pilots.map((p) => p.parkId)).toEqual(rows.map((p) => p.id));
    expect(r.target).toBe(20);
    expect(r.range).toEqual({ min: 15, max: 25 });
    expect(Object.values(r.byDistrict).reduce((a, d) => a + d.confirmed, 0)).toBe(rows.length);
    expect(Object.values(r.progress).reduce((a, n) => a + n, 0)).toBe(rows.length);
    expect(r.beforeYear).toBe(2020);
    expect(r.afterYear).toBe(2021);
    // Before and after of one pilot with figures equal the raw months over its area.
    const withFigures = r.pilots.find((p) => p.before?.outputPerMu != null && p.after?.outputPerMu != null)!;
    expect(withFigures).toBeTruthy();
    for (const [year, fig] of [[2020, withFigures.before!], [2021, withFigures.after!]] as const) {
      const [want] = await sql<{ v: number }>(
        `SELECT sum(f.output)::float8 / pk.area_mu AS v FROM operating_figures f JOIN enterprises e ON e.id = f.enterprise_id JOIN village_parks pk ON pk.id = e.village_park_id
         WHERE pk.id = $1 AND f.month BETWEEN $2 AND $3 GROUP BY pk.id, pk.area_mu`, [withFigures.parkId, year * 100 + 1, year * 100 + 12]);
      expect(fig.outputPerMu).toBeCloseTo(want.v, 6);
    }
    expect(r.summary.parks).toBeGreaterThan(0);
    expect(r.summary.before.outputPerMu).toEqual(expect.any(Number));
  });

  it('warns when the count is outside 15–25: edges at 15/14 and 25/26', async () => {
    const setPilot = async (id: number, pilotYear: number | null) => {
      const d = (await admin.get(`/api/parks/${id}`)).body.properties;
      const r = await admin.patchPark(id, d.version, { pilotYear, reason: 'city decision', effectiveDate: DATE });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    const base = await pilots(admin, 2021);
    expect(base.confirmed).toBe(20);
    expect(base.warning).toBe(false);
    const ids = base.pilots.map((p) => p.parkId);
    for (const id of ids.slice(0, 5)) await setPilot(id, null);
    expect(await pilots(admin, 2021)).toMatchObject({ confirmed: 15, band: 'within', warning: false });
    await setPilot(ids[5], null);
    expect(await pilots(admin, 2021)).toMatchObject({ confirmed: 14, band: 'below', warning: true });
    // 2020 upwards: parks not being eliminated and not pilots yet.
    const free = (await sql<{ id: number }>(`SELECT id FROM village_parks WHERE pilot_year IS NULL AND category <> 'eliminate' AND district <> $1 ORDER BY id LIMIT 6`, [A])).map((r) => r.id);
    for (const id of free.slice(0, 5)) await setPilot(id, 2020);
    expect(await pilots(admin, 2020)).toMatchObject({ confirmed: 25, band: 'within', warning: false });
    await setPilot(free[5], 2020);
    expect(await pilots(viewer, 2020)).toMatchObject({ confirmed: 26, band: 'above', warning: true });
  });

  it('a nomination is pending until the city approves it; then it is a confirmed pilot', async () => {
    const before = await pilots(admin, 2019);
    const ranking = await candidates(official, 'year=2019');
    const pick = ranking.items.find((c) => !c.nomination)!;
    const proposed = await official.request('POST', `/api/parks/${pick.parkId}/proposals`, {
      json: { pilotYear: 2019, reason: '亩均产值全区最低，申报提质增效试点', effectiveDate: DATE }, headers: { 'if-match': `"${pick.version}"` },
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(202);
    expect(proposed.body.kinds).toEqual(['pilot']);
    const proposalId = proposed.body.id as number;

    // Pending: the admin sees the nomination and the projected count; the park is marked in the ranking.
    const pendingAdmin = await pilots(admin, 2019);
    expect(pendingAdmin.confirmed).toBe(before.confirmed);
    expect(pendingAdmin.nominations).toContainEqual(expect.objectContaining({ proposalId, parkId: pick.parkId, district: A, action: 'nominate', reason: '亩均产值全区最低，申报提质增效试点' }));
    expect(pendingAdmin.projected).toBe(before.confirmed + 1);
    expect(pendingAdmin.byDistrict[A].pending).toBe(1);
    expect((await candidates(official, 'year=2019')).items.find((c) => c.parkId === pick.parkId)?.nomination).toMatchObject({ proposalId, year: 2019 });
    // The official sees their district's nominations; another district's official does not; viewers and the public see none.
    expect((await pilots(official, 2019)).nominations?.map((n) => n.proposalId)).toContain(proposalId);
    const b = await pilots(officialB, 2019);
    expect(b.nominations?.some((n) => n.proposalId === proposalId)).toBe(false);
    expect(b.byDistrict[A].pending).toBeNull();
    expect(b.projected).toBeNull();
    for (const c of [viewer, visitor]) {
      const r = await pilots(c, 2019);
      expect(r.nominations).toBeNull();
      expect(r.projected).toBeNull();
      expect(r.byDistrict[A].pending).toBeNull();
      expect(r.confirmed).toBe(before.confirmed);
    }

    const approved = await admin.request('POST', `/api/proposals/${proposalId}/approve`, { json: { comment: '同意列为2019年试点' } });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const after = await pilots(admin, 2019);
    expect(after.confirmed).toBe(before.confirmed + 1);
    expect(after.pilots.map((p) => p.parkId)).toContain(pick.parkId);
    expect(after.nominations?.some((n) => n.proposalId === proposalId)).toBe(false);
    expect(after.byDistrict[A].confirmed).toBe(before.byDistrict[A].confirmed + 1);
    expect((await candidates(official, 'year=2019&limit=1000')).items.some((c) => c.parkId === pick.parkId)).toBe(false);
  });

  it('publishes the pilot routes in the OpenAPI document', async () => {
    const doc = (await visitor.get('/api/openapi.json')).body;
    expect(doc.paths['/api/pilots'].get).toBeTruthy();
    expect(doc.paths['/api/pilots/candidates'].get.tags).toEqual(['pilots']);
  });
});
