// The SQL behind one indicator answer: sums and contributor counts per group for one period, from
// the rollups where the question allows it (no area, no future-industry filter, no park grouping),
// else from the monthly rows of the selected enterprises. Both paths apply the map's filter rules.
import type { MultiPolygon, Polygon } from 'geojson';
import type { EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import type { Grouping, Metric } from '../../domain/monitoring/indicators.ts';
import { formatPeriod, monthMask, monthsOf, rollupKeys, type Period } from '../../domain/monitoring/periods.ts';
import { taxonomy } from '../../domain/taxonomy.ts';
import type { Queryable } from '../db/database.ts';
import { LAYERS } from '../exports/export-layers.ts';
import { boundsOf, figure, joinPeriod, monthsIn } from './firm-ytd.ts';

export interface GroupSums {
  key: string;
  revenue: number;
  output: number;
  valueAdded: number;
  profit: number;
  tax: number;
  employeeMonths: number;
  amValueAdded: number;
  htValueAdded: number;
  enterprises: number;
  demo: boolean;
}

export interface SumsQuery {
  metric: Metric;
  by: Grouping;
  filter: EnterpriseFilter;
  area?: Polygon | MultiPolygon;
  /**
   * Answer from the figures as they stood at this instant (ISO 8601): the rows recorded before it and
   * not yet superseded then (operating_figures + operating_figures_history), always on the detail path,
   * since the rollups hold only the latest vintage. The engine sets it only when a row changed since.
   */
  vintage?: string;
}

/** The monthly rows valid at the instant `$n` (the same reconstruction as GET /api/enterprises/:id/figures?asOf=). */
export const vintageRows = (at: string) => `(SELECT enterprise_id, month, revenue, output, value_added, profit, tax, employees FROM operating_figures WHERE recorded_at < ${at}::timestamptz
    UNION ALL
    SELECT enterprise_id, month, revenue, output, value_added, profit, tax, employees FROM operating_figures_history
    WHERE recorded_at < ${at}::timestamptz AND superseded_at >= ${at}::timestamptz)`;

const TAG_ORDER: string[] = taxonomy.enterpriseTags.map((t) => t.code);

/** Rows restricted to the population a metric is defined on (see ABOVE_SCALE_METRICS). */
export const POPULATION: Partial<Record<Metric, string>> = {
  amValueAdded: 'c.above_scale AND c.advanced',
  htValueAdded: 'c.above_scale AND c.high_tech',
  amShare: 'c.above_scale',
  htShare: 'c.above_scale',
};

const CELL_KEY: Record<Exclude<Grouping, 'villagePark' | 'valuePark' | 'tag'>, string> = {
  none: "''", cluster: 'c.cluster', subIndustry: 'c.sub_industry', division: 'c.division', district: 'c.district', town: 'c.town',
};

/** The coarsest cell level that still has the attributes the question filters or groups by (see migration 4). */
export function cellLevel(q: SumsQuery): 0 | 1 | 2 {
  if (q.filter.towns.length || q.by === 'town') return 0;
  if (q.filter.tags.length || q.filter.revenueTiers.length || q.by === 'tag') return 1;
  return 2;
}

export const needsDetail = (q: SumsQuery) => Boolean(q.vintage) || Boolean(q.area) || q.filter.futureIndustries.length > 0 || q.by === 'villagePark' || q.by === 'valuePark';

/** An area question level 3 can answer: nothing asked that level 3 lacks (town, tags, tier, future industry, parks). */
const gridAnswerable = (q: SumsQuery) => !q.vintage && Boolean(q.area) && !q.filter.futureIndustries.length && !q.filter.towns.length && !q.filter.tags.length
  && !q.filter.revenueTiers.length && ['none', 'cluster', 'subIndustry', 'division', 'district'].includes(q.by);

function cellWhere(f: EnterpriseFilter, p: (v: unknown) => string): string[] {
  const w: string[] = [];
  const industry: string[] = [];
  if (f.clusters.length) industry.push(`c.cluster = ANY(${p(f.clusters)}::text[])`);
  if (f.subIndustries.length) industry.push(`c.sub_industry = ANY(${p(f.subIndustries)}::text[])`);
  if (industry.length) w.push(`(${industry.join(' OR ')})`);
  if (f.tags.length) w.push(`(c.tags_mask & ${p(f.tags.reduce((m, t) => m | (1 << TAG_ORDER.indexOf(t)), 0))}::int) <> 0`);
  if (f.revenueTiers.length) w.push(`c.tier = ANY(${p(f.revenueTiers.map((t) => taxonomy.revenueTiers.findIndex((x) => x.code === t) + 1))}::int[])`);
  const area: string[] = [];
  if (f.districts.length) area.push(`c.district = ANY(${p(f.districts)}::text[])`);
  if (f.towns.length) area.push(`c.town = ANY(${p(f.towns)}::text[])`);
  if (area.length) w.push(`(${area.join(' OR ')})`);
  return w;
}

function keyJoin(by: Grouping, p: (v: unknown) => string): { key: string; join: string } {
  if (by === 'tag') return { key: 'tg.code', join: `JOIN unnest(${p(TAG_ORDER)}::text[]) WITH ORDINALITY AS tg(code, i) ON (c.tags_mask & (1 << (tg.i::int - 1))) <> 0` };
  if (by === 'villagePark') return { key: 'e.village_park_id::text', join: '' };
  if (by === 'valuePark') return { key: 'e.value_park_id::text', join: '' };
  return { key: CELL_KEY[by], join: '' };
}

/** The sums of a group; `col` names the source of a figure column (employees: the employee-months). */
const SUM_COLUMNS = (col: (c: 'revenue' | 'output' | 'value_added' | 'profit' | 'tax' | 'employees') => string) => `sum(${col('revenue')})::float8 AS revenue,
  sum(${col('output')})::float8 AS output, sum(${col('value_added')})::float8 AS "valueAdded",
  sum(${col('profit')})::float8 AS profit, sum(${col('tax')})::float8 AS tax, sum(${col('employees')})::float8 AS "employeeMonths",
  coalesce(sum(${col('value_added')}) FILTER (WHERE c.advanced), 0)::float8 AS "amValueAdded",
  coalesce(sum(${col('value_added')}) FILTER (WHERE c.high_tech), 0)::float8 AS "htValueAdded", bool_or(c.demo) AS demo`;

/** Sums and contributors per group for each of the periods (keyed by formatPeriod), in two statements on the rollup path. */
export async function groupSums(db: Queryable, q: SumsQuery, periods: Period[]): Promise<Map<string, GroupSums[]>> {
  if (gridAnswerable(q)) return gridSums(db, q, periods);
  if (needsDetail(q)) {
    const out = new Map<string, GroupSums[]>();
    for (const p of periods) out.set(formatPeriod(p), await detailSums(db, q, p));
    return out;
  }
  return rollupSums(db, q, periods, cellLevel(q));
}

/** The rollup level of an area's covered squares: 4 (no industry in it, a few cells per square) when the question asks nothing of the industry, else 3. */
export const squareLevel = (q: SumsQuery): 3 | 4 =>
  !q.filter.clusters.length && !q.filter.subIndustries.length && (q.by === 'none' || q.by === 'district') ? 4 : 3;

/**
 * An area: the grid squares it covers from the level-3 or level-4 rollups, the squares on its edge enterprise by
 * enterprise (ST_Covers), added together. A point on a square's edge belongs to one square only, and
 * every point of a covered square is covered, so the answer is the detail path's to the yuan.
 */
async function gridSums(db: Queryable, q: SumsQuery, periods: Period[]): Promise<Map<string, GroupSums[]>> {
  const [sq] = await db.query<{ inner: number[]; edge: number[] }>(`WITH a AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g)
    SELECT coalesce(array_agg(grid) FILTER (WHERE ST_Covers(a.g, geom)), '{}') AS inner,
      coalesce(array_agg(grid) FILTER (WHERE NOT ST_Covers(a.g, geom)), '{}') AS edge
    FROM indicator_grid, a WHERE ST_Intersects(a.g, geom)`, [JSON.stringify(q.area)]);
  const inner = sq.inner.length ? await rollupSums(db, q, periods, squareLevel(q), sq.inner) : new Map<string, GroupSums[]>();
  const out = new Map<string, GroupSums[]>();
  for (const p of periods) {
    const label = formatPeriod(p);
    const merged = new Map<string, GroupSums>();
    const edge = sq.edge.length ? await edgeSums(db, q, p, sq.edge) : [];
    for (const r of [...(inner.get(label) ?? []), ...edge]) {
      const m = merged.get(r.key);
      if (!m) merged.set(r.key, { ...r });
      else {
        for (const k of ['revenue', 'output', 'valueAdded', 'profit', 'tax', 'employeeMonths', 'amValueAdded', 'htValueAdded', 'enterprises'] as const) m[k] += r[k];
        m.demo ||= r.demo;
      }
    }
    out.set(label, [...merged.values()]);
  }
  return out;
}

/** Sums and contributors per group from the rollups of one level (optionally only the cells of some grid squares). */
async function rollupSums(db: Queryable, q: SumsQuery, periods: Period[], level: number, grids?: number[]): Promise<Map<string, GroupSums[]>> {
  const out = new Map<string, GroupSums[]>(periods.map((p) => [formatPeriod(p), []]));
  // Each statement gets its own parameter list (a driver refuses parameters a statement does not use).
  const build = (select: (p: (v: unknown) => string, key: string, join: string, filters: string) => string) => {
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const { key, join } = keyJoin(q.by, p);
    const where = [`c.level = ${level}`, ...cellWhere(q.filter, p)];
    if (grids) where.push(`c.grid = ANY(${p(grids)}::int[])`);
    if (POPULATION[q.metric]) where.push(POPULATION[q.metric]!);
    return { sql: select(p, key, join, ` AND ${where.join(' AND ')}`), params };
  };
  const labels = periods.flatMap((p) => rollupKeys(p).map(() => formatPeriod(p)));
  const keys = periods.flatMap((p) => rollupKeys(p));
  const sums = build((p, key, join, filters) => `SELECT pm.label AS period, ${key} AS key, ${SUM_COLUMNS((c) => (c === 'employees' ? 'f.employee_months' : `f.${c}`))}
    FROM unnest(${p(labels)}::text[], ${p(keys)}::text[]) AS pm(label, rk)
    JOIN cell_figures f ON f.level = ${level} AND f.period = pm.rk JOIN indicator_cells c ON c.id = f.cell_id ${join}
    WHERE true${filters} GROUP BY 1, 2`);
  const counts = build((p, key, join, filters) => `SELECT pm.label AS period, ${key} AS key, sum(r.enterprises)::int AS enterprises
    FROM unnest(${p(periods.map(formatPeriod))}::text[], ${p(periods.map((x) => x.year))}::int[], ${p(periods.map(monthMask))}::int[]) AS pm(label, y, mask)
    JOIN cell_reporters r ON r.level = ${level} AND r.year = pm.y AND (r.months_mask & pm.mask) <> 0 JOIN indicator_cells c ON c.id = r.cell_id ${join}
    WHERE true${filters} GROUP BY 1, 2`);
  const rows = await db.query<GroupSums & { period: string }>(sums.sql, sums.params);
  const n = new Map((await db.query<{ period: string; key: string; enterprises: number }>(counts.sql, counts.params)).map((r) => [`${r.period}\u0000${r.key}`, r.enterprises]));
  for (const { period, ...r } of rows) out.get(period)!.push({ ...r, enterprises: n.get(`${period}\u0000${r.key}`) ?? 0 });
  return out;
}

/**
 * The firms of an area's edge squares that the area covers (ST_Covers), for a question level 3 can
 * answer: their positions from firm_points and their running totals from firm_ytd, each read as the
 * squares' ranges (migration 22) and joined by hash. The filters and groups are on the firm's level-0
 * cell, which has every attribute such a question asks about.
 */
async function edgeSums(db: Queryable, q: SumsQuery, period: Period, grids: number[]): Promise<GroupSums[]> {
  const bounds = await boundsOf(db, period);
  if (!bounds) return [];
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const { key, join } = keyJoin(q.by, p);
  const g = p(grids);
  // Materialized, so the planner reads each table's squares once rather than looking up every firm
  // (it underestimates how many firms ST_Covers keeps and would pick one index probe per firm).
  const ranges = [`y AS MATERIALIZED (SELECT * FROM firm_ytd WHERE month = ${p(bounds.end)}::int AND grid = ANY(${g}::int[]))`];
  if (bounds.before !== null) ranges.push(`y_0 AS MATERIALIZED (SELECT * FROM firm_ytd WHERE month = ${p(bounds.before)}::int AND grid = ANY(${g}::int[]))`);
  const where = [`fp.grid = ANY(${g}::int[])`, `ST_Covers(ST_SetSRID(ST_GeomFromGeoJSON(${p(JSON.stringify(q.area))}), 4326), fp.geom)`,
    ...cellWhere(q.filter, p), `${monthsIn('y', bounds)} > 0`];
  if (POPULATION[q.metric]) where.push(POPULATION[q.metric]!);
  // One row per firm (no tag grouping on this path), so count(*) counts firms.
  const sql = `WITH ${ranges.join(', ')}
    SELECT ${key} AS key, ${SUM_COLUMNS((col) => figure('y', col, bounds))}, count(*)::int AS enterprises
    FROM firm_points fp JOIN indicator_cells c ON c.id = fp.cell_id ${join} JOIN y ON y.enterprise_id = fp.enterprise_id
    ${bounds.before !== null ? 'LEFT JOIN y_0 ON y_0.enterprise_id = fp.enterprise_id' : ''}
    WHERE ${where.join(' AND ')} GROUP BY 1`;
  return db.query<GroupSums>(sql, params);
}

async function detailSums(db: Queryable, q: SumsQuery, period: Period): Promise<GroupSums[]> {
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const { key, join } = keyJoin(q.by, p);
  const ew = LAYERS.enterprises.where(q.filter, p);
  if (q.area) ew.push(`ST_Covers(ST_SetSRID(ST_GeomFromGeoJSON(${p(JSON.stringify(q.area))}), 4326), geom)`);
  if (q.by === 'villagePark') ew.push('village_park_id IS NOT NULL');
  if (q.by === 'valuePark') ew.push('value_park_id IS NOT NULL');
  const where = POPULATION[q.metric] ? [POPULATION[q.metric]!] : [];
  // Each firm's figures of the period: its monthly rows as they stood at the vintage, else two rows of
  // its running totals (firm-ytd.ts): plain joins, so the planner picks lookups per firm for a few
  // firms (a park) and one pass over the month's totals for many.
  let figures: string;
  let sums: string;
  if (q.vintage) {
    figures = `JOIN ${vintageRows(p(q.vintage))} f ON f.enterprise_id = e.id AND f.month = ANY(${p(monthsOf(period))}::int[])`;
    sums = `${SUM_COLUMNS((col) => `f.${col}`)}, count(DISTINCT f.enterprise_id)::int AS enterprises`;
  } else {
    const bounds = await boundsOf(db, period);
    if (!bounds) return [];
    figures = joinPeriod('y', 'e.id', bounds, p);
    where.push(`${monthsIn('y', bounds)} > 0`);
    sums = `${SUM_COLUMNS((col) => figure('y', col, bounds))}, count(DISTINCT e.id)::int AS enterprises`;
  }
  const sql = `SELECT ${key} AS key, ${sums}
    FROM (SELECT id, village_park_id, value_park_id, cell_id FROM enterprises${ew.length ? ` WHERE ${ew.join(' AND ')}` : ''}) e
    JOIN indicator_cells c ON c.id = e.cell_id ${join}
    ${figures}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY 1`;
  return db.query<GroupSums>(sql, params);
}
