// The one place that talks to maplibre: creates the map, registers the PMTiles protocol, switches
// layers and language. React components hold a controller; they never touch maplibre directly.
import { Map as MapLibreMap, NavigationControl, ScaleControl, addProtocol, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { Protocol } from 'pmtiles';
import type { Lang } from '../../domain/taxonomy.ts';
import { LAYER_GROUPS, buildStyle, type LayerGroup } from './style.ts';

let protocolRegistered = false;

export interface MapControllerOptions {
  container: HTMLElement;
  lang: Lang;
  tilesBase: string;
  onReady?: () => void;
  onError?: (message: string) => void;
}

export class MapController {
  readonly map: MapLibreMap;
  private lang: Lang;

  constructor(private readonly opts: MapControllerOptions) {
    if (!protocolRegistered) {
      setWorkerUrl(workerUrl);
      addProtocol('pmtiles', new Protocol().tile);
      protocolRegistered = true;
    }
    this.lang = opts.lang;
    this.map = new MapLibreMap({
      container: opts.container,
      style: buildStyle(opts.tilesBase, opts.lang),
      center: [113.45, 23.2],
      zoom: 8.6,
      maxBounds: [[111.8, 21.8], [115.2, 24.6]],
      attributionControl: { compact: true },
    });
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
    this.map.once('load', () => opts.onReady?.());
    this.map.on('error', (e) => opts.onError?.(e.error?.message ?? String(e)));
  }

  setLayerVisible(group: LayerGroup, visible: boolean): void {
    for (const id of LAYER_GROUPS[group]) if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }

  setLanguage(lang: Lang): void {
    if (lang === this.lang) return;
    this.lang = lang;
    const style = buildStyle(this.opts.tilesBase, lang);
    for (const layer of style.layers) if (layer.type === 'symbol' && layer.layout) this.map.setLayoutProperty(layer.id, 'text-field', layer.layout['text-field']);
  }

  destroy(): void {
    this.map.remove();
  }
}
