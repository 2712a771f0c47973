// The fixed grid the enterprise bubbles are aggregated on (docs/architecture.md §4, "Bubbles for
// the view"). Every zoom level z has its own square Web-Mercator grid of 2^(z+3) cells across the
// world: 64 px cells at maplibre's 512-px tiles, about supercluster's old radius of 60 px. The grid
// is anchored to the world, not to the screen, so a cell (and its bubble) is the same whatever the
// view: panning never changes a bubble, and zooming in splits a cell into its four children.
//
// Positions are integers on a fine grid of 2^24 cells across the world (about 2.4 m at the
// equator); the cell of a point at any level is its fine coordinate shifted right, so the levels
// nest exactly and every caller (worker, tests, benchmark) puts a point in the same cell.
// Hand-written: this is the quadkey arithmetic of slippy-map tiles, which no library offers for
// integer columns without allocating per point.

/** Fine grid: 2^FINE_LEVEL cells across the world in each direction. */
export const FINE_LEVEL = 24;
const FINE = 2 ** FINE_LEVEL;
/** A zoom level's cells are 2^-CELL_LEVEL_OFFSET of a tile: level = zoom + 3, 64 px at 512-px tiles. */
export const CELL_LEVEL_OFFSET = 3;
/** Above this zoom every enterprise is drawn on its own (as supercluster's maxZoom was). */
export const MAX_BUBBLE_ZOOM = 16;
/** A cell holding at least this many matches is a bubble; fewer are drawn as points. */
export const MIN_BUBBLE_POINTS = 2;
const MAX_LAT = 85.0511287798066;

/** The zoom the clusters are made for: whole levels, 0 … MAX_BUBBLE_ZOOM + 1 (as maplibre draws GeoJSON at the level below). */
export const clusterZoom = (zoom: number): number => Math.max(0, Math.min(MAX_BUBBLE_ZOOM + 1, Math.floor(zoom)));
/** Grid level of a (clustered) zoom. */
export const cellLevel = (zoom: number): number => clusterZoom(zoom) + CELL_LEVEL_OFFSET;

/** Fine x of a longitude in micro-degrees (the payload's unit), exact in integers: 2^24 / 360e6 = 2^15 / 703125. */
export function fineXMicro(lonMicro: number): number {
  const x = Math.floor(((lonMicro + 180_000_000) * 32768) / 703125);
  return x < 0 ? 0 : x >= FINE ? FINE - 1 : x;
}

/** Latitude steps (micro-degrees) of the Mercator table: fine y is linear between them. */
const Y_STEP = 1000;
const MAX_LAT_MICRO = Math.floor(MAX_LAT * 1e6);
/** Exact Mercator y (fine units) at every Y_STEP of latitude from -MAX_LAT, filled on first use. */
let yTable: Float64Array | null = null;

function exactFineY(latDeg: number): number {
  const s = Math.sin((latDeg * Math.PI) / 180);
  return (0.5 - (0.25 * Math.log((1 + s) / (1 - s))) / Math.PI) * FINE;
}

/**
 * Fine y (0 at the north edge of the Mercator square) of a latitude in micro-degrees (fractional
 * ones too). A million enterprises are placed when a payload arrives, and a logarithm per point is
 * half of that time: so y is interpolated in a table of exact values 0.001° apart (off by less than
 * 10^-4 of a fine cell, i.e. well under a millimetre). Every caller uses this function, so cells
 * agree everywhere.
 */
export function fineYMicro(latMicro: number): number {
  const m = Math.max(-MAX_LAT_MICRO, Math.min(MAX_LAT_MICRO, latMicro)) + MAX_LAT_MICRO;
  const k = Math.floor(m / Y_STEP);
  const table = (yTable ??= new Float64Array(Math.ceil((2 * MAX_LAT_MICRO) / Y_STEP) + 2).fill(NaN));
  let a = table[k], b = table[k + 1];
  if (a !== a) a = table[k] = exactFineY((k * Y_STEP - MAX_LAT_MICRO) / 1e6);
  if (b !== b) b = table[k + 1] = exactFineY(((k + 1) * Y_STEP - MAX_LAT_MICRO) / 1e6);
  const y = Math.floor(a + ((b - a) * (m - k * Y_STEP)) / Y_STEP);
  return y < 0 ? 0 : y >= FINE ? FINE - 1 : y;
}

/** Fine x of a longitude in degrees. */
export function fineX(lon: number): number {
  const x = Math.floor(((lon + 180) / 360) * FINE);
  return x < 0 ? 0 : x >= FINE ? FINE - 1 : x;
}

/** Fine y of a latitude in degrees (clamped to the Mercator square). */
export const fineY = (lat: number): number => fineYMicro(lat * 1e6);

/** Longitude (degrees) of a fine x, which may be fractional (a mean). */
export const lonOfFineX = (x: number): number => (x / FINE) * 360 - 180;
/** Latitude (degrees) of a fine y, which may be fractional (a mean). */
export const latOfFineY = (y: number): number => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / FINE))) * 180) / Math.PI;

/** Cells of a level, inclusive ranges; y grows southwards. */
export interface CellRange {
  level: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The cells of `level` that a bbox [west, south, east, north] touches. The clusters answer for
 * these whole cells, so a cell cut by the view's edge still counts all its matches (a bubble never
 * changes as the view moves). A box that crosses the antimeridian or spans the world takes every column.
 */
export function viewCells(bbox: readonly [number, number, number, number], level: number): CellRange {
  const shift = FINE_LEVEL - level;
  const [w, s, e, n] = bbox;
  const wide = e - w >= 360 || w > e;
  return {
    level,
    x0: wide ? 0 : fineX(w) >> shift,
    x1: wide ? 2 ** level - 1 : fineX(e) >> shift,
    y0: fineY(n) >> shift,
    y1: fineY(s) >> shift,
  };
}

/** The area [west, south, east, north] that a range of cells covers. */
export function cellsBbox(r: CellRange): [number, number, number, number] {
  const shift = FINE_LEVEL - r.level;
  return [lonOfFineX(r.x0 * 2 ** shift), latOfFineY((r.y1 + 1) * 2 ** shift), lonOfFineX((r.x1 + 1) * 2 ** shift), latOfFineY(r.y0 * 2 ** shift)];
}

/** Cluster ids name their cell: (level · 2^20 + y) · 2^20 + x, below 2^45, so stable across views and filters. */
export function bubbleIdOf(level: number, x: number, y: number): number {
  return (level * 2 ** 20 + y) * 2 ** 20 + x;
}

/** The cell a cluster id names, or null when the id cannot be one. */
export function cellOfBubbleId(id: number): { level: number; x: number; y: number } | null {
  if (!Number.isSafeInteger(id) || id < 0) return null;
  const x = id % 2 ** 20;
  const rest = Math.floor(id / 2 ** 20);
  const y = rest % 2 ** 20;
  const level = Math.floor(rest / 2 ** 20);
  const max = MAX_BUBBLE_ZOOM + CELL_LEVEL_OFFSET;
  if (level < CELL_LEVEL_OFFSET || level > max || x >= 2 ** level || y >= 2 ** level) return null;
  return { level, x, y };
}
