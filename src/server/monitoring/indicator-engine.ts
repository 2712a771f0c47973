// The one indicator engine: every number the dashboard, the reports and the API show comes from
// here. It turns group sums (indicator-sums.ts) into the metric, adds comparisons and targets, names
// the groups in the caller's language and, for viewers and the public, suppresses small cells.
import { endOfChinaDay as chinaDayEnd } from '../../domain/china-date.ts';
import { ABOVE_SCALE_METRICS, isPerMuGrouping, METRIC_UNIT, PER_MU_GROUPINGS, PER_MU_METRICS, type IndicatorAnswer, type IndicatorComparison, type IndicatorQuery, type IndicatorRow, type Metric } from '../../domain/monitoring/indicators.ts';
import { formatPeriod, monthKey, monthRange, parsePeriod, previousPeriod, samePeriodLastYear, type Period } from '../../domain/monitoring/periods.ts';
import { suppressionPlan } from '../../domain/monitoring/suppression.ts';
import { muOfKm2 } from '../../domain/monitoring/warnings.ts';
import { taxonomy, type Lang } from '../../domain/taxonomy.ts';
import type { Queryable } from '../db/database.ts';
import { problem, withFields } from '../../domain/problems.ts';
import { HttpError, periodError } from '../http/errors.ts';
import { groupSums, vintageRows, type GroupSums, type SumsQuery } from './indicator-sums.ts';
import { groupLabels } from './group-labels.ts';
import { targetsFor, type TargetRow } from './target-queries.ts';

export interface EngineOptions {
  /** Planners, officials and administrators see every cell; viewers and the public get small cells suppressed. */
  confidential: boolean;
  lang: Lang;
  /**
   * The figures as they stood at the end of this China day (YYYY-MM-DD, UTC+8): when any monthly row
   * was recorded after it, the answer comes from the vintage of that instant (indicator-sums.ts
   * `vintage`, detail path); otherwise the latest figures are that vintage and the usual paths answer.
   * Enterprises' attributes (cluster, district, tags …) and the targets are today's: they keep no vintage.
   */
  asOf?: string;
}

/** The instant a China day ends (domain/china-date.ts); a 400 naming `asOf` when it is no date. */
export function endOfChinaDay(date: string): string {
  const end = chinaDayEnd(date);
  if (!end) throw new HttpError(400, `asOf "${date}" is not a date (YYYY-MM-DD).`, { asOf: 'must be YYYY-MM-DD' }, undefined, withFields(problem('as_of_invalid', { value: date }), { asOf: problem('field_date') }));
  return end;
}

interface Valued {
  key: string;
  value: number | null;
  enterprises: number;
  demo: boolean;
}

/** `mu`: the land area of the group (parks only), the denominator of the per-mu metrics. */
function metricValue(metric: Metric, s: GroupSums, months: number, mu?: number): number | null {
  switch (metric) {
    case 'revenue': return s.revenue;
    case 'output': return s.output;
    case 'valueAdded': return s.valueAdded;
    case 'profit': return s.profit;
    case 'tax': return s.tax;
    case 'employees': return months > 0 ? s.employeeMonths / months : null;
    case 'enterprises': return s.enterprises;
    case 'amValueAdded': return s.amValueAdded;
    case 'htValueAdded': return s.htValueAdded;
    case 'amShare': return s.valueAdded > 0 ? s.amValueAdded / s.valueAdded : null;
    case 'htShare': return s.valueAdded > 0 ? s.htValueAdded / s.valueAdded : null;
    case 'outputPerMu': return mu ? s.output / mu : null;
    case 'taxPerMu': return mu ? s.tax / mu : null;
  }
}

/** Months of the period that have figures anywhere (the denominator of average employees). */
export function monthsWithData(p: Period, through: number | null): number {
  if (through === null) return 0;
  const [a, b] = monthRange(p);
  let n = 0;
  for (let m = a; m <= b; m++) if (monthKey(p.year, m) <= through) n++;
  return n;
}

type Valued2 = { rows: Valued[]; total: Valued };

/** Values per group and total for every period, keyed by formatPeriod: four statements however many periods. */
/** Groupings in which every enterprise falls in exactly one group. */
const PARTITIONS: ReadonlySet<IndicatorQuery['by']> = new Set(['cluster', 'subIndustry', 'division', 'district', 'town']);

