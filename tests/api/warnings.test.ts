// Early warnings against the real database: every rule's warnings equal a count made here from the
// raw monthly rows in plain JavaScript (no rollup, no engine); a firm made to drop 40 % appears and
// one dropping 20 % does not; officials see only their district, viewers only cluster warnings;
// rules as data (412 on a stale version, 400 on bad parameters, a disabled rule finds nothing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthsOf, parsePeriod, samePeriodLastYear } from '../../src/domain/monitoring/periods.ts';
import type { WarningRule, WarningRuleChange, WarningsAnswer } from '../../src/domain/monitoring/warnings.ts';
import { taxonomy } from '../../src/domain/taxonomy.ts';
import { refreshMonths } from '../../src/server/monitoring/rollups.ts';
import { clientFor, startTestServer, type ApiClient, type TestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';

const PERIOD = '2021-Q2';

interface Firm { id: number; district: string; cluster: string; tags: string[]; villagePark: number | null; valuePark: number | null }
interface Sums { revenue: number; output: number; months: number }

/** Per firm: revenue and output summed over the months, and how many months it reported. */
async function sumsOf(server: TestServer, months: number[]): Promise<Map<number, Sums>> {
  const rows = await server.database.db.query<{ id: number; revenue: number; output: number }>(
    'SELECT enterprise_id AS id, revenue::float8 AS revenue, output::float8 AS output FROM operating_figures WHERE month = ANY($1::int[])', [months]);
  const out = new Map<number, Sums>();
  for (const r of rows) {
    const s = out.get(r.id) ?? { revenue: 0, output: 0, months: 0 };
    s.revenue += r.revenue;
    s.output += r.output;
    s.months++;
    out.set(r.id, s);
  }
  return out;
}

/** The warnings each rule should give for the period (non-cumulative quarter), by rule code, as [district | null] lists. */
async function expected(server: TestServer, params: { drop: number; annual: number; park: number; tolerance: number }) {
  const db = server.database.db;
  const p = parsePeriod(PERIOD, false)!;
  const k = monthsOf(p).length;
  const firms = await db.query<Firm>(`SELECT id, district, cluster, tags, village_park_id AS "villagePark", value_park_id AS "valuePark" FROM enterprises`);
  const now = await sumsOf(server, monthsOf(p));
  const before = await sumsOf(server, monthsOf(samePeriodLastYear(p)));
  const out: Record<string, { district: string | null; id: number | string }[]> = {};
  const add = (rule: string, district: string | null, id: number | string) => (out[rule] ??= []).push({ district, id });

  for (const f of firms) {
    const a = now.get(f.id);
    const b = before.get(f.id);
    if (!a || a.months !== k) continue;
    if (b && b.months === k && b.revenue > 0 && a.revenue / b.revenue < 1 - params.drop / 100) add('enterprise-revenue-drop', f.district, f.id);
    if (f.tags.includes('above-scale') && a.revenue < (params.annual / 12) * k) add('above-scale-below-threshold', f.district, f.id);
  }

  // Parks: the firms located in them that reported every month of both periods.
  const villageParks = await db.query<{ id: number; district: string; mu: number }>('SELECT id, district, area_mu AS mu FROM village_parks');
  const valueParks = await db.query<{ id: number; district: string; mu: number }>(`SELECT id, district, area_km2 * 1000000 / ${taxonomy.muInSquareMetres} AS mu FROM value_parks`);
  for (const [parks, key] of [[villageParks, 'villagePark'], [valueParks, 'valuePark']] as const) {
    const totals = new Map<number, [number, number]>();
    for (const f of firms) {
      const park = f[key];
      const a = now.get(f.id);
      const b = before.get(f.id);
      if (park === null || !a || !b || a.months !== k || b.months !== k) continue;
      const t = totals.get(park) ?? [0, 0];
      totals.set(park, [t[0] + a.output, t[1] + b.output]);
    }
    for (const park of parks) {
      const t = totals.get(park.id);
      if (t && park.mu > 0 && t[1] > 0 && t[0] / t[1] < 1 - params.park / 100) add('park-output-per-mu-fell', park.district, `${key}${park.id}`);
    }
  }

  // Clusters: January to June against January to June last year, and the growth the 2021 target still needs from 2020's output.
  const ytd = await sumsOf(server, monthsOf(parsePeriod(PERIOD, true)!));
  const ytdBefore = await sumsOf(server, monthsOf(samePeriodLastYear(parsePeriod(PERIOD, true)!)));
  const lastYear = await sumsOf(server, monthsOf(parsePeriod(String(p.year - 1))!));
  const targets = await db.query<{ key: string; value: number; year: number }>(
    `SELECT key, value, year FROM targets WHERE metric = 'output' AND scope = 'cluster' AND year >= $1 ORDER BY year`, [p.year - 1]);
  for (const c of taxonomy.clusters) {
    const target = targets.find((t) => t.key === c.code);
    if (!target || target.year <= p.year - 1) continue;
    const sum = (m: Map<number, Sums>) => firms.filter((f) => f.cluster === c.code).reduce((s, f) => s + (m.get(f.id)?.output ?? 0), 0);
    const growth = sum(ytd) / sum(ytdBefore) - 1;
    const needed = Math.pow(target.value / sum(lastYear), 1 / (target.year - (p.year - 1))) - 1;
    if (growth < needed - params.tolerance / 100) add('cluster-behind-target', null, c.code);
  }
  return out;
}

const byDistrict = (lists: Record<string, { district: string | null }[]>) => {
  const counts: Record<string, number> = {};
  for (const list of Object.values(lists)) for (const w of list) if (w.district) counts[w.district] = (counts[w.district] ?? 0) + 1;
  return counts;
};

describe.each(backends())('early warnings (%s)', (backend) => {
  let server: TestServer;
  let planner: ApiClient;
  let admin: ApiClient;
  let viewer: ApiClient;
  let anonymous: ApiClient;
  let rules: WarningRule[];
  /** The biggest and second-biggest firms of the quarter: made to drop 40 % and 20 %. */
  let big: { id: number; district: string };
  let second: { id: number; district: string };

  beforeAll(async () => {
    server = await startTestServer(backend);
    [planner, admin, viewer, anonymous] = await Promise.all([clientFor(server, 'planner'), clientFor(server, 'admin'), clientFor(server, 'viewer'), clientFor(server, null)]);
  });
  afterAll(() => server.close());

  const warnings = async (c: ApiClient, query = '') => {
    const r = await c.request<WarningsAnswer>('GET', `/api/warnings?period=${PERIOD}&cumulative=false${query}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const rule = (code: string) => rules.find((r) => r.code === code)!;
  const reloadRules = async () => { rules = (await anonymous.request<{ items: WarningRule[] }>('GET', '/api/warning-rules')).body.items; };

  it('seeds the default rules from seeds/warning-rules.json, each with its first history row', async () => {
    await reloadRules();
    expect(rules.map((r) => r.kind).sort()).toEqual(['belowThreshold', 'clusterBehindTarget', 'enterpriseRevenueDrop', 'parkOutputPerMuFell']);
    expect(rule('enterprise-revenue-drop').params).toEqual({ percent: 30 });
    const h = await anonymous.request<{ items: WarningRuleChange[] }>('GET', `/api/warning-rules/${rule('enterprise-revenue-drop').id}/history`);
    expect(h.body.items).toHaveLength(1);
    expect(h.body.items[0]).toMatchObject({ version: 1, username: 'system', before: null, after: { params: { percent: 30 }, enabled: true } });
  });

  it('warns about a firm whose revenue fell 40 %, not about one that fell 20 %', async () => {
    const db = server.database.db;
    const p = parsePeriod(PERIOD, false)!;
    const [now, before] = [monthsOf(p), monthsOf(samePeriodLastYear(p))];
    const candidates = await db.query<{ id: number; district: string }>(`SELECT e.id, e.district FROM enterprises e JOIN operating_figures f ON f.enterprise_id = e.id
      WHERE f.month = ANY($1::int[]) GROUP BY e.id HAVING count(*) = 6 ORDER BY sum(f.revenue) FILTER (WHERE f.month = ANY($2::int[])) DESC LIMIT 2`, [[...before, ...now], before]);
    [big, second] = candidates;
    await db.transaction(async (tx) => {
      for (const [firm, factor] of [[big, 0.6], [second, 0.8]] as const)
        await tx.query(`UPDATE operating_figures f SET revenue = round(l.revenue * $2::float8) FROM operating_figures l
          WHERE f.enterprise_id = $1 AND l.enterprise_id = $1 AND l.month = f.month - 100 AND f.month = ANY($3::int[])`, [firm.id, factor, now]);
      await refreshMonths(tx, now);
    });
    const sums = await sumsOf(server, now);
    const sumsBefore = await sumsOf(server, before);

    const answer = await warnings(planner);
    const drops = answer.items.filter((w) => w.rule === 'enterprise-revenue-drop');
    const hit = drops.find((w) => w.subject.id === big.id);
    expect(hit, 'the firm down 40 %').toBeDefined();
    expect(hit!.subject).toMatchObject({ type: 'enterprise', district: big.district });
    expect(hit!.value).toBe(sums.get(big.id)!.revenue);
    expect(hit!.previous).toBe(sumsBefore.get(big.id)!.revenue);
    expect(hit!.change).toBeCloseTo(-0.4, 3);
    expect(hit!.threshold).toBe(-0.3);
    expect(answer.items.some((w) => w.subject.type === 'enterprise' && w.subject.id === second.id && w.rule === 'enterprise-revenue-drop'), 'the firm down 20 %').toBe(false);
    expect(answer.period).toBe(PERIOD);
    expect(answer.demo).toBe(true);
    expect(answer.dataThrough).toMatch(/^\d{4}-\d{2}$/);
  });

  it('finds for every rule exactly the warnings counted from the raw monthly rows', async () => {
    const want = await expected(server, { drop: 30, annual: 20_000_000, park: 10, tolerance: 0 });
    const answer = await warnings(planner);
    const counts = Object.fromEntries(Object.entries(want).map(([code, list]) => [code, list.length]));
    expect(answer.countsByRule).toEqual(counts);
    expect(answer.total).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
    expect(answer.countsByDistrict).toEqual(byDistrict(want));
    expect(Object.keys(counts).length, 'the test data trips more than one rule').toBeGreaterThan(1);
    // The list is capped, sorted by severity; everything listed is expected.
    expect(answer.items.length).toBe(Math.min(200, answer.total));
    const severities = answer.items.map((w) => ['high', 'medium', 'low'].indexOf(w.severity));
    expect(severities).toEqual([...severities].sort((a, b) => a - b));
    for (const w of answer.items) {
      const id = w.subject.type === 'cluster' ? w.subject.key : w.subject.type === 'enterprise' ? w.subject.id : `${w.subject.type}${w.subject.id}`;
      expect(want[w.rule].some((x) => x.id === id), `${w.rule} ${id}`).toBe(true);
    }
    // The cluster warnings are the ones expected, by name.
    expect(answer.items.filter((w) => w.kind === 'clusterBehindTarget').map((w) => w.subject.key).sort())
      .toEqual((want['cluster-behind-target'] ?? []).map((x) => x.id).sort());
  });

  it('follows the filter: a district query gives that district\'s count', async () => {
    const all = await warnings(planner);
    const clusters = all.countsByRule['cluster-behind-target'] ?? 0;
    for (const d of [big.district, taxonomy.districts.find((x) => x.code !== big.district)!.code]) {
      const one = await warnings(planner, `&district=${d}`);
      expect(one.total).toBe((all.countsByDistrict[d] ?? 0) + clusters);
      expect(Object.keys(one.countsByDistrict).every((k) => k === d)).toBe(true);
    }
  });

  it("shows an official only their district's warnings, whatever the query asks", async () => {
    const all = await warnings(planner);
    const other = taxonomy.districts.find((x) => x.code !== big.district)!.code;
    const official = await clientFor(server, `official-${big.district}`);
    for (const query of ['', `&district=${other}`, `&district=${big.district},${other}`]) {
      const answer = await warnings(official, query);
      for (const w of answer.items) expect(w.subject.type === 'cluster' || w.subject.district === big.district, JSON.stringify(w.subject)).toBe(true);
      expect(Object.keys(answer.countsByDistrict).every((k) => k === big.district)).toBe(true);
      if (query !== `&district=${other}`) expect(answer.countsByDistrict[big.district]).toBe(all.countsByDistrict[big.district]);
    }
    expect((await warnings(official)).items.some((w) => w.subject.id === big.id && w.subject.type === 'enterprise')).toBe(true);
    const elsewhere = await clientFor(server, `official-${other}`);
    expect((await warnings(elsewhere)).items.some((w) => w.subject.id === big.id && w.subject.type === 'enterprise')).toBe(false);
  });

  it('shows viewers and the public the cluster warnings only, and says what is hidden', async () => {
    const all = await warnings(planner);
    for (const c of [viewer, anonymous]) {
      const answer = await warnings(c);
      expect(answer.items.every((w) => w.kind === 'clusterBehindTarget')).toBe(true);
      expect(answer.items).toEqual(all.items.filter((w) => w.kind === 'clusterBehindTarget'));
      expect(answer.countsByDistrict).toEqual({});
      expect(answer.total).toBe(all.countsByRule['cluster-behind-target'] ?? 0);
      expect(answer.hiddenKinds.sort()).toEqual(['belowThreshold', 'enterpriseRevenueDrop', 'parkOutputPerMuFell']);
    }
    expect((await viewer.request('GET', `/api/warnings?period=${PERIOD}&tier=r10m`)).status).toBe(403);
  });

  it('lets administrators change a rule: version and reason checked, parameters validated, history kept', async () => {
    await reloadRules();
    const r = rule('enterprise-revenue-drop');
    const patch = (c: ApiClient, body: object, id = r.id) => c.request<WarningRule & { error?: string; fields?: Record<string, string> }>('PATCH', `/api/warning-rules/${id}`, { json: body });

    expect((await patch(planner, { params: { percent: 15 }, version: r.version, reason: 'x' })).status).toBe(403);
    expect((await patch(anonymous, { params: { percent: 15 }, version: r.version, reason: 'x' })).status).toBe(401);
    expect((await admin.request('PATCH', `/api/warning-rules/${r.id}`, { json: { enabled: false, version: r.version, reason: 'x' }, csrf: false })).status).toBe(403);
    const bad = await patch(admin, { params: { percent: 500 }, version: r.version, reason: '试一下' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual({ 'params.percent': 'must be between 1 and 100' });
    expect(bad.body.error).toContain('percent');
    const unknown = await patch(admin, { params: { percent: 20, months: 3 }, version: r.version, reason: '试一下' });
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.fields!)).toEqual(['params.months']);
    expect((await patch(admin, { params: { percent: '20' }, version: r.version, reason: '试一下' })).status).toBe(400);
    expect((await patch(admin, { params: { percent: 20 }, version: r.version, reason: '   ' })).status).toBe(400);
    expect((await patch(admin, { severity: 'urgent', version: r.version, reason: 'x' })).status).toBe(400);
    expect((await patch(admin, { enabled: false, version: r.version, reason: 'x' }, 99999)).status).toBe(404);

    const ok = await patch(admin, { params: { percent: 15 }, version: r.version, reason: '经济下行，提高敏感度' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ params: { percent: 15 }, version: r.version + 1, updatedBy: 'admin', enabled: true });
    const stale = await patch(admin, { params: { percent: 25 }, version: r.version, reason: '旧版本' });
    expect(stale.status).toBe(412);

    const h = (await anonymous.request<{ items: WarningRuleChange[] }>('GET', `/api/warning-rules/${r.id}/history`)).body.items;
    expect(h[0]).toMatchObject({ version: r.version + 1, username: 'admin', reason: '经济下行，提高敏感度', before: { params: { percent: 30 } }, after: { params: { percent: 15 } } });

    // The 20 % drop now counts, and the counts follow the new threshold.
    const answer = await warnings(planner);
    expect(answer.items.some((w) => w.rule === 'enterprise-revenue-drop' && w.subject.id === second.id)).toBe(true);
    const want = await expected(server, { drop: 15, annual: 20_000_000, park: 10, tolerance: 0 });
    expect(answer.countsByRule['enterprise-revenue-drop']).toBe(want['enterprise-revenue-drop'].length);
  });

  it('finds nothing for a disabled rule', async () => {
    await reloadRules();
    for (const code of ['enterprise-revenue-drop', 'park-output-per-mu-fell']) {
      const r = rule(code);
      const res = await admin.request('PATCH', `/api/warning-rules/${r.id}`, { json: { enabled: false, version: r.version, reason: '暂停' } });
      expect(res.status).toBe(200);
    }
    const answer = await warnings(planner);
    expect(answer.items.some((w) => w.rule === 'enterprise-revenue-drop' || w.rule === 'park-output-per-mu-fell')).toBe(false);
    expect(Object.keys(answer.countsByRule)).not.toContain('enterprise-revenue-drop');
    const want = await expected(server, { drop: 15, annual: 20_000_000, park: 10, tolerance: 0 });
    expect(answer.total).toBe((want['above-scale-below-threshold']?.length ?? 0) + (want['cluster-behind-target']?.length ?? 0));
    // Hidden kinds name only enabled rules.
    expect((await warnings(viewer)).hiddenKinds).toEqual(['belowThreshold']);
  });

  it('refuses a bad period', async () => {
    expect((await planner.request('GET', '/api/warnings?period=2021-13')).status).toBe(400);
    expect((await planner.request('GET', '/api/warnings')).status).toBe(400);
  });
});
