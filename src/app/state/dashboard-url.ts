// The dashboard's permalink: its own choices (period, cumulative, metric, cluster, ranking) beside the
// map's filter, area and language parameters, so a link carries "these filters" between map and dashboard.
import type { AreaSpec } from '../../domain/area-geometry.ts';
import type { EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import { isPerMuGrouping, METRICS, PER_MU_METRICS, type Grouping, type Metric } from '../../domain/monitoring/indicators.ts';
import { parsePeriod } from '../../domain/monitoring/periods.ts';
import { clusterByCode, type Lang } from '../../domain/taxonomy.ts';
import { decodeUrlState, DEFAULT_STATE, encodeUrlState } from './url-state.ts';

export const RANKINGS = ['district', 'town', 'villagePark', 'valuePark'] as const satisfies readonly Grouping[];
export type Ranking = (typeof RANKINGS)[number];

/** The metrics a planner picks for trends and rankings (shares have their own cards). */
export const PICKABLE_METRICS: readonly Metric[] = ['output', 'revenue', 'valueAdded', 'profit', 'tax', 'employees', 'enterprises', 'outputPerMu', 'taxPerMu'];

/**
 * Per-mu metrics exist only per park: with one picked, the ranking ranks village parks (or value
 * parks), and the other cards (trend, composition, tags, enterprise list) show the flow behind it.
 */
export const flowMetric = (m: Metric): Metric => (m === 'outputPerMu' ? 'output' : m === 'taxPerMu' ? 'tax' : m);
export const rankingFor = (m: Metric, r: Ranking): Ranking => (PER_MU_METRICS.has(m) && !isPerMuGrouping(r) ? 'villagePark' : r);

export interface DashboardState {
  period: string;
  cumulative: boolean;
  metric: Metric;
  /** The cluster the trend and the composition look at; null = all manufacturing. */
  cluster: string | null;
  ranking: Ranking;
  /** The date the renovation charts show statuses as of (YYYY-MM-DD); null = now. */
  asOf: string | null;
  filter: EnterpriseFilter;
  /** The map's area ("statistics of this area"); null = the whole city. */
  area: AreaSpec | null;
  lang: Lang;
}

export const DEFAULT_DASHBOARD: DashboardState = {
  period: '2021', cumulative: true, metric: 'output', cluster: null, ranking: 'district', asOf: null, filter: DEFAULT_STATE.filter, area: null, lang: 'zh-Hans',
};

export function decodeDashboard(search: string): DashboardState {
  const q = new URLSearchParams(search);
  const map = decodeUrlState(search);
  const out: DashboardState = { ...DEFAULT_DASHBOARD, filter: map.filter ?? DEFAULT_DASHBOARD.filter, area: map.area ?? null, lang: map.lang ?? DEFAULT_DASHBOARD.lang };
  const period = q.get('p');
  if (period && parsePeriod(period)) out.period = period;
  if (q.get('cum') !== null) out.cumulative = q.get('cum') === '1';
  const metric = q.get('m');
  if (metric && (METRICS as readonly string[]).includes(metric)) out.metric = metric as Metric;
  const cluster = q.get('cl');
  if (cluster && clusterByCode(cluster)) out.cluster = cluster;
  const ranking = q.get('rk');
  if (ranking && (RANKINGS as readonly string[]).includes(ranking)) out.ranking = ranking as Ranking;
  const asOf = q.get('ao');
  if (asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) && !Number.isNaN(Date.parse(asOf))) out.asOf = asOf;
  out.ranking = rankingFor(out.metric, out.ranking);
  return out;
}

/** The dashboard's query string: its choices, then the map's filter and language parameters. */
export function encodeDashboard(s: DashboardState): string {
  const map = new URLSearchParams(encodeUrlState({ ...DEFAULT_STATE, filter: s.filter, area: s.area, lang: s.lang }).slice(1));
  const q = new URLSearchParams();
  q.set('p', s.period);
  if (s.cumulative !== DEFAULT_DASHBOARD.cumulative) q.set('cum', s.cumulative ? '1' : '0');
  if (s.metric !== DEFAULT_DASHBOARD.metric) q.set('m', s.metric);
  if (s.cluster) q.set('cl', s.cluster);
  if (s.ranking !== DEFAULT_DASHBOARD.ranking) q.set('rk', s.ranking);
  if (s.asOf) q.set('ao', s.asOf);
  for (const [k, v] of map) if (!['c', 'z'].includes(k)) q.set(k, v);
  return `?${q.toString().replace(/%2C/g, ',').replace(/%3A/g, ':')}`;
}

/** The map link for the dashboard's filters (the map opens at its default view). */
export const mapLinkFor = (s: DashboardState) => `/${encodeUrlState({ ...DEFAULT_STATE, filter: s.filter, area: s.area, lang: s.lang })}`;
