// The districts choropleth: the engine's answer by district for the chosen metric and period, under
// the map's filters, turned into natural-break classes and a colour per district. The map, its
// legend and the hover tooltip share one request through the query cache.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { classBreaks, classColor, type ChoroplethClass } from '../../domain/monitoring/class-breaks.ts';
import type { IndicatorAnswer, IndicatorRow } from '../../domain/monitoring/indicators.ts';
import { fetchIndicators, type IndicatorParams } from '../api/endpoints-indicators.ts';
import { indicatorKeys } from '../queries/indicators.ts';
import { viewerOf } from '../queries/viewer.ts';
import { useAppStore } from '../state/store.ts';
import type { Choropleth } from '../state/types.ts';

export interface DistrictChoropleth {
  choropleth: Choropleth | null;
  answer: IndicatorAnswer | null;
  classes: ChoroplethClass[];
  /** Colour per district code with a published value; null when the choropleth is off or loading. */
  colors: Record<string, string> | null;
  rows: Record<string, IndicatorRow>;
  pending: boolean;
  error: unknown;
}

export function useDistrictChoropleth(): DistrictChoropleth {
  const choropleth = useAppStore((s) => s.choropleth);
  const filter = useAppStore((s) => s.filter);
  const lang = useAppStore((s) => s.lang);
  const viewer = useAppStore((s) => viewerOf(s.user));
  const sessionKnown = useAppStore((s) => s.sessionKnown);
  const params: IndicatorParams | null = choropleth ? { metric: choropleth.metric, by: 'district', cumulative: false, filter, compare: [], lang } : null;
  const q = useQuery({
    // The dashboard's key (indicator-queries.ts): the same question is answered once.
    queryKey: indicatorKeys.answer(viewer, choropleth?.period ?? null, params),
    queryFn: ({ signal }) => fetchIndicators(params!, choropleth!.period, signal),
    enabled: !!choropleth && sessionKnown,
  });
  return useMemo(() => {
    const answer = choropleth ? q.data ?? null : null;
    const published = answer?.rows.filter((r) => !r.suppressed && r.value !== null) ?? [];
    const classes = classBreaks(published.map((r) => r.value!));
    return {
      choropleth,
      answer,
      classes,
      colors: answer ? Object.fromEntries(published.map((r) => [r.key, classColor(r.value!, classes)!])) : null,
      rows: Object.fromEntries((answer?.rows ?? []).map((r) => [r.key, r])),
      pending: !!choropleth && q.isPending,
      error: choropleth ? q.error : null,
    };
  }, [choropleth, q.data, q.isPending, q.error]);
}
