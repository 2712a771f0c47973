// The enterprise list of the dashboard (GET/POST /api/indicators/enterprises): which metrics have a
// value per enterprise, how the list sorts, and the answer's shape, for the server and the app.
import type { Metric, MetricUnit } from './indicators.ts';

/** Metrics that mean something for one enterprise: flows in yuan and average employees (no shares, no counts). */
export const RANKABLE_METRICS = ['revenue', 'output', 'valueAdded', 'profit', 'tax', 'employees', 'amValueAdded', 'htValueAdded'] as const satisfies readonly Metric[];
export type RankableMetric = (typeof RANKABLE_METRICS)[number];
export const isRankableMetric = (m: unknown): m is RankableMetric => (RANKABLE_METRICS as readonly unknown[]).includes(m);

export const RANKING_SORTS = ['value', 'lastYear', 'change', 'name'] as const;
export type RankingSort = (typeof RANKING_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

export interface EnterpriseRankingRow {
  id: number;
  name: string;
  district: string;
  districtName: string;
  town: string;
  townName: string | null;
  cluster: string;
  clusterName: string;
  industryCode: string | null;
  /** Null when the enterprise reported nothing in the period. */
  value: number | null;
  lastYear: number | null;
  /** (value − lastYear) / |lastYear|; null when either is missing or last year was 0. */
  change: number | null;
}

export interface EnterpriseRanking {
  period: string;
  cumulative: boolean;
  metric: RankableMetric;
  unit: MetricUnit;
  sort: RankingSort;
  order: SortOrder;
  /** Enterprises in the list (all pages). */
  total: number;
  offset: number;
  limit: number;
  rows: EnterpriseRankingRow[];
  dataThrough: string | null;
  demo: boolean;
}

