// Outlines in spreadsheets: a CSV or XLSX column of WKT (POLYGON((…)), POINT(…), MULTIPOLYGON …,
// optionally EWKT with SRID=4326 or 4490) becomes each row's geometry, so parks and districts can be
// imported from a table as well as from GeoJSON or a Shapefile. Parsed with betterknown.
import { wktToGeoJSON } from 'betterknown';
import type { SourceTable } from '../../domain/import/import-types.ts';

const WKT = /^\s*(?:SRID=(\d+);)?\s*(POINT|POLYGON|MULTIPOLYGON|MULTIPOINT|LINESTRING|MULTILINESTRING|GEOMETRYCOLLECTION)\b/i;
const GEOGRAPHIC_SRIDS = new Set(['4326', '4490']);

/** The header of the column holding WKT: the first whose first filled value reads as WKT. */
function wktColumn(table: SourceTable): string | null {
  for (const h of table.headers) {
    const first = table.rows.find((r) => r.cells[h] !== null && r.cells[h] !== undefined)?.cells[h];
    if (typeof first === 'string' && WKT.test(first)) return h;
  }
  return null;
}

export function attachWktGeometry(table: SourceTable): SourceTable {
  const column = wktColumn(table);
  if (!column) return table;
  const issues = [...(table.issues ?? [])];
  const rows = table.rows.map((r) => {
    const text = r.cells[column];
    if (text === null || text === undefined || text === '') return { ...r, geometry: null };
    const m = WKT.exec(String(text));
    if (m?.[1] && !GEOGRAPHIC_SRIDS.has(m[1])) {
      issues.push({ row: r.row, field: 'geometry', code: 'bad_wkt', params: { column, srid: m[1] }, severity: 'error', message: `Row ${r.row}, column "${column}": SRID ${m[1]} is not longitude/latitude; use WGS84 (4326) or CGCS2000 (4490).` });
      return { ...r, geometry: null };
    }
    let geometry: GeoJSON.Geometry | null = null;
    try {
      geometry = m ? wktToGeoJSON(String(text).replace(/^\s*SRID=\d+;/i, '')) : null;
    } catch {
      geometry = null;
    }
    if (!geometry) issues.push({ row: r.row, field: 'geometry', code: 'bad_wkt', params: { column, text: String(text).slice(0, 40) }, severity: 'error', message: `Row ${r.row}, column "${column}": "${String(text).slice(0, 40)}" is not readable WKT.` });
    return { ...r, geometry };
  });
  issues.push({ row: 0, field: 'geometry', code: 'wkt_column', params: { column }, severity: 'warning', message: `The file: outlines were read from the WKT column "${column}".` });
  return { ...table, rows, issues };
}
