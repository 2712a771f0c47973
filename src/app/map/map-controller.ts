// The one place that talks to maplibre: creates the map, registers the PMTiles protocol, switches
// layers, overlay and language, draws the worker's enterprise clusters and reports clicks and moves.
// React components hold a controller; they never touch maplibre directly.
import { Map as MapLibreMap, NavigationControl, ScaleControl, addProtocol, setWorkerUrl, type ExpressionSpecification, type GeoJSONSource, type MapGeoJSONFeature, type VectorTileSource } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { Protocol } from 'pmtiles';
import type { ParkStatus } from '../../domain/renovation-workflow.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import type { ViewFeature } from '../../domain/worker-protocol.ts';
import { BASEMAP_LAYER, BASEMAP_SOURCE, basemapSource, type BasemapConfig } from './basemap.ts';
import { VECTOR_BASEMAP_PREFIX, VECTOR_BASEMAP_SOURCE, vectorBasemapLayers, vectorBasemapSource } from './vector-basemap.ts';
import { ENTERPRISE_SELECTED_SOURCE, ENTERPRISE_SOURCE, countLabel, industryColor } from './enterprise-style.ts';
import { KEY_PROJECT_HIT_LAYERS, KEY_PROJECT_POINT_LAYERS, KEY_PROJECT_SOURCE, type KeyProjectMapFeature } from './key-project-style.ts';
import { parkFillPaint, type ParkOverlay } from './park-overlay.ts';
import { AREA_SOURCE, BLOCKS_SOURCE, MEASURE_SOURCE, LAYER_GROUPS, VALUE_PARKS, VILLAGE_PARKS, buildStyle, type LayerGroup } from './style.ts';
import type { LineString, MultiPolygon, Polygon } from 'geojson';

let protocolRegistered = false;

export interface Viewport {
  center: [number, number];
  zoom: number;
  /** West, south, east, north. */
  bbox: [number, number, number, number];
}

export interface MapControllerOptions {
  container: HTMLElement;
  lang: Lang;
  tilesBase: string;
  overlay?: ParkOverlay;
  center?: [number, number];
  zoom?: number;
  onReady?: () => void;
  onError?: (message: string) => void;
}

/** A park's live status, keyed by the park id that is also its feature id in the tiles. */
export interface ParkStatusState extends ParkStatus {
  id: number;
}

/** What a click on the map hit, most specific first (points over parks over value parks). */
export type MapHit =
  | { kind: 'enterprise' | 'park' | 'valuePark' | 'keyProject' | 'block'; id: number }
  | { kind: 'cluster'; bubbleId: number; center: [number, number] };

/** What the pointer is over, for the hover tooltip; `x`, `y` are pixels in the map container. */
export type HoverHit = { x: number; y: number } & (
  | { kind: 'enterprise'; id: number }
  | { kind: 'cluster'; count: number; keyCount: number; composition: readonly number[] }
  | { kind: 'park'; id: number; name: string }
  | { kind: 'valuePark'; id: number; names: Record<Lang, string> }
  | { kind: 'district'; code: string }
  | { kind: 'block'; id: number; name: string; level: 'first' | 'second' | null }
  | { kind: 'keyProject'; id: number; name: string; eligible: boolean }
);

const CLICKABLE = ['enterprise-point', 'enterprise-cluster', 'village-park-fill', 'value-park-fill', 'industrial-block-fill', ...KEY_PROJECT_HIT_LAYERS];
/** Districts without a published figure in the choropleth (suppressed or no data). */
export const NO_DATA_COLOR = '#d9d9d9';

