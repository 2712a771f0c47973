// Spatial filter areas: what the user chose (drawn shapes, a buffer around a park or a line, "inside
// the parks") and the Polygon or MultiPolygon that choice stands for. The same geometry goes to the
// worker (selection) and to POST /api/exports (ST_Covers), so the browser and the server select the
// same features. Buffers are in area-buffer.ts (turf's JSTS-based buffer is large: the browser
// fetches it only when an area is a buffer).
import type { MultiPolygon, Polygon, Position } from 'geojson';

export type AreaGeometry = Polygon | MultiPolygon;
export type BufferTarget = { kind: 'park' | 'valuePark'; id: number } | { kind: 'line'; coordinates: Position[] };

/** What the user chose; small enough to live in a permalink (derived areas are kept by reference). */
export type AreaSpec =
  | { kind: 'shapes'; polygons: Polygon[] }
  | { kind: 'buffer'; target: BufferTarget; km: number }
  | { kind: 'inside'; layer: 'villageParks' | 'valueParks' }
  /** An industrial block (工业产业区块) by its database id; its outline comes from the server. */
  | { kind: 'block'; id: number };

export const MAX_BUFFER_KM = 50;

/** One geometry from several polygons (a MultiPolygon when there are more than one). */
export function combinePolygons(polygons: readonly (Polygon | MultiPolygon)[]): AreaGeometry | null {
  const parts: Position[][][] = [];
  for (const p of polygons) {
    if (p.type === 'Polygon') parts.push(p.coordinates);
    else parts.push(...p.coordinates);
  }
  if (!parts.length) return null;
  return parts.length === 1 ? { type: 'Polygon', coordinates: parts[0] } : { type: 'MultiPolygon', coordinates: parts };
}

/** Coordinates rounded to 7 decimals (≈1 cm), as in every export (RFC 7946 advice). */
export function round7<G extends AreaGeometry>(g: G): G {
  const r = (p: Position) => [Math.round(p[0] * 1e7) / 1e7, Math.round(p[1] * 1e7) / 1e7];
  if (g.type === 'Polygon') return { ...g, coordinates: g.coordinates.map((ring) => ring.map(r)) };
  return { ...g, coordinates: (g as MultiPolygon).coordinates.map((poly) => poly.map((ring) => ring.map(r))) };
}

/** Number of positions in an area (to keep permalinks and request bodies in bounds). */
export const positionCount = (g: AreaGeometry): number =>
  g.type === 'Polygon' ? g.coordinates.reduce((n, r) => n + r.length, 0) : g.coordinates.reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0);
