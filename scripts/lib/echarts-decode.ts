// Decoder for echarts' compressed map geometry (the "UTF-8 encoded" format of echarts ≤ 4 map files).
// Hand-written: no maintained npm package decodes it; echarts itself only decodes inside its runtime.
// Per ring: start at encodeOffsets, read chars in pairs, code − 64, zig-zag decode, add to the previous
// value, divide by 1024 (data/README.md, boundaries).
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

export interface EchartsFeature {
  type: 'Feature';
  id?: string;
  properties: { name: string; cp?: [number, number]; childNum?: number };
  geometry:
    | { type: 'Polygon'; coordinates: string[]; encodeOffsets: number[][] }
    | { type: 'MultiPolygon'; coordinates: string[][]; encodeOffsets: number[][][] };
}

export interface EchartsMap {
  type: 'FeatureCollection';
  UTF8Encoding?: boolean;
  features: EchartsFeature[];
}

export function decodeRing(encoded: string, offset: readonly number[]): Position[] {
  let prevX = offset[0];
  let prevY = offset[1];
  const ring: Position[] = [];
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    ring.push([x / 1024, y / 1024]);
  }
  return ring;
}

export function decodeFeature(f: EchartsFeature): Feature<Polygon | MultiPolygon, { code: string; name: string }> {
  const g = f.geometry;
  const geometry: Polygon | MultiPolygon =
    g.type === 'Polygon'
      ? { type: 'Polygon', coordinates: g.coordinates.map((r, i) => decodeRing(r, g.encodeOffsets[i])) }
      : {
          type: 'MultiPolygon',
          coordinates: g.coordinates.map((poly, p) => poly.map((r, i) => decodeRing(r, g.encodeOffsets[p][i]))),
        };
  return { type: 'Feature', properties: { code: String(f.id ?? ''), name: f.properties.name }, geometry };
}

export function decodeMap(map: EchartsMap): FeatureCollection<Polygon | MultiPolygon, { code: string; name: string }> {
  return { type: 'FeatureCollection', features: map.features.map(decodeFeature) };
}

/** Pulls the map object out of an echarts map module (`echarts.registerMap('name', {...})`). */
export function extractRegisteredMap(source: string): EchartsMap {
  const start = source.indexOf('registerMap(');
  if (start < 0) throw new Error('No echarts.registerMap call found in the map file');
  const open = source.indexOf('{', start);
  let depth = 0;
  let inString = false;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return JSON.parse(source.slice(open, i + 1)) as EchartsMap;
  }
  throw new Error('Unterminated map object in the echarts map file');
}
