// Endpoints of the early warnings (监测预警) and their rules.
import type { EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import type { RuleParams, Severity, WarningRule, WarningRuleChange, WarningsAnswer } from '../../domain/monitoring/warnings.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { get, request } from './client.ts';

/** The query parameter of each filter facet (as GET /api/indicators reads them). */
const FILTER_PARAMS: Record<keyof EnterpriseFilter, string> = {
  clusters: 'cluster', subIndustries: 'subIndustry', futureIndustries: 'futureIndustry', tags: 'tag', revenueTiers: 'tier', districts: 'district', towns: 'town',
};

export interface WarningsParams {
  period: string;
  cumulative: boolean;
  filter: EnterpriseFilter;
  lang: Lang;
}

export function fetchWarnings(p: WarningsParams, signal?: AbortSignal): Promise<WarningsAnswer> {
  const q = new URLSearchParams({ period: p.period, cumulative: String(p.cumulative), lang: p.lang });
  for (const [k, name] of Object.entries(FILTER_PARAMS) as [keyof EnterpriseFilter, string][]) if (p.filter[k].length) q.set(name, p.filter[k].join(','));
  return get<WarningsAnswer>(`/api/warnings?${q}`, signal);
}

export const fetchWarningRules = (signal?: AbortSignal) => get<{ items: WarningRule[] }>('/api/warning-rules', signal).then((r) => r.items);

export const fetchWarningRuleHistory = (id: number, signal?: AbortSignal) =>
  get<{ items: WarningRuleChange[] }>(`/api/warning-rules/${id}/history`, signal).then((r) => r.items);

export interface RuleEdit {
  params: RuleParams;
  enabled: boolean;
  severity: Severity;
  reason: string;
}

/** Changes a rule; `version` is the one the user saw (a stale one → ApiError 412, bad parameters → 400). */
export async function updateWarningRule(id: number, version: number, edit: RuleEdit): Promise<WarningRule> {
  return (await request<WarningRule>('PATCH', `/api/warning-rules/${id}`, { json: { ...edit, version } })).body;
}
