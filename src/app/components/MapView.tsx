import { useEffect, useRef } from 'react';
import { MapController } from '../map/map-controller.ts';
import { useAppStore, type LayerKey, type ParkStatuses } from '../state/store.ts';

const TILES_BASE = `${location.origin}/tiles`;

export function MapView() {
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<MapController | null>(null);
  const applied = useRef<ParkStatuses>({});
  const { lang, layers, setMapStatus, parkStatuses, panel, selectPark } = useAppStore();

  useEffect(() => {
    if (!container.current) return;
    const c = new MapController({
      container: container.current,
      lang: useAppStore.getState().lang,
      tilesBase: TILES_BASE,
      onReady: () => setMapStatus('ready'),
      onError: (message) => setMapStatus('error', message),
    });
    controller.current = c;
    applied.current = {};
    const offClick = c.onParkClick(selectPark);
    // Exposed for browser tests and debugging; read-only use.
    const w = window as unknown as { __igisMap?: unknown; __igisMapController?: unknown };
    w.__igisMap = c.map;
    w.__igisMapController = c;
    return () => {
      offClick();
      c.destroy();
      controller.current = null;
    };
  }, [setMapStatus, selectPark]);

  useEffect(() => controller.current?.setLanguage(lang), [lang]);
  useEffect(() => {
    for (const key of Object.keys(layers) as LayerKey[]) controller.current?.setLayerVisible(key, layers[key]);
  }, [layers]);

  // Only the parks whose status object changed are sent to the map.
  useEffect(() => {
    const c = controller.current;
    if (!c) return;
    const prev = applied.current;
    const changed = Object.values(parkStatuses).filter((s) => prev[s.id] !== s);
    if (changed.length) c.setParkStatuses(changed);
    applied.current = parkStatuses;
  }, [parkStatuses]);

  const selectedId = panel?.kind === 'park' ? panel.id : null;
  useEffect(() => controller.current?.setSelectedPark(selectedId), [selectedId]);

  return <div ref={container} className="map" role="region" aria-label="map" />;
}
