// The spatial filter area in a permalink (`a=`). Drawn shapes travel as their coordinates; areas
// derived from data (a buffer around a park, "inside the parks") travel by reference and are
// rebuilt when the link is opened, so the link stays short and follows the data.
//
//   a=s:113.1 23.1,113.2 23.1,113.2 23.2;…ring 2|…polygon 2   shapes (rings without their closing position)
//   a=b:p123:2.5   a=b:v4:1   a=b:l113.1 23.1,113.2 23.2:1.5     buffer of N km around a park, value park or line
//   a=in:p   a=in:v                                               inside the village parks / value parks
//   a=blk:12                                                      an industrial block (工业产业区块) by id
import { MAX_BUFFER_KM, type AreaSpec } from '../../domain/area-geometry.ts';
import type { Polygon, Position } from 'geojson';

/** Bounds of the positions a link may carry: west, south, east, north (the map's maxBounds). */
const BOUNDS = [111.8, 21.8, 115.2, 24.6] as const;
/** Positions a link may carry; longer shapes (e.g. from a detailed file) are not put in the link. */
export const MAX_LINK_POSITIONS = 1500;

const num = (v: number) => String(Number(v.toFixed(6)));
const encodePositions = (ps: Position[]) => ps.map((p) => `${num(p[0])} ${num(p[1])}`).join(',');

function openRing(ring: Position[]): Position[] {
  const [a, b] = [ring[0], ring[ring.length - 1]];
  return ring.length > 1 && a[0] === b[0] && a[1] === b[1] ? ring.slice(0, -1) : ring;
}

/** The `a` parameter for an area; null when there is none or it is too big for a link. */
export function encodeArea(area: AreaSpec | null): string | null {
  if (!area) return null;
  if (area.kind === 'inside') return `in:${area.layer === 'villageParks' ? 'p' : 'v'}`;
  if (area.kind === 'block') return `blk:${area.id}`;
  if (area.kind === 'buffer') {
    const t = area.target;
    const ref = t.kind === 'line' ? `l${encodePositions(t.coordinates)}` : `${t.kind === 'park' ? 'p' : 'v'}${t.id}`;
    return `b:${ref}:${num(area.km)}`;
  }
  const count = area.polygons.reduce((n, p) => n + p.coordinates.reduce((m, r) => m + r.length, 0), 0);
  if (count > MAX_LINK_POSITIONS) return null;
  return `s:${area.polygons.map((p) => p.coordinates.map((r) => encodePositions(openRing(r))).join(';')).join('|')}`;
}

function decodePositions(raw: string): Position[] {
  const out: Position[] = [];
  for (const pair of raw.split(',')) {
    const m = /^\s*(-?\d{1,3}(?:\.\d{1,9})?)[ +](-?\d{1,2}(?:\.\d{1,9})?)\s*$/.exec(pair);
    if (!m) throw new Error(`"${pair}" is not a "longitude latitude" pair`);
    const [x, y] = [Number(m[1]), Number(m[2])];
    if (x < BOUNDS[0] || x > BOUNDS[2] || y < BOUNDS[1] || y > BOUNDS[3]) throw new Error(`${x} ${y} lies outside the map (${BOUNDS.join(',')})`);
    out.push([x, y]);
  }
  return out;
}

function decodePolygon(raw: string): Polygon {
  const rings = raw.split(';').map((r) => {
    const ring = decodePositions(r);
    if (ring.length < 3) throw new Error('a ring needs at least three positions');
    return [...ring, ring[0]];
  });
  return { type: 'Polygon', coordinates: rings };
}

/** The area a link carries; throws an Error saying what is wrong (the caller warns and drops it). */
export function decodeArea(raw: string): AreaSpec {
  if (raw === 'in:p') return { kind: 'inside', layer: 'villageParks' };
  if (raw === 'in:v') return { kind: 'inside', layer: 'valueParks' };
  const blk = /^blk:([1-9]\d{0,8})$/.exec(raw);
  if (blk) return { kind: 'block', id: Number(blk[1]) };
  if (raw.startsWith('s:')) {
    const polygons = raw.slice(2).split('|').map(decodePolygon);
    if (polygons.reduce((n, p) => n + p.coordinates.reduce((m, r) => m + r.length, 0), 0) > MAX_LINK_POSITIONS + polygons.length * 4)
      throw new Error(`too many positions (at most ${MAX_LINK_POSITIONS})`);
    return { kind: 'shapes', polygons };
  }
  const b = /^b:(?:([pv])([1-9]\d{0,8})|l([^:]+)):([\d.]+)$/.exec(raw);
  if (b) {
    const km = Number(b[4]);
    if (!(km > 0 && km <= MAX_BUFFER_KM)) throw new Error(`the buffer must be more than 0 and at most ${MAX_BUFFER_KM} km`);
    if (b[3] !== undefined) {
      const coordinates = decodePositions(b[3]);
      if (coordinates.length < 2) throw new Error('a line needs at least two positions');
      return { kind: 'buffer', target: { kind: 'line', coordinates }, km };
    }
    return { kind: 'buffer', target: { kind: b[1] === 'p' ? 'park' : 'valuePark', id: Number(b[2]) }, km };
  }
  throw new Error('expected s:…, b:…:km, in:p / in:v or blk:id');
}
