// An area (as chosen on the map or carried by a permalink) turned into its geometry: drawn shapes at
// once; buffers and "inside the parks" from the park outlines, which come through the query cache
// (parks.ts, value-parks.ts), so the area, the area's parks and the search share one request. Used
// by the map (the area store, AppServices) and by the dashboard ("statistics of this area").
import { useQuery } from '@tanstack/react-query';
import { combinePolygons, type AreaGeometry, type AreaSpec } from '../../domain/area-geometry.ts';
import { problem, ProblemError } from '../../domain/problems.ts';
import { fetchIndustrialBlock } from '../api/endpoints-blocks.ts';
import { fetchPark } from '../api/endpoints.ts';
import type { ResolvedArea } from '../api/endpoints-indicators.ts';
import { fetchParkOutlines, fetchValuePark, fetchValueParks } from '../api/endpoints-features.ts';
import { queryClient } from '../api/query-client.ts';
import { encodeArea } from '../state/area-url.ts';
import { parkOutlinesQuery } from './parks.ts';
import { valueParksQuery } from './value-parks.ts';
import type { Viewer } from './viewer.ts';

export const areaKeys = {
  /** Areas stand by their permalink text, never their (possibly huge) geometry. Outlines are public: no viewer. */
  all: ['area'] as const,
  geometry: (key: string) => ['area', key] as const,
};

const outlines = (features: { geometry: AreaGeometry | null }[]) => features.map((f) => f.geometry).filter((g): g is AreaGeometry => !!g);

/**
 * The area's geometry. The outlines come from the viewer's cached entries; while the session is not
 * known (`viewer` null) they are fetched without being cached, as the entry would not know whose it is.
 */
export async function resolveArea(spec: AreaSpec, viewer: Viewer | null): Promise<AreaGeometry | null> {
  if (spec.kind === 'shapes') return combinePolygons(spec.polygons);
  if (spec.kind === 'inside') {
    const parks = spec.layer === 'villageParks'
      ? viewer === null ? fetchParkOutlines() : queryClient.fetchQuery(parkOutlinesQuery(viewer))
      : viewer === null ? fetchValueParks() : queryClient.fetchQuery(valueParksQuery(viewer));
    return combinePolygons(outlines(await parks));
  }
  // An industrial block: its outline, as the server stores it (the same one its report is counted over).
  if (spec.kind === 'block') return (await fetchIndustrialBlock(spec.id)).geometry;
  const t = spec.target;
  // The buffer code (turf + JSTS) is fetched the first time an area is a buffer.
  const { bufferArea } = await import('../../domain/area-buffer.ts');
  if (t.kind === 'line') return bufferArea({ type: 'LineString', coordinates: t.coordinates }, spec.km);
  const feature = t.kind === 'park' ? await fetchPark(t.id) : await fetchValuePark(t.id);
  if (!feature.geometry) throw new ProblemError(problem('area_park_no_outline', { id: t.id }), `park ${t.id} has no outline`);
  return bufferArea(feature.geometry, spec.km);
}

/**
 * The area as geometry, null for no area. `enabled` false holds it back (the dashboard waits for the
 * session: its questions about an area go by POST, which needs the CSRF token the session hands out).
 * An import that changes parks, value parks or blocks invalidates it (invalidate.ts).
 */
export function useAreaGeometry(spec: AreaSpec | null, viewer: Viewer | null, enabled = true) {
  const key = encodeArea(spec);
  return useQuery({
    queryKey: areaKeys.geometry(key ?? ''),
    queryFn: async (): Promise<ResolvedArea | null> => {
      const geometry = spec ? await resolveArea(spec, viewer) : null;
      return geometry && key ? { key, geometry } : null;
    },
    enabled: enabled && !!key,
    staleTime: Infinity,
    // A refusal (an invalid polygon, a buffer too large) is the same the second time: shown at once.
    retry: false,
  });
}
