// Park efficiency from the engine: outputPerMu / taxPerMu by village or value park for 2018-2021, one
// question per metric and park kind, shared through the query cache by every park panel and the
// efficiency overlay. Keyed by the user: viewers and the public get small parks suppressed.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { EMPTY_FILTER } from '../../domain/enterprise-filter.ts';
import { EFFICIENCY_YEARS, efficiencyValues, latestCompleteYear } from '../../domain/monitoring/park-efficiency.ts';
import { fetchIndicatorSeries } from '../api/endpoints-indicators.ts';
import { efficiencyKeys } from '../queries/indicators.ts';
import { viewerOf } from '../queries/viewer.ts';
import { useAppStore } from '../state/store.ts';

export type EfficiencyMetric = 'outputPerMu' | 'taxPerMu';
export type EfficiencyBy = 'villagePark' | 'valuePark';

export function useParkEfficiency(metric: EfficiencyMetric, by: EfficiencyBy, enabled = true) {
  const viewer = useAppStore((s) => viewerOf(s.user));
  return useQuery({
    queryKey: efficiencyKeys.series(viewer, metric, by),
    // Labels are not used (the park's own name is shown), so one language serves all.
    queryFn: ({ signal }) => fetchIndicatorSeries({ metric, by, cumulative: false, filter: EMPTY_FILTER, compare: [], lang: 'zh-Hans' }, [...EFFICIENCY_YEARS], signal)
      .then((r) => r.series),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/**
 * The efficiency overlay: village parks' output per mu of the latest complete year, from the same
 * cached question as the park panels. Asked only while the overlay is shown.
 */
export function useEfficiencyOverlay() {
  const on = useAppStore((s) => s.overlay === 'efficiency' && s.layers.villageParks);
  const q = useParkEfficiency('outputPerMu', 'villagePark', on);
  return useMemo(() => {
    const answer = on && q.data ? latestCompleteYear(q.data) : null;
    return { on, year: answer?.period ?? null, values: efficiencyValues(answer), pending: on && q.isPending, error: q.error };
  }, [on, q.data, q.isPending, q.error]);
}
