// Keys of the district → city review (hooks/useReviews.ts): the pending proposals the user may see
// and the review rules. Both depend on the caller (officials see their district's proposals; the
// rules are asked only by those who may edit), so the viewer (viewer.ts) is in the key. What a
// decision or an import makes stale is in invalidate.ts.
import type { Viewer } from './viewer.ts';

export const proposalKeys = {
  all: ['proposals'] as const,
  pending: (viewer: Viewer) => ['proposals', viewer, 'pending'] as const,
};

export const reviewRuleKeys = {
  all: ['review-rules'] as const,
  rules: (viewer: Viewer) => ['review-rules', viewer] as const,
};
