// App state: plain data and pure actions (zustand). The map controller follows it; it never leads.
import { create } from 'zustand';
import { LANGS, type Lang } from '../../domain/taxonomy.ts';
import type { ParkStatusItem, SessionUser } from '../api/types.ts';

export type LayerKey = 'districts' | 'villageParks' | 'valueParks';
export type MapStatus = 'loading' | 'ready' | 'error';
/** What the right-hand panel shows. */
export type Panel = { kind: 'park'; id: number } | { kind: 'bulk' } | null;
export type ParkStatuses = Readonly<Record<number, ParkStatusItem>>;

export interface AppState {
  lang: Lang;
  layers: Record<LayerKey, boolean>;
  mapStatus: MapStatus;
  mapError: string | null;
  /** Null when logged out; `sessionKnown` is false until GET /api/session has answered. */
  user: SessionUser | null;
  sessionKnown: boolean;
  panel: Panel;
  /** Live renovation status by park id (from the API); the map colours parks by it. */
  parkStatuses: ParkStatuses;
  setLang: (lang: Lang) => void;
  toggleLayer: (layer: LayerKey) => void;
  setMapStatus: (status: MapStatus, error?: string) => void;
  setUser: (user: SessionUser | null) => void;
  selectPark: (id: number) => void;
  openBulk: () => void;
  closePanel: () => void;
  setParkStatuses: (items: readonly ParkStatusItem[]) => void;
  updateParkStatus: (item: ParkStatusItem) => void;
}

const initialLang = (): Lang => {
  const fromUrl = new URLSearchParams(globalThis.location?.search ?? '').get('lang');
  return (LANGS as readonly string[]).includes(fromUrl ?? '') ? (fromUrl as Lang) : 'zh-Hans';
};

export const useAppStore = create<AppState>((set) => ({
  lang: initialLang(),
  layers: { districts: true, villageParks: true, valueParks: true },
  mapStatus: 'loading',
  mapError: null,
  user: null,
  sessionKnown: false,
  panel: null,
  parkStatuses: {},
  setLang: (lang) => set({ lang }),
  toggleLayer: (layer) => set((s) => ({ layers: { ...s.layers, [layer]: !s.layers[layer] } })),
  setMapStatus: (mapStatus, error) => set({ mapStatus, mapError: error ?? null }),
  // The bulk panel is for editors only: it closes when the user changes.
  setUser: (user) => set((s) => ({ user, sessionKnown: true, panel: s.panel?.kind === 'bulk' ? null : s.panel })),
  selectPark: (id) => set({ panel: { kind: 'park', id } }),
  openBulk: () => set({ panel: { kind: 'bulk' } }),
  closePanel: () => set({ panel: null }),
  setParkStatuses: (items) => set({ parkStatuses: Object.fromEntries(items.map((i) => [i.id, i])) }),
  updateParkStatus: (item) =>
    set((s) => {
      // An older answer arriving late must not undo a newer one.
      const old = s.parkStatuses[item.id];
      return old && old.version > item.version ? {} : { parkStatuses: { ...s.parkStatuses, [item.id]: item } };
    }),
}));

/** The roles that may change renovation status, and for an official only in their district. */
export function mayEditPark(user: SessionUser | null, district: string): boolean {
  return !!user && (user.role === 'admin' || (user.role === 'official' && user.district === district));
}

export const mayEditAny = (user: SessionUser | null) => user?.role === 'admin' || user?.role === 'official';
export const maySeeHistory = (user: SessionUser | null) => !!user && user.role !== 'viewer';
