// App state: plain data and pure actions (zustand). The map controller follows it; it never leads.
// The initial state comes from the permalink in the URL (link-at-start.ts). The camera is not here
// (camera.ts), and neither are the worker client and the map controller (services.ts): see
// architecture §4, "The stores". Components read it through selectors, one field each.
import { create } from 'zustand';
import type { AreaSpec } from '../../domain/area-geometry.ts';
import { EMPTY_FILTER, type EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import type { ParkStatusItem, SessionUser } from '../api/types.ts';
import { toggleCode, type FacetKey } from './filter-model.ts';
import { linkAtStart as initial } from './link-at-start.ts';
import type { Choropleth, LayerKey, Overlay, Selection, TimeView } from './types.ts';

export type { LayerKey, Overlay, Selection } from './types.ts';
export type MapStatus = 'loading' | 'ready' | 'error';
/** The right-hand panels other than a feature's details. */
export type PanelKind = 'bulk' | 'selection' | 'imports' | 'accounts' | 'reviews' | 'pilots' | 'standard';
/** The panels for some roles only: they close when the user changes. */
const ROLE_PANELS: readonly PanelKind[] = ['bulk', 'imports', 'accounts', 'reviews', 'standard'];
/** What a click or drag on the map does now: draw a shape, pick districts, edit the area, or the usual (null). */
export type DrawMode = 'polygon' | 'rectangle' | 'circle' | 'line' | 'pickDistricts' | 'edit' | 'measureLine' | 'measureArea';
export type ParkStatuses = Readonly<Record<number, ParkStatusItem>>;

export interface AppState {
  lang: Lang;
  layers: Record<LayerKey, boolean>;
  overlay: Overlay;
  filter: EnterpriseFilter;
  basemap: boolean;
  /** The regional vector basemap switched on (offered only when the server has one). */
  vectorBasemap: boolean;
  mapStatus: MapStatus;
  mapError: string | null;
  /** Null when logged out; `sessionKnown` is false until GET /api/session has answered. */
  user: SessionUser | null;
  sessionKnown: boolean;
  /**
   * The feature clicked on the map (or opened from a list, a search, a link): outlined on the map,
   * its details in the right-hand panel, `s=` in the permalink. Null for none.
   */
  pickedFeature: Selection | null;
  /** The other panel on the right (never together with a selected feature: opening one closes the other). */
  openPanel: PanelKind | null;
  /** The panel that closing the feature's details returns to: the selection's statistics, when the feature was opened from its list. */
  returnTo: PanelKind | null;
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
  /** Only with a language whose catalogue is loaded (i18n/messages.ts): the sidebar goes through `chooseLang`. */
  setLang: (lang: Lang) => void;
  toggleLayer: (layer: LayerKey) => void;
  setOverlay: (overlay: Overlay) => void;
  toggleFilter: (facet: FacetKey, code: string) => void;
  setFilter: (filter: EnterpriseFilter) => void;
  clearFilter: () => void;
  setBasemap: (on: boolean) => void;
  setVectorBasemap: (on: boolean) => void;
  setMapStatus: (status: MapStatus, error?: string) => void;
  setUser: (user: SessionUser | null) => void;
  selectPark: (id: number) => void;
  select: (selection: Selection) => void;
  /** Opens a panel (the selection's statistics, bulk edits, imports, …) in place of whatever the right-hand side showed. */
  showPanel: (kind: PanelKind) => void;
  closePanel: () => void;
  /** The panels of a history entry (Back and Forward, useUrlSync.ts). */
  restorePanels: (panels: Panels) => void;
  setParkStatuses: (items: readonly ParkStatusItem[]) => void;
  updateParkStatus: (item: ParkStatusItem) => void;
  /** Sets the area, leaves any drawing mode and shows the selection panel. */
  setArea: (area: AreaSpec | null) => void;
  setDrawMode: (mode: DrawMode | null) => void;
  setTime: (time: TimeView | null) => void;
  setChoropleth: (choropleth: Choropleth | null) => void;
  setBufferKm: (km: number) => void;
  bumpTiles: () => void;
}

/** What the right-hand side shows: a feature's details or another panel (at most one of them). */
export type Panels = Pick<AppState, 'pickedFeature' | 'openPanel'>;

export const useAppStore = create<AppState>((set, get) => ({
  lang: initial.lang,
  layers: initial.layers,
  overlay: initial.overlay,
  filter: initial.filter,
  basemap: initial.basemap,
  vectorBasemap: initial.vectorBasemap ?? false,
  mapStatus: 'loading',
  mapError: null,
  user: null,
  sessionKnown: false,
  pickedFeature: initial.selected,
  openPanel: !initial.selected && initial.area ? 'selection' : null,
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
  setBasemap: (basemap) => set({ basemap }),
  setVectorBasemap: (vectorBasemap) => set({ vectorBasemap }),
  setMapStatus: (mapStatus, error) => set({ mapStatus, mapError: error ?? null }),
  // The pilot panel (architecture §4, "Pilot selection") shows what the role may see, so it stays open across log-ins.
  setUser: (user) => set((s) => ({ user, sessionKnown: true, openPanel: s.openPanel && ROLE_PANELS.includes(s.openPanel) ? null : s.openPanel })),
  selectPark: (id) => get().select({ kind: 'park', id }),
  select: (selection) => set((s) => ({ pickedFeature: selection, openPanel: null, returnTo: s.openPanel === 'selection' ? 'selection' : null })),
  showPanel: (kind) => set({ pickedFeature: null, openPanel: kind, returnTo: null }),
  closePanel: () => set((s) => ({ pickedFeature: null, openPanel: s.returnTo, returnTo: null })),
  restorePanels: ({ pickedFeature, openPanel }) => set({ pickedFeature, openPanel: pickedFeature ? null : openPanel, returnTo: null }),
  setParkStatuses: (items) => set({ parkStatuses: Object.fromEntries(items.map((i) => [i.id, i])) }),
  updateParkStatus: (item) =>
    set((s) => {
      // An older answer arriving late must not undo a newer one.
      const old = s.parkStatuses[item.id];
      return old && old.version > item.version ? {} : { parkStatuses: { ...s.parkStatuses, [item.id]: item } };
    }),
  setArea: (area) =>
    set((s) => ({
      area,
      drawMode: s.drawMode === 'edit' && area?.kind === 'shapes' ? 'edit' : null,
      ...(area ? { pickedFeature: null, openPanel: 'selection' } : { openPanel: s.openPanel === 'selection' ? null : s.openPanel }),
      returnTo: null,
    })),
  setDrawMode: (drawMode) => set({ drawMode }),
  setBufferKm: (bufferKm) => set({ bufferKm }),
  bumpTiles: () => set((s) => ({ tilesVersion: s.tilesVersion + 1 })),
}));

// Who may do what (edit a park, see history, proposals, confidential figures): src/domain/permissions.ts.
