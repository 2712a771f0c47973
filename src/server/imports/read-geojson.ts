// GeoJSON → SourceTable: checked by checkGeoJson (strict RFC 7946, see its policy), one row per
// feature, properties as cells (nested objects and arrays as JSON text), geometry kept as it is in
// the source CRS. RFC 7946 files are UTF-8; GBK files written by Chinese tools are read too (the
// table's encoding then says gbk).
import { checkGeoJson } from '../../domain/import/geojson-check.ts';
import type { SourceRow, SourceTable } from '../../domain/import/import-types.ts';
import { decodeText, type EncodingChoice } from './decode-text.ts';
import { ImportError } from './import-error.ts';
import { problem } from '../../domain/problems.ts';
import { jsonTooDeep } from '../http/json-body.ts';

/** Deepest nesting a GeoJSON file may have: a MultiPolygon in a feature needs 7; properties rarely more than a few. */
export const MAX_GEOJSON_DEPTH = 64;

export function readGeoJson(bytes: Uint8Array, options: { encoding?: EncodingChoice } = {}): SourceTable {
  const { text, encoding } = decodeText(bytes, options.encoding ?? 'auto', 'The GeoJSON file');
  // Checked on the text, before any recursive step (the checks, JSON.stringify of a property) can overflow the stack.
  if (jsonTooDeep(text, MAX_GEOJSON_DEPTH))
    throw new ImportError('invalid', `The GeoJSON file nests arrays or objects more than ${MAX_GEOJSON_DEPTH} levels deep; a feature's properties should be plain values.`, problem('geojson_too_deep', { max: MAX_GEOJSON_DEPTH }));
  const checked = checkGeoJson(text);
  if (!checked.ok) throw new ImportError('invalid', checked.message, checked.problem);
  const features = checked.value.features;
  const headers: string[] = [];
  const known = new Set<string>();
  const add = (h: string) => {
    if (!known.has(h)) {
      known.add(h);
      headers.push(h);
    }
  };
  for (const f of features) for (const k of Object.keys(f.properties ?? {})) add(k);
  // A feature id is data too (often the park code), unless a property already has that name.
  const ids = features.some((f) => f.id !== undefined) && !known.has('id');
  if (ids) add('id');
  const rows: SourceRow[] = features.map((f, i) => {
    const cells: SourceRow['cells'] = {};
    for (const h of headers) {
      const v = h === 'id' && ids ? f.id : f.properties?.[h];
      cells[h] = v === undefined || v === null ? null : typeof v === 'object' ? JSON.stringify(v) : (v as string | number | boolean);
    }
    return { row: i + 1, cells, geometry: f.geometry };
  });
  const issues = checked.notes.map((message, i) => ({ row: 0, code: 'geojson_normalised' as const, params: checked.noteProblems[i].params, severity: 'warning' as const, message: `The file: ${message}` }));
  return { format: 'geojson', encoding: encoding === 'gbk' ? 'gbk' : null, headers, rows, issues };
}