export class MapController {
  readonly map: MapLibreMap;
  private lang: Lang;
  private loaded = false;
  private pending: (() => void)[] = [];
  /** The style's sources and layers exist ('style.load'), which is long before 'load' (all tiles in and drawn). */
  private styled = false;
  private pendingStyled: (() => void)[] = [];
  private selectedPark: number | null = null;
  private selectedValuePark: number | null = null;
  private selectedBlock: number | null = null;
  private selectedKeyProject: number | null = null;
  private keyProjectFeatures: KeyProjectMapFeature[] = [];
  private enterpriseFeatures: ViewFeature[] = [];
  private overlay: ParkOverlay;
  /** Parks outlined as changed between two dates; null when that mode is off. */
  private changedParks: ReadonlySet<number> | null = null;
  /** Parks given a computed output per mu (feature-state); the others keep the tile's baseline. */
  private efficiencyParks: ReadonlySet<number> = new Set();
  /** Parks with a proposal awaiting the city's review (feature-state `pending`). */
  private pendingParks: ReadonlySet<number> = new Set();
  private contradictingParks: ReadonlySet<number> = new Set();
  private rasterBasemapOn = false;
  private vectorBasemapOn = false;

  constructor(private readonly opts: MapControllerOptions) {
    if (!protocolRegistered) {
      setWorkerUrl(workerUrl);
      addProtocol('pmtiles', new Protocol().tile);
      protocolRegistered = true;
    }
    this.lang = opts.lang;
    this.overlay = opts.overlay ?? 'category';
    this.map = new MapLibreMap({
      container: opts.container,
      style: buildStyle(opts.tilesBase, opts.lang, opts.overlay),
      center: opts.center ?? [113.45, 23.2],
      zoom: opts.zoom ?? 8.6,
      maxBounds: [[111.8, 21.8], [115.2, 24.6]],
      attributionControl: { compact: true },
    });
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
    // The enterprise layer is a GeoJSON source of the style: its data can go in as soon as the style
    // is, so that the first complete frame of the map already has the clusters.
    this.map.once('style.load', () => {
      this.styled = true;
      for (const run of this.pendingStyled.splice(0)) run();
    });
    this.map.once('load', () => {
      this.loaded = true;
      for (const run of this.pending.splice(0)) run();
      opts.onReady?.();
    });
    for (const id of CLICKABLE) {
      this.map.on('mouseenter', id, () => (this.map.getCanvas().style.cursor = 'pointer'));
      this.map.on('mouseleave', id, () => (this.map.getCanvas().style.cursor = ''));
    }
    this.map.on('error', (e) => opts.onError?.(e.error?.message ?? String(e)));
  }

  setLayerVisible(group: LayerGroup, visible: boolean): void {
    this.whenLoaded(() => {
      for (const id of LAYER_GROUPS[group]) if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
    });
  }

  setLanguage(lang: Lang): void {
    if (lang === this.lang) return;
    this.lang = lang;
    const style = buildStyle(this.opts.tilesBase, lang);
    this.whenLoaded(() => {
      for (const layer of style.layers) if (layer.type === 'symbol' && layer.layout) this.map.setLayoutProperty(layer.id, 'text-field', layer.layout['text-field']);
      if (this.map.getSource(VECTOR_BASEMAP_SOURCE)) {
        for (const layer of vectorBasemapLayers(lang)) if (layer.type === 'symbol' && layer.layout) this.map.setLayoutProperty(layer.id, 'text-field', layer.layout['text-field']);
      }
      this.setEnterpriseFeatures(this.enterpriseFeatures);
    });
  }

  setOverlay(overlay: ParkOverlay): void {
    this.overlay = overlay;
    this.whenLoaded(() => {
      const paint = parkFillPaint(overlay, this.changedParks !== null);
      this.map.setPaintProperty('village-park-fill', 'fill-color', paint['fill-color']);
      this.map.setPaintProperty('village-park-fill', 'fill-opacity', paint['fill-opacity']);
    });
  }

  /** Runs now if the style is loaded, else once it is (feature-state needs the sources). */
  private whenLoaded(run: () => void): void {
    if (this.loaded) run();
    else this.pending.push(run);
  }

  private whenStyled(run: () => void): void {
    if (this.styled || this.loaded) run();
    else this.pendingStyled.push(run);
  }

  /**
   * Applies live park statuses as feature-state; the fill colour reads it before the tile's own
   * properties. maplibre keeps the state per id, so parks in tiles not yet loaded get it too.
   */
  setParkStatuses(items: readonly ParkStatusState[]): void {
    this.whenLoaded(() => {
      for (const { id, category, progress, pilotYear } of items)
        this.map.setFeatureState({ ...VILLAGE_PARKS, id }, { category, progress, pilotYear, pilot: pilotYear !== null });
    });
  }

