// The selection as Excel-safe CSV (UTF-8 with BOM, formulas neutralised by src/domain/csv.ts):
// one header row, then one row per feature. Tags are joined with `;`, other objects written as JSON. A point's `lon`/`lat`, when
// chosen, come from its geometry if its properties lack them. Polygons have no geometry column.
//
// Demo data is marked by a last column `demo` = true on every row rather than by a notice row:
// spreadsheet users sort and filter rows, and a notice row would end up among the data.
import { CSV_BOM, csvRow } from '../csv.ts';
import { featureFields, flatValue, type ExtractFeature, type ExtractMeta } from './extract-meta.ts';

export function toCsvExtract(features: readonly ExtractFeature[], fields: readonly string[], meta: ExtractMeta): string {
  const demoColumn = meta.demo && !fields.includes('demo');
  const header = demoColumn ? [...fields, 'demo'] : [...fields];
  let out = CSV_BOM + csvRow(header);
  for (const f of features) {
    const picked = featureFields(f, fields);
    const values = fields.map((name) => flatValue(picked[name]));
    out += csvRow(demoColumn ? [...values, true] : values);
  }
  return out;
}
