// The geometry the current area stands for, once resolved (a buffer or "inside the parks" needs
// park outlines from the server first). Kept apart from the app store: it is derived, never part
// of a permalink.
import { create } from 'zustand';
import type { AreaGeometry } from '../../domain/area-geometry.ts';

export type AreaStatus = 'none' | 'resolving' | 'ready' | 'error';

export interface AreaState {
  status: AreaStatus;
  geometry: AreaGeometry | null;
  error: string | null;
  setResolving: () => void;
  setResolved: (geometry: AreaGeometry | null) => void;
  setError: (message: string) => void;
}

export const useAreaStore = create<AreaState>((set) => ({
  status: 'none',
  geometry: null,
  error: null,
  setResolving: () => set({ status: 'resolving', error: null }),
  setResolved: (geometry) => set({ status: geometry ? 'ready' : 'none', geometry, error: null }),
  setError: (error) => set({ status: 'error', geometry: null, error }),
}));
