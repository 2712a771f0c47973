// App state: plain data and pure actions (zustand). The map controller follows it; it never leads.
// The initial state comes from the permalink in the URL (url-state.ts).
import { create } from 'zustand';
import type { AreaSpec } from '../../domain/area-geometry.ts';
import { EMPTY_FILTER, type EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import type { ParkStatusItem, SessionUser } from '../api/types.ts';
import { toggleCode, type FacetKey } from './filter-model.ts';
import type { Choropleth, LayerKey, MapViewState, Overlay, Selection, TimeView } from './types.ts';
import { stateFromUrl } from './url-state.ts';

export type { LayerKey, Overlay, Selection } from './types.ts';
export type MapStatus = 'loading' | 'ready' | 'error';
/** What the right-hand panel shows. */
export type Panel = Selection | { kind: 'bulk' } | { kind: 'selection' } | { kind: 'imports' } | { kind: 'accounts' } | { kind: 'reviews' } | { kind: 'pilots' } | { kind: 'standard' } | null;
/** What a click or drag on the map does now: draw a shape, pick districts, edit the area, or the usual (null). */
export type DrawMode = 'polygon' | 'rectangle' | 'circle' | 'line' | 'pickDistricts' | 'edit' | 'measureLine' | 'measureArea';
export type ParkStatuses = Readonly<Record<number, ParkStatusItem>>;
/** A request to move the map; `seq` makes two requests for the same place distinct. */
export interface FlyRequest {
  center?: [number, number];
  zoom?: number;
  bounds?: [number, number, number, number];
  seq: number;
}

export interface AppState {
  lang: Lang;
  layers: Record<LayerKey, boolean>;
  overlay: Overlay;
  filter: EnterpriseFilter;
  /** Where the map is (kept up to date by the map on every move). */
  view: MapViewState;
  fly: FlyRequest | null;
  basemap: boolean;
  /** The regional vector basemap switched on (offered only when the server has one). */
  vectorBasemap: boolean;
  mapStatus: MapStatus;
  mapError: string | null;
  /** Null when logged out; `sessionKnown` is false until GET /api/session has answered. */
  user: SessionUser | null;
  sessionKnown: boolean;
  panel: Panel;
  /** The panel that closing this one returns to: the selection's statistics, when a feature was opened from its list. */
  returnTo: Panel;
  /** Live renovation status by park id (from the API); the map colours parks by it. */
  parkStatuses: ParkStatuses;
  /** The spatial filter area (ANDed with the filter); null for none. */
  area: AreaSpec | null;
  /** Parks on a past date, or changes between two dates; null = now. */
  time: TimeView | null;
  /** Districts coloured by an indicator; null = plain. */
  choropleth: Choropleth | null;
  drawMode: DrawMode | null;
  /** Distance for buffers around a park or a drawn line, in km. */
  bufferKm: number;
  /** Bumped when the server rebuilt the map tiles (after a parks or districts import): the map reloads them. */
  tilesVersion: number;
  setLang: (lang: Lang) => void;
  toggleLayer: (layer: LayerKey) => void;
  setOverlay: (overlay: Overlay) => void;
  toggleFilter: (facet: FacetKey, code: string) => void;
  setFilter: (filter: EnterpriseFilter) => void;
  clearFilter: () => void;
  setView: (view: MapViewState) => void;
  flyTo: (target: Omit<FlyRequest, 'seq'>) => void;
  setBasemap: (on: boolean) => void;
  setVectorBasemap: (on: boolean) => void;
  setMapStatus: (status: MapStatus, error?: string) => void;
  setUser: (user: SessionUser | null) => void;
  selectPark: (id: number) => void;
  select: (selection: Selection) => void;
  openBulk: () => void;
  closePanel: () => void;
  /** The panel of a history entry (Back and Forward, useUrlSync.ts). */
  restorePanel: (panel: Panel) => void;
  setParkStatuses: (items: readonly ParkStatusItem[]) => void;
  updateParkStatus: (item: ParkStatusItem) => void;
  /** Sets the area, leaves any drawing mode and shows the selection panel. */
  setArea: (area: AreaSpec | null) => void;
  setDrawMode: (mode: DrawMode | null) => void;
  setTime: (time: TimeView | null) => void;
  setChoropleth: (choropleth: Choropleth | null) => void;
  setBufferKm: (km: number) => void;
  openImports: () => void;
  openAccounts: () => void;
  openReviews: () => void;
  /** The pilot panel (architecture §4, "Pilot selection"); what it shows depends on the role, so it stays open across log-ins. */
  openPilots: () => void;
  openStandard: () => void;
  bumpTiles: () => void;
  openSelection: () => void;
}

const initial = stateFromUrl(globalThis.location?.search ?? '');

export const useAppStore = create<AppState>((set) => ({
  lang: initial.lang,
  layers: initial.layers,
  overlay: initial.overlay,
  filter: initial.filter,
  view: { center: initial.center, zoom: initial.zoom },
  fly: null,
  basemap: initial.basemap,
  vectorBasemap: initial.vectorBasemap ?? false,
  mapStatus: 'loading',
  mapError: null,
  user: null,
  sessionKnown: false,
  panel: initial.selected ?? (initial.area ? { kind: 'selection' } : null),
  returnTo: null,
  parkStatuses: {},
  area: initial.area,
  time: initial.time,
  choropleth: initial.choropleth,
  drawMode: null,
  bufferKm: initial.area?.kind === 'buffer' ? initial.area.km : 1,
  tilesVersion: 0,
  setLang: (lang) => set({ lang }),
  toggleLayer: (layer) => set((s) => ({ layers: { ...s.layers, [layer]: !s.layers[layer] } })),
  setOverlay: (overlay) => set({ overlay }),
  toggleFilter: (facet, code) => set((s) => ({ filter: toggleCode(s.filter, facet, code) })),
  setFilter: (filter) => set({ filter }),
  setTime: (time) => set({ time }),
  setChoropleth: (choropleth) => set({ choropleth }),
  clearFilter: () => set({ filter: EMPTY_FILTER }),
  setView: (view) => set({ view }),
  flyTo: (target) => set((s) => ({ fly: { ...target, seq: (s.fly?.seq ?? 0) + 1 } })),
  setBasemap: (basemap) => set({ basemap }),
  setVectorBasemap: (vectorBasemap) => set({ vectorBasemap }),
  setMapStatus: (mapStatus, error) => set({ mapStatus, mapError: error ?? null }),
  // The bulk, import, account and review panels are for some roles only: they close when the user changes.
  setUser: (user) => set((s) => ({ user, sessionKnown: true, panel: s.panel && ['bulk', 'imports', 'accounts', 'reviews', 'standard'].includes(s.panel.kind) ? null : s.panel })),
  selectPark: (id) => set((s) => ({ panel: { kind: 'park', id }, returnTo: s.panel?.kind === 'selection' ? s.panel : null })),
  select: (selection) => set((s) => ({ panel: selection, returnTo: s.panel?.kind === 'selection' ? s.panel : null })),
  openBulk: () => set({ panel: { kind: 'bulk' }, returnTo: null }),
  closePanel: () => set((s) => ({ panel: s.returnTo, returnTo: null })),
  restorePanel: (panel) => set({ panel, returnTo: null }),
  setParkStatuses: (items) => set({ parkStatuses: Object.fromEntries(items.map((i) => [i.id, i])) }),
  updateParkStatus: (item) =>
    set((s) => {
      // An older answer arriving late must not undo a newer one.
      const old = s.parkStatuses[item.id];
      return old && old.version > item.version ? {} : { parkStatuses: { ...s.parkStatuses, [item.id]: item } };
    }),
  setArea: (area) => set((s) => ({ area, drawMode: s.drawMode === 'edit' && area?.kind === 'shapes' ? 'edit' : null, panel: area ? { kind: 'selection' } : s.panel?.kind === 'selection' ? null : s.panel, returnTo: null })),
  setDrawMode: (drawMode) => set({ drawMode }),
  setBufferKm: (bufferKm) => set({ bufferKm }),
  openImports: () => set({ panel: { kind: 'imports' } }),
  openAccounts: () => set({ panel: { kind: 'accounts' } }),
  openReviews: () => set({ panel: { kind: 'reviews' } }),
  openPilots: () => set({ panel: { kind: 'pilots' } }),
  openStandard: () => set({ panel: { kind: 'standard' } }),
  bumpTiles: () => set((s) => ({ tilesVersion: s.tilesVersion + 1 })),
  openSelection: () => set({ panel: { kind: 'selection' } }),
}));

/** The roles that may change renovation status, and for an official only in their district. */
export function mayEditPark(user: SessionUser | null, district: string): boolean {
  return !!user && (user.role === 'admin' || (user.role === 'official' && user.district === district));
}

export const mayEditAny = (user: SessionUser | null) => user?.role === 'admin' || user?.role === 'official';
export const maySeeHistory = (user: SessionUser | null) => !!user && user.role !== 'viewer';
/** Who sees proposals awaiting review (the server's rule in routes/proposals.ts; an official only their district's). */
export const maySeeProposals = (user: SessionUser | null) => user?.role === 'admin' || user?.role === 'planner' || user?.role === 'official';
/** City administrators approve or return proposals. */
export const mayDecideProposals = (user: SessionUser | null) => user?.role === 'admin';
export const mayImport = (user: SessionUser | null) => user?.role === 'admin';
export const maySeeRevenue = (user: SessionUser | null) => !!user && user.role !== 'viewer';
