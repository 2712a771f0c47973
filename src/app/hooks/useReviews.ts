// The district → city review in the app (architecture §4): the pending proposals the user may see
// and the review rules, each one cached question shared by the map (dashed outlines), the park panel,
// the edit form, the sidebar's count and the review queue. Every action that changes proposals
// (propose, approve, return, bulk apply) refreshes them through `proposalsChanged` (queries/invalidate.ts).
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ALL_REVIEWED, type ReviewRules } from '../../domain/renovation-review.ts';
import { fetchPendingProposals, fetchReviewRules } from '../api/endpoints-reviews.ts';
import { queryClient } from '../api/query-client.ts';
import type { Proposal } from '../api/types.ts';
import { useAppStore } from '../state/store.ts';
import { maySeeProposals } from '../../domain/permissions.ts';
import { proposalKeys, reviewRuleKeys } from '../queries/reviews.ts';
import { viewerOf } from '../queries/viewer.ts';

const EMPTY: readonly Proposal[] = [];
const NO_PARKS: ReadonlySet<number> = new Set();

/** Pending proposals the user may see (none for viewers and the public, who are never asked). */
export function usePendingProposals() {
  const user = useAppStore((s) => s.user);
  const enabled = maySeeProposals(user);
  const q = useQuery({
    queryKey: proposalKeys.pending(viewerOf(user)),
    queryFn: ({ signal }) => fetchPendingProposals(signal),
    enabled,
    staleTime: 30_000,
  });
  return useMemo(() => {
    const items = enabled ? q.data?.items ?? EMPTY : EMPTY;
    return {
      items,
      total: enabled ? q.data?.total ?? 0 : 0,
      countsByDistrict: enabled ? q.data?.countsByDistrict ?? {} : {},
      parkIds: items.length ? new Set(items.map((p) => p.parkId)) : NO_PARKS,
      pending: enabled && q.isPending,
      error: q.error,
    };
  }, [enabled, q.data, q.isPending, q.error]);
}

/**
 * Which changes need review. Until the answer is in, every kind is assumed to need it, so the edit
 * form never offers to save at once what the server would refuse (the server decides in any case).
 */
export function useReviewRules(enabled: boolean): ReviewRules {
  const viewer = useAppStore((s) => viewerOf(s.user));
  const q = useQuery({ queryKey: reviewRuleKeys.rules(viewer), queryFn: ({ signal }) => fetchReviewRules(signal), enabled, staleTime: 60_000 });
  return q.data?.rules ?? ALL_REVIEWED;
}

export const refreshReviewRules = () => queryClient.invalidateQueries({ queryKey: reviewRuleKeys.all });
