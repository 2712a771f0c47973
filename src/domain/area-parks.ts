// Which parks a selection touches: those whose outline intersects the area (as the server's
// ST_Intersects in POST /api/exports) and that lie in the filter's districts or towns, if any.
// A bounding-box test first, then turf.booleanIntersects on the few candidates left.
import { bbox as turfBbox } from '@turf/bbox';
import { booleanIntersects } from '@turf/boolean-intersects';
import type { MultiPolygon, Polygon } from 'geojson';
import type { AreaGeometry } from './area-geometry.ts';

export interface ParkShape {
  id: number;
  district: string;
  town?: string;
  geometry: Polygon | MultiPolygon | null;
}

type Box = [number, number, number, number];
const boxOf = (g: Polygon | MultiPolygon) => turfBbox(g) as Box;
const boxesMeet = (a: Box, b: Box) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** The parks (in input order) that the area and the district/town filter select. */
export function parksInArea<P extends ParkShape>(parks: readonly P[], area: AreaGeometry | null, where: { districts: readonly string[]; towns: readonly string[] }): P[] {
  const byDivision = (p: P) =>
    (!where.districts.length && !where.towns.length) || where.districts.includes(p.district) || (p.town !== undefined && where.towns.includes(p.town));
  if (!area) return parks.filter(byDivision);
  const areaBox = boxOf(area);
  const parts: Polygon[] = area.type === 'Polygon' ? [area] : area.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
  const partBoxes = parts.map(boxOf);
  return parks.filter((p) => {
    if (!p.geometry || !byDivision(p)) return false;
    const box = boxOf(p.geometry);
    if (!boxesMeet(box, areaBox)) return false;
    // Test part by part: "inside the parks" areas have thousands of parts, most far away.
    return parts.some((part, i) => boxesMeet(box, partBoxes[i]) && booleanIntersects(part, p.geometry!));
  });
}
