// The running totals per enterprise (src/server/monitoring/firm-ytd.ts) against the raw monthly rows:
// after the seed, after a revision in the middle of a year, a firm's first return in a later month,
// a month removed and a new month added, every firm's total at every month equals the plain sum of
// its rows since January, and every period's difference equals the plain sum over the period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/domain/monitoring/periods.ts';
import type { Queryable } from '../../src/server/db/database.ts';
import { MIGRATIONS } from '../../src/server/db/migrations.ts';
import { boundsOf, figure, joinPeriod, monthsIn } from '../../src/server/monitoring/firm-ytd.ts';
import { refreshMonths } from '../../src/server/monitoring/rollups.ts';
import { backends, copyTemplate, type TestDatabase } from '../helpers/test-db.ts';

/** Rows where firm_ytd and the plain running sum disagree (or one of them is missing), for one year. */
async function mismatches(db: Queryable, year: number): Promise<unknown[]> {
  return db.query(`WITH last AS (SELECT max(month) AS m FROM operating_figures WHERE month / 100 = $1),
    firsts AS (SELECT enterprise_id, min(month) AS m0 FROM operating_figures WHERE month / 100 = $1 GROUP BY 1),
    expected AS (
      SELECT fi.enterprise_id, g.m AS month,
        (SELECT sum(revenue) FROM operating_figures f WHERE f.enterprise_id = fi.enterprise_id AND f.month BETWEEN $1 * 100 + 1 AND g.m) AS revenue,
        (SELECT sum(employees) FROM operating_figures f WHERE f.enterprise_id = fi.enterprise_id AND f.month BETWEEN $1 * 100 + 1 AND g.m) AS employees,
        (SELECT count(*) FROM operating_figures f WHERE f.enterprise_id = fi.enterprise_id AND f.month BETWEEN $1 * 100 + 1 AND g.m) AS months
      FROM firsts fi CROSS JOIN last CROSS JOIN LATERAL generate_series(fi.m0, last.m) g(m)),
    actual AS (SELECT enterprise_id, month, revenue, employees, months FROM firm_ytd WHERE month / 100 = $1)
    SELECT * FROM expected e FULL JOIN actual a USING (enterprise_id, month)
    WHERE e.revenue IS DISTINCT FROM a.revenue OR e.employees IS DISTINCT FROM a.employees OR e.months IS DISTINCT FROM a.months
    LIMIT 5`, [year]);
}

