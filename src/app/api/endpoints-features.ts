// Endpoints of the features: value-innovation parks, enterprises (record, figures, list, history), and the park list for search.
import { get } from './client.ts';
import type { Enterprise, EnterpriseFigures, EnterprisePage, ParkFeature, ValueParkFeature } from './types.ts';

export { ENTERPRISE_PAYLOAD_URL } from './payload-url.ts';

export const fetchValuePark = (id: number, signal?: AbortSignal) => get<ValueParkFeature>(`/api/value-parks/${id}`, signal);

export const fetchValueParks = async (signal?: AbortSignal) => (await get<{ features: ValueParkFeature[] }>('/api/value-parks', signal)).features;

export const fetchEnterprise = (id: number, signal?: AbortSignal) => get<Enterprise>(`/api/enterprises/${id}`, signal);

/** Monthly operating figures (planners, officials, administrators). */
export const fetchEnterpriseFigures = (id: number, signal?: AbortSignal) => get<EnterpriseFigures>(`/api/enterprises/${id}/figures`, signal);

export interface EnterpriseQuery {
  q?: string;
  valuePark?: number;
  villagePark?: number;
  limit?: number;
  offset?: number;
}

export function fetchEnterprises(query: EnterpriseQuery, signal?: AbortSignal): Promise<EnterprisePage> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  return get<EnterprisePage>(`/api/enterprises?${params}`, signal);
}

/** Every village park with its bounding box, for the search box (cached by queries/search.ts). */
export const fetchAllParks = async (signal?: AbortSignal) => (await get<{ features: ParkFeature[] }>('/api/parks?geometry=envelope', signal)).features;

/** Every village park with its full outline (≈1.4 MB), for spatial filters and selection counts (cached by queries/parks.ts). */
export const fetchParkOutlines = async (signal?: AbortSignal) => (await get<{ features: ParkFeature[] }>('/api/parks', signal)).features;

/** Enterprises by id (at most 200), in the order asked. */
export async function fetchEnterprisesById(ids: readonly number[], signal?: AbortSignal): Promise<Enterprise[]> {
  if (!ids.length) return [];
  const page = await get<EnterprisePage>(`/api/enterprises?ids=${ids.join(',')}&limit=${ids.length}`, signal);
  const byId = new Map(page.items.map((e) => [e.id, e]));
  return ids.map((id) => byId.get(id)).filter((e): e is Enterprise => !!e);
}

export interface EnterpriseChange {
  changedAt: string;
  username: string;
  action: 'added' | 'updated';
  importId: string | null;
  changes: Record<string, [unknown, unknown]>;
}
export const fetchEnterpriseHistory = async (id: number, signal?: AbortSignal) =>
  (await get<{ items: EnterpriseChange[] }>(`/api/enterprises/${id}/history`, signal)).items;
