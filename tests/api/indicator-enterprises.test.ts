// The dashboard's enterprise list (/api/indicators/enterprises) against the real database: every
// row equals an independent SQL sum over operating_figures (a district, a village park, an area,
// average employees, the above-scale population), every sort order holds across pages that neither
// repeat nor skip rows, and only confidential roles get it.
import * as turf from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorAnswer } from '../../src/domain/monitoring/indicators.ts';
import { monthsOf, parsePeriod, samePeriodLastYear, type Period } from '../../src/domain/monitoring/periods.ts';
import type { EnterpriseRanking, EnterpriseRankingRow } from '../../src/server/monitoring/enterprise-ranking.ts';
import { clientFor, startTestServer, type ApiClient, type TestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';

const AREA = turf.circle([113.3, 23.13], 4, { steps: 48 }).geometry;

interface Reference {
  value: number | null;
  lastYear: number | null;
}

describe.each(backends())('enterprise list for the dashboard (%s)', (backend) => {
  let server: TestServer;
  let planner: ApiClient;
  let official: ApiClient;
  let viewer: ApiClient;
  let anonymous: ApiClient;
  let district: string;
  let park: number;

  beforeAll(async () => {
    server = await startTestServer(backend);
    [planner, viewer, anonymous] = await Promise.all([clientFor(server, 'planner'), clientFor(server, 'viewer'), clientFor(server, null)]);
    const [d] = await server.database.db.query<{ district: string }>('SELECT district FROM enterprises GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
    district = d.district;
    official = await clientFor(server, `official-${district}`);
    const [p] = await server.database.db.query<{ id: number }>('SELECT village_park_id AS id FROM enterprises WHERE village_park_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
    park = p.id;
  });
  afterAll(() => server.close());

  const get = (c: ApiClient, query: string) => c.get<EnterpriseRanking & { error?: string }>(`/api/indicators/enterprises?${query}`);

  /** Every page of a question (limit per page), concatenated. */
  async function allPages(c: ApiClient, query: string, limit: number): Promise<{ rows: EnterpriseRankingRow[]; total: number }> {
    const rows: EnterpriseRankingRow[] = [];
    let total = -1;
    for (let offset = 0; ; offset += limit) {
      const r = await get(c, `${query}&limit=${limit}&offset=${offset}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.offset).toBe(offset);
      expect(r.body.limit).toBe(limit);
      if (total >= 0) expect(r.body.total).toBe(total);
      total = r.body.total;
      rows.push(...r.body.rows);
      if (r.body.rows.length < limit) break;
    }
    return { rows, total };
  }

  /** The reference: per enterprise, a plain sum over its raw monthly rows (no cell, no rollup, no engine). */
  async function reference(column: string, where: string, params: unknown[], period: Period, averageEmployees = false): Promise<Map<number, Reference>> {
    const db = server.database.db;
    const [{ through }] = await db.query<{ through: number }>('SELECT max(month) AS through FROM operating_figures');
    const before = samePeriodLastYear(period);
    const sum = async (months: number[]) => new Map((await db.query<{ id: number; v: number }>(
      `SELECT e.id, sum(f.${column})::float8 AS v FROM enterprises e JOIN operating_figures f ON f.enterprise_id = e.id
       WHERE ${where} AND f.month = ANY($${params.length + 1}::int[]) GROUP BY e.id`, [...params, months])).map((r) => [r.id, r.v]));
    const divisor = (months: number[]) => (averageEmployees ? months.filter((m) => m <= through).length : 1);
    const [now, then] = [await sum(monthsOf(period)), await sum(monthsOf(before))];
    const ids = await db.query<{ id: number }>(`SELECT e.id FROM enterprises e WHERE ${where}`, params);
    return new Map(ids.map(({ id }) => [id, {
      value: now.has(id) ? now.get(id)! / divisor(monthsOf(period)) : null,
      lastYear: then.has(id) ? then.get(id)! / divisor(monthsOf(before)) : null,
    }]));
  }

  function expectRowsEqual(rows: EnterpriseRankingRow[], want: Map<number, Reference>, label: string) {
    expect(rows.length, label).toBe(want.size);
    expect(new Set(rows.map((r) => r.id)).size, `${label}: no enterprise twice`).toBe(rows.length);
    let withValue = 0;
    for (const r of rows) {
      const w = want.get(r.id);
      expect(w, `${label}: ${r.id} is not in the selection`).toBeDefined();
      if (w!.value === null) expect(r.value, `${label} ${r.id}`).toBeNull();
      else { expect(r.value, `${label} ${r.id}`).toBeCloseTo(w!.value, 4); withValue++; }
      if (w!.lastYear === null) expect(r.lastYear, `${label} ${r.id} last year`).toBeNull();
      else expect(r.lastYear, `${label} ${r.id} last year`).toBeCloseTo(w!.lastYear, 4);
      const change = w!.value === null || !w!.lastYear ? null : (w!.value - w!.lastYear) / Math.abs(w!.lastYear);
      if (change === null) expect(r.change, `${label} ${r.id} change`).toBeNull();
      else expect(r.change, `${label} ${r.id} change`).toBeCloseTo(change, 9);
    }
    expect(withValue, `${label}: some enterprises reported`).toBeGreaterThan(0);
  }

  it('lists a district with each value, last year and change equal to a plain SQL sum, and adds up to the engine total', async () => {
    const period = parsePeriod('2021-Q2', true)!;
    const { rows, total } = await allPages(planner, `metric=output&period=2021-Q2&cumulative=true&district=${district}`, 200);
    const want = await reference('output', 'e.district = $1', [district], period);
    expect(total).toBe(want.size);
    expect(total).toBeGreaterThan(200);
    expectRowsEqual(rows, want, `district ${district}`);
    for (const r of rows) expect(r.district).toBe(district);
    expect(rows[0].districtName).not.toBe(district);
    expect(rows.find((r) => r.townName)).toBeDefined();
    // The same firms, summed, are the engine's district total.
    const engine = await planner.get<IndicatorAnswer>(`/api/indicators?metric=output&period=2021-Q2&cumulative=true&district=${district}`);
    expect(rows.reduce((s, r) => s + (r.value ?? 0), 0)).toBeCloseTo(engine.body.total.value!, 0);
  });

  it('lists a whole-city question (no place: the grouped path) as SQL says', async () => {
    const [c] = await server.database.db.query<{ cluster: string }>('SELECT cluster FROM enterprises GROUP BY 1 ORDER BY count(*), 1 LIMIT 1');
    const { rows, total } = await allPages(planner, `metric=valueAdded&period=2021-05&cluster=${c.cluster}&sort=change`, 200);
    const want = await reference('value_added', 'e.cluster = $1', [c.cluster], parsePeriod('2021-05')!);
    expect(total).toBe(want.size);
    expectRowsEqual(rows, want, `cluster ${c.cluster}`);
  });

  it('lists the enterprises of one village park, averages employees over the months with data, as SQL says', async () => {
    const r = await get(planner, `metric=revenue&period=2020&villagePark=${park}&limit=200`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expectRowsEqual(r.body.rows, await reference('revenue', 'e.village_park_id = $1', [park], parsePeriod('2020')!), `park ${park}`);
    expect(r.body.total).toBe(r.body.rows.length);
    expect(r.body.unit).toBe('yuan');

    const emp = await get(planner, `metric=employees&period=2021&villagePark=${park}&limit=200`);
    expect(emp.status).toBe(200);
    expect(emp.body.unit).toBe('persons');
    expectRowsEqual(emp.body.rows, await reference('employees', 'e.village_park_id = $1', [park], parsePeriod('2021')!, true), `park ${park} employees`);
    // An official may read them too (any district, as /api/enterprises/:id/figures).
    expect((await get(official, `metric=revenue&period=2020&villagePark=${park}`)).status).toBe(200);
  });

  it('keeps the population of above-scale advanced manufacturing, and an area by POST, like the engine', async () => {
    const r = await allPages(planner, `metric=amValueAdded&period=2021-03&district=${district}`, 200);
    const ids = await server.database.db.query<{ id: number }>(`SELECT e.id FROM enterprises e JOIN industry_classes ic ON ic.code = e.industry_code
      WHERE e.district = $1 AND 'above-scale' = ANY(e.tags) AND ic.advanced`, [district]);
    expect(r.rows.map((x) => x.id).sort((a, b) => a - b)).toEqual(ids.map((x) => x.id).sort((a, b) => a - b));
    const engine = await planner.get<IndicatorAnswer>(`/api/indicators?metric=amValueAdded&period=2021-03&district=${district}`);
    expect(r.rows.reduce((s, x) => s + (x.value ?? 0), 0)).toBeCloseTo(engine.body.total.value ?? 0, 0);

    const post = await planner.request<EnterpriseRanking>('POST', '/api/indicators/enterprises', { json: { metric: 'tax', period: '2019-Q4', area: AREA, limit: 200, filters: { clusters: [] } } });
    expect(post.status, JSON.stringify(post.body)).toBe(200);
    const want = await reference('tax', 'ST_Covers(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), e.geom)', [JSON.stringify(AREA)], parsePeriod('2019-Q4')!);
    expect(post.body.total).toBe(want.size);
    expect(want.size).toBeGreaterThan(0);
    if (want.size <= 200) expectRowsEqual(post.body.rows, want, 'area');
    else for (const row of post.body.rows) expect(row.value ?? null).toBeCloseTo(want.get(row.id)!.value ?? NaN, 4);
  });

  it('sorts by every column both ways, nulls last, and pages neither repeat nor skip rows', async () => {
    const base = `metric=profit&period=2021-07&cumulative=true&district=${district}`;
    const { rows: reference } = await allPages(planner, `${base}&sort=name`, 200);
    const ids = new Set(reference.map((r) => r.id));
    const cmp = (sort: 'value' | 'lastYear' | 'change' | 'name', order: 'asc' | 'desc') => (a: EnterpriseRankingRow, b: EnterpriseRankingRow) => {
      if (sort === 'name') return (order === 'asc' ? 1 : -1) * (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || a.id - b.id;
      const [x, y] = [a[sort], b[sort]];
      if (x === null || y === null) return x === y ? a.id - b.id : x === null ? 1 : -1;
      return (order === 'asc' ? x - y : y - x) || a.id - b.id;
    };
    for (const sort of ['value', 'lastYear', 'change', 'name'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const { rows, total } = await allPages(planner, `${base}&sort=${sort}&order=${order}`, 97);
        const label = `${sort} ${order}`;
        expect(total, label).toBe(ids.size);
        expect(rows.length, label).toBe(ids.size);
        expect(new Set(rows.map((r) => r.id)), label).toEqual(ids);
        expect(rows.map((r) => r.id), label).toEqual([...rows].sort(cmp(sort, order)).map((r) => r.id));
        if (sort !== 'name' && rows.some((r) => r[sort] === null)) expect(rows.at(-1)![sort], `${label}: nulls last`).toBeNull();
      }
    }
    // Defaults: by value, largest first; past the end an empty page still says the total.
    const first = await get(planner, `${base}&limit=5`);
    expect(first.body.sort).toBe('value');
    expect(first.body.order).toBe('desc');
    expect(first.body.rows[0].value).toBe(Math.max(...reference.filter((r) => r.value !== null).map((r) => r.value!)));
    const past = await get(planner, `${base}&offset=100000`);
    expect(past.status).toBe(200);
    expect(past.body.rows).toEqual([]);
    expect(past.body.total).toBe(ids.size);
  });

  it('refuses viewers and the public with 403, and says why', async () => {
    for (const c of [viewer, anonymous]) {
      const r = await get(c, `metric=output&period=2021&district=${district}`);
      expect(r.status).toBe(403);
      expect(r.body.error).toMatch(/confidential/);
      const p = await c.request('POST', '/api/indicators/enterprises', { json: { metric: 'output', period: '2021' } });
      expect(p.status).toBe(403);
    }
  });

  it('answers bad parameters with a 400 naming them', async () => {
    const cases: [string, string][] = [
      ['metric=output&period=2021&sort=revenue', 'sort'],
      ['metric=output&period=2021&order=up', 'order'],
      ['metric=amShare&period=2021', 'metric'],
      ['metric=enterprises&period=2021', 'metric'],
      ['metric=output&period=2021&limit=0', 'limit'],
      ['metric=output&period=2021&limit=201', 'limit'],
      ['metric=output&period=2021&limit=ten', 'limit'],
      ['metric=output&period=2021&offset=-1', 'offset'],
      ['metric=output&period=2021-13', 'period'],
      ['metric=output&period=2021&district=999999', 'district'],
    ];
    for (const [query, field] of cases) {
      const r = await get(planner, query);
      expect(r.status, query).toBe(400);
      expect(Object.keys((r.body as unknown as { fields: Record<string, string> }).fields ?? {}), query).toContain(field);
    }
    const share = await get(planner, 'metric=htShare&period=2021');
    expect(share.body.error).toMatch(/no value per enterprise/);
    const body = await planner.request('POST', '/api/indicators/enterprises', { json: { metric: 'output', period: '2021', limit: 500 } });
    expect(body.status).toBe(400);
  });
});
