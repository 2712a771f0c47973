// Endpoints of the map's features: value-innovation parks, enterprises, and the park list for search.
import type { CallerExportPolicy } from '../../domain/extract/export-policy.ts';
import { get, request } from './client.ts';
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

/** Every village park with its outline (≈1.5 MB): fetched once, on first use of the search box. */
export const fetchAllParks = async (signal?: AbortSignal) => (await get<{ features: ParkFeature[] }>('/api/parks?geometry=envelope', signal)).features;

let parkOutlines: Promise<ParkFeature[]> | null = null;
/** Every village park with its full outline (≈1.4 MB), fetched once for spatial filters and selection counts; a failure is retried on next use. */
export function loadParkOutlines(): Promise<ParkFeature[]> {
  parkOutlines ??= get<{ features: ParkFeature[] }>('/api/parks').then((r) => r.features, (err) => {
    parkOutlines = null;
    throw err;
  });
  return parkOutlines;
}

let valueParks: Promise<ValueParkFeature[]> | null = null;
/** The value-innovation parks with outlines, fetched once. */
export function loadValueParks(): Promise<ValueParkFeature[]> {
  valueParks ??= fetchValueParks().catch((err) => {
    valueParks = null;
    throw err;
  });
  return valueParks;
}

/** Enterprises by id (at most 200), in the order asked. */
export async function fetchEnterprisesById(ids: readonly number[], signal?: AbortSignal): Promise<Enterprise[]> {
  if (!ids.length) return [];
  const page = await get<EnterprisePage>(`/api/enterprises?ids=${ids.join(',')}&limit=${ids.length}`, signal);
  const byId = new Map(page.items.map((e) => [e.id, e]));
  return ids.map((id) => byId.get(id)).filter((e): e is Enterprise => !!e);
}

/** What the current user may export: layers with their fields, rows per export, exports per minute and hour. */
export const fetchExportPolicy = (signal?: AbortSignal) => get<CallerExportPolicy>('/api/exports/policy', signal);

export interface ExportRequest {
  layer: 'enterprises' | 'parks' | 'value-parks';
  filters: Record<string, string[]>;
  area?: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  /** The fields to export (the server refuses one the user may not have); default all the user may have. */
  fields?: string[];
}
export interface ExportCollection {
  type: 'FeatureCollection';
  demo: boolean;
  export: { dataDate: string | null; demo: boolean; notice?: string; fields: string[] };
  features: GeoJSON.Feature<GeoJSON.Point | GeoJSON.Polygon | GeoJSON.MultiPolygon | null>[];
}
/** The authoritative extract of a layer from POST /api/exports (GeoJSON; logged by the server). */
export async function postExport(body: ExportRequest, signal?: AbortSignal): Promise<ExportCollection> {
  return (await request<ExportCollection>('POST', '/api/exports', { json: { ...body, format: 'geojson' }, signal })).body;
}

/** Drops the cached outlines (after an import changed parks), so the next use fetches them again. */
export function forgetParkOutlines(): void {
  parkOutlines = null;
  valueParks = null;
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
