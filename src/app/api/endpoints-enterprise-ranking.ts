// The dashboard's enterprise list (GET/POST /api/indicators/enterprises): the firms behind a number,
// one page at a time. Confidential: the server answers planners, officials and administrators only.
import type { EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import type { Metric, MetricUnit } from '../../domain/monitoring/indicators.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { get, request } from './client.ts';
import type { ResolvedArea } from './endpoints-indicators.ts';

export type EnterpriseSort = 'value' | 'lastYear' | 'change' | 'name';
export type SortOrder = 'asc' | 'desc';

/** Metrics with a value per enterprise (the server refuses shares and counts). */
export const RANKABLE_METRICS: readonly Metric[] = ['revenue', 'output', 'valueAdded', 'profit', 'tax', 'employees', 'amValueAdded', 'htValueAdded'];

export interface EnterpriseRankingParams {
  metric: Metric;
  period: string;
  cumulative: boolean;
  filter: EnterpriseFilter;
  /** The map's area: the question then goes by POST with the geometry in the body. */
  area?: ResolvedArea | null;
  villagePark?: number;
  valuePark?: number;
  sort: EnterpriseSort;
  order: SortOrder;
  offset: number;
  limit: number;
  lang: Lang;
}

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
  value: number | null;
  lastYear: number | null;
  /** (value − lastYear) / |lastYear|. */
  change: number | null;
}

export interface EnterpriseRanking {
  period: string;
  cumulative: boolean;
  metric: Metric;
  unit: MetricUnit;
  sort: EnterpriseSort;
  order: SortOrder;
  total: number;
  offset: number;
  limit: number;
  rows: EnterpriseRankingRow[];
  dataThrough: string | null;
  demo: boolean;
}

const FILTER_PARAMS: Record<keyof EnterpriseFilter, string> = {
  clusters: 'cluster', subIndustries: 'subIndustry', futureIndustries: 'futureIndustry', tags: 'tag', revenueTiers: 'tier', districts: 'district', towns: 'town',
};

export async function fetchEnterpriseRanking(p: EnterpriseRankingParams, signal?: AbortSignal): Promise<EnterpriseRanking> {
  const { area, filter, villagePark, valuePark, ...rest } = p;
  if (area) {
    const json = { ...rest, filters: filter, area: area.geometry, ...(villagePark ? { villagePark } : {}), ...(valuePark ? { valuePark } : {}) };
    return (await request<EnterpriseRanking>('POST', '/api/indicators/enterprises', { json, signal })).body;
  }
  const q = new URLSearchParams({
    metric: p.metric, period: p.period, cumulative: String(p.cumulative), sort: p.sort, order: p.order,
    offset: String(p.offset), limit: String(p.limit), lang: p.lang,
  });
  if (villagePark) q.set('villagePark', String(villagePark));
  if (valuePark) q.set('valuePark', String(valuePark));
  for (const [k, name] of Object.entries(FILTER_PARAMS) as [keyof EnterpriseFilter, string][]) if (filter[k].length) q.set(name, filter[k].join(','));
  return get<EnterpriseRanking>(`/api/indicators/enterprises?${q}`, signal);
}
