// The selection as KML 2.2 (Google Earth, 91 Weitu, QGIS): placemarks written by @placemarkio/tokml,
// named after the feature's `name`, with the chosen fields as ExtendedData (tags joined with `;`,
// null as empty). tokml writes no document name or description, so we add them: the layer and
// date, and a description with the demo notice, the filter, the data date and the export time.
// Geometry is rounded to 7 decimals with exterior rings counter-clockwise, as KML asks.
import { toKML } from '@placemarkio/tokml';
import type { Feature, Geometry } from 'geojson';
import { preparedGeometry, featureId } from './extract-geojson.ts';
import { chinaDate } from '../china-date.ts';
import { featureFields, flatValue, noticeOf, type ExtractFeature, type ExtractMeta } from './extract-meta.ts';
import { CODES_ONLY, DEMO_NOTICE_TEXT, readableFeatures, type ExtractOptions } from './extract-labels.ts';
import { label } from '../taxonomy.ts';

const xmlText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function kmlProperties(f: ExtractFeature, fields: readonly string[]): Record<string, string> {
  const picked = featureFields(f, fields);
  const props: Record<string, string> = {};
  const name = f.properties?.name;
  if (name !== null && name !== undefined && name !== '') props.name = String(flatValue(name));
  for (const field of fields) {
    if (field === 'name') continue;
    const v = flatValue(picked[field]);
    props[field] = v === null ? '' : String(v);
  }
  return props;
}

/** Readable (options.labels): labels as values and `<key>Code` beside each coded field, the demo notice also in the language. */
export function toKmlExtract(source: readonly ExtractFeature[], chosen: readonly string[], meta: ExtractMeta, options: ExtractOptions = CODES_ONLY): string {
  const readable = options.labels === 'readable';
  const { features, fields } = readable ? readableFeatures(meta.layer, source, chosen, options.lang) : { features: source, fields: chosen };
  const kmlFeatures: Feature<Geometry | null>[] = features.map((f) => {
    const id = featureId(f);
    return {
      type: 'Feature',
      // KML ids are XML ids, which may not start with a digit.
      ...(id === undefined ? {} : { id: `${meta.layer}-${id}` }),
      geometry: f.geometry ? preparedGeometry(f.geometry) : null,
      properties: kmlProperties(f, fields),
    };
  });
  const body = toKML({ type: 'FeatureCollection', features: kmlFeatures });
  const description = [
    readable && meta.demo ? label(DEMO_NOTICE_TEXT, options.lang) : undefined,
    noticeOf(meta),
    `Filter: ${JSON.stringify(meta.filter ?? null)}`,
    `Data date: ${meta.dataDate ?? 'unknown'}`,
    `Exported: ${meta.exportedAt}`,
  ].filter((line) => line !== undefined).join('\n');
  const head = `<name>${xmlText(`${meta.layer} ${chinaDate(new Date(meta.exportedAt))}`)}</name>\n<description>${xmlText(description)}</description>`;
  if (!body.includes('<Document>')) throw new Error('Unexpected KML from tokml: no <Document> element.');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body.replace('<Document>', `<Document>\n${head}`)}\n`;
}
