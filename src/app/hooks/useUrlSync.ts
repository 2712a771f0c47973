// Keeps the address bar's permalink in step with the app. Opening or closing a panel (a park, an
// enterprise, the selection's statistics, imports …) is a history entry, so the browser's Back and
// Forward walk through them; everything else (moving the map, filters, layers) replaces the current
// entry (history.replaceState), so panning does not fill the history. The camera is not in the
// store (state/camera.ts): this hook is its one subscriber, so a move rewrites the link and
// re-renders nothing.
import { useEffect } from 'react';
import { getCamera, subscribeCamera } from '../state/camera.ts';
import { decodeUrlState, encodeUrlState } from '../state/url-state.ts';
import { useAppStore, type AppState, type Panels } from '../state/store.ts';
import type { Camera } from '../state/types.ts';

const WRITE_DELAY_MS = 250;

/** The permalink (query string) of the app state and the camera. */
export const permalink = (s: AppState, camera: Camera = getCamera()) =>
  encodeUrlState({
    center: camera.center,
    zoom: camera.zoom,
    lang: s.lang,
    layers: s.layers,
    overlay: s.overlay,
    filter: s.filter,
    selected: s.pickedFeature,
    basemap: s.basemap,
    vectorBasemap: s.vectorBasemap,
    area: s.area,
    time: s.time,
    choropleth: s.choropleth,
  });

/** The panels as a comparable key: the same panel on the same feature is the same entry. */
const panelKey = (p: Panels) => (p.pickedFeature ? `${p.pickedFeature.kind}/${p.pickedFeature.id}` : p.openPanel ?? '');
const panelsOf = (s: AppState): Panels => ({ pickedFeature: s.pickedFeature, openPanel: s.openPanel });

/** What a history entry keeps: the panels (the permalink names only the selected feature). */
interface EntryState {
  igisPanels: Panels;
}

export function useUrlSync(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = location.search;
    let lastPanel = panelKey(useAppStore.getState());
    const url = (qs: string) => `${location.pathname}${qs}${location.hash}`;
    history.replaceState({ ...(history.state as object), igisPanels: panelsOf(useAppStore.getState()) } satisfies EntryState, '', location.href);
    const write = () => {
      const s = useAppStore.getState();
      const qs = permalink(s);
      if (qs === last) return;
      last = qs;
      history.replaceState({ igisPanels: panelsOf(s) } satisfies EntryState, '', url(qs));
    };
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(write, WRITE_DELAY_MS);
    };
    const unsubscribe = useAppStore.subscribe((s) => {
      const key = panelKey(s);
      if (key !== lastPanel) {
        // A new panel: a new entry at once (with the permalink as it stands), so Back returns to the one before.
        lastPanel = key;
        clearTimeout(timer);
        last = permalink(s);
        history.pushState({ igisPanels: panelsOf(s) } satisfies EntryState, '', url(last));
        return;
      }
      later();
    });
    const unsubscribeCamera = subscribeCamera(later);
    const onPop = (e: PopStateEvent) => {
      const state = e.state as Partial<EntryState> | null;
      // An entry made before this page loaded (or by hand) has no state: the permalink says what it can.
      const decoded = decodeUrlState(location.search);
      const panels: Panels = state?.igisPanels ?? { pickedFeature: decoded.selected ?? null, openPanel: !decoded.selected && decoded.area ? 'selection' : null };
      lastPanel = panelKey(panels);
      clearTimeout(timer);
      useAppStore.getState().restorePanels(panels);
      last = location.search;
    };
    window.addEventListener('popstate', onPop);
    return () => {
      unsubscribe();
      unsubscribeCamera();
      clearTimeout(timer);
      window.removeEventListener('popstate', onPop);
    };
  }, []);
}
