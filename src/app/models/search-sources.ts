// The search box's results: parks from the cached index (queries/search.ts), searched here, and enterprises from the API.
import type { Lang } from '../../domain/taxonomy.ts';
import type { Enterprise } from '../api/types.ts';
import { valueParkName } from '../i18n/labels.ts';
import type { Bounds, SearchEntry } from '../state/search-index.ts';

export interface SearchResult {
  kind: 'park' | 'valuePark' | 'enterprise';
  id: number;
  name: string;
  detail: string;
  bounds?: Bounds | null;
  center?: [number, number];
}

export const parkResult = (e: SearchEntry, lang: Lang): SearchResult => ({
  kind: e.kind, id: e.id, detail: e.detail, bounds: e.bounds,
  // Value parks are indexed under all three names; show the one of the UI language.
  name: e.kind === 'valuePark' ? valueParkName({ name: e.names[0], nameZhHant: e.names[1], nameEn: e.names[2] }, lang) : e.name,
});

export const enterpriseResult = (e: Enterprise): SearchResult => ({ kind: 'enterprise', id: e.id, name: e.name, detail: e.creditCode, center: [e.lon, e.lat] });
