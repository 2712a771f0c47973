// Keeps the address bar's permalink in step with the app (history.replaceState: moving the map
// does not add history entries).
import { useEffect } from 'react';
import { encodeUrlState } from '../state/url-state.ts';
import { useAppStore, type AppState } from '../state/store.ts';

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
    area: s.area,
    time: s.time,
    choropleth: s.choropleth,
  });

export function useUrlSync(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = location.search;
    const write = () => {
      const qs = permalink(useAppStore.getState());
      if (qs === last) return;
      last = qs;
      history.replaceState(history.state, '', `${location.pathname}${qs}${location.hash}`);
    };
    const unsubscribe = useAppStore.subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(write, WRITE_DELAY_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, []);
}
