// Endpoints of the extracts: what the user may export, and the server's authoritative extract.
import type { CallerExportPolicy } from '../../domain/extract/export-policy.ts';
import { get, request } from './client.ts';

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
