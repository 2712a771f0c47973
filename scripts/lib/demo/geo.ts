// Plane geometry helpers for the demo generator. Parks are a few hundred metres across, so a local
// equirectangular projection around Guangzhou is accurate to well under a metre for their shapes.
// Point-in-polygon here is a plain even-odd test: boundary semantics do not matter for sampling.
import type { MultiPolygon, Polygon, Position } from 'geojson';

export const ORIGIN_LAT = 23.1;
const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON = 111_320 * Math.cos((ORIGIN_LAT * Math.PI) / 180);

export const metresToDegLon = (m: number) => m / M_PER_DEG_LON;
export const metresToDegLat = (m: number) => m / M_PER_DEG_LAT;
export const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

export interface BBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** A polygon (with holes) flattened to typed arrays for fast repeated point tests. */
export class FlatPolygon {
  readonly rings: Float64Array[];
  readonly bbox: BBox;

  constructor(geometry: Polygon | MultiPolygon) {
    const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    this.rings = polys.flat().map((ring) => Float64Array.from(ring.flatMap((p) => [p[0], p[1]])));
    const b = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
    for (const poly of polys)
      for (const [x, y] of poly[0]) {
        if (x < b.minX) b.minX = x;
        if (y < b.minY) b.minY = y;
        if (x > b.maxX) b.maxX = x;
        if (y > b.maxY) b.maxY = y;
      }
    this.bbox = b;
  }

  contains(x: number, y: number): boolean {
    const b = this.bbox;
    if (x < b.minX || x > b.maxX || y < b.minY || y > b.maxY) return false;
    let inside = false;
    for (const r of this.rings) {
      for (let i = 0, j = r.length - 2; i < r.length; j = i, i += 2) {
        const yi = r[i + 1];
        const yj = r[j + 1];
        if (yi > y !== yj > y && x < ((r[j] - r[i]) * (y - yi)) / (yj - yi) + r[i]) inside = !inside;
      }
    }
    return inside;
  }

  /** True when every vertex and points every `stepDeg` along every edge of the ring lie inside. */
  containsRing(ring: Position[], stepDeg: number): boolean {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x0, y0] = ring[i];
      const [x1, y1] = ring[i + 1];
      const n = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / stepDeg));
      for (let k = 0; k < n; k++) if (!this.contains(x0 + ((x1 - x0) * k) / n, y0 + ((y1 - y0) * k) / n)) return false;
    }
    return true;
  }
}

/** Uniform grid over bounding boxes, to find candidate shapes near a point or box quickly. */
export class BoxGrid<T> {
  private readonly cells = new Map<number, T[]>();

  constructor(private readonly cellDeg: number) {}

  private key(cx: number, cy: number) {
    return cx * 100_000 + cy;
  }

  private span(b: BBox) {
    return [Math.floor(b.minX / this.cellDeg), Math.floor(b.minY / this.cellDeg), Math.floor(b.maxX / this.cellDeg), Math.floor(b.maxY / this.cellDeg)];
  }

  insert(b: BBox, item: T): void {
    const [x0, y0, x1, y1] = this.span(b);
    for (let cx = x0; cx <= x1; cx++)
      for (let cy = y0; cy <= y1; cy++) {
        const k = this.key(cx, cy);
        const list = this.cells.get(k);
        if (list) list.push(item);
        else this.cells.set(k, [item]);
      }
  }

  near(b: BBox): T[] {
    const [x0, y0, x1, y1] = this.span(b);
    const out = new Set<T>();
    for (let cx = x0; cx <= x1; cx++) for (let cy = y0; cy <= y1; cy++) for (const it of this.cells.get(this.key(cx, cy)) ?? []) out.add(it);
    return [...out];
  }

  at(x: number, y: number): readonly T[] {
    return this.cells.get(this.key(Math.floor(x / this.cellDeg), Math.floor(y / this.cellDeg))) ?? [];
  }
}

export const boxesOverlap = (a: BBox, b: BBox) => a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;

export function ringBBox(ring: Position[]): BBox {
  const b = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const [x, y] of ring) {
    b.minX = Math.min(b.minX, x);
    b.minY = Math.min(b.minY, y);
    b.maxX = Math.max(b.maxX, x);
    b.maxY = Math.max(b.maxY, y);
  }
  return b;
}

export const growBBox = (b: BBox, dx: number, dy: number): BBox => ({ minX: b.minX - dx, minY: b.minY - dy, maxX: b.maxX + dx, maxY: b.maxY + dy });
