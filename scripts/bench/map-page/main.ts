// The page scripts/bench/map-enterprises.ts loads in headless Chromium (built with Vite from the
// real src/app/worker and src/domain code; not part of the app). It exposes `window.bench`: the
// same view rendered from our worker path (first frame, filter changes, zooming in), or from
// maplibre's own clustered GeoJSON source.
import { Map as MapLibreMap, setWorkerUrl, type GeoJSONSource } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { FeatureCollection } from 'geojson';
import { Deck } from '@deck.gl/core';
import { GridLayer } from '@deck.gl/aggregation-layers';
import { EMPTY_FILTER } from '../../../src/domain/enterprise-filter.ts';
import { taxonomy } from '../../../src/domain/taxonomy.ts';
import type { ViewFeature } from '../../../src/domain/worker-protocol.ts';
import { EnterpriseWorkerClient } from '../../../src/app/worker/worker-client.ts';

setWorkerUrl(workerUrl);

const VIEW = { center: [113.45, 23.2] as [number, number], zoom: 8.6 };
const CLUSTER_OPTIONS = { radius: 60, maxZoom: 16 };

let map: MapLibreMap | null = null;
let client: EnterpriseWorkerClient | null = null;

function makeMap(): Promise<MapLibreMap> {
  const m = new MapLibreMap({
    container: 'map',
    style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef2f5' } }] },
    center: VIEW.center,
    zoom: VIEW.zoom,
    fadeDuration: 0,
    attributionControl: false,
  });
  map = m;
  // Both paths start timing from a loaded map with nothing left to do.
  return new Promise((resolve) => m.once('load', () => {
    m.once('idle', () => resolve(m));
    m.triggerRepaint();
  }));
}

/** Count of enterprises a rendered feature stands for (our clusters: `count`; maplibre's: `point_count`). */
const represented = (p: Record<string, unknown>) => (typeof p.count === 'number' ? p.count : typeof p.point_count === 'number' ? p.point_count : 1);

/** Rendered features of a layer, each counted once (a point can sit in two tiles' buffers). */
function rendered(m: MapLibreMap, layer: string): { features: number; enterprises: number } {
  const seen = new Map<string, number>();
  for (const f of m.queryRenderedFeatures({ layers: [layer] })) seen.set(String(f.id ?? JSON.stringify(f.geometry)), represented(f.properties));
  let enterprises = 0;
  for (const n of seen.values()) enterprises += n;
  return { features: seen.size, enterprises };
}

/**
 * Resolves with the time of the first 'render' or 'idle' after `since` at which the source is loaded
 * and `ok` holds, or null after `capMs`.
 */
function frame(m: MapLibreMap, source: string, ok: () => boolean, capMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const check = () => {
      if (!m.isSourceLoaded(source) || !ok()) return;
      done(performance.now());
    };
    const timer = setTimeout(() => done(null), capMs);
    const done = (t: number | null) => {
      clearTimeout(timer);
      m.off('render', check);
      m.off('idle', check);
      resolve(t);
    };
    m.on('render', check);
    m.on('idle', check);
  });
}

function viewQuery(m: MapLibreMap): { bbox: [number, number, number, number]; zoom: number } {
  const b = m.getBounds();
  // maplibre draws GeoJSON at the integer zoom below the map's; ask for the same.
  return { bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom: Math.floor(m.getZoom()) };
}

/** Bumped by every setData of ours: each feature carries it, so a frame shows the new answer only when every drawn feature has it. */
let generation = 0;
const collection = (features: ViewFeature[]) =>
  ({ type: 'FeatureCollection', features: features.map((f) => ({ ...f, properties: { ...f.properties, gen: generation } })) }) as FeatureCollection;
const expectedOf = (features: ViewFeature[]) => features.reduce((n, f) => n + (f.properties.cluster ? f.properties.count : 1), 0);

/**
 * Whether our latest answer is what is drawn: every rendered feature is of the latest setData, and
 * at least as many are rendered as the answer has features whose centre is on screen (the answer
 * covers whole grid cells, so some bubbles lie just outside the view and are not drawn).
 */
