// A grid of cells (CSV lines, spreadsheet rows) → SourceTable: find the header row, name the
// columns, key each row's cells by header, and report rows that do not fit the header.
import type { RowIssue, SourceFormat, SourceRow, SourceTable, TextEncoding } from '../../domain/import/import-types.ts';
import { attachWktGeometry } from './wkt-column.ts';

export type Cell = SourceRow['cells'][string];
export interface GridRow {
  /** The row's number as a person finds it in the source (line or sheet row). */
  row: number;
  cells: Cell[];
}

const isEmpty = (c: Cell | undefined) => c === null || c === undefined || (typeof c === 'string' && c.trim() === '');

/**
 * The header is the first row with two or more filled cells, so a title line above it ("2021年规上企业
 * 名单", merged across the sheet) is skipped, with a note. `strictWidth` (CSV) makes a row with fewer
 * fields than the header an error: in a text file that means a lost separator or a cut-off line.
 */
export function buildTable(format: SourceFormat, encoding: TextEncoding | null, grid: GridRow[], strictWidth: boolean): SourceTable {
  const issues: RowIssue[] = [];
  const filled = grid.filter((r) => r.cells.some((c) => !isEmpty(c)));
  if (!filled.length) return { format, encoding, headers: [], rows: [], issues };
  let h = filled.findIndex((r) => r.cells.filter((c) => !isEmpty(c)).length >= 2);
  if (h < 0) h = 0;
  if (h > 0)
    issues.push({ row: 0, code: 'skipped_title_rows', params: { rows: filled.slice(0, h).map((r) => r.row), header: filled[h].row }, severity: 'warning', message: `The file: row${h > 1 ? 's' : ''} ${filled.slice(0, h).map((r) => r.row).join(', ')} above the header (row ${filled[h].row}) ${h > 1 ? 'were' : 'was'} skipped as a title.` });
  const headerRow = filled[h];
  let width = headerRow.cells.length;
  while (width > 0 && isEmpty(headerRow.cells[width - 1])) width--;
  const headers: string[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < width; i++) {
    const c = headerRow.cells[i];
    let name = isEmpty(c) ? `Column ${i + 1}` : String(c).trim();
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    if (n > 1) name = `${name} (${n})`;
    headers.push(name);
  }
  const rows: SourceRow[] = [];
  for (const r of filled.slice(h + 1)) {
    const used = r.cells.reduce<number>((last, c, i) => (isEmpty(c) ? last : i + 1), 0);
    if (used > width)
      issues.push({ row: r.row, code: 'extra_fields', params: { count: used, width }, severity: 'error', message: `Row ${r.row} has ${used} fields but the header has ${width}; a value may hold an unquoted separator, or the columns are shifted.` });
    else if (strictWidth && r.cells.length < width)
      issues.push({ row: r.row, code: 'missing_fields', params: { count: r.cells.length, width }, severity: 'error', message: `Row ${r.row} has ${r.cells.length} field${r.cells.length > 1 ? 's' : ''} but the header has ${width}; the line is cut off or a separator is missing.` });
    const cells: SourceRow['cells'] = {};
    headers.forEach((name, i) => {
      const c = r.cells[i];
      cells[name] = isEmpty(c) ? null : (c as Cell);
    });
    rows.push({ row: r.row, cells });
  }
  return attachWktGeometry({ format, encoding, headers, rows, issues });
}