  /**
   * The "changes between two dates" mode: `ids` are outlined and every other park fades; null ends
   * the mode. Feature-state again, so no tile is re-parsed.
   */
  setChangedParks(ids: ReadonlySet<number> | null): void {
    const before = this.changedParks;
    this.changedParks = ids;
    this.whenLoaded(() => {
      for (const id of before ?? []) if (!ids?.has(id)) this.map.setFeatureState({ ...VILLAGE_PARKS, id }, { changed: false });
      for (const id of ids ?? []) if (!before?.has(id)) this.map.setFeatureState({ ...VILLAGE_PARKS, id }, { changed: true });
      if ((before === null) !== (ids === null)) this.setOverlay(this.overlay);
    });
  }

  /**
   * Output per mu computed from each park's enterprises (park id → yuan per mu) as feature-state; the
   * efficiency overlay reads it before the tile's static baseline. Parks left out go back to the baseline.
   */
  setParkEfficiency(values: ReadonlyMap<number, number>): void {
    const before = this.efficiencyParks;
    this.efficiencyParks = new Set(values.keys());
    this.whenLoaded(() => {
      for (const id of before) if (!values.has(id)) this.map.removeFeatureState({ ...VILLAGE_PARKS, id }, 'outputPerMu');
      for (const [id, v] of values) this.map.setFeatureState({ ...VILLAGE_PARKS, id }, { outputPerMu: v });
    });
  }

  /** Outlines the parks with a proposal awaiting the city's review (dashed, style.ts); the others lose the outline. */
  setPendingParks(ids: ReadonlySet<number>): void {
    const before = this.pendingParks;
    this.pendingParks = ids;
    this.whenLoaded(() => {
      for (const id of before) if (!ids.has(id)) this.map.setFeatureState({ ...VILLAGE_PARKS, id }, { pending: false });
      for (const id of ids) if (!before.has(id)) this.map.setFeatureState({ ...VILLAGE_PARKS, id }, { pending: true });
    });
  }

  /** Marks the parks whose category contradicts the classification standard (dotted red outline, style.ts); the others lose the mark. */
  setContradictingParks(ids: ReadonlySet<number>): void {
    const before = this.contradictingParks;
    this.contradictingParks = ids;
    this.whenLoaded(() => {
      for (const id of before) if (!ids.has(id)) this.map.setFeatureState({ ...VILLAGE_PARKS, id }, { contradicts: false });
      for (const id of ids) if (!before.has(id)) this.map.setFeatureState({ ...VILLAGE_PARKS, id }, { contradicts: true });
    });
  }

  /** The live status the map holds for a park (read-only; used by browser tests). */
  parkState(id: number): Record<string, unknown> {
    return this.loaded ? this.map.getFeatureState({ ...VILLAGE_PARKS, id }) : {};
  }

