// What the enterprise worker last reported: load state, facet counts and the summary. Kept apart
// from the app store because it changes on every filter edit and is never part of a permalink.
// The worker's client itself is a service (services.ts), not state.
import { create } from 'zustand';
import type { PayloadDictionaries } from '../../domain/enterprise-payload.ts';
import type { FacetCountsMessage, Summary } from '../../domain/worker-protocol.ts';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface PayloadInfo {
  count: number;
  dictionaries: PayloadDictionaries;
  /** Whether revenue travelled with the payload (planners, officials, administrators). */
  confidential: boolean;
  demo: boolean;
}

export interface EnterpriseState {
  status: LoadStatus;
  error: string | null;
  info: PayloadInfo | null;
  counts: FacetCountsMessage | null;
  summary: Summary | null;
  /** Clusters and single points drawn, and the view (zoom, centre) they were drawn for; tests wait on it. */
  inView: { clusters: number; points: number; enterprises: number; view?: string };
  /** Bumped to ask for the payload again (the retry button). */
  reloadSeq: number;
  setLoading: () => void;
  setLoaded: (info: PayloadInfo) => void;
  setError: (message: string) => void;
  setFiltered: (counts: FacetCountsMessage, summary: Summary) => void;
  setInView: (inView: EnterpriseState['inView']) => void;
  reload: () => void;
}

export const useEnterpriseStore = create<EnterpriseState>((set) => ({
  status: 'idle',
  error: null,
  info: null,
  counts: null,
  summary: null,
  inView: { clusters: 0, points: 0, enterprises: 0 },
  reloadSeq: 0,
  setLoading: () => set({ status: 'loading', error: null }),
  setLoaded: (info) => set({ status: 'ready', info, error: null }),
  setError: (error) => set({ status: 'error', error }),
  setFiltered: (counts, summary) => set({ counts, summary }),
  setInView: (inView) => set({ inView }),
  reload: () => set((s) => ({ reloadSeq: s.reloadSeq + 1 })),
}));
