// Park efficiency (issue 13): output and tax per mu of each village park and value park, per year,
// equal a plain SQL computation from the operating figures of the enterprises located in the park
// over the park's land area; only for a grouping by park; small parks suppressed for viewers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorAnswer } from '../../src/domain/monitoring/indicators.ts';
import { muOfKm2 } from '../../src/domain/monitoring/warnings.ts';
import { taxonomy } from '../../src/domain/taxonomy.ts';
import { clientFor, startTestServer, type ApiClient, type TestServer } from '../helpers/api-client.ts';
import { backends } from '../helpers/test-db.ts';

interface Series { unit: string; series: IndicatorAnswer[] }

/** The reference: per park and year, sum(output|tax) of its firms' months / its area in mu. */
async function plainSql(server: TestServer, kind: 'villagePark' | 'valuePark', column: 'output' | 'tax', year: number) {
  const [table, fk, mu] = kind === 'villagePark'
    ? ['village_parks', 'village_park_id', 'pk.area_mu']
    : ['value_parks', 'value_park_id', `(pk.area_km2 * ${muOfKm2(1, taxonomy.muInSquareMetres)})`];
  const rows = await server.database.db.query<{ key: string; v: number; n: number; mu: number }>(
    `SELECT pk.id::text AS key, sum(f.${column})::float8 AS v, count(DISTINCT f.enterprise_id)::int AS n, ${mu}::float8 AS mu
     FROM operating_figures f JOIN enterprises e ON e.id = f.enterprise_id JOIN ${table} pk ON pk.id = e.${fk}
     WHERE f.month BETWEEN $1 AND $2 GROUP BY pk.id`, [year * 100 + 1, year * 100 + 12]);
  return new Map(rows.map((r) => [r.key, { value: r.v / r.mu, enterprises: r.n, sum: r.v, mu: r.mu }]));
}

describe.each(backends())('park efficiency (%s)', (backend) => {
  let server: TestServer;
  let planner: ApiClient;
  let viewer: ApiClient;
  beforeAll(async () => {
    server = await startTestServer(backend);
    [planner, viewer] = await Promise.all([clientFor(server, 'planner'), clientFor(server, 'viewer')]);
  });
  afterAll(() => server.close());

  const years = [2018, 2019, 2020, 2021];
  const series = (c: ApiClient, metric: string, by: string) =>
    c.get<Series>(`/api/indicators/series?metric=${metric}&by=${by}&periods=${years.join(',')}&compare=lastYear`);

  for (const by of ['villagePark', 'valuePark'] as const) {
    it(`outputPerMu and taxPerMu by ${by} equal a plain SQL computation for every park and year`, async () => {
      for (const [metric, column] of [['outputPerMu', 'output'], ['taxPerMu', 'tax']] as const) {
        const r = await series(planner, metric, by);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        expect(r.body.unit).toBe('yuanPerMu');
        expect(r.body.series.map((a) => a.period)).toEqual(years.map(String));
        for (const [i, year] of years.entries()) {
          const answer = r.body.series[i];
          const want = await plainSql(server, by, column, year);
          expect(want.size, `${by} ${year}: parks with figures`).toBeGreaterThan(by === 'villagePark' ? 5 : 1);
          expect(answer.rows.map((x) => x.key).sort()).toEqual([...want.keys()].sort());
          for (const row of answer.rows) {
            expect(row.value, `${metric} ${by} ${row.key} ${year}`).toBeCloseTo(want.get(row.key)!.value, 6);
            expect(row.enterprises).toBe(want.get(row.key)!.enterprises);
          }
          // The total: all parks' output (tax) over the area of the parks that reported.
          const sum = [...want.values()].reduce((a, x) => a + x.sum, 0);
          const mu = [...want.values()].reduce((a, x) => a + x.mu, 0);
          expect(answer.total.value).toBeCloseTo(sum / mu, 6);
          if (i > 0) {
            const row = answer.rows[0];
            const before = (await plainSql(server, by, column, year - 1)).get(row.key);
            if (before) expect(row.compare?.lastYear?.value).toBeCloseTo(before.value, 6);
          }
        }
      }
    });
  }

  it('refuses a per-mu metric grouped by anything but a park', async () => {
    for (const by of ['district', 'none', 'town']) {
      const r = await planner.get<{ error: string; fields: { by: string } }>(`/api/indicators?metric=outputPerMu&by=${by}&period=2021`);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatch(/villagePark or valuePark/);
      expect(r.body.fields.by).toMatch(/villagePark/);
    }
    const post = await planner.request<{ error: string }>('POST', '/api/indicators', { json: { metric: 'taxPerMu', period: '2021', by: 'district' } });
    expect(post.status).toBe(400);
  });

  it('suppresses for viewers a park with fewer than 3 reporting enterprises', async () => {
    const want = await plainSql(server, 'villagePark', 'output', 2021);
    const small = [...want.entries()].filter(([, x]) => x.enterprises < 3).map(([k]) => k);
    expect(small.length, 'the test data has parks with 1-2 reporting firms').toBeGreaterThan(0);
    for (const metric of ['outputPerMu', 'taxPerMu']) {
      const open = await viewer.get<IndicatorAnswer>(`/api/indicators?metric=${metric}&by=villagePark&period=2021`);
      expect(open.status).toBe(200);
      for (const key of small) {
        const row = open.body.rows.find((r) => r.key === key)!;
        expect(row.suppressed, `${metric} park ${key}`).toBe(true);
        expect(row.value).toBeNull();
      }
      const shown = open.body.rows.filter((r) => !r.suppressed);
      expect(shown.length).toBeGreaterThan(0);
      for (const r of shown) expect(r.enterprises).toBeGreaterThanOrEqual(3);
      // Planners see the same park's figure.
      const full = await planner.get<IndicatorAnswer>(`/api/indicators?metric=${metric}&by=villagePark&period=2021`);
      expect(full.body.rows.find((r) => r.key === small[0])!.value).not.toBeNull();
    }
  });
});
