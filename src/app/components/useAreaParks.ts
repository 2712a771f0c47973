// The village parks and value-innovation parks the current selection touches (area and district or
// town filter), with their live renovation status; null while the outlines are loading.
import { useEffect, useMemo, useState } from 'react';
import { parksInArea } from '../../domain/area-parks.ts';
import { loadParkOutlines, loadValueParks } from '../api/endpoints-map.ts';
import type { ParkFeature, ValueParkFeature } from '../api/types.ts';
import { useAreaStore } from '../state/area-store.ts';
import { useAppStore } from '../state/store.ts';

export interface AreaParks {
  parks: { id: number; name: string; category: string; progress: string }[];
  valueParks: ValueParkFeature[];
}

export function useAreaParks(): { result: AreaParks | null; error: string | null } {
  const [data, setData] = useState<{ parks: ParkFeature[]; valueParks: ValueParkFeature[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const geometry = useAreaStore((s) => s.geometry);
  const districts = useAppStore((s) => s.filter.districts);
  const towns = useAppStore((s) => s.filter.towns);
  const statuses = useAppStore((s) => s.parkStatuses);

  useEffect(() => {
    let stale = false;
    Promise.all([loadParkOutlines(), loadValueParks()]).then(
      ([parks, valueParks]) => !stale && setData({ parks, valueParks }),
      (err: Error) => !stale && setError(err.message),
    );
    return () => {
      stale = true;
    };
  }, []);

  const selected = useMemo(() => {
    if (!data) return null;
    const where = { districts, towns };
    const parks = parksInArea(data.parks.map((f) => ({ ...f.properties, id: f.id, geometry: f.geometry })), geometry, where);
    const valueParks = parksInArea(data.valueParks.map((f) => ({ id: f.id, district: f.properties.district, geometry: f.geometry, feature: f })), geometry, { districts, towns: [] });
    return { parks, valueParks: valueParks.map((v) => v.feature) };
  }, [data, geometry, districts, towns]);

  const result = useMemo(() => selected && {
    parks: selected.parks.map((p) => ({ id: p.id, name: p.name, category: statuses[p.id]?.category ?? p.category, progress: statuses[p.id]?.progress ?? p.progress })),
    valueParks: selected.valueParks,
  }, [selected, statuses]);
  return { result, error };
}
