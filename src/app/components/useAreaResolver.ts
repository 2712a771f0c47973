// Turns the chosen area (app store) into its geometry (area store): drawn shapes at once; buffers
// and "inside the parks" after fetching the park outlines they are built from.
import { useEffect } from 'react';
import { bufferArea, combinePolygons, type AreaGeometry, type AreaSpec } from '../../domain/area-geometry.ts';
import { fetchPark } from '../api/endpoints.ts';
import { fetchValuePark, loadParkOutlines, loadValueParks } from '../api/endpoints-map.ts';
import { useAreaStore } from '../state/area-store.ts';
import { useAppStore } from '../state/store.ts';

const outlines = (features: { geometry: AreaGeometry | null }[]) => features.map((f) => f.geometry).filter((g): g is AreaGeometry => !!g);

async function resolveArea(spec: AreaSpec): Promise<AreaGeometry | null> {
  if (spec.kind === 'shapes') return combinePolygons(spec.polygons);
  if (spec.kind === 'inside') return combinePolygons(outlines(spec.layer === 'villageParks' ? await loadParkOutlines() : await loadValueParks()));
  const t = spec.target;
  if (t.kind === 'line') return bufferArea({ type: 'LineString', coordinates: t.coordinates }, spec.km);
  const feature = t.kind === 'park' ? await fetchPark(t.id) : await fetchValuePark(t.id);
  if (!feature.geometry) throw new Error(`park ${t.id} has no outline`);
  return bufferArea(feature.geometry, spec.km);
}

export function useAreaResolver(): void {
  const area = useAppStore((s) => s.area);
  useEffect(() => {
    const store = useAreaStore.getState();
    if (!area) return store.setResolved(null);
    let stale = false;
    store.setResolving();
    resolveArea(area).then(
      (geometry) => !stale && useAreaStore.getState().setResolved(geometry),
      (err: Error) => !stale && useAreaStore.getState().setError(err.message),
    );
    return () => {
      stale = true;
    };
  }, [area]);
}
