// Spatial filter areas: what the user chose (drawn shapes, a buffer around a park or a line, "inside
// the parks") and the Polygon or MultiPolygon that choice stands for. The same geometry goes to the
// worker (selection) and to POST /api/exports (ST_Covers), so the browser and the server select the
// same features. Buffers come from turf (the JSTS-based @turf/buffer).
import { buffer, lineString } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';

export type AreaGeometry = Polygon | MultiPolygon;
export type BufferTarget = { kind: 'park' | 'valuePark'; id: number } | { kind: 'line'; coordinates: Position[] };

/** What the user chose; small enough to live in a permalink (derived areas are kept by reference). */
export type AreaSpec =
  | { kind: 'shapes'; polygons: Polygon[] }
  | { kind: 'buffer'; target: BufferTarget; km: number }
  | { kind: 'inside'; layer: 'villageParks' | 'valueParks' };

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

/** The area N km around a geometry (a park outline or a drawn line). */
export function bufferArea(geometry: AreaGeometry | { type: 'LineString'; coordinates: Position[] }, km: number): AreaGeometry {
  if (!(km > 0 && km <= MAX_BUFFER_KM)) throw new Error(`A buffer must be more than 0 and at most ${MAX_BUFFER_KM} km (got ${km}).`);
  const feature = geometry.type === 'LineString' ? lineString(geometry.coordinates) : { type: 'Feature' as const, properties: {}, geometry };
  const out = buffer(feature, km, { units: 'kilometers', steps: 16 });
  if (!out) throw new Error('The buffer could not be computed for this shape.');
  return round7(out.geometry as AreaGeometry);
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
