// The attribute table of a Shapefile (.dbf, dBASE III/IV as GIS tools write it), read by hand so that
// text is decoded strictly: the shapefile package decodes with a lenient TextDecoder (U+FFFD for bad
// bytes) and cannot tell UTF-8 from GBK. Field names are at most 10 bytes, so a Chinese name is often
// cut in the middle of a character: the broken tail is dropped (the column mapping knows truncated
// names). Text values cut the same way are kept without the broken character, with a warning.
//
// Encoding: the caller's choice (the user's, or the .cpg's); else detection over all text values:
// all valid UTF-8 → UTF-8, else all valid GBK → GBK, else an error asking for a .cpg.
import type { RowIssue, TextEncoding } from '../../domain/import/import-types.ts';
import { ImportError } from './import-error.ts';
import { problem } from '../../domain/problems.ts';
import type { Cell } from './table-builder.ts';

export interface DbfTable {
  encoding: TextEncoding;
  headers: string[];
  /** One entry per record, deleted records included (as null) so record i matches shape i. */
  records: (Cell[] | null)[];
  issues: RowIssue[];
}

interface Field {
  name: Uint8Array;
  type: string;
  offset: number;
  length: number;
}

const trimEnd = (b: Uint8Array) => {
  let n = b.length;
  while (n > 0 && (b[n - 1] === 0x20 || b[n - 1] === 0)) n--;
  return b.subarray(0, n);
};
const trimStart = (b: Uint8Array) => {
  let i = 0;
  while (i < b.length && b[i] === 0x20) i++;
  return b.subarray(i);
};

/** Length of a trailing incomplete multi-byte character (0 when the bytes end cleanly). */
function brokenTail(b: Uint8Array, encoding: TextEncoding): number {
  if (encoding === 'gbk') {
    // A GBK pair is lead 0x81–0xFE + trail; count the run of high bytes before the end.
    let run = 0;
    for (let i = b.length - 1; i >= 0 && b[i] >= 0x81; i--) run++;
    return run % 2 === 1 && b[b.length - 1] >= 0x81 && b[b.length - 1] <= 0xfe ? 1 : 0;
  }
  for (let k = 1; k <= Math.min(3, b.length); k++) {
    const c = b[b.length - k];
    if ((c & 0xc0) === 0x80) continue;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > k ? k : 0;
  }
  return 0;
}

function strict(encoding: TextEncoding) {
  const decoder = new TextDecoder(encoding, { fatal: true });
  // eslint-disable-next-line no-control-regex
  const odd = /[\u0000-\u0008\u000b\u000e-\u001f\ue000-\uf8ff]/;
  return (b: Uint8Array): { text: string; cut: boolean } | null => {
    const cut = brokenTail(b, encoding);
    try {
      const text = decoder.decode(cut ? b.subarray(0, b.length - cut) : b);
      return odd.test(text) ? null : { text, cut: cut > 0 };
    } catch {
      return null;
    }
  };
}

