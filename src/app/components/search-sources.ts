// Where the search box looks: parks (loaded once, searched here) and enterprises (the API).
import type { Lang } from '../../domain/taxonomy.ts';
import { fetchAllParks, fetchEnterprises, fetchValueParks } from '../api/endpoints-map.ts';
import { valueParkName } from '../i18n/labels.ts';
import { entry, type Bounds, type SearchEntry } from '../state/search-index.ts';

export interface SearchResult {
  kind: 'park' | 'valuePark' | 'enterprise';
  id: number;
  name: string;
  detail: string;
  bounds?: Bounds | null;
  center?: [number, number];
}

let parkIndex: Promise<SearchEntry[]> | null = null;

/** The park index, fetched on first use; a failure is forgotten so the next search tries again. */
export function parkEntries(): Promise<SearchEntry[]> {
  parkIndex ??= Promise.all([fetchValueParks(), fetchAllParks()]).then(([values, parks]) => [
    ...values.map((v) => entry('valuePark', v.id, [v.properties.name, v.properties.nameZhHant, v.properties.nameEn], v.properties.code, v.geometry)),
    ...parks.map((p) => entry('park', p.id, [p.properties.name], `${p.properties.village} · ${p.properties.townName} · ${p.properties.code}`, p.geometry)),
  ]);
  parkIndex.catch(() => (parkIndex = null));
  return parkIndex;
}

export const parkResult = (e: SearchEntry, lang: Lang): SearchResult => ({
  kind: e.kind, id: e.id, detail: e.detail, bounds: e.bounds,
  // Value parks are indexed under all three names; show the one of the UI language.
  name: e.kind === 'valuePark' ? valueParkName({ name: e.names[0], nameZhHant: e.names[1], nameEn: e.names[2] }, lang) : e.name,
});

export async function enterpriseResults(q: string, signal: AbortSignal): Promise<SearchResult[]> {
  const page = await fetchEnterprises({ q, limit: 6 }, signal);
  return page.items.map((e) => ({ kind: 'enterprise', id: e.id, name: e.name, detail: e.creditCode, center: [e.lon, e.lat] }));
}
