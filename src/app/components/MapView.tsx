import { useEffect, useRef } from 'react';
import { MapController } from '../map/map-controller.ts';
import { useAppStore, type LayerKey } from '../state/store.ts';

const TILES_BASE = `${location.origin}/tiles`;

export function MapView() {
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<MapController | null>(null);
  const { lang, layers, setMapStatus } = useAppStore();

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
    // Exposed for browser tests and debugging; read-only use.
    (window as unknown as { __igisMap?: unknown }).__igisMap = c.map;
    return () => c.destroy();
  }, [setMapStatus]);

  useEffect(() => controller.current?.setLanguage(lang), [lang]);
  useEffect(() => {
    for (const key of Object.keys(layers) as LayerKey[]) controller.current?.setLayerVisible(key, layers[key]);
  }, [layers]);

  return <div ref={container} className="map" role="region" aria-label="map" />;
}
