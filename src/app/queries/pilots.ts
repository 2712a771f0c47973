// Keys of the renovation pilots: the pilots of a plan year (PilotPanel, the dashboard's PilotCard)
// and the ranking of candidates (PilotPanel). Both show nominations, which depend on the role, so
// the viewer (viewer.ts) is in the key; a proposal made or decided invalidates them (invalidate.ts).
import type { Viewer } from './viewer.ts';

export const pilotKeys = {
  all: ['pilots'] as const,
  year: (viewer: Viewer, year: number) => ['pilots', viewer, year] as const,
};

export const pilotCandidateKeys = {
  all: ['pilot-candidates'] as const,
  ranking: (viewer: Viewer, year: number, district: string | null) => ['pilot-candidates', viewer, year, district] as const,
};
