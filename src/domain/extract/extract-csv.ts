// The selection as Excel-safe CSV (UTF-8 with BOM, formulas neutralised by src/domain/csv.ts):
// one header row, then one row per feature. A point's `lon`/`lat`, when chosen, come from its
// geometry if its properties lack them. Polygons have no geometry column.
//
// Readable (the export dialog, `labels: 'readable'`): headers in the user's language, labels for
// codes with the codes in a column beside them, revenue in 万元 (extract-labels.ts). Codes (the
// default here, and `labels=codes` on the API): property keys as headers, tags joined with `;`,
// other objects as JSON.
//
// Demo data is marked by a last column (`demo` = true, or 演示数据 = 是（合成演示数据…）) on every
// row rather than by a notice row: spreadsheet users sort and filter rows, and a notice row would
// end up among the data.
import { CSV_BOM, csvRow } from '../csv.ts';
import { CODES_ONLY, tableColumns, type ExtractOptions, type TableColumn } from './extract-labels.ts';
import { featureFields, type ExtractFeature, type ExtractMeta } from './extract-meta.ts';

/** One CSV line of a row's properties under the given columns. */
export const csvTableRow = (columns: readonly TableColumn[], props: Readonly<Record<string, unknown>>): string => csvRow(columns.map((c) => c.cell(props)));

export function toCsvExtract(features: readonly ExtractFeature[], fields: readonly string[], meta: ExtractMeta, options: ExtractOptions = CODES_ONLY): string {
  const columns = tableColumns(meta.layer, fields, options, meta.demo);
  let out = CSV_BOM + csvRow(columns.map((c) => c.header));
  for (const f of features) out += csvTableRow(columns, featureFields(f, fields));
  return out;
}
