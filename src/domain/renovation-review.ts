// District → city review of renovation changes (architecture §4, "Review of district proposals").
// The city confirms what the plan makes its own decision: the renovation path a park takes, which
// parks are quality-and-efficiency pilots, and that a renovation is finished. A district official's
// change of that kind is therefore a proposal that takes effect only when a city administrator
// approves it; progress updates (work started, work suspended) take effect at once. Which kinds
// need review is configuration stored as data (table `review_rules`), passed in here as `rules`.
// This one function decides it for the server (PATCH, proposals, bulk) and for the edit form's hint.
import { applyChange, type Actor, type ParkStatus, type StatusChange } from './renovation-workflow.ts';

/** The kinds of change that may need the city's review, in the order they are shown. */
export const REVIEW_KINDS = ['category', 'pilot', 'completion'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

/** Which kinds need review now (from the table `review_rules`). */
export type ReviewRules = Readonly<Record<ReviewKind, boolean>>;

/** Every kind on: the seeded configuration (migration 13), and what a client assumes before it knows. */
export const ALL_REVIEWED: ReviewRules = { category: true, pilot: true, completion: true };

export const isReviewKind = (v: unknown): v is ReviewKind => typeof v === 'string' && (REVIEW_KINDS as readonly string[]).includes(v);

/** The rules from the list of kinds that are switched on. */
export const rulesOf = (kinds: readonly string[]): ReviewRules =>
  Object.fromEntries(REVIEW_KINDS.map((k) => [k, kinds.includes(k)])) as Record<ReviewKind, boolean>;

/**
 * The kinds of change in `change` that need the city's approval before they take effect; empty when
 * the change takes effect at once. Administrators are the city, so their changes never wait.
 *   category:   the renovation path changes (including back to unclassified);
 *   pilot:      the pilot year changes: a nomination, a change of year, or a withdrawal, since the
 *               city confirms the list of pilots;
 *   completion: progress becomes completed.
 * The workflow's own legality (transitionCheck) is a separate question, asked first.
 */
export function reviewKinds(from: ParkStatus, change: StatusChange, actor: Actor, rules: ReviewRules): ReviewKind[] {
  if (actor === 'admin') return [];
  const to = applyChange(from, change);
  const kinds: ReviewKind[] = [];
  if (rules.category && to.category !== from.category) kinds.push('category');
  if (rules.pilot && to.pilotYear !== from.pilotYear) kinds.push('pilot');
  if (rules.completion && to.progress === 'completed' && from.progress !== 'completed') kinds.push('completion');
  return kinds;
}

/** What a proposal is in: waiting for the city, or decided. */
export const PROPOSAL_STATUSES = ['pending', 'approved', 'returned'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
