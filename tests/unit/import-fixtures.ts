// Builders for the import tests' files, made in memory (no binary fixtures in the repository):
// XLSX workbooks, Shapefiles (.shp/.shx/.dbf written byte by byte), GBK text, zips.
import { strToU8, zipSync, type Zippable } from 'fflate';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Column letters of a 0-based index: 0 → A, 26 → AA. */
function col(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export type XlsxCell = string | number | boolean | Date | null;

/**
 * A one-sheet .xlsx. `rows[i]` lands on sheet row i + 1 (null rows are left out, making empty rows);
 * strings go to the shared-strings table, dates are serial numbers with a date style.
 */
export function makeXlsx(rows: (XlsxCell[] | null)[], extra: Zippable = {}): Uint8Array {
  const strings: string[] = [];
  const sst = (s: string) => {
    let i = strings.indexOf(s);
    if (i < 0) i = strings.push(s) - 1;
    return i;
  };
  const sheetRows = rows
    .map((row, r) => {
      if (!row) return '';
      const cells = row
        .map((v, c) => {
          const ref = `${col(c)}${r + 1}`;
          if (v === null) return '';
          if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
          if (typeof v === 'boolean') return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
          if (v instanceof Date) return `<c r="${ref}" s="1"><v>${v.getTime() / 86400000 + 25569}</v></c>`;
          return `<c r="${ref}" t="s"><v>${sst(v)}</v></c>`;
        })
        .join('');
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  const files: Zippable = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    ),
    'xl/styles.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`,
    ),
  };
  files['xl/sharedStrings.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`,
  );
  return zipSync({ ...files, ...extra });
}

let gbkTable: Map<string, number> | null = null;
/** GBK bytes of a string. Node has no GBK encoder, so the table is built by decoding every GBK pair once. */
export function gbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const d = new TextDecoder('gbk', { fatal: true });
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        try {
          const ch = d.decode(Uint8Array.of(lead, trail));
          if (ch.length === 1 && !gbkTable.has(ch)) gbkTable.set(ch, (lead << 8) | trail);
        } catch {
          // not a GBK pair
        }
      }
  }
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const pair = gbkTable.get(ch);
      if (pair === undefined) throw new Error(`no GBK code for ${ch}`);
      out.push(pair >> 8, pair & 0xff);
    }
  }
  return Uint8Array.from(out);
}

export const utf8 = (s: string) => new TextEncoder().encode(s);
export const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

export interface DbfField {
  name: string;
  type: 'C' | 'N';
  length: number;
  decimals?: number;
}

/** A dBASE III table; text is encoded with `encode` (UTF-8 or GBK bytes). */
export function makeDbf(fields: DbfField[], records: (string | number | null)[][], encode: (s: string) => Uint8Array): Uint8Array {
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((n, f) => n + f.length, 0);
  const out = new Uint8Array(headerLength + records.length * recordLength + 1);
  const view = new DataView(out.buffer);
  out[0] = 0x03;
  out.set([125, 1, 1], 1);
  view.setUint32(4, records.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  fields.forEach((f, i) => {
    const p = 32 + 32 * i;
    out.set(encode(f.name).subarray(0, 10), p);
    out[p + 11] = f.type.charCodeAt(0);
    out[p + 16] = f.length;
    out[p + 17] = f.decimals ?? 0;
  });
  out[headerLength - 1] = 0x0d;
  records.forEach((r, i) => {
    let p = headerLength + i * recordLength;
    out[p++] = 0x20;
    fields.forEach((f, k) => {
      const v = r[k];
      const cell = new Uint8Array(f.length).fill(0x20);
      if (v !== null && v !== undefined) {
        const b = f.type === 'N' ? utf8(String(v).padStart(f.length)) : encode(String(v));
        cell.set(b.subarray(0, f.length));
      }
      out.set(cell, p);
      p += f.length;
    });
  });
  out[out.length - 1] = 0x1a;
  return out;
}

export type ShpShape = { type: 'Point'; coordinates: number[] } | { type: 'Polygon'; coordinates: number[][][] } | null;

/** A .shp of Points (type 1) or Polygons (type 5); rings are written as given (outer rings clockwise in Shapefiles). */
export function makeShp(shapeType: 1 | 5, shapes: ShpShape[]): Uint8Array {
  const contents = shapes.map((s) => {
    if (!s) {
      const b = new Uint8Array(4);
      return b;
    }
    if (s.type === 'Point') {
      const b = new Uint8Array(20);
      const v = new DataView(b.buffer);
      v.setInt32(0, 1, true);
      v.setFloat64(4, s.coordinates[0], true);
      v.setFloat64(12, s.coordinates[1], true);
      return b;
    }
    const points = s.coordinates.flat();
    const b = new Uint8Array(44 + 4 * s.coordinates.length + 16 * points.length);
    const v = new DataView(b.buffer);
    v.setInt32(0, 5, true);
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((x, i) => v.setFloat64(4 + 8 * i, x, true));
    v.setInt32(36, s.coordinates.length, true);
    v.setInt32(40, points.length, true);
    let start = 0;
    s.coordinates.forEach((ring, i) => {
      v.setInt32(44 + 4 * i, start, true);
      start += ring.length;
    });
    const base = 44 + 4 * s.coordinates.length;
    points.forEach((p, i) => {
      v.setFloat64(base + 16 * i, p[0], true);
      v.setFloat64(base + 16 * i + 8, p[1], true);
    });
    return b;
  });
  const length = 100 + contents.reduce((n, c) => n + 8 + c.length, 0);
  const out = new Uint8Array(length);
  const v = new DataView(out.buffer);
  v.setInt32(0, 9994, false);
  v.setInt32(24, length / 2, false);
  v.setInt32(28, 1000, true);
  v.setInt32(32, shapeType, true);
  const all = shapes.flatMap((s) => (!s ? [] : s.type === 'Point' ? [s.coordinates] : s.coordinates.flat()));
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  if (all.length) [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((x, i) => v.setFloat64(36 + 8 * i, x, true));
  let p = 100;
  contents.forEach((c, i) => {
    v.setInt32(p, i + 1, false);
    v.setInt32(p + 4, c.length / 2, false);
    out.set(c, p + 8);
    p += 8 + c.length;
  });
  return out;
}

export const WGS84_PRJ = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
export const CGCS2000_PRJ = 'GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
export const GAUSS_PRJ = 'PROJCS["CGCS2000_3_Degree_GK_CM_114E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["Central_Meridian",114.0],UNIT["Meter",1.0]]';
export const BEIJING54_PRJ = 'GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

export { strToU8, zipSync };
