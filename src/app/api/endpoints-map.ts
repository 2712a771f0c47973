// Endpoints of the map's features: value-innovation parks, enterprises, and the park list for search.
import { get } from './client.ts';
import type { Enterprise, EnterprisePage, ParkFeature, ValueParkFeature } from './types.ts';

export const ENTERPRISE_PAYLOAD_URL = '/api/enterprises/payload';

export const fetchValuePark = (id: number, signal?: AbortSignal) => get<ValueParkFeature>(`/api/value-parks/${id}`, signal);

export const fetchValueParks = async (signal?: AbortSignal) => (await get<{ features: ValueParkFeature[] }>('/api/value-parks', signal)).features;

export const fetchEnterprise = (id: number, signal?: AbortSignal) => get<Enterprise>(`/api/enterprises/${id}`, signal);

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

/** Every village park with its outline (≈1.5 MB): fetched once, on first use of the search box. */
export const fetchAllParks = async (signal?: AbortSignal) => (await get<{ features: ParkFeature[] }>('/api/parks?geometry=envelope', signal)).features;
