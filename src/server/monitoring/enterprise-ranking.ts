// The drill-down's last step: the enterprises behind a dashboard number, one row each, with the
// metric for the period, the same period a year earlier and the change, sorted and paged.
//
// This reads each firm's own figures (its running totals, firm-ytd.ts), not through computeIndicators (architecture §5, "Rule"):
// a row here is one enterprise's own figures, not an aggregate, so there is nothing to suppress and
// no rollup to use. That is also why only confidential roles (planners, officials, administrators)
// may ask; the route refuses everyone else. The population rules are the engine's: the map's filter
// through LAYERS.enterprises.where, above-scale + advanced / high-tech for those value-added metrics,
// and employees as the average over the months of the period that have figures anywhere.
import type { MultiPolygon, Polygon } from 'geojson';
import type { EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import { METRIC_UNIT, type Metric } from '../../domain/monitoring/indicators.ts';
import { formatPeriod, parsePeriod, samePeriodLastYear, type Period } from '../../domain/monitoring/periods.ts';
import { clusterByCode, districtByCode, label, type Lang } from '../../domain/taxonomy.ts';
import type { Queryable } from '../db/database.ts';
import { LAYERS } from '../exports/export-layers.ts';
import { problem, withFields } from '../../domain/problems.ts';
import { HttpError, periodError } from '../http/errors.ts';
import { isRankableMetric, RANKABLE_METRICS, RANKING_SORTS, type EnterpriseRanking, type EnterpriseRankingRow, type RankableMetric, type RankingSort } from '../../domain/monitoring/enterprise-ranking.ts';
import { boundsOf, figure, joinPeriod, monthsIn, type PeriodBounds, type YtdColumn } from './firm-ytd.ts';
import { monthsWithData } from './indicator-engine.ts';
import { POPULATION } from './indicator-sums.ts';

export { isRankableMetric, RANKABLE_METRICS, RANKING_SORTS, type EnterpriseRanking, type EnterpriseRankingRow, type RankableMetric, type RankingSort };
export const MAX_RANKING_LIMIT = 200;

export interface EnterpriseRankingQuery {
  metric: Metric;
  /** `YYYY`, `YYYY-Qn` or `YYYY-MM` (periods.ts). */
  period: string;
  cumulative: boolean;
  filter: EnterpriseFilter;
  area?: Polygon | MultiPolygon;
  /** Only the enterprises located in this village park / value-innovation park. */
  villagePark?: number;
  valuePark?: number;
  sort: RankingSort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
  lang: Lang;
}

const COLUMN: Record<RankableMetric, YtdColumn> = {
  revenue: 'revenue', output: 'output', valueAdded: 'value_added', profit: 'profit', tax: 'tax', employees: 'employees',
  amValueAdded: 'value_added', htValueAdded: 'value_added',
};

/**
 * The enterprises the question selects: the map's filter (LAYERS.enterprises.where, unqualified
 * columns of enterprises), the area, the park, then the metric's population from the enterprise's cell.
 */
function selected(q: EnterpriseRankingQuery, metric: RankableMetric, p: (v: unknown) => string): string {
  const where = LAYERS.enterprises.where(q.filter, p);
  if (q.area) where.push(`ST_Covers(ST_SetSRID(ST_GeomFromGeoJSON(${p(JSON.stringify(q.area))}), 4326), geom)`);
  if (q.villagePark !== undefined) where.push(`village_park_id = ${p(q.villagePark)}::int`);
  if (q.valuePark !== undefined) where.push(`value_park_id = ${p(q.valuePark)}::int`);
  const inner = `SELECT id, name, district, town, cluster, industry_code, demo, cell_id FROM enterprises${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  const population = POPULATION[metric];
  return population ? `SELECT sel.* FROM (${inner}) sel JOIN indicator_cells c ON c.id = sel.cell_id WHERE ${population}` : inner;
}

const ORDER_BY: Record<RankingSort, string> = { value: 'value', lastYear: 'last_year', change: 'change', name: 'name' };

export async function enterpriseRanking(db: Queryable, q: EnterpriseRankingQuery): Promise<EnterpriseRanking> {
  if (!isRankableMetric(q.metric))
    throw new HttpError(400, `The metric "${q.metric}" has no value per enterprise; use one of: ${RANKABLE_METRICS.join(', ')}.`, { metric: `must be one of: ${RANKABLE_METRICS.join(', ')}` }, undefined,
      withFields(problem('metric_not_rankable', { metric: q.metric, allowed: [...RANKABLE_METRICS] }), { metric: problem('field_one_of', { allowed: [...RANKABLE_METRICS] }) }));
  const metric = q.metric;
  const period = parsePeriod(q.period, q.cumulative);
  if (!period) throw periodError(q.period);
  if (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > MAX_RANKING_LIMIT)
    throw new HttpError(400, `Ask for 1 to ${MAX_RANKING_LIMIT} rows a page.`, { limit: `must be a whole number from 1 to ${MAX_RANKING_LIMIT}` }, undefined,
      withFields(problem('page_limit', { max: MAX_RANKING_LIMIT }), { limit: problem('field_whole_number', { min: 1, max: MAX_RANKING_LIMIT }) }));
  if (!Number.isInteger(q.offset) || q.offset < 0)
    throw new HttpError(400, 'The offset must be a whole number of 0 or more.', { offset: 'must be a whole number of 0 or more' }, undefined, withFields(problem('offset_invalid'), { offset: problem('field_too_small', { min: 0 }) }));
  const before = samePeriodLastYear(period);

  const [{ through }] = await db.query<{ through: number | null }>('SELECT max(month) AS through FROM operating_figures');
  // Flows are the sum over the period's months; employees the average over its months with data.
  const per = (sum: string, p: Period) => {
    if (metric !== 'employees') return sum;
    const n = monthsWithData(p, through);
    return n > 0 ? `${sum} / ${n}` : 'NULL::float8';
  };

  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  // One statement: the selected enterprises, each with its figures of the period and of the same
  // period a year earlier from its running totals (firm-ytd.ts: two rows per period, whatever its
  // length), then the page. Plain outer joins: the planner looks up a few firms (a district, a park,
  // an area) by key and reads the month's totals in one pass when most firms are asked for.
  // The id breaks ties, so pages neither repeat nor skip rows; names sort by code point (COLLATE "C":
  // the same on both backends, PGlite has no ICU), not by pinyin.
  const [nowBounds, beforeBounds] = await Promise.all([boundsOf(db, period), boundsOf(db, before)]);
  const valueOf = (alias: string, bounds: PeriodBounds | null) => (bounds
    ? `CASE WHEN ${monthsIn(alias, bounds)} > 0 THEN ${figure(alias, COLUMN[metric], bounds)} END::float8`
    : 'NULL::float8');
  const e = selected(q, metric, p);
  const figures = `(${e}) e ${nowBounds ? joinPeriod('n', 'e.id', nowBounds, p, true) : ''} ${beforeBounds ? joinPeriod('l', 'e.id', beforeBounds, p, true) : ''}`;
  const sql = `WITH v AS (
      SELECT e.*, ${per(valueOf('n', nowBounds), period)} AS value, ${per(valueOf('l', beforeBounds), before)} AS last_year FROM ${figures}
    ),
    w AS (
      SELECT v.*, CASE WHEN v.value IS NULL OR v.last_year IS NULL OR v.last_year = 0 THEN NULL
        ELSE (v.value - v.last_year) / abs(v.last_year) END AS change
      FROM v
    )
    SELECT w.id, w.name, w.district, w.town, t.name AS "townName", w.cluster, w.industry_code AS "industryCode",
      w.value, w.last_year AS "lastYear", w.change, count(*) OVER ()::int AS total, bool_or(w.demo) OVER () AS demo
    FROM w LEFT JOIN towns t ON t.code = w.town
    ORDER BY w.${ORDER_BY[q.sort]}${q.sort === 'name' ? ' COLLATE "C"' : ''} ${dir} NULLS LAST, w.id
    LIMIT ${p(q.limit)}::int OFFSET ${p(q.offset)}::int`;
  const rows = await db.query<Omit<EnterpriseRankingRow, 'districtName' | 'clusterName'> & { total: number; demo: boolean }>(sql, params);

  // Past the last page the window gives no count: ask once more (rare).
  let total = rows[0]?.total ?? 0;
  let demo = rows[0]?.demo ?? false;
  if (!rows.length && q.offset > 0) {
    const countParams: unknown[] = [];
    const [c] = await db.query<{ n: number; demo: boolean | null }>(`SELECT count(*)::int AS n, bool_or(demo) AS demo FROM (${selected(q, metric, (v) => `$${countParams.push(v)}`)}) e`, countParams);
    total = c.n;
    demo = c.demo ?? false;
  }

  return {
    period: formatPeriod(period),
    cumulative: period.cumulative,
    metric,
    unit: METRIC_UNIT[metric],
    sort: q.sort,
    order: q.order,
    total,
    offset: q.offset,
    limit: q.limit,
    rows: rows.map(({ total: _t, demo: _d, ...r }) => ({
      ...r,
      districtName: (() => { const d = districtByCode(r.district); return d ? label(d, q.lang) : r.district; })(),
      clusterName: (() => { const c = clusterByCode(r.cluster); return c ? label(c, q.lang) : r.cluster; })(),
    })),
    dataThrough: through === null ? null : `${Math.floor(through / 100)}-${String(through % 100).padStart(2, '0')}`,
    demo,
  };
}
