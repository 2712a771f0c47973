// Value-innovation parks through the query cache: one park and all of them with outlines (the
// area's parks, "inside the value parks"). Keys start with 'value-parks' and the viewer (viewer.ts).
import { useQuery } from '@tanstack/react-query';
import { fetchValuePark, fetchValueParks } from '../api/endpoints-features.ts';
import { useViewer, type Viewer } from './viewer.ts';

export const valueParkKeys = {
  all: ['value-parks'] as const,
  detail: (viewer: Viewer, id: number) => ['value-parks', viewer, 'detail', id] as const,
  list: (viewer: Viewer) => ['value-parks', viewer, 'list'] as const,
};

/** All value parks with outlines: asked once per viewer, kept until an import or an edit changes them. */
export const valueParksQuery = (viewer: Viewer) => ({
  queryKey: valueParkKeys.list(viewer),
  queryFn: ({ signal }: { signal: AbortSignal }) => fetchValueParks(signal),
  staleTime: Infinity,
});

/** One value park; like a village park (parks.ts `usePark`), asked again whenever it is shown. */
export function useValuePark(id: number, enabled = true) {
  const viewer = useViewer();
  return useQuery({
    queryKey: valueParkKeys.detail(viewer ?? '', id),
    queryFn: ({ signal }) => fetchValuePark(id, signal),
    enabled: enabled && viewer !== null,
    staleTime: 0,
    gcTime: 0,
  });
}

export function useValueParks(enabled = true) {
  const viewer = useViewer();
  return useQuery({ ...valueParksQuery(viewer ?? ''), enabled: enabled && viewer !== null });
}
