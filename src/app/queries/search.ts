// What the search box looks in: the park index (value parks and village parks, searched in the
// browser, models/search-sources.ts) and enterprises (asked of the API per query). The index is a cached question under
// 'parks', so the import of parks that invalidates the parks (invalidate.ts) also refreshes the search.
import { useQuery } from '@tanstack/react-query';
import { fetchAllParks, fetchEnterprises, fetchValueParks } from '../api/endpoints-features.ts';
import { entry, type SearchEntry } from '../state/search-index.ts';
import { useViewer, type Viewer } from './viewer.ts';

export const searchKeys = {
  parkIndex: (viewer: Viewer) => ['parks', viewer, 'search-index'] as const,
  enterprises: (viewer: Viewer, q: string) => ['enterprises', viewer, 'search', q] as const,
};

async function parkEntries(signal: AbortSignal): Promise<SearchEntry[]> {
  const [values, parks] = await Promise.all([fetchValueParks(signal), fetchAllParks(signal)]);
  return [
    ...values.map((v) => entry('valuePark', v.id, [v.properties.name, v.properties.nameZhHant, v.properties.nameEn], v.properties.code, v.geometry)),
    ...parks.map((p) => entry('park', p.id, [p.properties.name], `${p.properties.village} · ${p.properties.townName} · ${p.properties.code}`, p.geometry)),
  ];
}

/** The park index, asked for on first use of the search box and kept until an import changes parks. */
export function useParkSearchIndex(enabled: boolean) {
  const viewer = useViewer();
  return useQuery({ queryKey: searchKeys.parkIndex(viewer ?? ''), queryFn: ({ signal }) => parkEntries(signal), enabled: enabled && viewer !== null, staleTime: Infinity });
}

/** The first enterprises whose name or credit code matches `q` (none asked for an empty query). */
export function useEnterpriseSearch(q: string) {
  const viewer = useViewer();
  return useQuery({
    queryKey: searchKeys.enterprises(viewer ?? '', q),
    queryFn: async ({ signal }) => (await fetchEnterprises({ q, limit: 6 }, signal)).items,
    enabled: q !== '' && viewer !== null,
    staleTime: 60_000,
  });
}
