// Keys of the indicator engine's answers: the dashboard's questions (dashboard/indicator-queries.ts),
// the map's districts choropleth (hooks/useDistrictChoropleth.ts, the same key shape, so the two
// share an answer), the parks' efficiency (hooks/useParkEfficiency.ts), the dashboard's enterprise
// ranking and the targets. Suppression depends on the role, so the viewer (viewer.ts) is in each key
// of an answer; an area stands by its permalink text, never its (possibly huge) geometry. An import
// invalidates them through the `all` prefixes (invalidate.ts).
import type { EnterpriseRankingParams } from '../api/endpoints-enterprise-ranking.ts';
import type { IndicatorParams } from '../api/endpoints-indicators.ts';
import type { Viewer } from './viewer.ts';

const keyOf = <P extends { area?: { key: string } | null }>(p: P) => ({ ...p, area: p.area?.key ?? null });

export const indicatorKeys = {
  all: ['indicators'] as const,
  /** `period` and `params` null for a question not asked (the choropleth off). */
  answer: (viewer: Viewer, period: string | null, params: IndicatorParams | null) => ['indicators', viewer, period, params && keyOf(params)] as const,
  seriesAll: ['indicator-series'] as const,
  series: (viewer: Viewer, periods: readonly string[], params: IndicatorParams) => ['indicator-series', viewer, periods, keyOf(params)] as const,
};

export const efficiencyKeys = {
  all: ['park-efficiency'] as const,
  series: (viewer: Viewer, metric: string, by: string) => ['park-efficiency', viewer, metric, by] as const,
};

export const rankingKeys = {
  all: ['enterprise-ranking'] as const,
  page: (viewer: Viewer, params: EnterpriseRankingParams) => ['enterprise-ranking', viewer, keyOf(params)] as const,
};

/** The year's targets (the same for every role); saving them invalidates every question, as they feed the indicators' comparisons. */
export const targetKeys = {
  all: ['targets'] as const,
};