function sumGroups(rows: Map<string, GroupSums[]>): Map<string, GroupSums[]> {
  const out = new Map<string, GroupSums[]>();
  for (const [label, groups] of rows) {
    if (!groups.length) { out.set(label, []); continue; }
    const t: GroupSums = { key: '', revenue: 0, output: 0, valueAdded: 0, profit: 0, tax: 0, employeeMonths: 0, amValueAdded: 0, htValueAdded: 0, enterprises: 0, demo: false };
    for (const g of groups) {
      for (const k of ['revenue', 'output', 'valueAdded', 'profit', 'tax', 'employeeMonths', 'amValueAdded', 'htValueAdded', 'enterprises'] as const) t[k] += g[k];
      t.demo ||= g.demo;
    }
    out.set(label, [t]);
  }
  return out;
}

/** The land area in mu of the parks with these ids (village parks: area_mu; value parks: area_km2 in mu). */
async function parkMu(db: Queryable, by: (typeof PER_MU_GROUPINGS)[number], ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const sql = by === 'villagePark'
    ? 'SELECT id::text AS key, area_mu::float8 AS mu FROM village_parks WHERE id = ANY($1::int[])'
    : 'SELECT id::text AS key, (area_km2 * $2::float8) AS mu FROM value_parks WHERE id = ANY($1::int[])';
  const params = by === 'villagePark' ? [ids.map(Number)] : [ids.map(Number), muOfKm2(1, taxonomy.muInSquareMetres)];
  return new Map((await db.query<{ key: string; mu: number }>(sql, params)).map((r) => [r.key, r.mu]));
}

async function valuedMany(db: Queryable, q: IndicatorQuery & Pick<SumsQuery, 'vintage'>, periods: Period[], through: number | null): Promise<Map<string, Valued2>> {
  const rowSums = q.by === 'none' ? null : await groupSums(db, q, periods);
  // Per mu, the total is the parks' output (or tax) over the area of the parks that reported: only park firms count.
  const perMu = PER_MU_METRICS.has(q.metric) && isPerMuGrouping(q.by);
  const mu = perMu ? await parkMu(db, q.by as (typeof PER_MU_GROUPINGS)[number], [...new Set([...rowSums!.values()].flatMap((g) => g.map((r) => r.key)))]) : null;
  // Where the groups partition the enterprises, the total is their sum (contributors included): no second question.
  const totals = rowSums && (PARTITIONS.has(q.by) || perMu) ? sumGroups(rowSums) : await groupSums(db, { ...q, by: 'none' }, periods);
  const out = new Map<string, Valued2>();
  for (const p of periods) {
    const label = formatPeriod(p);
    const months = monthsWithData(p, through);
    const groups = rowSums?.get(label) ?? [];
    const totalMu = mu ? groups.reduce((a, r) => a + (mu.get(r.key) ?? 0), 0) : undefined;
    const toValued = (s: GroupSums, area = mu?.get(s.key)): Valued => ({ key: s.key, value: metricValue(q.metric, s, months, area), enterprises: s.enterprises, demo: s.demo });
    const t = totals.get(label)?.[0];
    out.set(label, { rows: groups.map((r) => toValued(r)), total: t ? toValued(t, totalMu) : { key: '', value: null, enterprises: 0, demo: false } });
  }
  return out;
}

/** What a viewer may see of a period's answer: suppressed keys (and '' for the total). */
function hiddenKeys(v: { rows: Valued[]; total: Valued }, partition: boolean): Set<string> {
  const plan = suppressionPlan(v.rows, v.total, partition);
  const keys = new Set([...plan.rows].map((i) => v.rows[i].key));
  if (plan.total) keys.add('');
  return keys;
}

function change(metric: Metric, now: number | null, before: number | null): number | null {
  if (now === null || before === null) return null;
  if (METRIC_UNIT[metric] === 'fraction') return now - before;
  return before === 0 ? null : (now - before) / Math.abs(before);
}

export async function computeIndicators(db: Queryable, q: IndicatorQuery, opts: EngineOptions): Promise<IndicatorAnswer> {
  return (await computeSeries(db, q, [q.period], opts))[0];
}

