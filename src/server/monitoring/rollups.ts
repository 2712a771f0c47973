// Maintains the indicator rollups (migration 4 explains the tables): every enterprise gets the cell
// of its attributes, and each month, quarter and year holds the sums per cell. Called in the same
// transaction as the change (seed, enterprise import, operating import), so indicators never show a
// half-applied import. A month's refresh touches that month's raw rows once, then derives its
// quarter and year from the month rows, so applying a month of returns does not rescan the year.
import { taxonomy } from '../../domain/taxonomy.ts';
import type { Queryable } from '../db/database.ts';
import { refreshFirmYtd } from './firm-ytd.ts';
import { GRID_POLYGON_SQL, GRID_SQL, REBUILD_FIRM_POINTS_SQL } from './grid-squares.ts';

const TAG_ORDER = taxonomy.enterpriseTags.map((t) => t.code);

/** Bit i set when the enterprise carries taxonomy tag i (the map payload's order). */
const TAGS_MASK_SQL = `(SELECT coalesce(sum(1 << (array_position($1::text[], t) - 1)), 0)::int FROM unnest(e.tags) t WHERE array_position($1::text[], t) IS NOT NULL)`;

/** 1-based tier of the enterprise's annual revenue (0 below the library threshold), as in the payload. */
const TIER_SQL = `CASE ${taxonomy.revenueTiers.map((t, i) => `WHEN e.revenue >= ${t.min}${t.max === null ? '' : ` AND e.revenue < ${t.max}`} THEN ${i + 1}`).join(' ')} ELSE 0 END`;


const DIMS_SQL = `SELECT e.id, ${GRID_SQL} AS grid, e.cluster, e.sub_industry, coalesce(left(e.industry_code, 2), '') AS division, e.district, e.town,
  ${TAGS_MASK_SQL} AS tags_mask, ${TIER_SQL} AS tier, 'above-scale' = ANY(e.tags) AS above_scale,
  coalesce(ic.advanced, false) AS advanced, coalesce(ic.high_tech, false) AS high_tech, e.demo
  FROM enterprises e LEFT JOIN industry_classes ic ON ic.code = e.industry_code`;

const CELL_COLUMNS = 'grid, cluster, sub_industry, division, district, town, tags_mask, tier, above_scale, advanced, high_tech, demo';

/** Puts every enterprise in the level-0 cell of its attributes, and links every cell to its coarser parents; returns how many enterprises changed cell. */
export async function assignCells(tx: Queryable): Promise<number> {
  await tx.query(`INSERT INTO indicator_cells (level, ${CELL_COLUMNS}) SELECT DISTINCT 0, ${CELL_COLUMNS} FROM (${DIMS_SQL}) d ON CONFLICT DO NOTHING`, [TAG_ORDER]);
  // Fresh statistics before joining on the cell key: without them the planner loops over every pair of cells.
  await tx.query('ANALYZE indicator_cells');
  const changed = await tx.query(`UPDATE enterprises x SET cell_id = c.id FROM (${DIMS_SQL}) d
    JOIN indicator_cells c ON c.level = 0 AND ${CELL_COLUMNS.split(', ').map((k) => `c.${k} = d.${k}`).join(' AND ')}
    WHERE x.id = d.id AND x.cell_id IS DISTINCT FROM c.id RETURNING x.id`, [TAG_ORDER]);
  for (const [level, coarse] of PARENT_LEVELS) {
    const cols = CELL_COLUMNS.split(', ').map((k) => coarse[k] ?? k).join(', ');
    await tx.query(`INSERT INTO indicator_cells (level, ${CELL_COLUMNS}) SELECT DISTINCT ${level}, ${cols} FROM indicator_cells WHERE level = 0 ON CONFLICT DO NOTHING`);
    await tx.query('ANALYZE indicator_cells');
    await tx.query(`UPDATE indicator_cells c SET parent${level} = p.id FROM indicator_cells p
      WHERE c.level = 0 AND p.level = ${level} AND ${CELL_COLUMNS.split(', ').map((k) => `p.${k} = ${coarse[k] ?? `c.${k}`}`).join(' AND ')}
      AND c.parent${level} IS DISTINCT FROM p.id`);
  }
  await tx.query(`INSERT INTO indicator_grid (grid, geom) SELECT g, ${GRID_POLYGON_SQL} FROM (SELECT DISTINCT grid AS g FROM indicator_cells WHERE level = 0) x
    ON CONFLICT DO NOTHING`);
  for (const sql of REBUILD_FIRM_POINTS_SQL) await tx.query(sql);
  return changed.length;
}

