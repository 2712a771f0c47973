// The one place that talks to maplibre: creates the map, registers the PMTiles protocol, switches
// layers and language. React components hold a controller; they never touch maplibre directly.
import { Map as MapLibreMap, NavigationControl, ScaleControl, addProtocol, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { Protocol } from 'pmtiles';
import type { ParkStatus } from '../../domain/renovation-workflow.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { LAYER_GROUPS, VILLAGE_PARKS, buildStyle, type LayerGroup } from './style.ts';

let protocolRegistered = false;

export interface MapControllerOptions {
  container: HTMLElement;
  lang: Lang;
  tilesBase: string;
  onReady?: () => void;
  onError?: (message: string) => void;
}

/** A park's live status, keyed by the park id that is also its feature id in the tiles. */
export interface ParkStatusState extends ParkStatus {
  id: number;
}

export class MapController {
  readonly map: MapLibreMap;
  private lang: Lang;
  private loaded = false;
  private pending: (() => void)[] = [];
  private selected: number | null = null;

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
    this.map.once('load', () => {
      this.loaded = true;
      for (const run of this.pending.splice(0)) run();
      opts.onReady?.();
    });
    this.map.on('mouseenter', 'village-park-fill', () => (this.map.getCanvas().style.cursor = 'pointer'));
    this.map.on('mouseleave', 'village-park-fill', () => (this.map.getCanvas().style.cursor = ''));
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

  /** Runs now if the style is loaded, else once it is (feature-state needs the sources). */
  private whenLoaded(run: () => void): void {
    if (this.loaded) run();
    else this.pending.push(run);
  }

  /**
   * Applies live park statuses as feature-state; the fill colour reads it before the tile's own
   * properties. maplibre keeps the state per id, so parks in tiles not yet loaded get it too.
   */
  setParkStatuses(items: readonly ParkStatusState[]): void {
    this.whenLoaded(() => {
      for (const { id, category, progress, pilotYear } of items) this.map.setFeatureState({ ...VILLAGE_PARKS, id }, { category, progress, pilotYear });
    });
  }

  /** The live status the map holds for a park (read-only; used by browser tests). */
  parkState(id: number): Record<string, unknown> {
    return this.loaded ? this.map.getFeatureState({ ...VILLAGE_PARKS, id }) : {};
  }

  /** Calls back with the park id when a village park is clicked; returns the unsubscribe function. */
  onParkClick(callback: (id: number) => void): () => void {
    const handler = (e: { features?: { id?: string | number }[] }) => {
      const id = e.features?.[0]?.id;
      if (typeof id === 'number') callback(id);
    };
    this.map.on('click', 'village-park-fill', handler);
    return () => this.map.off('click', 'village-park-fill', handler);
  }

  /** Outlines the selected park (null clears the outline). */
  setSelectedPark(id: number | null): void {
    this.whenLoaded(() => {
      if (this.selected !== null) this.map.setFeatureState({ ...VILLAGE_PARKS, id: this.selected }, { selected: false });
      if (id !== null) this.map.setFeatureState({ ...VILLAGE_PARKS, id }, { selected: true });
      this.selected = id;
    });
  }

  destroy(): void {
    this.map.remove();
  }
}
