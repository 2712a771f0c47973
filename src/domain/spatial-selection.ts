// Selecting points (integer micro-degree columns) inside a polygon area, fast enough for a million
// points in the browser's worker, and with exactly turf.booleanPointInPolygon's answer (points on
// the boundary count as inside unless ignoreBoundary): wherever a point could be near an edge we
// ask point-in-polygon-hao, the library turf itself uses.
//
// Speed comes from a uniform grid over the points (built once) and a raster of the area over the
// same grid: cells no edge passes through are wholly inside or wholly outside, so their points are
// taken or skipped without any test; only points in cells an edge touches are tested one by one.
// The grid and raster are hand-written: kdbush and flatbush answer box queries, not this.
import pip from 'point-in-polygon-hao';
import { orient2d } from 'robust-predicates';
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Coordinates as stored: integer micro-degrees (scale 1e6, the payload's columns) or plain degrees (scale 1). */
export type CoordinateColumn = Int32Array | Float64Array;

export class PointGrid {
  readonly size: number;
  readonly minX: number;
  readonly minY: number;
  readonly cellW: number;
  readonly cellH: number;
  /** Row indices sorted by cell; the points of cell c are order[cellStart[c] .. cellStart[c + 1]). */
  readonly order: Uint32Array;
  readonly cellStart: Uint32Array;

  constructor(readonly lon: CoordinateColumn, readonly lat: CoordinateColumn, readonly scale = 1e6) {
    const n = lon.length;
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < n; i++) {
      if (lon[i] < minX) minX = lon[i];
      if (lon[i] > maxX) maxX = lon[i];
      if (lat[i] < minY) minY = lat[i];
      if (lat[i] > maxY) maxY = lat[i];
    }
    if (!n) [minX, minY, maxX, maxY] = [0, 0, 1, 1];
    // About two points per cell on average (fewer points share a cell with an edge), within sane bounds.
    this.size = Math.max(16, Math.min(2048, Math.round(Math.sqrt(n / 2))));
    this.minX = minX;
    this.minY = minY;
    // Cells are a whole number of stored units when coordinates are integers, so cell membership is exact.
    const span = (a: number, b: number) => (scale === 1 ? Math.max(1e-9, (b - a) * (1 + 1e-9)) / this.size : Math.max(1, Math.ceil((b - a + 1) / this.size)));
    this.cellW = span(minX, maxX);
    this.cellH = span(minY, maxY);
    const cells = this.size * this.size;
    const cellOf = new Uint32Array(n);
    const counts = new Uint32Array(cells + 1);
    for (let i = 0; i < n; i++) {
      const c = this.cellAt(lon[i], lat[i]);
      cellOf[i] = c;
      counts[c + 1]++;
    }
    for (let c = 0; c < cells; c++) counts[c + 1] += counts[c];
    this.cellStart = counts.slice();
    this.order = new Uint32Array(n);
    const fill = counts;
    for (let i = 0; i < n; i++) this.order[fill[cellOf[i]]++] = i;
  }

  /** Cell column of a coordinate in stored units. */
  cellX(x: number): number {
    return Math.min(this.size - 1, Math.max(0, Math.floor((x - this.minX) / this.cellW)));
  }

  cellY(y: number): number {
    return Math.min(this.size - 1, Math.max(0, Math.floor((y - this.minY) / this.cellH)));
  }

  cellAt(x: number, y: number): number {
    return this.cellY(y) * this.size + this.cellX(x);
  }
}

const OUTSIDE = 0;
const INSIDE = 1;
const EDGE = 2;

/** Marks in `out` (1 = selected) the points inside the area; returns the count. `out` is not cleared first. */
export function selectInArea(grid: PointGrid, area: Polygon | MultiPolygon, out: Uint8Array, opts: { ignoreBoundary?: boolean } = {}): number {
  const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  let count = 0;
  for (const rings of polygons) count += selectInPolygon(grid, rings, out, !!opts.ignoreBoundary);
  return count;
}

