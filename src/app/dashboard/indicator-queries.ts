// The dashboard's data layer: TanStack Query over the indicator endpoints, keyed by every parameter
// (and the user, since suppression depends on the role), so a filter change refetches only what it
// touches and a return to an earlier choice is answered from the cache.
import { useQuery } from '@tanstack/react-query';
import { fetchIndicators, fetchIndicatorSeries, type IndicatorParams } from '../api/endpoints-indicators.ts';

/** The key of a question: the area stands by its permalink text, never its (possibly huge) geometry. */
const keyOf = (p: IndicatorParams) => ({ ...p, area: p.area?.key ?? null });

/** `enabled` false holds a question back (e.g. until the map's area is resolved). */
export function useIndicators(p: IndicatorParams, period: string, user: number | null, enabled = true) {
  return useQuery({ queryKey: ['indicators', user, period, keyOf(p)], queryFn: ({ signal }) => fetchIndicators(p, period, signal), enabled });
}

export function useIndicatorSeries(p: IndicatorParams, periods: string[], user: number | null, enabled = true) {
  return useQuery({ queryKey: ['indicator-series', user, periods, keyOf(p)], queryFn: ({ signal }) => fetchIndicatorSeries(p, periods, signal), enabled });
}
