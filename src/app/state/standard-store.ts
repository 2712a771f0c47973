// Whether the map marks the parks whose category contradicts the classification standard (the
// legend's toggle). Kept apart from the app store: a view choice of the roles that see suggestions,
// not part of a permalink.
import { create } from 'zustand';

export interface StandardViewState {
  showContradictions: boolean;
  setShowContradictions: (on: boolean) => void;
}

export const useStandardStore = create<StandardViewState>((set) => ({
  showContradictions: false,
  setShowContradictions: (on) => set({ showContradictions: on }),
}));
