// GeoJSON layers → MVT tiles (geojson-vt slicing, vt-pbf encoding) → one PMTiles archive (pmtiles-writer.ts).
// Each layer gets its own geojson-vt index; for every tile of the archive's zoom range that intersects a
// layer's bbox we ask the index for the tile and encode all layers that have data there into one MVT.
import { bbox as turfBbox } from '@turf/bbox';
import type { Feature, FeatureCollection } from 'geojson';
import geojsonvt, { type VtFeature, type VtPoint } from 'geojson-vt';
import vtpbf from 'vt-pbf';
import { writePmtiles, type TileInput, type VectorLayerMeta } from './pmtiles-writer.ts';

export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;

export interface VectorLayerInput {
  name: string;
  features: Feature[];
  /** Defaults to the archive's minZoom. */
  minZoom?: number;
  /** Defaults to the archive's maxZoom; no simplification at this zoom. */
  maxZoom?: number;
  /**
   * geojson-vt simplification tolerance in tile units (of 4096) below maxZoom; default 3 (geojson-vt's).
   * geojson-vt also drops polygons whose area is below tolerance², so small features need a small value;
   * 0 keeps every feature at every zoom.
   */
  tolerance?: number;
  description?: string;
}

export interface VectorArchiveOptions {
  minZoom: number;
  maxZoom: number;
  name: string;
  description: string;
  attribution: string;
}

type Bbox = [number, number, number, number];

/** MVT feature ids are unsigned varints: keep `feature.id` or `properties.id` when it is a non-negative integer. */
function numericId(f: Feature): number | undefined {
  for (const candidate of [f.id, f.properties?.id]) {
    if (typeof candidate === 'number' && Number.isSafeInteger(candidate) && candidate >= 0) return candidate;
  }
  return undefined;
}

function fieldType(value: unknown): string {
  if (typeof value === 'number') return 'Number';
  if (typeof value === 'boolean') return 'Boolean';
  return 'String'; // strings; objects and arrays are JSON-stringified by vt-pbf
}

/** TileJSON `fields` from the property types of a layer's features (null values are not encoded, so not counted). */
export function layerFields(features: readonly Feature[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const f of features) {
    for (const [key, value] of Object.entries(f.properties ?? {})) {
      if (value === null || value === undefined) continue;
      const t = fieldType(value);
      fields[key] = fields[key] === undefined || fields[key] === t ? t : 'Mixed';
    }
  }
  return fields;
}

function lonToTileX(lon: number, z: number): number {
  const n = 2 ** z;
  return Math.min(n - 1, Math.max(0, Math.floor(((lon + 180) / 360) * n)));
}

