// Evaluates the enabled early-warning rules (warning_rules) for a period and an enterprise filter.
// Each rule is a few set-based statements, never one per enterprise or park.
//
// Cluster warnings take their numbers from computeIndicators, like every aggregate (architecture §5).
// Exception to that rule, on purpose: the firm and park rules read each firm's own figures (its running totals, firm-ytd.ts). They
// are not aggregates of the engine but tests of single firms (and of the firms in one park) against
// last year, like-for-like: only firms with a return for every month of both periods count, so a
// missing return never reads as a fall. Their figures are confidential, so viewers and the public
// never get them (PUBLIC_KINDS), and no suppression applies.
import { EMPTY_FILTER, type EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import { formatPeriod, monthsOf, parsePeriod, samePeriodLastYear, type Period } from '../../domain/monitoring/periods.ts';
import {
  compareWarnings, fallFactor, isBehindTarget, MAX_WARNINGS, muOfKm2, proRataThreshold, PUBLIC_KINDS, isWarningKind,
  type Warning, type WarningKind, type WarningRule, type WarningsAnswer,
} from '../../domain/monitoring/warnings.ts';
import { taxonomy, type Lang } from '../../domain/taxonomy.ts';
import type { Database, Queryable } from '../db/database.ts';
import { LAYERS } from '../exports/export-layers.ts';
import { periodError } from '../http/errors.ts';
import { computeIndicators } from './indicator-engine.ts';
import { boundsOf, figure, joinPeriod, monthsIn, type PeriodBounds } from './firm-ytd.ts';
import { listWarningRules } from './warning-rules.ts';

export interface WarningsQuery {
  period: string;
  cumulative: boolean;
  filter: EnterpriseFilter;
  lang: Lang;
}

/** Who asks: `confidential` as mayReadConfidential; `district` set for an official, whose warnings stay in that district. */
export interface WarningsScope {
  confidential: boolean;
  district: string | null;
}

interface Context extends WarningsQuery {
  p: Period;
  scope: WarningsScope;
}

interface RuleResult {
  items: Warning[];
  counts: Record<string, number>;
  total: number;
}

const ABOVE_SCALE_TAG = 'above-scale';

export async function evaluateWarnings(db: Database, q: WarningsQuery, scope: WarningsScope): Promise<WarningsAnswer> {
  const p = parsePeriod(q.period, q.cumulative);
  if (!p) throw periodError(q.period);
  const ctx: Context = { ...q, p, scope };
  const enabled = (await listWarningRules(db)).filter((r) => r.enabled && isWarningKind(r.kind));
  const visible = enabled.filter((r) => scope.confidential || PUBLIC_KINDS.has(r.kind));
  const hiddenKinds = [...new Set(enabled.filter((r) => !visible.includes(r)).map((r) => r.kind))];

  const items: Warning[] = [];
  const countsByDistrict: Record<string, number> = {};
  const countsByRule: Record<string, number> = {};
  let total = 0;
  // Cluster rules ask the engine; the firm and park rules share one scan of the figures, made in a
  // transaction (its temporary table lives until the commit).
  const firmRules = visible.filter((r) => r.kind !== 'clusterBehindTarget');
  const results = new Map<WarningRule, RuleResult>();
  for (const rule of visible.filter((r) => r.kind === 'clusterBehindTarget')) results.set(rule, await EVALUATORS[rule.kind](db, rule, ctx));
  if (firmRules.length)
    await db.transaction(async (tx) => {
      await loadFirmFigures(tx, ctx);
      for (const rule of firmRules) results.set(rule, await EVALUATORS[rule.kind](tx, rule, ctx));
    });
  for (const rule of visible) {
    const r = results.get(rule)!;
    items.push(...r.items);
    for (const [d, n] of Object.entries(r.counts)) countsByDistrict[d] = (countsByDistrict[d] ?? 0) + n;
    total += r.total;
    if (r.total) countsByRule[rule.code] = r.total;
  }
  items.sort(compareWarnings);

  const [{ through, demo }] = await db.query<{ through: number | null; demo: boolean }>(
    'SELECT (SELECT max(month) FROM operating_figures) AS through, EXISTS (SELECT 1 FROM enterprises WHERE demo) AS demo');
  return {
    period: formatPeriod(p),
    cumulative: p.cumulative,
    items: items.slice(0, MAX_WARNINGS),
    countsByDistrict,
    countsByRule,
    total,
    hiddenKinds,
    dataThrough: through === null ? null : `${Math.floor(through / 100)}-${String(through % 100).padStart(2, '0')}`,
    demo,
  };
}

const EVALUATORS: Record<WarningKind, (db: Queryable, rule: WarningRule, ctx: Context) => Promise<RuleResult>> = {
  clusterBehindTarget,
  enterpriseRevenueDrop,
  belowThreshold,
  parkOutputPerMuFell,
};

const change = (value: number | null, previous: number | null) => (value === null || previous === null || previous <= 0 ? null : (value - previous) / previous);

// ---- Clusters: the engine's numbers. ----

/**
 * A cluster whose gross output, cumulative from January to the end of the period, grew less against
 * the same months last year than the yearly growth its target still needs from last year's whole-year
 * output (the engine's requiredGrowth for last year). Cluster targets are the city's, so this rule
 * looks at the whole city and keeps only the clusters of the filter's industry facet: a district's
 * share of a cluster has no target.
 */
async function clusterBehindTarget(db: Queryable, rule: WarningRule, ctx: Context): Promise<RuleResult> {
  const opts = { confidential: ctx.scope.confidential, lang: ctx.lang };
  const base = { metric: 'output' as const, by: 'cluster' as const, filter: EMPTY_FILTER };
  const [now, lastYear] = await Promise.all([
    computeIndicators(db, { ...base, period: formatPeriod(ctx.p), cumulative: true, compare: ['lastYear'] }, opts),
    computeIndicators(db, { ...base, period: String(ctx.p.year - 1), cumulative: true, compare: ['target'] }, opts),
  ]);
  const required = new Map(lastYear.rows.filter((r) => r.requiredGrowth !== undefined).map((r) => [r.key, r.requiredGrowth!]));
  const f = ctx.filter;
  const parentOf = (sub: string) => taxonomy.clusters.find((c) => c.subIndustries.some((s) => s.code === sub))?.code;
  const wanted = f.clusters.length + f.subIndustries.length ? new Set([...f.clusters, ...f.subIndustries.map(parentOf)]) : null;
  const tolerance = rule.params.tolerance;
  const items: Warning[] = [];
  for (const row of now.rows) {
    const need = required.get(row.key);
    const growth = row.compare?.lastYear?.change ?? null;
    if (need === undefined || growth === null || (wanted && !wanted.has(row.key)) || !isBehindTarget(growth, need, tolerance)) continue;
    items.push({
      rule: rule.code, kind: rule.kind, severity: rule.severity,
      subject: { type: 'cluster', key: row.key, name: row.label, district: null },
      value: row.value, previous: row.compare?.lastYear?.value ?? null, threshold: need - tolerance / 100, change: growth,
    });
  }
  return { items, counts: {}, total: items.length };
}

// ---- Firms and parks: each firm's own figures (see the header). ----

/** A statement's text and its parameters, built together. */
class Sql {
  readonly params: unknown[] = [];
  p = (v: unknown) => `$${this.params.push(v)}`;
}

/** The filter's enterprises (the map's rules, LAYERS.enterprises.where), kept in an official's district. */
function selectedEnterprises(sql: Sql, ctx: Context): string {
  const where = LAYERS.enterprises.where(ctx.filter, sql.p);
  if (ctx.scope.district) where.push(`district = ${sql.p(ctx.scope.district)}`);
  return `SELECT id, name, district, village_park_id, value_park_id, tags FROM enterprises${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
}

/**
 * Per selected firm, once per request: revenue and output summed over the period (`*_now`) and the
 * same period last year (`*_before`), and whether each has a return for every month. One pass
 * serves every firm and park rule (a temporary table, dropped at commit).
 */
async function loadFirmFigures(tx: Queryable, ctx: Context): Promise<void> {
  const sql = new Sql();
  const n = monthsOf(ctx.p).length;
  // Each firm's sums over the period from two rows of its running totals (firm-ytd.ts), and how many
  // of the period's months it reported.
  const [now, before] = await Promise.all([boundsOf(tx, ctx.p), boundsOf(tx, samePeriodLastYear(ctx.p))]);
  const value = (alias: string, bounds: PeriodBounds | null, col: 'revenue' | 'output') => (bounds
    ? `CASE WHEN ${monthsIn(alias, bounds)} > 0 THEN ${figure(alias, col, bounds)} END::float8` : 'NULL::float8');
  const full = (alias: string, bounds: PeriodBounds | null) => (bounds ? `${monthsIn(alias, bounds)} = ${n}` : 'false');
  const some = [now && `${monthsIn('n', now)} > 0`, before && `${monthsIn('l', before)} > 0`].filter(Boolean);
  await tx.query(
    `CREATE TEMP TABLE warning_figs ON COMMIT DROP AS
     WITH sel AS (${selectedEnterprises(sql, ctx)})
     SELECT sel.id, sel.name, sel.district, sel.village_park_id, sel.value_park_id, ${sql.p(ABOVE_SCALE_TAG)} = ANY(sel.tags) AS above_scale,
       ${value('n', now, 'revenue')} AS revenue_now, ${value('l', before, 'revenue')} AS revenue_before,
       ${value('n', now, 'output')} AS output_now, ${value('l', before, 'output')} AS output_before,
       ${full('n', now)} AS now_full, ${full('l', before)} AS before_full
     FROM sel ${now ? joinPeriod('n', 'sel.id', now, sql.p, true) : ''} ${before ? joinPeriod('l', 'sel.id', before, sql.p, true) : ''}
     WHERE ${some.length ? some.join(' OR ') : 'false'}`,
    sql.params,
  );
}

/**
 * The rules' view of the firm figures: `sel` (the firms) and `figs` (`column` now and before) for
 * firms with a return in every month of the period, and of last year's too when `bothComplete`
 * (else `before` is null unless complete).
 */
function firmFigures(column: 'revenue' | 'output', bothComplete: boolean, extra = 'true'): string {
  return `WITH sel AS (SELECT * FROM warning_figs),
  figs AS (SELECT id, ${column}_now AS now, CASE WHEN before_full THEN ${column}_before END AS before
    FROM warning_figs WHERE now_full${bothComplete ? ' AND before_full' : ''} AND ${extra})`;
}

interface Hit { type: Warning['subject']['type']; id: number; name: string; district: string; value: number; previous: number | null }

/**
 * The first MAX_WARNINGS hits (biggest last year first) and the counts per district, of one rule's
 * warning set, in one statement: `w` is read twice, so PostgreSQL computes it once (a CTE referenced
 * twice is materialised), and the scan of the period's figures happens once per rule.
 */
async function collect(db: Queryable, sql: Sql, withClause: string, hits: string, rule: WarningRule, threshold: number): Promise<RuleResult> {
  const [answer] = await db.query<{ rows: Hit[] | null; counts: { district: string; n: number }[] | null }>(
    `${withClause}, w AS (${hits})
     SELECT (SELECT json_agg(x) FROM (SELECT * FROM w ORDER BY previous DESC NULLS LAST, id LIMIT ${MAX_WARNINGS}) x) AS rows,
            (SELECT json_agg(c) FROM (SELECT district, count(*)::int AS n FROM w GROUP BY district) c) AS counts`,
    sql.params,
  );
  const rows = answer.rows ?? [];
  const counts = answer.counts ?? [];
  return {
    items: rows.map((h) => ({
      rule: rule.code, kind: rule.kind, severity: rule.severity,
      subject: { type: h.type, id: h.id, name: h.name, district: h.district },
      value: h.value, previous: h.previous, threshold, change: change(h.value, h.previous),
    })),
    counts: Object.fromEntries(counts.map((c) => [c.district, c.n])),
    total: counts.reduce((s, c) => s + c.n, 0),
  };
}

/** A firm whose revenue in the period fell by more than `percent` against the same period last year. */
async function enterpriseRevenueDrop(db: Queryable, rule: WarningRule): Promise<RuleResult> {
  const sql = new Sql();
  const w = firmFigures('revenue', true);
  const hits = `SELECT 'enterprise' AS type, s.id, s.name, s.district, g.now AS value, g.before AS previous FROM figs g JOIN sel s ON s.id = g.id
    WHERE g.before > 0 AND g.now < g.before * ${sql.p(fallFactor(rule.params.percent))}::float8`;
  return collect(db, sql, w, hits, rule, -rule.params.percent / 100);
}

/**
 * An above-scale firm (tag `above-scale`: the population the rollups and ABOVE_SCALE_METRICS use,
 * reviewed yearly on last year's revenue) whose revenue in the period is below the above-scale
 * standard pro rata for the period's months: at risk of leaving the above-scale list (退规).
 */
async function belowThreshold(db: Queryable, rule: WarningRule, ctx: Context): Promise<RuleResult> {
  const sql = new Sql();
  const limit = proRataThreshold(rule.params.annualRevenue, monthsOf(ctx.p).length);
  const w = firmFigures('revenue', false, 'above_scale');
  const hits = `SELECT 'enterprise' AS type, s.id, s.name, s.district, g.now AS value, g.before AS previous FROM figs g JOIN sel s ON s.id = g.id
    WHERE g.now < ${sql.p(limit)}::float8`;
  return collect(db, sql, w, hits, rule, limit);
}

/**
 * A village or value-innovation park whose output per mu (the gross output of the filter's firms
 * located in it, over its area) fell by more than `percent` against the same period last year. Like
 * the engine's park groupings, the firm's park is where it is located now.
 */
async function parkOutputPerMuFell(db: Queryable, rule: WarningRule, ctx: Context): Promise<RuleResult> {
  const sql = new Sql();
  const w = firmFigures('output', true);
  const factor = `${sql.p(fallFactor(rule.params.percent))}::float8`;
  const own = ctx.scope.district ? ` AND pk.district = ${sql.p(ctx.scope.district)}` : '';
  const valueName = ctx.lang === 'en' ? 'pk.name_en' : ctx.lang === 'zh-Hant' ? 'pk.name_zh_hant' : 'pk.name';
  const perPark = (type: string, table: string, fk: string, name: string, mu: string) => `
    SELECT '${type}' AS type, pk.id, ${name} AS name, pk.district, sum(g.now) / ${mu} AS value, sum(g.before) / ${mu} AS previous
    FROM figs g JOIN sel s ON s.id = g.id JOIN ${table} pk ON pk.id = s.${fk}
    WHERE ${mu} > 0${own}
    GROUP BY pk.id
    HAVING sum(g.before) > 0 AND sum(g.now) < sum(g.before) * ${factor}`;
  const valueMu = `(pk.area_km2 * ${sql.p(muOfKm2(1, taxonomy.muInSquareMetres))}::float8)`;
  const hits = `${perPark('villagePark', 'village_parks', 'village_park_id', 'pk.name', 'pk.area_mu')}
    UNION ALL ${perPark('valuePark', 'value_parks', 'value_park_id', valueName, valueMu)}`;
  return collect(db, sql, w, hits, rule, -rule.params.percent / 100);
}
