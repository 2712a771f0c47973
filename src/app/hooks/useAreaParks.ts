// The village parks and value-innovation parks the current selection touches (area and district or
// town filter), with their live renovation status; null while the outlines are loading.
import { useMemo } from 'react';
import { parksInArea } from '../../domain/area-parks.ts';
import type { ValueParkFeature } from '../api/types.ts';
import { useParkOutlines } from '../queries/parks.ts';
import { useValueParks } from '../queries/value-parks.ts';
import { useAreaStore } from '../state/area-store.ts';
import { useAppStore } from '../state/store.ts';
import { errorText } from '../i18n/error-text.ts';

export interface AreaParks {
  parks: { id: number; name: string; category: string; progress: string }[];
  valueParks: ValueParkFeature[];
}

export function useAreaParks(): { result: AreaParks | null; error: string | null } {
  const outlines = useParkOutlines();
  const values = useValueParks();
  const geometry = useAreaStore((s) => s.geometry);
  const districts = useAppStore((s) => s.filter.districts);
  const towns = useAppStore((s) => s.filter.towns);
  const statuses = useAppStore((s) => s.parkStatuses);

  const selected = useMemo(() => {
    if (!outlines.data || !values.data) return null;
    const where = { districts, towns };
    const parks = parksInArea(outlines.data.map((f) => ({ ...f.properties, id: f.id, geometry: f.geometry })), geometry, where);
    const valueParks = parksInArea(values.data.map((f) => ({ id: f.id, district: f.properties.district, geometry: f.geometry, feature: f })), geometry, { districts, towns: [] });
    return { parks, valueParks: valueParks.map((v) => v.feature) };
  }, [outlines.data, values.data, geometry, districts, towns]);

  const result = useMemo(() => selected && {
    parks: selected.parks.map((p) => ({ id: p.id, name: p.name, category: statuses[p.id]?.category ?? p.category, progress: statuses[p.id]?.progress ?? p.progress })),
    valueParks: selected.valueParks,
  }, [selected, statuses]);
  const error = outlines.error ?? values.error;
  // In the user's language (error-text.ts), never the English text of the request's failure.
  const lang = useAppStore((s) => s.lang);
  return { result, error: error ? errorText(error, lang) : null };
}
