// The dashboard's data layer: TanStack Query over the indicator endpoints, keyed by every parameter
// (and the viewer, since suppression depends on the role: queries/indicators.ts), so a filter change refetches only what it
// touches and a return to an earlier choice is answered from the cache.
import { useQuery } from '@tanstack/react-query';
import { fetchIndicators, fetchIndicatorSeries, type IndicatorParams } from '../api/endpoints-indicators.ts';
import { indicatorKeys } from '../queries/indicators.ts';
import type { Viewer } from '../queries/viewer.ts';

/** `enabled` false holds a question back (e.g. until the map's area is resolved). */
export function useIndicators(p: IndicatorParams, period: string, viewer: Viewer, enabled = true) {
  return useQuery({ queryKey: indicatorKeys.answer(viewer, period, p), queryFn: ({ signal }) => fetchIndicators(p, period, signal), enabled });
}

export function useIndicatorSeries(p: IndicatorParams, periods: string[], viewer: Viewer, enabled = true) {
  return useQuery({ queryKey: indicatorKeys.series(viewer, periods, p), queryFn: ({ signal }) => fetchIndicatorSeries(p, periods, signal), enabled });
}
