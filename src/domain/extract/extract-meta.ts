// What every browser-side extract ("Export the selection") carries besides its features, how its
// file is named, and how a feature's chosen fields are read. Shared by the GeoJSON, CSV, KML and
// Shapefile encoders next to this file.
import { chinaDate } from '../china-date.ts';
import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';

export type ExtractLayer = 'enterprises' | 'parks' | 'value-parks';
export type ExtractFormat = 'geojson' | 'csv' | 'xlsx' | 'kml' | 'shapefile';

export interface ExtractMeta {
  layer: ExtractLayer;
  /** Description of the filter that made the selection (JSON); written as `filters`, like the server. */
  filter: unknown;
  dataDate: string | null;
  demo: boolean;
  /** ISO timestamp of the export. */
  exportedAt: string;
  notice?: string;
}

export type ExtractGeometry = Point | Polygon | MultiPolygon;
/** Properties are plain values: string, number, boolean, null, or string[] (tags). */
export type ExtractFeature = Feature<ExtractGeometry | null>;

/** The server's notice for demo data (src/server/routes/exports.ts), used when meta.notice is absent. */
export const DEMO_NOTICE = 'Demo data: synthetic enterprises and parks; see data/README.md.';

export const noticeOf = (meta: ExtractMeta): string | undefined => meta.notice ?? (meta.demo ? DEMO_NOTICE : undefined);

const EXTENSIONS: Record<ExtractFormat, string> = { geojson: 'geojson', csv: 'csv', xlsx: 'xlsx', kml: 'kml', shapefile: 'zip' };


/** e.g. `enterprises-2026-11-24.geojson`; a shapefile is a `.zip` of its parts. */
export const extractFileName = (layer: ExtractLayer, format: ExtractFormat, date: Date): string => `${layer}-${chinaDate(date)}.${EXTENSIONS[format]}`;

/** The chosen fields in the chosen order; a field the properties lack is null. */
export function pickFields(properties: Readonly<Record<string, unknown>> | null | undefined, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = properties?.[f] ?? null;
  return out;
}

export const roundCoordinate = (v: number): number => Math.round(v * 1e7) / 1e7;

/**
 * pickFields for a feature, where a point's `lon`/`lat`, when chosen but not among its properties,
 * come from its geometry (rounded to 7 decimals like every coordinate we write).
 */
export function featureFields(feature: ExtractFeature, fields: readonly string[]): Record<string, unknown> {
  const out = pickFields(feature.properties, fields);
  const g = feature.geometry;
  if (g?.type === 'Point') {
    if ('lon' in out && out.lon === null) out.lon = roundCoordinate(g.coordinates[0]);
    if ('lat' in out && out.lat === null) out.lat = roundCoordinate(g.coordinates[1]);
  }
  return out;
}

/** A value as one text cell: tags joined with `;`, null as null (blank), other objects (and lists of objects, a value park's elements) as JSON. */
export function flatValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.some((x) => typeof x === 'object' && x !== null) ? JSON.stringify(value) : value.join(';');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}