function selectInPolygon(grid: PointGrid, rings: Position[][], out: Uint8Array, ignoreBoundary: boolean): number {
  const outer = rings[0];
  if (!outer || outer.length < 4) return 0;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of outer) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const k = grid.scale;
  const cx0 = grid.cellX(minX * k);
  const cx1 = grid.cellX(maxX * k);
  const cy0 = grid.cellY(minY * k);
  const cy1 = grid.cellY(maxY * k);
  const w = cx1 - cx0 + 1;
  const h = cy1 - cy0 + 1;
  const raster = new Uint8Array(w * h);

  // Every cell an edge passes through is an EDGE cell. The edge's x and y ranges are widened by EPS
  // (one stored unit, far more than the rounding between degrees and stored units), so a cell an
  // edge merely grazes is an EDGE cell too. Edges are walked column by column over the grid, so the
  // cost is the number of cells touched however long or short the edge is.
  const EPS = k === 1 ? 1e-7 : 1;
  for (const ring of rings)
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x0, y0] = [ring[i][0] * k, ring[i][1] * k];
      const [x1, y1] = [ring[i + 1][0] * k, ring[i + 1][1] * k];
      const [ax, bx] = x0 <= x1 ? [x0, x1] : [x1, x0];
      const colFrom = Math.max(cx0, grid.cellX(ax - EPS));
      const colTo = Math.min(cx1, grid.cellX(bx + EPS));
      const yAt = (x: number) => (x1 === x0 ? y0 : y0 + ((y1 - y0) * (Math.min(bx, Math.max(ax, x)) - x0)) / (x1 - x0));
      for (let col = colFrom; col <= colTo; col++) {
        // The part of the edge within this column's x-range (widened by EPS), clamped to the edge.
        const xa = grid.minX + col * grid.cellW - EPS;
        const xb = grid.minX + (col + 1) * grid.cellW + EPS;
        const [ya, yb] = x1 === x0 ? [y0, y1] : [yAt(xa), yAt(xb)];
        const rowFrom = Math.max(cy0, grid.cellY(Math.min(ya, yb) - EPS));
        const rowTo = Math.min(cy1, grid.cellY(Math.max(ya, yb) + EPS));
        for (let row = rowFrom; row <= rowTo; row++) raster[(row - cy0) * w + (col - cx0)] = EDGE;
      }
    }

  // Runs of non-EDGE cells along a row share one answer: no edge crosses them.
  for (let y = 0; y < h; y++) {
    let runValue = -1;
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (raster[i] === EDGE) {
        runValue = -1;
        continue;
      }
      if (runValue < 0) {
        const cxCenter = (grid.minX + (cx0 + x + 0.5) * grid.cellW) / k;
        const cyCenter = (grid.minY + (cy0 + y + 0.5) * grid.cellH) / k;
        runValue = pip([cxCenter, cyCenter], rings) === false ? OUTSIDE : INSIDE;
      }
      raster[i] = runValue;
    }
  }

  let count = 0;
  const { order, cellStart, lon, lat } = grid;
  for (let y = 0; y < h; y++) {
    let rowEdges: Float64Array | null = null;
    for (let x = 0; x < w; x++) {
      const state = raster[y * w + x];
      if (state === OUTSIDE) continue;
      // Points near an edge are tested against the edges that reach this grid row only.
      if (state === EDGE && !rowEdges) rowEdges = edgesInBand(rings, (grid.minY + (cy0 + y) * grid.cellH - EPS) / k, (grid.minY + (cy0 + y + 1) * grid.cellH + EPS) / k);
      const c = (cy0 + y) * grid.size + cx0 + x;
      for (let j = cellStart[c]; j < cellStart[c + 1]; j++) {
        const i = order[j];
        if (out[i]) continue;
        let inside = state === INSIDE;
        if (state === EDGE) {
          const r = pointInEdges(lon[i] / k, lat[i] / k, rowEdges!);
          inside = r === 0 ? !ignoreBoundary : r;
        }
        if (inside) {
          out[i] = 1;
          count++;
        }
      }
    }
  }
  return count;
}

/** The edges (x1, y1, x2, y2 flattened, in degrees) of `rings` whose y-range meets [yMin, yMax]. */
function edgesInBand(rings: Position[][], yMin: number, yMax: number): Float64Array {
  const out: number[] = [];
  for (const ring of rings)
    for (let i = 0; i + 1 < ring.length; i++) {
      const [a, b] = [ring[i], ring[i + 1]];
      if (Math.max(a[1], b[1]) >= yMin && Math.min(a[1], b[1]) <= yMax) out.push(a[0], a[1], b[0], b[1]);
    }
  return Float64Array.from(out);
}

/**
 * point-in-polygon-hao's test (the one turf.booleanPointInPolygon uses: ray crossing with the exact
 * orient2d predicate; 0 on the boundary) over a list of edges instead of whole rings. An edge whose
 * y-range does not hold the point's y never changes hao's answer, so testing only the edges of the
 * point's grid row gives the identical result. Written out here because hao takes rings, not edges.
 */
function pointInEdges(x: number, y: number, edges: Float64Array): boolean | 0 {
  let k = 0;
  for (let e = 0; e < edges.length; e += 4) {
    const u1 = edges[e] - x, v1 = edges[e + 1] - y, u2 = edges[e + 2] - x, v2 = edges[e + 3] - y;
    if (v1 === 0 && v2 === 0) {
      if ((u2 <= 0 && u1 >= 0) || (u1 <= 0 && u2 >= 0)) return 0;
    } else if ((v2 >= 0 && v1 <= 0) || (v2 <= 0 && v1 >= 0)) {
      const f = orient2d(u1, u2, v1, v2, 0, 0);
      if (f === 0) return 0;
      if ((f > 0 && v2 > 0 && v1 <= 0) || (f < 0 && v2 <= 0 && v1 > 0)) k++;
    }
  }
  return k % 2 === 1;
}