const LEVELS = [0, 1, 2, 3, 4];

/** What each coarser level drops: the attribute's "any" value. */
const PARENT_LEVELS: [1 | 2 | 3 | 4, Record<string, string>][] = [
  [1, { grid: '-1', town: "''" }],
  [2, { grid: '-1', town: "''", tags_mask: '-1', tier: '-1' }],
  [3, { town: "''", tags_mask: '-1', tier: '-1' }],
  [4, { cluster: "'*'", sub_industry: "'*'", division: "'*'", town: "''", tags_mask: '-1', tier: '-1' }],
];

const SUMS = 'sum(f.revenue), sum(f.output), sum(f.value_added), sum(f.profit), sum(f.tax), sum(f.employees)';
const RESUM = 'sum(f.revenue), sum(f.output), sum(f.value_added), sum(f.profit), sum(f.tax), sum(f.employee_months)';
const FIGURE_COLUMNS = 'level, period, cell_id, revenue, output, value_added, profit, tax, employee_months';

const monthText = (m: number) => `${Math.floor(m / 100)}-${String(m % 100).padStart(2, '0')}`;

/** Rebuilds the rollups of the given months (YYYYMM), their quarters and years, and the years' reporter counts. */
export async function refreshMonths(tx: Queryable, months: Iterable<number>): Promise<void> {
  const list = [...new Set(months)].sort((a, b) => a - b);
  if (!list.length) return;
  // A database from before the rollups (or enterprises added without a refresh) has firms without a cell.
  if ((await tx.query('SELECT 1 FROM enterprises WHERE cell_id IS NULL LIMIT 1')).length) await assignCells(tx);
  const years = [...new Set(list.map((m) => Math.floor(m / 100)))];
  const quarters = [...new Set(list.map((m) => `${Math.floor(m / 100)}-Q${Math.ceil((m % 100) / 3)}`))];
  // Months of level 0 from the raw rows, then every coarser level from level 0.
  // Every statement names the levels: the key starts with the level, so the index finds the rows.
  await tx.query('DELETE FROM cell_figures WHERE level = ANY($1::smallint[]) AND period = ANY($2::text[])', [LEVELS, [...list.map(monthText), ...quarters, ...years.map(String)]]);
  await tx.query(`INSERT INTO cell_figures (${FIGURE_COLUMNS})
    SELECT 0, (f.month / 100)::text || '-' || lpad((f.month % 100)::text, 2, '0'), e.cell_id, ${SUMS}
    FROM operating_figures f JOIN enterprises e ON e.id = f.enterprise_id
    WHERE f.month = ANY($1::int[]) GROUP BY f.month, e.cell_id`, [list]);
  for (const [level] of PARENT_LEVELS)
    await tx.query(`INSERT INTO cell_figures (${FIGURE_COLUMNS}) SELECT ${level}, f.period, c.parent${level}, ${RESUM}
      FROM cell_figures f JOIN indicator_cells c ON c.id = f.cell_id WHERE f.level = 0 AND f.period = ANY($1::text[]) GROUP BY f.period, c.parent${level}`, [list.map(monthText)]);
  // Quarters from their months, years from their quarters.
  const quarterMonths = quarters.flatMap((q) => { const [y, n] = [q.slice(0, 4), Number(q.slice(6))]; return [1, 2, 3].map((i) => `${y}-${String((n - 1) * 3 + i).padStart(2, '0')}`); });
  await tx.query(`INSERT INTO cell_figures (${FIGURE_COLUMNS})
    SELECT f.level, left(f.period, 4) || '-Q' || ((substr(f.period, 6, 2)::int + 2) / 3), f.cell_id, ${RESUM}
    FROM cell_figures f WHERE f.level = ANY($1::smallint[]) AND f.period = ANY($2::text[]) GROUP BY 1, 2, 3`, [LEVELS, quarterMonths]);
  const yearQuarters = years.flatMap((y) => [1, 2, 3, 4].map((n) => `${y}-Q${n}`));
  await tx.query(`INSERT INTO cell_figures (${FIGURE_COLUMNS})
    SELECT f.level, left(f.period, 4), f.cell_id, ${RESUM}
    FROM cell_figures f WHERE f.level = ANY($1::smallint[]) AND f.period = ANY($2::text[]) GROUP BY 1, 2, 3`, [LEVELS, yearQuarters]);
  await tx.query('ANALYZE cell_figures');
  await tx.query('DELETE FROM cell_reporters WHERE level = ANY($1::smallint[]) AND year = ANY($2::int[])', [LEVELS, years]);
  await tx.query(`INSERT INTO cell_reporters (level, cell_id, year, months_mask, enterprises)
    SELECT 0, cell_id, year, mask, count(*) FROM (
      SELECT e.cell_id, f.month / 100 AS year, bit_or(1 << (f.month % 100 - 1)) AS mask FROM operating_figures f JOIN enterprises e ON e.id = f.enterprise_id
      WHERE f.month BETWEEN $2 AND $3 AND f.month / 100 = ANY($1::int[]) GROUP BY f.enterprise_id, e.cell_id, f.month / 100) r
    GROUP BY cell_id, year, mask`, [years, Math.min(...years) * 100 + 1, Math.max(...years) * 100 + 12]);
  for (const [level] of PARENT_LEVELS)
    await tx.query(`INSERT INTO cell_reporters (level, cell_id, year, months_mask, enterprises)
      SELECT ${level}, c.parent${level}, r.year, r.months_mask, sum(r.enterprises) FROM cell_reporters r JOIN indicator_cells c ON c.id = r.cell_id
      WHERE r.level = 0 AND r.year = ANY($1::int[]) GROUP BY c.parent${level}, r.year, r.months_mask`, [years]);
  await tx.query('ANALYZE cell_reporters');
  await refreshFirmYtd(tx, list);
}

