// The district → city review (architecture §4): proposing, the queue, deciding, the review rules.
import type { ReviewKind } from '../../domain/renovation-review.ts';
import { get, request } from './client.ts';
import type { ParkFeature, Proposal, ProposalList, ReviewRulesAnswer, StatusChangeRequest } from './types.ts';

/** The same body and If-Match as the PATCH; the server answers 202 with the proposal's id. */
export async function proposeParkChange(id: number, version: number, change: StatusChangeRequest): Promise<{ id: number; kinds: ReviewKind[] }> {
  return (await request<{ id: number; kinds: ReviewKind[] }>('POST', `/api/parks/${id}/proposals`, { json: change, headers: { 'if-match': `"${version}"` } })).body;
}

/** Pending proposals the user may see (an official: their district), oldest first. */
export const fetchPendingProposals = (signal?: AbortSignal) => get<ProposalList>('/api/proposals?status=pending', signal);

export async function approveProposal(id: number, comment: string): Promise<{ proposal: Proposal; park: ParkFeature }> {
  return (await request<{ proposal: Proposal; park: ParkFeature }>('POST', `/api/proposals/${id}/approve`, { json: { comment } })).body;
}

export async function returnProposal(id: number, comment: string): Promise<{ proposal: Proposal }> {
  return (await request<{ proposal: Proposal }>('POST', `/api/proposals/${id}/return`, { json: { comment } })).body;
}

export const fetchReviewRules = (signal?: AbortSignal) => get<ReviewRulesAnswer>('/api/review-rules', signal);

export async function setReviewRule(kind: ReviewKind, needsReview: boolean): Promise<ReviewRulesAnswer> {
  return (await request<ReviewRulesAnswer>('PATCH', `/api/review-rules/${kind}`, { json: { needsReview } })).body;
}
