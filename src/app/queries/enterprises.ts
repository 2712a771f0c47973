// Enterprises through the query cache: one enterprise, its monthly figures and its change history,
// and pages of the enterprise list (GET /api/enterprises). Keys start with 'enterprises' and the
// viewer (viewer.ts): revenue and the figures travel only to some roles. An import of enterprises
// or operating figures invalidates them (invalidate.ts).
import { useQuery } from '@tanstack/react-query';
import { fetchEnterprise, fetchEnterpriseFigures, fetchEnterpriseHistory, fetchEnterprises, type EnterpriseQuery } from '../api/endpoints-features.ts';
import { useViewer, type Viewer } from './viewer.ts';

export const enterpriseKeys = {
  all: ['enterprises'] as const,
  detail: (viewer: Viewer, id: number) => ['enterprises', viewer, 'detail', id] as const,
  figures: (viewer: Viewer, id: number) => ['enterprises', viewer, 'figures', id] as const,
  history: (viewer: Viewer, id: number) => ['enterprises', viewer, 'history', id] as const,
  page: (viewer: Viewer, query: EnterpriseQuery) => ['enterprises', viewer, 'page', query] as const,
};

/** One enterprise (the panel, the map's tooltip). */
export function useEnterprise(id: number, enabled = true) {
  const viewer = useViewer();
  return useQuery({
    queryKey: enterpriseKeys.detail(viewer ?? '', id),
    queryFn: ({ signal }) => fetchEnterprise(id, signal),
    enabled: enabled && viewer !== null,
    staleTime: 5 * 60_000,
  });
}

/** Monthly operating figures (planners, officials, administrators). */
export function useEnterpriseFigures(id: number) {
  const viewer = useViewer();
  return useQuery({ queryKey: enterpriseKeys.figures(viewer ?? '', id), queryFn: ({ signal }) => fetchEnterpriseFigures(id, signal), enabled: viewer !== null, staleTime: 0 });
}

/** Changes from imports (who, when, which fields). */
export function useEnterpriseHistory(id: number) {
  const viewer = useViewer();
  return useQuery({ queryKey: enterpriseKeys.history(viewer ?? '', id), queryFn: ({ signal }) => fetchEnterpriseHistory(id, signal), enabled: viewer !== null, staleTime: 0 });
}

/**
 * A page of enterprises (those in a park, a search). The previous page stays on screen while the
 * next is asked for, but never one asked for another user.
 */
export function useEnterprisePage(query: EnterpriseQuery, enabled = true) {
  const viewer = useViewer();
  const key = enterpriseKeys.page(viewer ?? '', query);
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchEnterprises(query, signal),
    enabled: enabled && viewer !== null,
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === key[1] ? previous : undefined),
  });
}
