// Village parks through the query cache: one park, its history, every park's status (now or on a
// date) and every park's outline. Keys start with 'parks' and the viewer (viewer.ts), so a change of
// user asks again and invalidate.ts can refresh all of them after an edit or an import.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchPark, fetchParkHistory, fetchParkStatuses } from '../api/endpoints.ts';
import { fetchParkOutlines } from '../api/endpoints-features.ts';
import { useViewer, type Viewer } from './viewer.ts';

export const parkKeys = {
  all: ['parks'] as const,
  detail: (viewer: Viewer, id: number) => ['parks', viewer, 'detail', id] as const,
  /** Every park's history of this viewer (a history key adds the park, its version and its pending proposals). */
  histories: (viewer: Viewer) => ['parks', viewer, 'history'] as const,
  /** Statuses now (`asOf` null) or on a date. */
  statuses: (viewer: Viewer, asOf: string | null) => ['parks', viewer, 'statuses', asOf] as const,
  outlines: (viewer: Viewer) => ['parks', viewer, 'outlines'] as const,
};

/** The dashboard's renovation summary (counts by status, pilots, value parks' elements): the same for every role. */
export const parkSummaryKeys = {
  all: ['parks-summary'] as const,
  summary: (districts: readonly string[], asOf: string | null) => ['parks-summary', districts, asOf] as const,
};

/** Every park's outline (≈1.4 MB): asked once per viewer, kept until an import changes parks. */
export const parkOutlinesQuery = (viewer: Viewer) => ({
  queryKey: parkKeys.outlines(viewer),
  queryFn: ({ signal }: { signal: AbortSignal }) => fetchParkOutlines(signal),
  staleTime: Infinity,
});

/**
 * One park. The entry lives only while shown (gcTime 0) and is asked again whenever a panel or link
 * showing it mounts, so a park opened again shows its status now, not as it was the last time.
 */
export function usePark(id: number, enabled = true) {
  const viewer = useViewer();
  return useQuery({
    queryKey: parkKeys.detail(viewer ?? '', id),
    queryFn: ({ signal }) => fetchPark(id, signal),
    enabled: enabled && viewer !== null,
    staleTime: 0,
    gcTime: 0,
  });
}

/**
 * A park's status history (newest first, with the review steps). The version and the pending
 * proposals are part of the key: an edit, or a proposal made or decided, asks again; the old list
 * stays on screen until the new one is in.
 */
export function useParkHistory(id: number, version: number, reviewKey: string) {
  const viewer = useViewer();
  return useQuery({
    queryKey: [...parkKeys.histories(viewer ?? ''), id, version, reviewKey],
    queryFn: ({ signal }) => fetchParkHistory(id, signal),
    enabled: viewer !== null,
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
}

/** Every park's status now (`asOf` null, the map's live colours) or as it stood on a date. */
export function useParkStatuses(asOf: string | null, enabled = true) {
  const viewer = useViewer();
  return useQuery({
    queryKey: parkKeys.statuses(viewer ?? '', asOf),
    queryFn: ({ signal }) => fetchParkStatuses(signal, asOf ?? undefined),
    enabled: enabled && viewer !== null,
    // A past date does not change (an edit or an import invalidates it); the live list is refreshed by those too.
    staleTime: 5 * 60_000,
  });
}

export function useParkOutlines(enabled = true) {
  const viewer = useViewer();
  return useQuery({ ...parkOutlinesQuery(viewer ?? ''), enabled: enabled && viewer !== null });
}
