// Polygons from uploaded files, made fit for the database: WGS84, 2D, no repeated vertices, closed
// rings of four or more positions, no self-intersections (turf.kinks), RFC 7946 winding.
import { kinks } from '@turf/kinks';
import { rewind } from '@turf/rewind';
import type { Polygon, Position } from 'geojson';
import { inLonLatRange, polygonToWgs84 } from './coordinates.ts';
import type { SourceCrs } from './import-types.ts';
import { problem, type Problem } from '../problems.ts';

export type PolygonResult = { ok: true; polygon: Polygon } | { ok: false; code: Problem['code']; problem: Problem; message: string };

const fail = (pr: Problem, message: string): PolygonResult => ({ ok: false, code: pr.code, problem: pr, message });

const fmtPos = (p: Position) => `(${p[0]}, ${p[1]})`;

/** One polygon's rings (in the source CRS) checked and converted; the message is a sentence fragment. */
export function cleanPolygon(rings: readonly Position[][], crs: SourceCrs): PolygonResult {
  if (!rings.length) return fail(problem('invalid_polygon', { reason: 'no_rings' }), 'the polygon has no rings.');
  for (const ring of rings)
    for (const p of ring)
      if (!Number.isFinite(p[0]) || !Number.isFinite(p[1]) || !inLonLatRange(p[0], p[1]))
        return fail(problem('coordinates_out_of_range', { lon: p[0], lat: p[1] }), `the position ${fmtPos(p)} is not a longitude/latitude pair; the file may be in a projected coordinate system, which must be converted to WGS84 first.`);
  const converted = polygonToWgs84(rings, crs);
  for (const [i, ring] of converted.entries()) {
    const what = i === 0 ? 'the outer ring' : `hole ${i}`;
    const [a, b] = [ring[0], ring[ring.length - 1]];
    if (!a || a[0] !== b[0] || a[1] !== b[1]) return fail(problem('invalid_polygon', { reason: 'not_closed', hole: i }), `${what} is not closed (its first and last positions differ).`);
    if (ring.length < 4) return fail(problem('invalid_polygon', { reason: 'too_few_corners', hole: i }), `${what} has fewer than 3 distinct corners.`);
  }
  const polygon: Polygon = { type: 'Polygon', coordinates: converted };
  // A hole may touch the outer ring (or another hole) at a shared corner: valid (OGC), though turf
  // counts it as a kink. Crossings elsewhere, and a ring touching itself, are not.
  const ringsAt = new Map<string, Set<number>>();
  converted.forEach((ring, i) => ring.forEach((p) => ringsAt.set(`${p[0]},${p[1]}`, (ringsAt.get(`${p[0]},${p[1]}`) ?? new Set()).add(i))));
  const crossings = kinks(polygon).features.filter((k) => (ringsAt.get(`${k.geometry.coordinates[0]},${k.geometry.coordinates[1]}`)?.size ?? 0) < 2);
  if (crossings.length) {
    const at = crossings[0].geometry.coordinates;
    return fail(problem('self_intersection', { lon: Number(at[0].toFixed(6)), lat: Number(at[1].toFixed(6)), more: crossings.length - 1 }),
      `the outline crosses itself near (${at[0].toFixed(6)}, ${at[1].toFixed(6)})${crossings.length > 1 ? ` and at ${crossings.length - 1} more place${crossings.length > 2 ? 's' : ''}` : ''}.`);
  }
  return { ok: true, polygon: rewind(polygon, { mutate: true }) as Polygon };
}
