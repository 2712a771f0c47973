// The area N km around a park outline or a drawn line (architecture §4, spatial filter areas), from
// turf's JSTS-based buffer. A module of its own because that buffer is most of turf's weight: the
// app imports it only when an area is a buffer (queries/areas.ts), so the first screen does not.
import { buffer } from '@turf/buffer';
import { lineString } from '@turf/helpers';
import type { Position } from 'geojson';
import { MAX_BUFFER_KM, round7, type AreaGeometry } from './area-geometry.ts';
import { problem, ProblemError } from './problems.ts';

/** The area N km around a geometry (a park outline or a drawn line). */
export function bufferArea(geometry: AreaGeometry | { type: 'LineString'; coordinates: Position[] }, km: number): AreaGeometry {
  if (!(km > 0 && km <= MAX_BUFFER_KM))
    throw new ProblemError(problem('area_buffer_range', { km, max: MAX_BUFFER_KM }), `A buffer must be more than 0 and at most ${MAX_BUFFER_KM} km (got ${km}).`);
  const feature = geometry.type === 'LineString' ? lineString(geometry.coordinates) : { type: 'Feature' as const, properties: {}, geometry };
  const out = buffer(feature, km, { units: 'kilometers', steps: 16 });
  if (!out) throw new ProblemError(problem('area_buffer_failed'), 'The buffer could not be computed for this shape.');
  return round7(out.geometry as AreaGeometry);
}
