// The one indicator engine: every number the dashboard, the reports and the API show comes from
// here. It turns group sums (indicator-sums.ts) into the metric, adds comparisons and targets, names
// the groups in the caller's language and, for viewers and the public, suppresses small cells.
import { ABOVE_SCALE_METRICS, METRIC_UNIT, type IndicatorAnswer, type IndicatorComparison, type IndicatorQuery, type IndicatorRow, type Metric } from '../../domain/monitoring/indicators.ts';
import { formatPeriod, monthKey, monthRange, parsePeriod, previousPeriod, samePeriodLastYear, type Period } from '../../domain/monitoring/periods.ts';
import { suppressionPlan } from '../../domain/monitoring/suppression.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import type { Queryable } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import { groupSums, type GroupSums } from './indicator-sums.ts';
import { groupLabels } from './group-labels.ts';
import { targetsFor, type TargetRow } from './target-queries.ts';

export interface EngineOptions {
  /** Planners, officials and administrators see every cell; viewers and the public get small cells suppressed. */
  confidential: boolean;
  lang: Lang;
}

interface Valued {
  key: string;
  value: number | null;
  enterprises: number;
  demo: boolean;
}

function metricValue(metric: Metric, s: GroupSums, months: number): number | null {
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
  }
}

/** Months of the period that have figures anywhere (the denominator of average employees). */
function monthsWithData(p: Period, through: number | null): number {
  if (through === null) return 0;
  const [a, b] = monthRange(p);
  let n = 0;
  for (let m = a; m <= b; m++) if (monthKey(p.year, m) <= through) n++;
  return n;
}

async function valued(db: Queryable, q: IndicatorQuery, p: Period, through: number | null): Promise<{ rows: Valued[]; total: Valued }> {
  const months = monthsWithData(p, through);
  const toValued = (s: GroupSums): Valued => ({ key: s.key, value: metricValue(q.metric, s, months), enterprises: s.enterprises, demo: s.demo });
  const rows = q.by === 'none' ? [] : (await groupSums(db, q, p)).map(toValued);
  const [t] = await groupSums(db, { ...q, by: 'none' }, p);
  const total = t ? toValued(t) : { key: '', value: null, enterprises: 0, demo: false };
  return { rows, total };
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
  const period = parsePeriod(q.period, q.cumulative);
  if (!period) throw new HttpError(400, `The period "${q.period}" is not a year (2021), a quarter (2021-Q3) or a month (2021-07).`, { period: 'must be YYYY, YYYY-Qn or YYYY-MM' });
  const [{ through }] = await db.query<{ through: number | null }>('SELECT max(month) AS through FROM operating_figures');
  const partition = q.by !== 'tag';

  const main = await valued(db, q, period, through);
  const hidden = opts.confidential ? new Set<string>() : hiddenKeys(main, partition);

  const comparisons: { name: 'previous' | 'lastYear'; period: Period; rows: Map<string, number | null> }[] = [];
  for (const name of q.compare) {
    if (name === 'target') continue;
    const cp = name === 'previous' ? previousPeriod(period) : samePeriodLastYear(period);
    const v = await valued(db, q, cp, through);
    const h = opts.confidential ? new Set<string>() : hiddenKeys(v, partition);
    const values = new Map<string, number | null>(v.rows.map((r) => [r.key, h.has(r.key) ? null : r.value]));
    values.set('', h.has('') ? null : v.total.value);
    comparisons.push({ name, period: cp, rows: values });
  }

  const targets = q.compare.includes('target') ? await targetsFor(db, q.metric, q.by, period.year) : new Map<string, TargetRow>();
  const labels = await groupLabels(db, q.by, main.rows.map((r) => r.key), opts.lang);

  const present = (v: Valued, label: string): IndicatorRow => {
    if (hidden.has(v.key)) return { key: v.key, label, value: null, enterprises: null, suppressed: true };
    const row: IndicatorRow = { key: v.key, label, value: v.value, enterprises: v.enterprises };
    if (comparisons.length) {
      row.compare = {};
      for (const c of comparisons) {
        const before = c.rows.get(v.key) ?? null;
        const cmp: IndicatorComparison = { period: formatPeriod(c.period), value: before, change: change(q.metric, v.value, before) };
        row.compare[c.name] = cmp;
      }
    }
    const target = targets.get(v.key);
    if (target) {
      row.target = { plan: target.plan, year: target.year, value: target.value };
      row.attainment = v.value === null || target.value === 0 ? null : v.value / target.value;
    }
    return row;
  };

  const rows = main.rows
    .map((r) => present(r, labels.get(r.key) ?? r.key))
    .sort((a, b) => Number(a.suppressed ?? false) - Number(b.suppressed ?? false) || (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.key.localeCompare(b.key));
  return {
    metric: q.metric,
    period: formatPeriod(period),
    cumulative: period.cumulative,
    by: q.by,
    unit: METRIC_UNIT[q.metric],
    rows,
    total: present(main.total, totalLabel(opts.lang)),
    demo: main.total.demo,
    dataThrough: through === null ? null : `${Math.floor(through / 100)}-${String(through % 100).padStart(2, '0')}`,
    ...(ABOVE_SCALE_METRICS.has(q.metric) ? { scope: 'above-scale' as const } : {}),
  };
}

const totalLabel = (lang: Lang) => ({ 'zh-Hans': '合计', 'zh-Hant': '合計', en: 'Total' })[lang];
