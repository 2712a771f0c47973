// XLSX → SourceTable, first sheet. An .xlsx is a zip: it is unpacked through safe-unzip first (names,
// entry count and unpacked size checked while inflating), and read-excel-file is handed a re-packed,
// uncompressed copy of exactly the parts that passed, so it never inflates anything we did not
// measure. Cells come as text, numbers or booleans; dates become ISO strings (a date without time
// as YYYY-MM-DD).
import { zipSync, type Zippable } from 'fflate';
import { readSheet } from 'read-excel-file/node';
import type { SourceTable } from '../../domain/import/import-types.ts';
import { ImportError } from './import-error.ts';
import { problem } from '../../domain/problems.ts';
import { isZip, safeUnzip, type UnzipLimits } from './safe-unzip.ts';
import { buildTable, type Cell, type GridRow } from './table-builder.ts';

export async function readXlsx(bytes: Uint8Array, options: { limits?: Partial<UnzipLimits> } = {}): Promise<SourceTable> {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    throw new ImportError('unsupported', 'The file is an old Excel workbook (.xls); save it as .xlsx (Excel Workbook) or CSV and upload it again.', problem('file_xls'));
  if (!isZip(bytes)) throw new ImportError('invalid', 'The file is not a valid XLSX workbook (an .xlsx file is a zip archive, and this is not one).', problem('xlsx_invalid'));
  const entries = safeUnzip(bytes, { what: 'The XLSX file', limits: options.limits, filter: (name) => name.endsWith('.xml') || name.endsWith('.rels') });
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('xl/workbook.xml') || !names.has('[Content_Types].xml'))
    throw new ImportError('invalid', 'The file is a zip archive but not an XLSX workbook (it has no xl/workbook.xml).', problem('file_zip_not_xlsx'));
  const repacked: Zippable = {};
  for (const e of entries) repacked[e.name] = [e.data, { level: 0 }];
  let sheet: unknown[][];
  try {
    sheet = (await readSheet(Buffer.from(zipSync(repacked)))) as unknown[][];
  } catch (e) {
    throw new ImportError('invalid', `The XLSX workbook could not be read: ${e instanceof Error ? e.message : String(e)}.`, problem('xlsx_unreadable'));
  }
  const grid: GridRow[] = sheet.map((cells, i) => ({ row: i + 1, cells: cells.map(toCell) }));
  return buildTable('xlsx', null, grid, false);
}

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}
