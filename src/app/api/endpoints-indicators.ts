// Endpoints of the indicator engine and the plan's targets: the only source of the dashboard's numbers.
import type { AreaGeometry } from '../../domain/area-geometry.ts';
import type { EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import type { Comparison, Grouping, IndicatorAnswer, Metric, MetricUnit } from '../../domain/monitoring/indicators.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import type { RenovationSummary } from '../../domain/monitoring/renovation.ts';
import type { Target } from '../../domain/monitoring/targets.ts';
import { get, request } from './client.ts';

/** The map's area resolved to its geometry; `key` (the permalink's `a=` text) stands for it in cache keys. */
export interface ResolvedArea {
  key: string;
  geometry: AreaGeometry;
}

export interface IndicatorParams {
  metric: Metric;
  by: Grouping;
  cumulative: boolean;
  filter: EnterpriseFilter;
  compare: Comparison[];
  lang: Lang;
  /** The map's area; the questions then go by POST with the geometry in the body. */
  area?: ResolvedArea | null;
}

export interface IndicatorSeries {
  metric: Metric;
  by: Grouping;
  cumulative: boolean;
  unit: MetricUnit;
  series: IndicatorAnswer[];
}

const FILTER_PARAMS: Record<keyof EnterpriseFilter, string> = {
  clusters: 'cluster', subIndustries: 'subIndustry', futureIndustries: 'futureIndustry', tags: 'tag', revenueTiers: 'tier', districts: 'district', towns: 'town',
};

function query(p: IndicatorParams): URLSearchParams {
  const q = new URLSearchParams({ metric: p.metric, by: p.by, cumulative: String(p.cumulative), lang: p.lang });
  if (p.compare.length) q.set('compare', p.compare.join(','));
  for (const [k, name] of Object.entries(FILTER_PARAMS) as [keyof EnterpriseFilter, string][]) if (p.filter[k].length) q.set(name, p.filter[k].join(','));
  return q;
}

/** The POST body of the same question: the filter and the area's geometry. */
function body(p: IndicatorParams) {
  return { metric: p.metric, by: p.by, cumulative: p.cumulative, lang: p.lang, compare: p.compare, filters: p.filter, area: p.area!.geometry };
}

export async function fetchIndicators(p: IndicatorParams, period: string, signal?: AbortSignal): Promise<IndicatorAnswer> {
  if (p.area) return (await request<IndicatorAnswer>('POST', '/api/indicators', { json: { ...body(p), period }, signal })).body;
  const q = query(p);
  q.set('period', period);
  return get<IndicatorAnswer>(`/api/indicators?${q}`, signal);
}

export async function fetchIndicatorSeries(p: IndicatorParams, periods: string[], signal?: AbortSignal): Promise<IndicatorSeries> {
  if (p.area) return (await request<IndicatorSeries>('POST', '/api/indicators/series', { json: { ...body(p), periods }, signal })).body;
  const q = query(p);
  q.set('periods', periods.join(','));
  return get<IndicatorSeries>(`/api/indicators/series?${q}`, signal);
}

export const fetchTargets = (signal?: AbortSignal) => get<{ items: Target[] }>('/api/targets', signal).then((r) => r.items);

/** Changes a target's value; `version` is the one the user saw (a stale one → ApiError 412). */
export async function updateTarget(id: number, version: number, value: number, reason: string): Promise<Target> {
  return (await request<Target>('PATCH', `/api/targets/${id}`, { json: { value, version, reason } })).body;
}

export type { RenovationSummary };

export function fetchRenovationSummary(districts: string[], asOf: string | null, signal?: AbortSignal): Promise<RenovationSummary> {
  const q = new URLSearchParams();
  if (districts.length) q.set('district', districts.join(','));
  if (asOf) q.set('asOf', asOf);
  return get<RenovationSummary>(`/api/parks/summary?${q}`, signal);
}
