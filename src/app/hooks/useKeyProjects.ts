// The key projects (重点项目) as one cached question (queries/key-projects.ts), shared by the map layer, the
// legend, the tooltip and the project panel. Asked while the layer is on or a project's panel is
// open; the same for every role (the list is public, routes/key-projects.ts). An import of key
// projects invalidates it (queries/invalidate.ts).
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { fetchKeyProjects } from '../api/endpoints-key-projects.ts';
import type { KeyProjectMapFeature } from '../map/key-project-style.ts';
import type { MapController } from '../map/map-controller.ts';
import { keyProjectKeys } from '../queries/key-projects.ts';
import { useAppStore } from '../state/store.ts';

export function useKeyProjects(enabled?: boolean) {
  const wanted = useAppStore((s) => s.layers.keyProjects || s.pickedFeature?.kind === 'keyProject');
  return useQuery({ queryKey: keyProjectKeys.list, queryFn: ({ signal }) => fetchKeyProjects(signal), enabled: enabled ?? wanted, staleTime: 5 * 60_000 });
}

/** Keeps the map's key-project source in step with the cached list (the map only needs id, name, status, eligibility). */
export function useKeyProjectLayer(controller: MapController | null): void {
  const q = useKeyProjects();
  const features = useMemo<KeyProjectMapFeature[]>(() => (q.data?.features ?? []).map((f) => ({
    type: 'Feature', id: f.id, geometry: f.geometry,
    properties: { id: f.id, name: f.properties.name, status: f.properties.status, eligible: f.properties.eligible },
  })), [q.data]);
  useEffect(() => controller?.setKeyProjects(features), [controller, features]);
}