/** The same question for several periods (a trend): one answer per period, in the order asked. */
export async function computeSeries(db: Queryable, q: IndicatorQuery, periodTexts: string[], opts: EngineOptions): Promise<IndicatorAnswer[]> {
  const periods = periodTexts.map((text) => {
    const p = parsePeriod(text, q.cumulative);
    if (!p) throw periodError(text);
    return p;
  });
  if (PER_MU_METRICS.has(q.metric) && !isPerMuGrouping(q.by))
    throw new HttpError(400, `The metric "${q.metric}" is per mu of a park's land: group by ${PER_MU_GROUPINGS.join(' or ')}.`, { by: `must be ${PER_MU_GROUPINGS.join(' or ')} for ${q.metric}` }, undefined,
      withFields(problem('per_mu_grouping', { metric: q.metric, groupings: [...PER_MU_GROUPINGS] }), { by: problem('field_one_of', { allowed: [...PER_MU_GROUPINGS] }) }));
  // The vintage: none (the latest figures) unless asOf is set and a row was recorded after that day.
  const at = opts.asOf ? endOfChinaDay(opts.asOf) : null;
  const vintage = at && (await db.query('SELECT 1 FROM operating_figures WHERE recorded_at >= $1::timestamptz LIMIT 1', [at])).length ? at : undefined;
  const [{ through }] = vintage
    ? await db.query<{ through: number | null }>(`SELECT max(month) AS through FROM ${vintageRows('$1')} v`, [vintage])
    : await db.query<{ through: number | null }>('SELECT max(month) AS through FROM operating_figures');
  const [{ updatedAt }] = await db.query<{ updatedAt: string | null }>(`SELECT to_char(coalesce(
      (SELECT max(applied_at) FROM imports WHERE kind = 'operating' AND status = 'applied' AND applied_at < coalesce($1::timestamptz, 'infinity')),
      (SELECT min(applied_at) FROM schema_migrations)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt"`, [at]);
  const partition = q.by !== 'tag';
  const compares = q.compare.filter((c): c is 'previous' | 'lastYear' => c !== 'target');
  const compareOf = (p: Period, c: 'previous' | 'lastYear') => (c === 'previous' ? previousPeriod(p) : samePeriodLastYear(p));
  const all = new Map<string, Period>();
  for (const p of periods) {
    all.set(formatPeriod(p), p);
    for (const c of compares) all.set(formatPeriod(compareOf(p, c)), compareOf(p, c));
  }
  const values = await valuedMany(db, vintage ? { ...q, vintage } : q, [...all.values()], through);
  const hidden = new Map<string, Set<string>>();
  for (const [label, v] of values) hidden.set(label, opts.confidential ? new Set() : hiddenKeys(v, partition));
  const keys = new Set([...values.values()].flatMap((v) => v.rows.map((r) => r.key)));
  const labels = await groupLabels(db, q.by, [...keys], opts.lang);
  const targetsByYear = new Map<number, Map<string, TargetRow>>();
  if (q.compare.includes('target'))
    for (const y of new Set(periods.map((p) => p.year))) targetsByYear.set(y, await targetsFor(db, q.metric, q.by, y));

  return periods.map((period) => {
    const label = formatPeriod(period);
    const main = values.get(label)!;
    const hide = hidden.get(label)!;
    const targets = targetsByYear.get(period.year) ?? new Map<string, TargetRow>();
    const shown = (lbl: string, key: string): number | null => {
      const v = values.get(lbl)!;
      if (hidden.get(lbl)!.has(key)) return null;
      return key === '' ? v.total.value : (v.rows.find((r) => r.key === key)?.value ?? null);
    };
    const present = (v: Valued, name: string): IndicatorRow => {
      if (hide.has(v.key)) return { key: v.key, label: name, value: null, enterprises: null, suppressed: true };
      const row: IndicatorRow = { key: v.key, label: name, value: v.value, enterprises: v.enterprises };
      if (compares.length) {
        row.compare = {};
        for (const c of compares) {
          const cp = formatPeriod(compareOf(period, c));
          const before = shown(cp, v.key);
          row.compare[c] = { period: cp, value: before, change: change(q.metric, v.value, before) } satisfies IndicatorComparison;
        }
      }
      const target = targets.get(v.key);
      if (target) {
        row.target = { plan: target.plan, year: target.year, value: target.value };
        row.attainment = v.value === null || target.value === 0 ? null : v.value / target.value;
        // The yearly growth still needed: only a whole year before the target year says it.
        if (period.kind === 'year' && target.year > period.year && v.value && v.value > 0 && METRIC_UNIT[q.metric] !== 'fraction')
          row.requiredGrowth = Math.pow(target.value / v.value, 1 / (target.year - period.year)) - 1;
      }
      return row;
    };
    const rows = main.rows
      .map((r) => present(r, labels.get(r.key) ?? r.key))
      .sort((a, b) => Number(a.suppressed ?? false) - Number(b.suppressed ?? false) || (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.key.localeCompare(b.key));
    return {
      metric: q.metric,
      period: label,
      cumulative: period.cumulative,
      by: q.by,
      unit: METRIC_UNIT[q.metric],
      rows,
      total: present(main.total, totalLabel(opts.lang)),
      demo: main.total.demo,
      dataThrough: through === null ? null : `${Math.floor(through / 100)}-${String(through % 100).padStart(2, '0')}`,
      updatedAt,
      ...(ABOVE_SCALE_METRICS.has(q.metric) ? { scope: 'above-scale' as const } : {}),
    };
  });
}

const totalLabel = (lang: Lang) => ({ 'zh-Hans': '合计', 'zh-Hant': '合計', en: 'Total' })[lang];
