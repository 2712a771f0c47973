// The dashboard's data layer: TanStack Query over the indicator endpoints, keyed by every parameter
// (and the user, since suppression depends on the role), so a filter change refetches only what it
// touches and a return to an earlier choice is answered from the cache.
import { useQuery } from '@tanstack/react-query';
import { fetchIndicators, fetchIndicatorSeries, type IndicatorParams } from '../api/endpoints-indicators.ts';

export function useIndicators(p: IndicatorParams, period: string, user: number | null) {
  return useQuery({ queryKey: ['indicators', user, period, p], queryFn: ({ signal }) => fetchIndicators(p, period, signal) });
}

export function useIndicatorSeries(p: IndicatorParams, periods: string[], user: number | null) {
  return useQuery({ queryKey: ['indicator-series', user, periods, p], queryFn: ({ signal }) => fetchIndicatorSeries(p, periods, signal) });
}