export function readDbf(bytes: Uint8Array, chosen: TextEncoding | null, what = 'The .dbf file'): DbfTable {
  const bad = (m: string) => new ImportError('invalid', `${what} ${m}`, /encoding|UTF-8|GBK/.test(m) ? problem('dbf_encoding') : problem('dbf_damaged'));
  if (bytes.length < 33) throw bad('is too short to be a dBASE table.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (headerLength > bytes.length || recordLength < 1) throw bad('has a damaged header.');
  const fields: Field[] = [];
  let offset = 1;
  for (let p = 32; p + 32 <= headerLength && bytes[p] !== 0x0d; p += 32) {
    let n = 0;
    while (n < 11 && bytes[p + n] !== 0) n++;
    const length = bytes[p + 16];
    fields.push({ name: trimEnd(bytes.subarray(p, p + n)), type: String.fromCharCode(bytes[p + 11]).toUpperCase(), offset, length });
    offset += length;
  }
  if (offset > recordLength) throw bad('has fields wider than its records; the file is damaged.');
  if (headerLength + count * recordLength > bytes.length) throw bad(`is truncated: it announces ${count} records but holds only ${Math.floor((bytes.length - headerLength) / recordLength)}.`);
  const recordAt = (i: number) => bytes.subarray(headerLength + i * recordLength, headerLength + (i + 1) * recordLength);

  const textFields = fields.filter((f) => f.type === 'C');
  let encoding = chosen;
  if (!encoding) {
    const values: Uint8Array[] = [];
    for (let i = 0; i < count; i++) for (const f of textFields) values.push(trimEnd(recordAt(i).subarray(f.offset, f.offset + f.length)));
    for (const f of fields) values.push(f.name);
    const utf8 = strict('utf-8');
    const gbk = strict('gbk');
    encoding = values.every((v) => utf8(v)) ? 'utf-8' : values.every((v) => gbk(v)) ? 'gbk' : null;
    if (!encoding) throw bad('has text that is neither UTF-8 nor GBK. Add a .cpg file naming its encoding (UTF-8 or GBK) to the zip, or re-save the Shapefile as UTF-8.');
  }
  const decode = strict(encoding);
  const issues: RowIssue[] = [];
  const headers = fields.map((f, i) => {
    const d = decode(f.name);
    if (!d) throw bad(`has a field name that is not valid ${encoding === 'gbk' ? 'GBK' : 'UTF-8'} (field ${i + 1}).`);
    return d.text.trim() || `Column ${i + 1}`;
  });

  const records: (Cell[] | null)[] = [];
  for (let i = 0; i < count; i++) {
    const rec = recordAt(i);
    if (rec[0] === 0x2a) {
      records.push(null);
      continue;
    }
    const cells: Cell[] = [];
    for (const [k, f] of fields.entries()) {
      const raw = rec.subarray(f.offset, f.offset + f.length);
      cells.push(value(f, raw, decode, () => issues.push({ row: i + 1, code: 'truncated_text', params: { column: headers[k] }, severity: 'warning', message: `Row ${i + 1}: the text in column ${JSON.stringify(headers[k])} was cut in the middle of a character by the .dbf field width; the broken character is dropped.` }), () => {
        throw bad(`has text that is not valid ${encoding === 'gbk' ? 'GBK' : 'UTF-8'} in record ${i + 1}, column ${JSON.stringify(headers[k])}.`);
      }));
    }
    records.push(cells);
  }
  return { encoding, headers, records, issues };
}

function value(f: Field, raw: Uint8Array, decode: ReturnType<typeof strict>, onCut: () => void, onBad: () => never): Cell {
  const ascii = () => String.fromCharCode(...trimStart(trimEnd(raw)));
  switch (f.type) {
    case 'C': {
      const b = trimEnd(raw);
      if (!b.length) return null;
      const d = decode(b) ?? onBad();
      if (d.cut) onCut();
      return d.text.trim() || null;
    }
    case 'N':
    case 'F': {
      const s = ascii();
      if (!s || /^\*+$/.test(s)) return null;
      const n = Number(s);
      return Number.isFinite(n) ? n : s;
    }
    case 'L': {
      const s = ascii().toUpperCase();
      return 'TY'.includes(s) && s ? true : 'FN'.includes(s) && s ? false : null;
    }
    case 'D': {
      const s = ascii();
      return /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : null;
    }
    case 'I':
      return raw.length === 4 ? new DataView(raw.buffer, raw.byteOffset, 4).getInt32(0, true) : null;
    case 'O':
    case 'B':
      return raw.length === 8 ? new DataView(raw.buffer, raw.byteOffset, 8).getFloat64(0, true) : null;
    default: {
      // Memo and other types point into files we do not read; keep their text form if it is text.
      const s = ascii();
      return s || null;
    }
  }
}