function latToTileY(lat: number, z: number): number {
  const n = 2 ** z;
  const clamped = Math.max(-85.0511287798, Math.min(85.0511287798, lat));
  const rad = (clamped * Math.PI) / 180;
  const y = ((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n;
  return Math.min(n - 1, Math.max(0, Math.floor(y)));
}

function ringArea(ring: readonly VtPoint[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  }
  return sum / 2;
}

function dedupe(ring: readonly VtPoint[]): VtPoint[] {
  const out: VtPoint[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

/**
 * Make geojson-vt output valid MVT after rounding to integer tile coordinates: no zero-length segments
 * (MVT 2.1 §4.3.3.2), no zero-area rings. A polygon that collapses entirely (a 200 m park at z6 is about
 * one tile unit) becomes a 1×1-unit square, so the feature still exists in the tile.
 */
function cleanFeature(f: VtFeature): VtFeature | null {
  if (f.type === 1) return f;
  const rings = (f.geometry as VtPoint[][]).map(dedupe);
  if (f.type === 2) {
    const lines = rings.filter((r) => r.length >= 2);
    return lines.length ? { ...f, geometry: lines } : null;
  }

  const out: VtPoint[][] = [];
  let keepHoles = false;
  rings.forEach((ring, i) => {
    const area = ringArea(ring);
    const last = ring[ring.length - 1];
    const closed = ring.length > 1 && ring[0][0] === last[0] && ring[0][1] === last[1];
    const degenerate = ring.length - (closed ? 1 : 0) < 3 || area === 0;
    // MVT exterior rings have positive area in tile space (y down); geojson-vt wound them so before rounding.
    const exterior = i === 0 || area > 0;
    if (exterior) {
      keepHoles = !degenerate;
      if (!degenerate) out.push(area > 0 ? ring : [...ring].reverse());
    } else if (keepHoles && !degenerate) {
      out.push(ring);
    }
  });
  if (out.length === 0) {
    const first = (f.geometry as VtPoint[][])[0]?.[0];
    if (!first) return null;
    const [x, y] = first;
    out.push([
      [x, y],
      [x + 1, y],
      [x + 1, y + 1],
      [x, y + 1],
      [x, y],
    ]);
  }
  return { ...f, geometry: out };
}

function featuresBbox(features: readonly Feature[]): Bbox | null {
  if (features.length === 0) return null;
  const fc: FeatureCollection = { type: 'FeatureCollection', features: [...features] };
  const [w, s, e, n] = turfBbox(fc);
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

export interface VectorTileSet {
  tiles: TileInput[];
  bounds: Bbox;
  vectorLayers: VectorLayerMeta[];
}

/** Slice and encode all layers; the tiles come back uncompressed, in z/x/y order. */
export function buildVectorTiles(layers: readonly VectorLayerInput[], opts: VectorArchiveOptions): VectorTileSet {
  const names = new Set<string>();
  const byTile = new Map<string, { z: number; x: number; y: number; layers: Record<string, { features: VtFeature[] }> }>();
  const vectorLayers: VectorLayerMeta[] = [];
  let bounds: Bbox | null = null;

  for (const layer of layers) {
    if (names.has(layer.name)) throw new Error(`duplicate layer name ${layer.name}`);
    names.add(layer.name);
    const minZoom = Math.max(opts.minZoom, layer.minZoom ?? opts.minZoom);
    const maxZoom = Math.min(opts.maxZoom, layer.maxZoom ?? opts.maxZoom);
    const features = layer.features
      .filter((f) => f.geometry)
      .map((f): Feature => ({ type: 'Feature', id: numericId(f), properties: f.properties ?? {}, geometry: f.geometry }));
    vectorLayers.push({
      id: layer.name,
      fields: layerFields(features),
      minzoom: minZoom,
      maxzoom: maxZoom,
      ...(layer.description ? { description: layer.description } : {}),
    });
    const box = featuresBbox(features);
    if (!box || minZoom > maxZoom) continue;
    bounds = bounds ? [Math.min(bounds[0], box[0]), Math.min(bounds[1], box[1]), Math.max(bounds[2], box[2]), Math.max(bounds[3], box[3])] : box;

    const index = geojsonvt(
      { type: 'FeatureCollection', features },
      {
        maxZoom,
        indexMaxZoom: maxZoom,
        tolerance: layer.tolerance ?? 3,
        extent: TILE_EXTENT,
        buffer: TILE_BUFFER,
      },
    );
    for (let z = minZoom; z <= maxZoom; z++) {
      const [x0, x1] = [lonToTileX(box[0], z), lonToTileX(box[2], z)];
      const [y0, y1] = [latToTileY(box[3], z), latToTileY(box[1], z)];
      for (let x = x0; x <= x1; x++) {
        for (let y = y0; y <= y1; y++) {
          const tile = index.getTile(z, x, y); // null where the pyramid has nothing
          const cleaned = tile ? tile.features.map(cleanFeature).filter((f): f is VtFeature => f !== null) : [];
          if (cleaned.length === 0) continue;
          const key = `${z}/${x}/${y}`;
          let entry = byTile.get(key);
          if (!entry) {
            entry = { z, x, y, layers: {} };
            byTile.set(key, entry);
          }
          entry.layers[layer.name] = { features: cleaned };
        }
      }
    }
  }
  if (!bounds || byTile.size === 0) throw new Error(`no features to tile in ${opts.name}`);

  const order = layers.map((l) => l.name);
  const tiles: TileInput[] = [...byTile.values()]
    .sort((a, b) => a.z - b.z || a.x - b.x || a.y - b.y)
    .map(({ z, x, y, layers: tileLayers }) => {
      const ordered: Record<string, { features: VtFeature[] }> = {};
      for (const name of order) if (tileLayers[name]) ordered[name] = tileLayers[name];
      return { z, x, y, data: vtpbf.fromGeojsonVt(ordered, { version: 2, extent: TILE_EXTENT }) };
    });
  return { tiles, bounds, vectorLayers };
}

/** Build a PMTiles v3 archive (MVT, gzip) with one source layer per input layer. */
export function buildVectorTileArchive(layers: readonly VectorLayerInput[], opts: VectorArchiveOptions): Uint8Array {
  const { tiles, bounds, vectorLayers } = buildVectorTiles(layers, opts);
  const centerZoom = Math.min(opts.maxZoom, Math.max(opts.minZoom, 9));
  return writePmtiles(tiles, {
    minZoom: opts.minZoom,
    maxZoom: opts.maxZoom,
    bounds,
    center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, centerZoom],
    vectorLayers,
    name: opts.name,
    description: opts.description,
    attribution: opts.attribution,
  });
}
