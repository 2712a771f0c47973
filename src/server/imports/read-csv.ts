// CSV (or tab-separated text) → SourceTable. The bytes are decoded first (UTF-8 with or without BOM,
// or GBK; see decode-text.ts), then parsed with papaparse line by line so that every row keeps the
// line number a person sees in an editor (quoted fields may span lines; CR, LF and CRLF all end a line). A quote that is never closed
// means a truncated or broken file and rejects the whole file; a malformed quote or a row whose
// field count does not fit the header is an error on that row.
import Papa from 'papaparse';
import type { SourceTable } from '../../domain/import/import-types.ts';
import { decodeText, type EncodingChoice } from './decode-text.ts';
import { ImportError } from './import-error.ts';
import { problem } from '../../domain/problems.ts';
import { buildTable, type GridRow } from './table-builder.ts';

/** The separator of the first non-empty line: the most frequent of comma, tab and semicolon outside quotes. */
export function detectDelimiter(text: string): string {
  const first = text.split(/\r?\n/).find((l) => l.trim()) ?? '';
  const counts = new Map<string, number>([[',', 0], ['\t', 0], [';', 0]]);
  let quoted = false;
  for (const ch of first) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

export function readCsv(bytes: Uint8Array, options: { encoding?: EncodingChoice } = {}): SourceTable {
  const decoded = decodeText(bytes, options.encoding ?? 'auto', 'The CSV file');
  const { encoding } = decoded;
  // Line endings: CRLF (Windows), LF, and CR alone (Excel for old Mac OS) all become LF, so rows are
  // split and numbered alike (a line break inside a quoted field becomes LF too).
  const text = decoded.text.includes('\r') ? decoded.text.replace(/\r\n?/g, '\n') : decoded.text;
  const grid: GridRow[] = [];
  const quoteErrors = new Map<number, string>();
  let line = 1;
  let counted = 0;
  let start = 0;
  const lineAt = (pos: number) => {
    for (; counted < pos; counted++) if (text.charCodeAt(counted) === 10) line++;
    return line;
  };
  let unclosed: number | null = null;
  Papa.parse<string[]>(text, {
    delimiter: detectDelimiter(text),
    newline: '\n',
    skipEmptyLines: false,
    step: (result) => {
      const row = lineAt(start);
      for (const e of result.errors) {
        if (e.code === 'MissingQuotes') unclosed ??= row;
        else if (e.type === 'Quotes') quoteErrors.set(row, e.message);
      }
      grid.push({ row, cells: result.data });
      start = result.meta.cursor;
    },
  });
  if (unclosed !== null)
    throw new ImportError('invalid', `The CSV file has a quoted field that is never closed, starting on line ${unclosed}: the file looks truncated, or a quote inside a field is not doubled ("").`, problem('csv_unclosed_quote', { line: unclosed }));
  const table = buildTable('csv', encoding, grid, true);
  for (const [row, message] of quoteErrors)
    table.issues!.push({ row, code: 'csv_quotes', severity: 'error', message: `Row ${row} has a malformed quoted field (${message.toLowerCase()}); a quote inside a field must be doubled ("").` });
  return table;
}
