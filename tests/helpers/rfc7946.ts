// RFC 7946 checks that geojson-validation does not make: WGS84 ranges, closed rings with at least
// four positions, counter-clockwise exterior rings and clockwise holes (§3.1.6).
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

function ringProblems(ring: Position[], exterior: boolean, where: string): string[] {
  const out: string[] = [];
  if (ring.length < 4) out.push(`${where}: ring has fewer than 4 positions`);
  const [a, b] = [ring[0], ring[ring.length - 1]];
  if (!a || !b || a[0] !== b[0] || a[1] !== b[1]) out.push(`${where}: ring is not closed`);
  for (const p of ring) {
    if (p.length < 2 || p.length > 3) out.push(`${where}: position with ${p.length} numbers`);
    if (!(p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90)) out.push(`${where}: position ${p} outside WGS84 ranges`);
  }
  if (ring.length >= 4) {
    const clockwise = turf.booleanClockwise(ring);
    if (exterior && clockwise) out.push(`${where}: exterior ring is clockwise`);
    if (!exterior && !clockwise) out.push(`${where}: hole is counter-clockwise`);
  }
  return out;
}

export function rfc7946Problems(geometry: Geometry, where = 'geometry'): string[] {
  switch (geometry.type) {
    case 'Point':
      return ringProblems([geometry.coordinates, geometry.coordinates, geometry.coordinates, geometry.coordinates], true, where).filter((p) => p.includes('WGS84'));
    case 'Polygon':
      return geometry.coordinates.flatMap((r, i) => ringProblems(r, i === 0, `${where} ring ${i}`));
    case 'MultiPolygon':
      return geometry.coordinates.flatMap((poly, p) => poly.flatMap((r, i) => ringProblems(r, i === 0, `${where} polygon ${p} ring ${i}`)));
    default:
      return [];
  }
}

export function collectionProblems(fc: FeatureCollection): string[] {
  if (fc.type !== 'FeatureCollection') return ['not a FeatureCollection'];
  return fc.features.flatMap((f: Feature, i) => (f.geometry ? rfc7946Problems(f.geometry, `feature ${i}`) : [`feature ${i}: no geometry`]));
}
