// The selection as RFC 7946 GeoJSON, in the same shape as the server's export (POST /api/exports):
// a FeatureCollection with `demo` and `export` members, WGS84 positions of at most 7 decimals
// (about 1 cm), exterior rings counter-clockwise and holes clockwise, and no `crs` member.
import { rewind } from '@turf/rewind';
import type { Position } from 'geojson';
import { featureFields, noticeOf, roundCoordinate, type ExtractFeature, type ExtractGeometry, type ExtractMeta } from './extract-meta.ts';

const roundPosition = (p: Position): Position => [roundCoordinate(p[0]), roundCoordinate(p[1])];

/**
 * A copy of `geometry` rounded to 7 decimals with its rings wound for the target: 'rfc7946' (and KML)
 * wants exterior rings counter-clockwise, 'esri' (Shapefile) wants them clockwise.
 */
export function preparedGeometry<G extends ExtractGeometry>(geometry: G, ringOrder: 'rfc7946' | 'esri' = 'rfc7946'): G {
  let copy: ExtractGeometry;
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: roundPosition(geometry.coordinates) } as G;
    case 'Polygon':
      copy = { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(roundPosition)) };
      break;
    case 'MultiPolygon':
      copy = { type: 'MultiPolygon', coordinates: geometry.coordinates.map((poly) => poly.map((ring) => ring.map(roundPosition))) };
      break;
    default:
      throw new Error(`Cannot export a ${(geometry as { type: string }).type} geometry.`);
  }
  rewind(copy, { mutate: true, reverse: ringOrder === 'esri' });
  return copy as G;
}

/** The `export` member: what was exported, when, from which data, and whether it is demo data. */
export function exportHeader(meta: ExtractMeta, fields: readonly string[], format: string) {
  return {
    layer: meta.layer, format, filters: meta.filter ?? null, dataDate: meta.dataDate, demo: meta.demo,
    exportedAt: meta.exportedAt, fields: [...fields], notice: noticeOf(meta),
  };
}

/** Feature id: properties.id when present (as the server does), else the feature's own id. */
export const featureId = (f: ExtractFeature): string | number | undefined => {
  const id = f.properties?.id ?? f.id;
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
};

export function toGeoJsonExtract(features: readonly ExtractFeature[], fields: readonly string[], meta: ExtractMeta): string {
  const header = exportHeader(meta, fields, 'geojson');
  const lines = features.map((f) => JSON.stringify({
    type: 'Feature',
    id: featureId(f),
    geometry: f.geometry ? preparedGeometry(f.geometry) : null,
    properties: featureFields(f, fields),
  }));
  return `{"type":"FeatureCollection","demo":${meta.demo},"export":${JSON.stringify(header)},"features":[\n${lines.join(',\n')}\n]}\n`;
}
