// The classification standard in the app (architecture §4, "The classification standard"): the
// standard and its versions, one park's suggestion, and the parks that contradict it, as cached
// questions under ['standard', …] (queries/standard.ts); every change (a draft saved, activation, a zones import, a park's
// category edited) refreshes them through `refreshStandard`.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { fetchContradictions, fetchStandard, fetchSuggestions } from '../api/endpoints-standard.ts';
import { queryClient } from '../api/query-client.ts';
import { useAppStore } from '../state/store.ts';
import { maySeeSuggestions } from '../../domain/permissions.ts';
import { standardKeys } from '../queries/standard.ts';
import { viewerOf } from '../queries/viewer.ts';

export function useStandard(enabled = true) {
  const user = useAppStore((s) => s.user);
  return useQuery({ queryKey: standardKeys.versions(viewerOf(user)), queryFn: ({ signal }) => fetchStandard(signal), enabled: enabled && user !== null, staleTime: 30_000 });
}

/** One park's suggestion; the category is part of the key, so an edit of the park asks again. */
export function useParkSuggestion(parkId: number, category: string) {
  const user = useAppStore((s) => s.user);
  return useQuery({
    queryKey: standardKeys.suggestion(viewerOf(user), parkId, category),
    queryFn: async ({ signal }) => {
      const answer = await fetchSuggestions([parkId], signal);
      return { ...answer, item: answer.items[0] ?? null };
    },
    enabled: maySeeSuggestions(user),
    staleTime: 30_000,
  });
}

const NONE: ReadonlySet<number> = new Set();

/** Ids of the parks whose category contradicts the active standard (asked only while wanted). */
export function useContradictions(wanted: boolean) {
  const user = useAppStore((s) => s.user);
  const enabled = wanted && maySeeSuggestions(user);
  const q = useQuery({ queryKey: standardKeys.contradictions(viewerOf(user)), queryFn: ({ signal }) => fetchContradictions(signal), enabled, staleTime: 30_000 });
  return useMemo(() => ({
    ids: enabled && q.data ? new Set(q.data.items.map(([id]) => id)) : NONE,
    count: enabled ? q.data?.items.length ?? null : null,
    pending: enabled && q.isPending,
    error: q.error,
  }), [enabled, q.data, q.isPending, q.error]);
}

export const refreshStandard = () => queryClient.invalidateQueries({ queryKey: standardKeys.all });