describe.each(backends())('running totals per enterprise (%s)', (backend) => {
  let t: TestDatabase;
  let firm: number;
  beforeAll(async () => {
    t = await copyTemplate(backend);
    [{ id: firm }] = await t.db.query<{ id: number }>('SELECT enterprise_id AS id FROM operating_figures WHERE month = 202106 ORDER BY enterprise_id LIMIT 1');
  });
  afterAll(() => t.drop());

  it('equal the plain running sums after the seed', async () => {
    expect(await mismatches(t.db, 2021)).toEqual([]);
    expect(await mismatches(t.db, 2020)).toEqual([]);
  });

  it('are what the migration builds for a database that already holds figures', async () => {
    // Migration 9's backfill (an INSERT … SELECT in firm_ytd's columns of then), run as a query;
    // migration 22 then added each firm's square (below).
    const migration = MIGRATIONS.find((m) => m.name.includes('(firm_ytd)'))!;
    const backfill = migration.sql.slice(migration.sql.indexOf('INSERT INTO firm_ytd') + 'INSERT INTO firm_ytd'.length).replace(/;\s*$/, '');
    const columns = 'month, enterprise_id, revenue, output, value_added, profit, tax, employees, months';
    // The window sums are numeric: cast to firm_ytd's types to compare values.
    const typed = 'month, enterprise_id, revenue::bigint, output::bigint, value_added::bigint, profit::bigint, tax::bigint, employees::bigint, months::smallint';
    const built = await t.db.query(`SELECT ${typed} FROM (${backfill}) b (${columns}) ORDER BY month, enterprise_id`);
    expect(built.length).toBeGreaterThan(1000);
    expect(built).toEqual(await t.db.query(`SELECT ${columns} FROM firm_ytd ORDER BY month, enterprise_id`));
  });

  it("hold each firm's square and position in firm_points and firm_ytd, as the rollups' cells do", async () => {
    expect(await t.db.query(`SELECT y.enterprise_id FROM firm_ytd y JOIN enterprises e ON e.id = y.enterprise_id
      JOIN indicator_cells c ON c.id = e.cell_id WHERE y.grid <> c.grid LIMIT 5`)).toEqual([]);
    expect(await t.db.query(`SELECT e.id FROM enterprises e LEFT JOIN firm_points fp ON fp.enterprise_id = e.id
      LEFT JOIN indicator_cells c ON c.id = e.cell_id
      WHERE fp.enterprise_id IS NULL OR fp.cell_id <> e.cell_id OR fp.grid <> c.grid OR NOT ST_Equals(fp.geom, e.geom) LIMIT 5`)).toEqual([]);
    const [{ n }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM firm_points');
    const [{ m }] = await t.db.query<{ m: number }>('SELECT count(*)::int AS m FROM enterprises');
    expect(n).toBe(m);
  });

  it('follow a revision in the middle of the year, a late first return, a removed month and a new month', async () => {
    await t.db.transaction(async (tx) => {
      await tx.query('UPDATE operating_figures SET revenue = revenue + 123456789, employees = employees + 7 WHERE month = 202104 AND enterprise_id = $1', [firm]);
      // A firm whose 2021 starts in July only.
      await tx.query('DELETE FROM operating_figures WHERE enterprise_id = $1 AND month BETWEEN 202101 AND 202106', [firm + 1]);
      // A gap: the firm did not report in September.
      await tx.query('DELETE FROM operating_figures WHERE enterprise_id = $1 AND month = 202109', [firm + 2]);
      // The first month of a new year, for one firm only.
      await tx.query(`INSERT INTO operating_figures (enterprise_id, month, revenue, output, value_added, profit, tax, employees, source)
        VALUES ($1, 202501, 1000, 900, 300, 50, 20, 12, 'import')`, [firm]);
      await refreshMonths(tx, [202104, 202101, 202102, 202103, 202105, 202106, 202109, 202501]);
    });
    for (const year of [2021, 2025]) expect(await mismatches(t.db, year)).toEqual([]);
    const [row] = await t.db.query<{ months: number }>('SELECT months FROM firm_ytd WHERE enterprise_id = $1 AND month = 202112', [firm + 2]);
    expect(row.months).toBe(11);
    expect(await t.db.query('SELECT 1 FROM firm_ytd WHERE enterprise_id = $1 AND month = 202106', [firm + 1])).toEqual([]);
  });

  it('give every period of a year, as a difference of two rows, the plain sum over its months', async () => {
    for (const [text, cumulative, months] of [['2021', false, [1, 12]], ['2021-Q2', false, [4, 6]], ['2021-07', true, [1, 7]], ['2021-09', false, [9, 9]]] as const) {
      const period = parsePeriod(text, cumulative)!;
      const bounds = (await boundsOf(t.db, period))!;
      const params: unknown[] = [];
      const p = (v: unknown) => `$${params.push(v)}`;
      const [a, b] = [p(2021 * 100 + months[0]), p(2021 * 100 + months[1])];
      const diff = await t.db.query(`SELECT e.id, ${figure('y', 'revenue', bounds)}::float8 AS ytd, ${monthsIn('y', bounds)}::int AS n, raw.revenue::float8 AS raw, raw.n::int AS raw_n
        FROM enterprises e ${joinPeriod('y', 'e.id', bounds, p, true)}
        LEFT JOIN (SELECT enterprise_id, sum(revenue) AS revenue, count(*) AS n FROM operating_figures WHERE month BETWEEN ${a} AND ${b} GROUP BY 1) raw ON raw.enterprise_id = e.id
        WHERE e.id BETWEEN ${p(firm - 5)} AND ${p(firm + 50)}
          AND (coalesce(raw.n, 0) <> ${monthsIn('y', bounds)} OR (raw.n > 0 AND raw.revenue <> ${figure('y', 'revenue', bounds)}))`, params);
      expect(diff, text).toEqual([]);
    }
  });
});
