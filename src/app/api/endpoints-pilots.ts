// Pilot selection (architecture §4, "Pilot selection"): the ranking of candidates and a year's pilots.
// Nominating is a proposal (endpoints-reviews.ts `proposeParkChange`), confirming its approval.
import type { CandidateAnswer, PilotYearAnswer } from '../../domain/pilots.ts';
import { get } from './client.ts';

export type { CandidateAnswer, PilotCandidate, PilotNomination, PilotPark, PilotYearAnswer } from '../../domain/pilots.ts';

/** Low-efficiency parks, least efficient first (an official: their district whatever is asked). */
export const fetchPilotCandidates = (year: number, district: string | null, signal?: AbortSignal) =>
  get<CandidateAnswer>(`/api/pilots/candidates?year=${year}${district ? `&district=${district}` : ''}&limit=200`, signal);

/** A year's pilots, the count against the plan and (for those who may see them) pending nominations. */
export const fetchPilots = (year: number, signal?: AbortSignal) => get<PilotYearAnswer>(`/api/pilots?year=${year}`, signal);
