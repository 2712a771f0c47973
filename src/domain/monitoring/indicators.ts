// The indicator vocabulary every client speaks: metrics, groupings and the answer's shape. The
// server computes (src/server/monitoring/), the dashboard and reports only display.
import type { EnterpriseFilter } from '../enterprise-filter.ts';

export const METRICS = [
  'revenue', 'output', 'valueAdded', 'profit', 'tax', 'employees', 'enterprises',
  'amValueAdded', 'amShare', 'htValueAdded', 'htShare', 'outputPerMu', 'taxPerMu',
] as const;
export type Metric = (typeof METRICS)[number];

/** Money metrics are in yuan; shares are fractions (0.657 = 65.7 %); counts are plain numbers; efficiency is yuan per mu of land. */
export type MetricUnit = 'yuan' | 'fraction' | 'persons' | 'enterprises' | 'yuanPerMu';
export const METRIC_UNIT: Record<Metric, MetricUnit> = {
  revenue: 'yuan', output: 'yuan', valueAdded: 'yuan', profit: 'yuan', tax: 'yuan',
  employees: 'persons', enterprises: 'enterprises',
  amValueAdded: 'yuan', amShare: 'fraction', htValueAdded: 'yuan', htShare: 'fraction',
  outputPerMu: 'yuanPerMu', taxPerMu: 'yuanPerMu',
};

/**
 * Land efficiency (亩均产值, 亩均税收): the output or tax of a park's enterprises over the park's land
 * area in mu. Defined only for a grouping by village or value park (PER_MU_GROUPINGS).
 */
export const PER_MU_METRICS: ReadonlySet<Metric> = new Set(['outputPerMu', 'taxPerMu']);
export const PER_MU_GROUPINGS = ['villagePark', 'valuePark'] as const;
export const isPerMuGrouping = (by: string): by is (typeof PER_MU_GROUPINGS)[number] => (PER_MU_GROUPINGS as readonly string[]).includes(by);

/**
 * Advanced- and high-tech-manufacturing value added and their shares count above-scale enterprises
 * only (规模以上, tag `above-scale`): the published figures and the plan's 70 % use that scope.
 */
export const ABOVE_SCALE_METRICS: ReadonlySet<Metric> = new Set(['amValueAdded', 'amShare', 'htValueAdded', 'htShare']);

export const GROUPINGS = ['none', 'cluster', 'subIndustry', 'division', 'district', 'town', 'villagePark', 'valuePark', 'tag'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export const COMPARISONS = ['previous', 'lastYear', 'target'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export const isMetric = (x: unknown): x is Metric => typeof x === 'string' && (METRICS as readonly string[]).includes(x);
export const isGrouping = (x: unknown): x is Grouping => typeof x === 'string' && (GROUPINGS as readonly string[]).includes(x);
export const isComparison = (x: unknown): x is Comparison => typeof x === 'string' && (COMPARISONS as readonly string[]).includes(x);

export interface IndicatorQuery {
  metric: Metric;
  /** `YYYY`, `YYYY-Qn` or `YYYY-MM`. */
  period: string;
  cumulative: boolean;
  by: Grouping;
  filter: EnterpriseFilter;
  /** WGS84 Polygon or MultiPolygon; enterprises on its edge count (ST_Covers), as on the map. */
  area?: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  compare: Comparison[];
}

export interface IndicatorComparison {
  period: string;
  value: number | null;
  /** (value − earlier) / |earlier|; for shares the difference in points (0.012 = +1.2 points). */
  change: number | null;
}

export interface IndicatorTarget {
  plan: string;
  year: number;
  value: number;
}

export interface IndicatorRow {
  key: string;
  label: string;
  /** Null when suppressed or when nothing was reported. */
  value: number | null;
  /** Enterprises that reported figures in the period (null when suppressed). */
  enterprises: number | null;
  suppressed?: true;
  compare?: { previous?: IndicatorComparison; lastYear?: IndicatorComparison };
  target?: IndicatorTarget;
  /** value / target.value. */
  attainment?: number | null;
  /** For a whole year before the target year: the yearly growth still needed to reach the target ((target / value)^(1/years) − 1). */
  requiredGrowth?: number;
}

export interface IndicatorAnswer {
  metric: Metric;
  period: string;
  cumulative: boolean;
  by: Grouping;
  unit: MetricUnit;
  rows: IndicatorRow[];
  total: IndicatorRow;
  /** True when any enterprise counted is demo data. */
  demo: boolean;
  /** The latest month with figures in the database (YYYY-MM), the data vintage of the answer. */
  dataThrough: string | null;
  /** When the figures were last written (the latest applied operating import, else the seed), ISO 8601 UTC. */
  updatedAt: string | null;
  /** Set when the metric counts above-scale enterprises only (ABOVE_SCALE_METRICS). */
  scope?: 'above-scale';
}
