// The selection as RFC 7946 GeoJSON, in the same shape as the server's export (POST /api/exports):
// a FeatureCollection with `demo` and `export` members, WGS84 positions of at most 7 decimals
// (about 1 cm), exterior rings counter-clockwise and holes clockwise, and no `crs` member.
import { rewind } from '@turf/rewind';
import type { Position } from 'geojson';
import { featureFields, noticeOf, roundCoordinate, type ExtractFeature, type ExtractGeometry, type ExtractMeta } from './extract-meta.ts';
import { CODES_ONLY, DEMO_NOTICE_TEXT, featureFieldLabels, readableFeatures, type ExtractOptions } from './extract-labels.ts';
import { label } from '../taxonomy.ts';

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

/**
 * The `export` member: what was exported, when, from which data, and whether it is demo data; a
 * readable export adds its language, each property's name (`fieldLabels`) and the notice in the language.
 */
export function exportHeader(meta: ExtractMeta, fields: readonly string[], format: string, options: ExtractOptions = CODES_ONLY, chosen: readonly string[] = fields) {
  return {
    layer: meta.layer, format, filters: meta.filter ?? null, dataDate: meta.dataDate, demo: meta.demo,
    exportedAt: meta.exportedAt, fields: [...fields], notice: noticeOf(meta),
    ...(options.labels === 'readable' ? {
      lang: options.lang, labels: options.labels, fieldLabels: featureFieldLabels(meta.layer, chosen, options.lang),
      localNotice: meta.demo ? label(DEMO_NOTICE_TEXT, options.lang) : undefined,
    } : {}),
  };
}

/** Feature id: properties.id when present (as the server does), else the feature's own id. */
export const featureId = (f: ExtractFeature): string | number | undefined => {
  const id = f.properties?.id ?? f.id;
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
};

/** Readable (options.labels): the same keys with labels as values and `<key>Code` beside each coded one (extract-labels.ts). */
export function toGeoJsonExtract(source: readonly ExtractFeature[], chosen: readonly string[], meta: ExtractMeta, options: ExtractOptions = CODES_ONLY): string {
  const { features, fields } = options.labels === 'readable' ? readableFeatures(meta.layer, source, chosen, options.lang) : { features: source, fields: chosen };
  const header = exportHeader(meta, fields, 'geojson', options, chosen);
  const lines = features.map((f) => JSON.stringify({
    type: 'Feature',
    id: featureId(f),
    geometry: f.geometry ? preparedGeometry(f.geometry) : null,
    properties: featureFields(f, fields),
  }));
  return `{"type":"FeatureCollection","demo":${meta.demo},"export":${JSON.stringify(header)},"features":[\n${lines.join(',\n')}\n]}\n`;
}
