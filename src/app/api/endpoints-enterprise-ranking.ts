// The dashboard's enterprise list (GET/POST /api/indicators/enterprises): the firms behind a number,
// one page at a time. Confidential: the server answers planners, officials and administrators only.
import type { EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import type { Metric } from '../../domain/monitoring/indicators.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { get, request } from './client.ts';
import type { ResolvedArea } from './endpoints-indicators.ts';

import type { EnterpriseRanking, RankingSort, SortOrder } from '../../domain/monitoring/enterprise-ranking.ts';

export { RANKABLE_METRICS, type EnterpriseRanking, type EnterpriseRankingRow, type SortOrder } from '../../domain/monitoring/enterprise-ranking.ts';
export type EnterpriseSort = RankingSort;

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