function drawn(m: MapLibreMap, features: ViewFeature[]): boolean {
  const b = m.getBounds();
  const onScreen = features.filter((f) => b.contains(f.geometry.coordinates)).length;
  const seen = new Set<unknown>();
  for (const f of m.queryRenderedFeatures({ layers: ['ents-circles'] })) {
    if (f.properties.gen !== generation) return false;
    seen.add(f.id);
  }
  return seen.size >= onScreen && seen.size > 0;
}

const industryColor = ['match', ['get', 'dominant'], ...taxonomy.clusters.flatMap((c, i) => [i, c.color]), '#888888'];

async function ours(capMs: number) {
  const m = await makeMap();
  // As in the app, the enterprise source and its layer are part of the style from the start, empty
  // (src/app/map/enterprise-style.ts); the answer goes in with setData.
  m.addSource('ents', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  m.addLayer({
    id: 'ents-circles', type: 'circle', source: 'ents',
    paint: {
      'circle-color': ['case', ['get', 'cluster'], industryColor, '#555555'] as never,
      'circle-radius': ['case', ['get', 'cluster'], ['interpolate', ['linear'], ['get', 'count'], 2, 8, 1000, 16, 100000, 30], 4] as never,
      'circle-opacity': 0.8,
    },
  });
  await new Promise<void>((res) => {
    m.once('idle', () => res());
    m.triggerRepaint();
  });
  const t0 = performance.now();
  client = new EnterpriseWorkerClient();
  const loaded = await client.load('/data/payload.bin');
  const tLoaded = performance.now();
  const q = viewQuery(m);
  const res = (await client.clusters(q.bbox, q.zoom))!;
  const tClusters = performance.now();
  generation++;
  (m.getSource('ents') as GeoJSONSource).setData(collection(res.features));
  const tFrame = await frame(m, 'ents', () => drawn(m, res.features), capMs);
  return {
    firstFrameMs: tFrame === null ? null : tFrame - t0,
    loadMs: tLoaded - t0,
    workerLoadMs: loaded.ms,
    clustersMs: tClusters - tLoaded,
    workerClustersMs: res.ms,
    count: loaded.count,
    viewFeatures: res.features.length,
    answered: expectedOf(res.features),
    rendered: rendered(m, 'ents-circles'),
    zoom: q.zoom,
  };
}

/** One tag-filter change: from setFilter to the new clusters drawn. */
async function change(tags: string[], capMs: number) {
  const m = map!;
  const c = client!;
  const q = viewQuery(m);
  const t0 = performance.now();
  // Sent together, as the app does: the worker answers in order, the clusters over the new matches.
  const [filtered, clustered] = await Promise.all([c.setFilter({ ...EMPTY_FILTER, tags }), c.clusters(q.bbox, q.zoom)]);
  const res = clustered!;
  const tClusters = performance.now();
  generation++;
  (m.getSource('ents') as GeoJSONSource).setData(collection(res.features));
  const tFrame = await frame(m, 'ents', () => drawn(m, res.features), capMs);
  return {
    tags,
    matched: filtered.summary.matched,
    ms: tFrame === null ? null : tFrame - t0,
    workerFilterMs: filtered.ms,
    workerClustersMs: res.ms,
    toClustersMs: tClusters - t0,
    viewFeatures: res.features.length,
    answered: expectedOf(res.features),
  };
}

/**
 * Zooming in one level around the view's centre: the camera jumps (maplibre redraws the old bubbles
 * bigger), then the clusters of the new view are asked for and drawn; timed from the request.
 */
async function zoomIn(capMs: number) {
  const m = map!;
  const c = client!;
  await new Promise<void>((res) => {
    m.once('idle', () => res());
    m.jumpTo({ zoom: m.getZoom() + 1 });
  });
  const q = viewQuery(m);
  const t0 = performance.now();
  const res = (await c.clusters(q.bbox, q.zoom))!;
  const tClusters = performance.now();
  generation++;
  (m.getSource('ents') as GeoJSONSource).setData(collection(res.features));
  const tFrame = await frame(m, 'ents', () => drawn(m, res.features), capMs);
  return { zoom: q.zoom, ms: tFrame === null ? null : tFrame - t0, toClustersMs: tClusters - t0, workerClustersMs: res.ms, viewFeatures: res.features.length, answered: expectedOf(res.features) };
}

async function peer(capMs: number) {
  const m = await makeMap();
  const t0 = performance.now();
  m.addSource('peer', { type: 'geojson', data: `${location.origin}/data/points.geojson`, cluster: true, clusterRadius: CLUSTER_OPTIONS.radius, clusterMaxZoom: CLUSTER_OPTIONS.maxZoom });
  m.addLayer({
    id: 'peer-circles', type: 'circle', source: 'peer',
    paint: {
      'circle-color': '#3b6ea5',
      'circle-radius': ['case', ['has', 'point_count'], ['interpolate', ['linear'], ['get', 'point_count'], 2, 8, 1000, 16, 100000, 30], 4] as never,
      'circle-opacity': 0.8,
    },
  });
  const tFrame = await frame(m, 'peer', () => m.queryRenderedFeatures({ layers: ['peer-circles'] }).length > 0, capMs);
  return { firstFrameMs: tFrame === null ? null : tFrame - t0, rendered: tFrame === null ? null : rendered(m, 'peer-circles') };
}

/**
 * Second peer: deck.gl's GridLayer (what a kepler.gl user picks to aggregate points), with GPU
 * aggregation (WebGL2) or on the CPU, on the same GeoJSON fetched and parsed as a user's file would
 * be. Cells of 18 km: 64 px at zoom 8 at this latitude, as our grid's. First frame: the first render
 * after which deck picks grid cells on screen (the picking pass is the peer's, a small extra cost).
 */
async function deckPeer(capMs: number, gpu: boolean) {
  const t0 = performance.now();
  const fc = (await (await fetch('/data/points.geojson')).json()) as FeatureCollection;
  const n = fc.features.length;
  const positions = new Float64Array(n * 2);
  fc.features.forEach((f, i) => {
    const [x, y] = (f.geometry as GeoJSON.Point).coordinates;
    positions[2 * i] = x;
    positions[2 * i + 1] = y;
  });
  const tParsed = performance.now();
  return new Promise<{ firstFrameMs: number | null; parseMs: number; error?: string }>((resolve) => {
    let done = false;
    const finish = (r: { firstFrameMs: number | null; parseMs: number; error?: string }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(r);
    };
    const timer = setTimeout(() => finish({ firstFrameMs: null, parseMs: tParsed - t0 }), capMs);
    const deck: Deck = new Deck({
      parent: document.getElementById('map') as HTMLDivElement,
      width: 1280,
      height: 800,
      initialViewState: { longitude: VIEW.center[0], latitude: VIEW.center[1], zoom: VIEW.zoom },
      controller: false,
      // Row numbers as data with an accessor: deck's documented way; a binary position attribute drew
      // nothing with GPU aggregation on SwiftShader.
      layers: [new GridLayer<number>({ id: 'grid', data: Array.from({ length: n }, (_, i) => i), getPosition: (i) => [positions[2 * i], positions[2 * i + 1]], cellSize: 18_000, gpuAggregation: gpu, extruded: false, pickable: true })],
      onError: (e) => finish({ firstFrameMs: null, parseMs: tParsed - t0, error: String(e?.message ?? e) }),
      onAfterRender: () => {
        if (done) return;
        try {
          if (deck.pickObjects({ x: 0, y: 0, width: 1280, height: 800, layerIds: ['grid'] }).length > 0) finish({ firstFrameMs: performance.now() - t0, parseMs: tParsed - t0 });
        } catch (e) {
          finish({ firstFrameMs: null, parseMs: tParsed - t0, error: String((e as Error).message ?? e) });
        }
      },
    });
  });
}

declare global {
  interface Window {
    bench: { ours: typeof ours; change: typeof change; zoomIn: typeof zoomIn; peer: typeof peer; deck: typeof deckPeer };
  }
}
window.bench = { ours, change, zoomIn, peer, deck: deckPeer };