/** Reassigns cells and rebuilds every rollup: after the enterprises' attributes changed (seed, enterprise import). */
export async function refreshAll(tx: Queryable): Promise<void> {
  await assignCells(tx);
  await tx.query('DELETE FROM cell_figures');
  await tx.query('DELETE FROM cell_reporters');
  await tx.query('DELETE FROM firm_ytd');
  const months = await tx.query<{ month: number }>('SELECT DISTINCT month FROM operating_figures ORDER BY month');
  await refreshMonths(tx, months.map((r) => r.month));
  // Cells nobody sits in any more would only slow the joins (the figures were rebuilt without them).
  await tx.query('DELETE FROM indicator_cells c WHERE c.level = 0 AND NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.cell_id = c.id)');
  // One anti-join per parent level (an OR of the parents, or NOT IN, would be planned as a loop over all cells).
  await tx.query(`DELETE FROM indicator_cells p WHERE p.level > 0
    AND NOT EXISTS (SELECT 1 FROM indicator_cells c WHERE c.level = 0 AND c.parent1 = p.id)
    AND NOT EXISTS (SELECT 1 FROM indicator_cells c WHERE c.level = 0 AND c.parent2 = p.id)
    AND NOT EXISTS (SELECT 1 FROM indicator_cells c WHERE c.level = 0 AND c.parent3 = p.id)
    AND NOT EXISTS (SELECT 1 FROM indicator_cells c WHERE c.level = 0 AND c.parent4 = p.id)`);
}
