// The indicator engine against the real database: every answer equals a plain SQL sum over the raw
// monthly rows, for random filter / area / period / grouping combinations; targets and attainment;
// suppression for viewers; targets as data.
import * as turf from '@turf/turf';
import seedrandom from 'seedrandom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTER, type EnterpriseFilter } from '../../src/domain/enterprise-filter.ts';
import type { Grouping, IndicatorAnswer, Metric } from '../../src/domain/monitoring/indicators.ts';
import { monthRange, monthsOf, parsePeriod } from '../../src/domain/monitoring/periods.ts';
import { taxonomy } from '../../src/domain/taxonomy.ts';
import { LAYERS } from '../../src/server/exports/export-layers.ts';
import { clientFor, startTestServer, type ApiClient, type TestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';

const AREA = turf.circle([113.45, 23.08], 9, { steps: 64 }).geometry;

/** The reference: one GROUP BY over operating_figures, no rollup, no cell. */
async function plainSql(server: TestServer, metric: Metric, by: Grouping, periodText: string, cumulative: boolean, filter: EnterpriseFilter, area?: GeoJSON.Polygon) {
  const period = parsePeriod(periodText, cumulative)!;
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const where = LAYERS.enterprises.where(filter, p);
  if (area) where.push(`ST_Covers(ST_SetSRID(ST_GeomFromGeoJSON(${p(JSON.stringify(area))}), 4326), geom)`);
  const population = { amValueAdded: `'above-scale' = ANY(e.tags) AND ic.advanced`, htValueAdded: `'above-scale' = ANY(e.tags) AND ic.high_tech` }[metric as string];
  const key = { none: "''", cluster: 'e.cluster', district: 'e.district', town: 'e.town', villagePark: 'e.village_park_id::text', division: 'left(e.industry_code, 2)' }[by as string]!;
  const column = { revenue: 'f.revenue', output: 'f.output', valueAdded: 'f.value_added', amValueAdded: 'f.value_added', htValueAdded: 'f.value_added', tax: 'f.tax', profit: 'f.profit', employees: 'f.employees', enterprises: '0' }[metric as string]!;
  const rows = await server.database.db.query<{ key: string | null; v: number; n: number }>(`SELECT ${key} AS key, sum(${column})::float8 AS v, count(DISTINCT f.enterprise_id)::int AS n
    FROM operating_figures f JOIN (SELECT * FROM enterprises${where.length ? ` WHERE ${where.join(' AND ')}` : ''}) e ON e.id = f.enterprise_id
    LEFT JOIN industry_classes ic ON ic.code = e.industry_code
    WHERE f.month = ANY(${p(monthsOf(period))}::int[])${population ? ` AND ${population}` : ''} GROUP BY 1`, params);
  const [a, b] = monthRange(period);
  const months = b - a + 1;
  const out = new Map<string, { value: number; enterprises: number }>();
  for (const r of rows) {
    if (r.key === null) continue;
    out.set(r.key, { value: metric === 'enterprises' ? r.n : metric === 'employees' ? r.v / months : r.v, enterprises: r.n });
  }
  return out;
}

describe.each(backends())('indicators (%s)', (backend) => {
  let server: TestServer;
  let planner: ApiClient;
  let viewer: ApiClient;
  let admin: ApiClient;
  beforeAll(async () => {
    server = await startTestServer(backend);
    [planner, viewer, admin] = await Promise.all([clientFor(server, 'planner'), clientFor(server, 'viewer'), clientFor(server, 'admin')]);
  });
  afterAll(() => server.close());

  const ask = (c: ApiClient, body: object) => c.request<IndicatorAnswer>('POST', '/api/indicators', { json: body });

  it('equals a plain SQL sum over the raw monthly rows for random questions', async () => {
    const rng = seedrandom('indicator-combos');
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)];
    const metrics: Metric[] = ['revenue', 'output', 'valueAdded', 'amValueAdded', 'htValueAdded', 'tax', 'profit', 'employees', 'enterprises'];
    const bys: Grouping[] = ['none', 'cluster', 'district', 'town', 'villagePark', 'division'];
    const periods: [string, boolean][] = [['2019', true], ['2020-Q1', false], ['2021-07', true], ['2021-03', false], ['2020-Q3', true], ['2018-02', false]];
    let checked = 0;
    for (let i = 0; i < 14; i++) {
      const metric = pick(metrics);
      const by = pick(bys);
      const [period, cumulative] = pick(periods);
      const filter: EnterpriseFilter = { ...EMPTY_FILTER };
      if (rng() < 0.4) filter.tags = [pick(taxonomy.enterpriseTags).code, pick(taxonomy.enterpriseTags).code];
      if (rng() < 0.4) filter.clusters = [pick(taxonomy.clusters).code];
      if (rng() < 0.3) filter.districts = [pick(taxonomy.districts).code, pick(taxonomy.districts).code];
      if (rng() < 0.15) filter.revenueTiers = [pick(taxonomy.revenueTiers).code];
      if (rng() < 0.1) filter.futureIndustries = [pick(taxonomy.futureIndustries).code];
      const area = i % 4 === 3 ? AREA : undefined;
      const r = await ask(planner, { metric, period, cumulative, by, filters: filter, area });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const want = await plainSql(server, metric, by, period, cumulative, filter, area);
      const wantTotal = await plainSql(server, metric, 'none', period, cumulative, filter, area);
      const label = JSON.stringify({ metric, by, period, cumulative, filter, area: Boolean(area) });
      if (by !== 'none') {
        expect(r.body.rows.map((x) => x.key).sort(), label).toEqual([...want.keys()].sort());
        for (const row of r.body.rows) {
          expect(row.value, `${label} ${row.key}`).toBeCloseTo(want.get(row.key)!.value, 3);
          expect(row.enterprises, `${label} ${row.key}`).toBe(want.get(row.key)!.enterprises);
        }
      }
      const t = wantTotal.get('');
      if (t) expect(r.body.total.value, label).toBeCloseTo(t.value, 3);
      else expect(r.body.total.value, label).toBeNull();
      checked += r.body.rows.length + 1;
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('answers an area from the covered grid squares plus the edge, to the yuan', async () => {
    const areas: GeoJSON.Polygon[] = [
      AREA,
      turf.circle([113.3, 23.2], 25, { steps: 64 }).geometry, // most of the city: many covered squares
      turf.bboxPolygon([113.451, 23.081, 113.459, 23.089]).geometry, // inside one square: edge only
      turf.bboxPolygon([113.4, 23.0, 113.5, 23.1]).geometry, // on square lines exactly
    ];
    for (const area of areas) {
      // Level 3 (an industry asked) and level 4 (none asked: by nothing or district, a district filter).
      const cases: [Metric, Grouping, string, boolean, Partial<EnterpriseFilter>][] = [
        ['output', 'cluster', '2021', true, {}],
        ['amValueAdded', 'district', '2020-05', true, { clusters: ['auto', 'display'] }],
        ['employees', 'none', '2019-Q3', false, {}],
        ['htValueAdded', 'district', '2021-Q2', false, {}],
        ['revenue', 'none', '2021-03', true, { districts: ['440112', '440106'] }],
      ];
      for (const [metric, by, period, cumulative, filters] of cases) {
        const r = await ask(planner, { metric, by, period, cumulative, area, filters });
        expect(r.status).toBe(200);
        const want = await plainSql(server, metric, by, period, cumulative, { ...EMPTY_FILTER, ...filters }, area);
        const wantTotal = await plainSql(server, metric, 'none', period, cumulative, { ...EMPTY_FILTER, ...filters }, area);
        if (by !== 'none') {
          expect(r.body.rows.map((x) => x.key).sort()).toEqual([...want.keys()].sort());
          for (const row of r.body.rows) {
            expect(row.value).toBeCloseTo(want.get(row.key)!.value, 3);
            expect(row.enterprises).toBe(want.get(row.key)!.enterprises);
          }
        }
        expect(r.body.total.value ?? 0).toBeCloseTo(wantTotal.get('')?.value ?? 0, 3);
        expect(r.body.total.enterprises).toBe(wantTotal.get('')?.enterprises ?? 0);
      }
    }
  });

  it('answers GET with the same numbers as POST, and names groups in the chosen language', async () => {
    const g = await planner.get<IndicatorAnswer>('/api/indicators?metric=output&period=2021&by=cluster&tag=high-tech&lang=zh-Hant');
    const p = await ask(planner, { metric: 'output', period: '2021', by: 'cluster', filters: { tags: ['high-tech'] }, lang: 'zh-Hant' });
    expect(g.status).toBe(200);
    expect(g.body.rows).toEqual(p.body.rows);
    expect(g.body.unit).toBe('yuan');
    expect(g.body.rows.find((r) => r.key === 'auto')?.label).toBe('汽車');
    expect(g.body.demo).toBe(true);
    expect(g.body.dataThrough).toBe('2021-12');
    expect(g.body.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('compares with the previous period, the same period last year and the targets', async () => {
    const r = await ask(planner, { metric: 'output', period: '2021', by: 'cluster', compare: ['previous', 'lastYear', 'target'] });
    const auto = r.body.rows.find((x) => x.key === 'auto')!;
    const y2020 = await ask(planner, { metric: 'output', period: '2020', by: 'cluster' });
    const auto2020 = y2020.body.rows.find((x) => x.key === 'auto')!.value!;
    expect(auto.compare?.lastYear).toMatchObject({ period: '2020', value: auto2020 });
    expect(auto.compare?.lastYear?.change).toBeCloseTo(auto.value! / auto2020 - 1, 9);
    expect(auto.target).toEqual({ plan: 'gz-am-2019-2021', year: 2021, value: 600_000_000_000 });
    expect(auto.attainment).toBeCloseTo(auto.value! / 6e11, 9);
    expect(r.body.rows.find((x) => x.key === 'other')?.target).toBeUndefined();
    // A 2019 figure is measured against the 2021 goal; the month before January is last December.
    const m = await ask(planner, { metric: 'amShare', period: '2019-01', compare: ['previous', 'target'] });
    expect(m.body.total.compare?.previous?.period).toBe('2018-12');
    expect(m.body.total.target).toMatchObject({ year: 2021, value: 0.7 });
    expect(m.body.unit).toBe('fraction');
    expect(m.body.scope).toBe('above-scale');
    expect(m.body.total.value).toBeGreaterThan(0.3);
    expect(m.body.total.value).toBeLessThan(0.9);
  });

  it('shows viewers no cell under 3 enterprises, and no total minus shown cells reveals one', async () => {
    let sawSuppressed = 0;
    for (const [by, filters] of [['town', { districts: ['440103', '440104'] }], ['villagePark', { districts: ['440117'] }], ['division', { clusters: ['biomed'] }], ['cluster', { towns: [] }]] as const) {
      const full = await ask(planner, { metric: 'revenue', period: '2021-Q2', by, filters });
      const open = await ask(viewer, { metric: 'revenue', period: '2021-Q2', by, filters });
      expect(open.status).toBe(200);
      const shown = open.body.rows.filter((x) => !x.suppressed);
      const hidden = open.body.rows.filter((x) => x.suppressed);
      for (const row of shown) expect(row.enterprises!).toBeGreaterThanOrEqual(3);
      for (const row of hidden) expect(row).toMatchObject({ value: null, enterprises: null });
      for (const row of full.body.rows.filter((x) => x.enterprises! < 3)) expect(open.body.rows.find((x) => x.key === row.key)?.suppressed).toBe(true);
      if (hidden.length) {
        sawSuppressed++;
        // The hidden cells together: at least two, resting on at least three enterprises.
        const fullHidden = full.body.rows.filter((x) => hidden.some((h) => h.key === x.key));
        expect(fullHidden.length).toBeGreaterThanOrEqual(2);
        expect(fullHidden.reduce((s, x) => s + x.enterprises!, 0)).toBeGreaterThanOrEqual(3);
      }
      expect(open.body.total.value).toBe(full.body.total.value);
    }
    expect(sawSuppressed).toBeGreaterThan(0);
  });

  it('answers a series with the same numbers as single questions, and the growth still needed', async () => {
    const s = await planner.get('/api/indicators/series?metric=output&periods=2019,2020,2021-Q1&by=cluster&compare=lastYear,target');
    expect(s.status, JSON.stringify(s.body)).toBe(200);
    expect(s.body.series.map((a: IndicatorAnswer) => a.period)).toEqual(['2019', '2020', '2021-Q1']);
    for (const a of s.body.series as IndicatorAnswer[]) {
      const one = await planner.get<IndicatorAnswer>(`/api/indicators?metric=output&period=${a.period}&by=cluster&compare=lastYear,target`);
      expect(a.rows).toEqual(one.body.rows);
      expect(a.total).toEqual(one.body.total);
    }
    const auto2019 = (s.body.series[0] as IndicatorAnswer).rows.find((r) => r.key === 'auto')!;
    expect(auto2019.requiredGrowth).toBeCloseTo(Math.sqrt(6e11 / auto2019.value!) - 1, 9);
    expect((s.body.series[2] as IndicatorAnswer).rows.find((r) => r.key === 'auto')!.requiredGrowth).toBeUndefined();
    const tooMany = await planner.get(`/api/indicators/series?metric=output&periods=${Array.from({ length: 73 }, () => '2021').join(',')}`);
    expect(tooMany.status).toBe(400);
  });

  it('refuses bad questions with 400 and names the field', async () => {
    const bad = await planner.get('/api/indicators?metric=output&period=2021-13');
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as { fields: object }).fields).toHaveProperty('period');
    const metric = await ask(planner, { metric: 'happiness', period: '2021' });
    expect(metric.status).toBe(400);
    expect((metric.body as unknown as { fields: object }).fields).toHaveProperty('metric');
    const tier = await ask(viewer, { metric: 'output', period: '2021', filters: { revenueTiers: ['r1bn'] } });
    expect(tier.status).toBe(403);
  });

  it('keeps targets as data: administrators change them with a version and a reason, kept in history', async () => {
    const list = await viewer.get('/api/targets');
    expect(list.status).toBe(200);
    const auto = list.body.items.find((t: { metric: string; key: string }) => t.metric === 'output' && t.key === 'auto');
    expect(auto).toMatchObject({ scope: 'cluster', year: 2021, value: 6e11, version: 1 });
    expect((await planner.request('PATCH', `/api/targets/${auto.id}`, { json: { value: 6.1e11, version: 1, reason: 'x' } })).status).toBe(403);
    const ok = await admin.request('PATCH', `/api/targets/${auto.id}`, { json: { value: 6.1e11, version: 1, reason: '中期调整' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ value: 6.1e11, version: 2 });
    expect((await admin.request('PATCH', `/api/targets/${auto.id}`, { json: { value: 6.2e11, version: 1, reason: 'stale' } })).status).toBe(412);
    const history = await admin.get(`/api/targets/${auto.id}/history`);
    expect(history.body.items.map((h: { fromValue: number | null; toValue: number }) => [h.fromValue, h.toValue])).toEqual([[6e11, 6.1e11], [null, 6e11]]);
    const r = await ask(planner, { metric: 'output', period: '2021', by: 'cluster', compare: ['target'] });
    expect(r.body.rows.find((x) => x.key === 'auto')?.target?.value).toBe(6.1e11);
    // A later plan is data too.
    const added = await admin.request('POST', '/api/targets', { json: { plan: 'gz-2022-2025', planLabel: '2022—2025 规划', metric: 'output', scope: 'cluster', key: 'auto', year: 2025, value: 8e11, reason: '新规划' } });
    expect(added.status).toBe(201);
    const y2023 = await ask(planner, { metric: 'output', period: '2023', by: 'cluster', compare: ['target'] });
    expect(y2023.status).toBe(200);
    expect(y2023.body.rows).toEqual([]);
    const later = await server.database.db.query<{ plan: string }>(`SELECT plan FROM targets WHERE metric = 'output' AND key = 'auto' AND year >= 2022`);
    expect(later.map((t) => t.plan)).toEqual(['gz-2022-2025']);
  });

  it("shows an enterprise's own monthly series only to planners, officials and administrators", async () => {
    const [e] = await server.database.db.query<{ id: number }>('SELECT enterprise_id AS id FROM operating_figures GROUP BY 1 HAVING count(*) = 48 LIMIT 1');
    const r = await planner.get(`/api/enterprises/${e.id}/figures`);
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(48);
    expect(r.body.items[0]).toMatchObject({ month: 201801, source: 'seed' });
    expect((await viewer.get(`/api/enterprises/${e.id}/figures`)).status).toBe(403);
    expect((await new (planner.constructor as typeof ApiClient)(server.url).get(`/api/enterprises/${e.id}/figures`)).status).toBe(401);
  });
});