  /**
   * Calls back with what a click hit, or what lies under the map's centre when Enter is pressed on
   * the focused map (the keyboard's way to pick a feature: move the map with the arrow keys, then
   * Enter); returns the unsubscribe function.
   */
  onClick(callback: (hit: MapHit) => void): () => void {
    const handler = (e: { point: { x: number; y: number } }) => {
      const hit = this.hitAt(e.point.x, e.point.y);
      if (hit) callback(hit);
    };
    const canvas = this.map.getCanvas();
    const key = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || e.target !== canvas) return;
      const hit = this.hitAt(canvas.clientWidth / 2, canvas.clientHeight / 2);
      if (hit) callback(hit);
    };
    this.map.on('click', handler);
    canvas.addEventListener('keydown', key);
    return () => {
      this.map.off('click', handler);
      canvas.removeEventListener('keydown', key);
    };
  }

  /**
   * Calls back with what the pointer is over (at most once per frame), null when it leaves the map
   * or is over nothing. Same precedence as clicks, then the district under everything.
   */
  onHover(callback: (hit: HoverHit | null) => void): () => void {
    let frame = 0;
    let last: { x: number; y: number } | null = null;
    const run = () => {
      frame = 0;
      if (last) callback(this.hoverAt(last.x, last.y));
    };
    const move = (e: { point: { x: number; y: number } }) => {
      last = e.point;
      if (!frame) frame = requestAnimationFrame(run);
    };
    const out = () => {
      last = null;
      callback(null);
    };
    this.map.on('mousemove', move);
    this.map.on('mouseout', out);
    return () => {
      cancelAnimationFrame(frame);
      this.map.off('mousemove', move);
      this.map.off('mouseout', out);
    };
  }

  private hoverAt(x: number, y: number): HoverHit | null {
    if (!this.loaded) return null;
    const hit = this.hitAt(x, y);
    const at = (layer: string) => this.map.queryRenderedFeatures([x, y], { layers: [layer] })[0];
    if (hit?.kind === 'cluster') {
      // The drawn bubble carries no composition (kept out of the map's source): take the worker's feature.
      const id = hit.bubbleId;
      const f = this.enterpriseFeatures.find((e) => e.properties.cluster && e.properties.bubbleId === id);
      const p = f?.properties.cluster ? f.properties : null;
      return { x, y, kind: 'cluster', count: p?.count ?? 0, keyCount: p?.keyCount ?? 0, composition: p?.composition ?? [] };
    }
    if (hit?.kind === 'enterprise') return { x, y, kind: 'enterprise', id: hit.id };
    if (hit?.kind === 'keyProject') {
      const p = this.keyProjectFeatures.find((f) => f.id === hit.id)?.properties;
      return { x, y, kind: 'keyProject', id: hit.id, name: p?.name ?? '', eligible: p?.eligible ?? false };
    }
    if (hit?.kind === 'park') return { x, y, kind: 'park', id: hit.id, name: String(at('village-park-fill')?.properties.name ?? '') };
    if (hit?.kind === 'valuePark') {
      const p = at('value-park-fill')?.properties ?? {};
      return { x, y, kind: 'valuePark', id: hit.id, names: { 'zh-Hans': String(p.name ?? ''), 'zh-Hant': String(p.nameZhHant ?? p.name ?? ''), en: String(p.nameEn ?? p.name ?? '') } };
    }
    if (hit?.kind === 'block') {
      const p = at('industrial-block-fill')?.properties ?? {};
      return { x, y, kind: 'block', id: hit.id, name: String(p.name ?? ''), level: p.level === 'first' || p.level === 'second' ? p.level : null };
    }
    const district = this.map.getLayoutProperty('district-fill', 'visibility') === 'none' ? undefined : at('district-fill');
    return district ? { x, y, kind: 'district', code: String(district.properties.code) } : null;
  }

  /** Colours districts by code (a choropleth); codes left out get the no-data grey; null = plain white. */
  setDistrictColors(colors: Readonly<Record<string, string>> | null): void {
    this.whenLoaded(() => {
      const pairs = Object.entries(colors ?? {}).flat();
      const match = ['match', ['get', 'code'], ...pairs, NO_DATA_COLOR] as unknown as ExpressionSpecification;
      this.map.setPaintProperty('district-fill', 'fill-color', colors === null ? '#ffffff' : pairs.length ? match : NO_DATA_COLOR);
    });
  }

  /** Draws the shape of the last measurement, or nothing. */
  setMeasureShape(geometry: LineString | Polygon | null): void {
    this.whenStyled(() => (this.map.getSource(MEASURE_SOURCE) as GeoJSONSource).setData({
      type: 'FeatureCollection', features: geometry ? [{ type: 'Feature', properties: {}, geometry }] : [],
    }));
  }

  /** Outlines the districts chosen in the filter. */
  setDistrictHighlight(codes: readonly string[]): void {
    this.whenLoaded(() => this.map.setFilter('district-highlight', ['in', ['get', 'code'], ['literal', [...codes]]]));
  }

  /** Calls back with the code of a district clicked on (used while picking districts). */
  onDistrictClick(callback: (code: string) => void): () => void {
    const handler = (e: { point: { x: number; y: number } }) => {
      const f = this.map.queryRenderedFeatures([e.point.x, e.point.y], { layers: ['district-fill'] })[0];
      if (f?.properties?.code) callback(String(f.properties.code));
    };
    this.map.on('click', handler);
    return () => this.map.off('click', handler);
  }

  private hitAt(x: number, y: number): MapHit | null {
    const query = (layers: string[], pad: number): MapGeoJSONFeature | undefined =>
      this.map.queryRenderedFeatures(pad ? [[x - pad, y - pad], [x + pad, y + pad]] : [x, y], { layers })[0];
    // Key projects: their points win over everything; a parcel only over the parks under it, so the
    // enterprises inside a parcel stay clickable.
    const projectsShown = !!this.map.getLayer('key-project-point') && this.map.getLayoutProperty('key-project-point', 'visibility') !== 'none';
    const project = projectsShown ? query(KEY_PROJECT_POINT_LAYERS, 3) : undefined;
    if (typeof project?.id === 'number') return { kind: 'keyProject', id: project.id };
    const dot = query(['enterprise-point', 'enterprise-cluster'], 4);
    if (dot) {
      const p = dot.properties as { cluster: boolean; id?: number; bubbleId?: number };
      const coords = (dot.geometry as GeoJSON.Point).coordinates as [number, number];
      if (p.cluster) return { kind: 'cluster', bubbleId: Number(p.bubbleId), center: coords };
      return { kind: 'enterprise', id: Number(p.id) };
    }
    const parcel = projectsShown ? query(['key-project-parcel-fill'], 0) : undefined;
    if (typeof parcel?.id === 'number') return { kind: 'keyProject', id: parcel.id };
    const park = query(['village-park-fill'], 0);
    if (typeof park?.id === 'number') return { kind: 'park', id: park.id };
    const value = query(['value-park-fill'], 0);
    if (typeof value?.id === 'number') return { kind: 'valuePark', id: value.id };
    const block = query(['industrial-block-fill'], 0);
    if (typeof block?.id === 'number') return { kind: 'block', id: block.id };
    return null;
  }

  /** Where the map is now. */
  view(): Viewport {
    const b = this.map.getBounds();
    const c = this.map.getCenter();
    return { center: [c.lng, c.lat], zoom: this.map.getZoom(), bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] };
  }

  /** Calls back after every move (pan, zoom, fly); returns the unsubscribe function. */
  onMove(callback: (view: Viewport) => void): () => void {
    const handler = () => callback(this.view());
    this.map.on('moveend', handler);
    return () => this.map.off('moveend', handler);
  }

  /** Moves to a point or a box; `rightInset` pixels on the right are covered (by a panel) and kept clear. */
  flyTo(target: { center?: [number, number]; zoom?: number; bounds?: [number, number, number, number] }, rightInset = 0): void {
    const duration = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 0 : 800;
    if (target.bounds) {
      const [w, s, e, n] = target.bounds;
      this.map.fitBounds([[w, s], [e, n]], { padding: { top: 60, bottom: 60, left: 60, right: 60 + rightInset }, maxZoom: target.zoom ?? 16, duration });
    } else {
      const center = target.center ?? this.map.getCenter();
      this.map.flyTo({ center, zoom: target.zoom ?? this.map.getZoom(), offset: [-rightInset / 2, 0], duration, essential: true });
    }
  }

  /**
   * Zooms out, never in, until `bounds` (west, south, east, north) fit the map: a link without a
   * camera opens on the whole city, also on a small screen where the default view would cut it off.
   */
  zoomOutToFit(bounds: readonly [number, number, number, number]): void {
    const camera = this.map.cameraForBounds([[bounds[0], bounds[1]], [bounds[2], bounds[3]]], { padding: 8 });
    if (camera?.zoom !== undefined && camera.zoom < this.map.getZoom()) this.map.jumpTo(camera);
  }

  /** The industry-cluster codes behind the worker's indices (the payload dictionary). */
  setEnterpriseClusterCodes(codes: readonly string[]): void {
    this.whenStyled(() => {
      this.map.setPaintProperty('enterprise-cluster', 'circle-color', industryColor('dominant', codes));
      this.map.setPaintProperty('enterprise-point', 'circle-color', industryColor('industry', codes));
    });
  }

  /** Draws the worker's clusters and points for the current view. */
  setEnterpriseFeatures(features: ViewFeature[]): void {
    this.enterpriseFeatures = features;
    const data = {
      type: 'FeatureCollection' as const,
      features: features.map((f) => (f.properties.cluster ? { ...f, properties: { ...f.properties, composition: undefined, label: countLabel(f.properties.count, this.lang) } } : f)),
    };
    this.whenStyled(() => (this.map.getSource(ENTERPRISE_SOURCE) as GeoJSONSource).setData(data as GeoJSON.FeatureCollection));
  }

  /** What the enterprise layer shows now: bubbles, single points and the enterprises in both. */
  enterpriseStats(): { clusters: number; points: number; enterprises: number } {
    let clusters = 0, points = 0, enterprises = 0;
    for (const f of this.enterpriseFeatures) {
      if (f.properties.cluster) {
        clusters++;
        enterprises += f.properties.count;
      } else {
        points++;
        enterprises++;
      }
    }
    return { clusters, points, enterprises };
  }

  /** Outlines the selected park or value park, or rings the selected enterprise at `point`. */
  setSelection(sel: { kind: 'park' | 'valuePark' | 'enterprise' | 'keyProject' | 'block'; id: number } | null, point?: [number, number] | null): void {
    this.whenLoaded(() => {
      const project = sel?.kind === 'keyProject' ? sel.id : null;
      if (this.selectedKeyProject !== null && this.selectedKeyProject !== project) this.map.setFeatureState({ source: KEY_PROJECT_SOURCE, id: this.selectedKeyProject }, { selected: false });
      if (project !== null) this.map.setFeatureState({ source: KEY_PROJECT_SOURCE, id: project }, { selected: true });
      this.selectedKeyProject = project;
      const park = sel?.kind === 'park' ? sel.id : null;
      const value = sel?.kind === 'valuePark' ? sel.id : null;
      if (this.selectedPark !== null && this.selectedPark !== park) this.map.setFeatureState({ ...VILLAGE_PARKS, id: this.selectedPark }, { selected: false });
      if (park !== null) this.map.setFeatureState({ ...VILLAGE_PARKS, id: park }, { selected: true });
      if (this.selectedValuePark !== null && this.selectedValuePark !== value) this.map.setFeatureState({ ...VALUE_PARKS, id: this.selectedValuePark }, { selected: false });
      if (value !== null) this.map.setFeatureState({ ...VALUE_PARKS, id: value }, { selected: true });
      [this.selectedPark, this.selectedValuePark] = [park, value];
      const block = sel?.kind === 'block' ? sel.id : null;
      if (this.selectedBlock !== null && this.selectedBlock !== block) this.map.setFeatureState({ source: BLOCKS_SOURCE, id: this.selectedBlock }, { selected: false });
      if (block !== null) this.map.setFeatureState({ source: BLOCKS_SOURCE, id: block }, { selected: true });
      this.selectedBlock = block;
      const features = sel?.kind === 'enterprise' && point ? [{ type: 'Feature' as const, properties: {}, geometry: { type: 'Point' as const, coordinates: point } }] : [];
      (this.map.getSource(ENTERPRISE_SELECTED_SOURCE) as GeoJSONSource).setData({ type: 'FeatureCollection', features });
    });
  }

  /** Draws the key projects (the whole list: a few dozen to a few hundred features); feature ids are project ids. */
  setKeyProjects(features: KeyProjectMapFeature[]): void {
    this.keyProjectFeatures = features;
    this.whenStyled(() => {
      (this.map.getSource(KEY_PROJECT_SOURCE) as GeoJSONSource).setData({ type: 'FeatureCollection', features });
      // setData drops feature-state: the selection's ring comes back.
      if (this.selectedKeyProject !== null) this.map.setFeatureState({ source: KEY_PROJECT_SOURCE, id: this.selectedKeyProject }, { selected: true });
    });
  }

  /** What the key-project layer shows now (read-only; used by browser tests). */
  keyProjectStats(): { features: number; eligible: number; points: number; parcels: number } {
    const f = this.keyProjectFeatures;
    return { features: f.length, eligible: f.filter((x) => x.properties.eligible).length, points: f.filter((x) => x.geometry.type === 'Point').length, parcels: f.filter((x) => x.geometry.type === 'Polygon').length };
  }

  /** The industrial blocks to draw (GeoJSON features whose ids are the blocks' database ids). */
  setIndustrialBlocks(features: readonly GeoJSON.Feature[]): void {
    this.whenStyled(() => {
      (this.map.getSource(BLOCKS_SOURCE) as GeoJSONSource).setData({ type: 'FeatureCollection', features: [...features] });
      // setData drops feature-state: the selection's outline comes back.
      if (this.selectedBlock !== null) this.map.setFeatureState({ source: BLOCKS_SOURCE, id: this.selectedBlock }, { selected: true });
    });
  }

  /** Loads the park and district tiles again (they were rebuilt after an import); `version` makes the URLs new. */
  reloadTiles(version: number): void {
    this.whenLoaded(() => {
      for (const name of ['districts', 'village-parks', 'value-parks']) {
        const source = this.map.getSource(name) as VectorTileSource | undefined;
        source?.setUrl(`pmtiles://${this.opts.tilesBase}/${name}.pmtiles?v=${version}`);
      }
    });
  }

  /** Shows the spatial filter area (null hides it); without `outline` only its wash (e.g. when it is the parks themselves). */
  setArea(area: Polygon | MultiPolygon | null, outline = true): void {
    const features = area ? [{ type: 'Feature' as const, properties: {}, geometry: area }] : [];
    this.whenLoaded(() => {
      (this.map.getSource(AREA_SOURCE) as GeoJSONSource).setData({ type: 'FeatureCollection', features });
      this.map.setLayoutProperty('area-line', 'visibility', outline ? 'visible' : 'none');
    });
  }

  /** Runs `run` with the map once its style is loaded (e.g. to attach the drawing tools). */
  onLoaded(run: () => void): void {
    this.whenLoaded(run);
  }

  /** Shows or hides the online basemap; its source is added (and contacted) only when first shown. */
  setBasemap(config: BasemapConfig | null, visible: boolean): void {
    this.whenLoaded(() => {
      const on = !!config && visible;
      if (on && !this.map.getSource(BASEMAP_SOURCE)) {
        this.map.addSource(BASEMAP_SOURCE, basemapSource(config));
        // Under the vector basemap when that is there (its water and roads draw over the imagery).
        const below = this.map.getStyle().layers.find((l) => l.id.startsWith(VECTOR_BASEMAP_PREFIX))?.id ?? 'district-fill';
        this.map.addLayer({ id: BASEMAP_LAYER, type: 'raster', source: BASEMAP_SOURCE }, below);
      }
      if (this.map.getLayer(BASEMAP_LAYER)) this.map.setLayoutProperty(BASEMAP_LAYER, 'visibility', on ? 'visible' : 'none');
      this.rasterBasemapOn = on;
      this.updateDistrictWash();
    });
  }

  /**
   * Shows or hides the regional vector basemap (`<tilesBase>/basemap.pmtiles`, Protomaps schema); its
   * source and layers are added, under ours and over an online basemap, only when first shown.
   */
  setVectorBasemap(visible: boolean): void {
    this.whenLoaded(() => {
      const ids = vectorBasemapLayers(this.lang).map((l) => l.id);
      if (visible && !this.map.getSource(VECTOR_BASEMAP_SOURCE)) {
        this.map.addSource(VECTOR_BASEMAP_SOURCE, vectorBasemapSource(this.opts.tilesBase));
        for (const layer of vectorBasemapLayers(this.lang)) this.map.addLayer(layer, 'district-fill');
      }
      for (const id of ids) if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
      this.vectorBasemapOn = visible;
      this.updateDistrictWash();
    });
  }

  /** The white district fill would hide a basemap: with one on, only a light wash stays over it. */
  private updateDistrictWash(): void {
    this.map.setPaintProperty('district-fill', 'fill-opacity', this.rasterBasemapOn || this.vectorBasemapOn ? 0.2 : 0.9);
  }

  destroy(): void {
    this.map.remove();
  }
}
