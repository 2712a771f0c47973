// Keeps the address bar's permalink in step with the app. Opening or closing a panel (a park, an
// enterprise, the selection's statistics, imports …) is a history entry, so the browser's Back and
// Forward walk through them; everything else (moving the map, filters, layers) replaces the current
// entry (history.replaceState), so panning does not fill the history.
import { useEffect } from 'react';
import { decodeUrlState, encodeUrlState } from '../state/url-state.ts';
import { useAppStore, type AppState, type Panel } from '../state/store.ts';

const WRITE_DELAY_MS = 250;

const permalink = (s: AppState) =>
  encodeUrlState({
    center: s.view.center,
    zoom: s.view.zoom,
    lang: s.lang,
    layers: s.layers,
    overlay: s.overlay,
    filter: s.filter,
    selected: s.panel && 'id' in s.panel ? s.panel : null,
    basemap: s.basemap,
    vectorBasemap: s.vectorBasemap,
    area: s.area,
    time: s.time,
    choropleth: s.choropleth,
  });

/** A panel as a comparable key: the same panel on the same feature is the same entry. */
const panelKey = (p: Panel) => (p ? `${p.kind}/${'id' in p ? p.id : ''}` : '');

/** What a history entry keeps: the panel (the permalink names only feature panels). */
interface EntryState {
  igisPanel: Panel;
}

export function useUrlSync(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = location.search;
    let lastPanel = panelKey(useAppStore.getState().panel);
    const url = (qs: string) => `${location.pathname}${qs}${location.hash}`;
    history.replaceState({ ...(history.state as object), igisPanel: useAppStore.getState().panel } satisfies EntryState, '', location.href);
    const write = () => {
      const s = useAppStore.getState();
      const qs = permalink(s);
      if (qs === last) return;
      last = qs;
      history.replaceState({ igisPanel: s.panel } satisfies EntryState, '', url(qs));
    };
    const unsubscribe = useAppStore.subscribe((s) => {
      const key = panelKey(s.panel);
      if (key !== lastPanel) {
        // A new panel: a new entry at once (with the permalink as it stands), so Back returns to the one before.
        lastPanel = key;
        clearTimeout(timer);
        last = permalink(s);
        history.pushState({ igisPanel: s.panel } satisfies EntryState, '', url(last));
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(write, WRITE_DELAY_MS);
    });
    const onPop = (e: PopStateEvent) => {
      const state = e.state as Partial<EntryState> | null;
      // An entry made before this page loaded (or by hand) has no state: the permalink says what it can.
      const decoded = decodeUrlState(location.search);
      const panel: Panel = state && 'igisPanel' in state ? state.igisPanel ?? null : decoded.selected ?? (decoded.area ? { kind: 'selection' } : null);
      lastPanel = panelKey(panel);
      clearTimeout(timer);
      useAppStore.getState().restorePanel(panel);
      last = location.search;
    };
    window.addEventListener('popstate', onPop);
    return () => {
      unsubscribe();
      clearTimeout(timer);
      window.removeEventListener('popstate', onPop);
    };
  }, []);
}
