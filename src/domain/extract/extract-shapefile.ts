// The selection as an ESRI Shapefile, zipped: <base>.shp .shx .dbf .prj .cpg for one layer (a
// shapefile holds one geometry type: enterprises are Points, parks Polygons).
//
// Hand-written after checking the maintained writer: @mapbox/shp-write 0.4.3 writes its DBF with
// the `dbf` 0.2.0 package, which stores each string as `setUint8(str.charCodeAt(i))`, one byte per
// UTF-16 unit, so every Chinese name is destroyed; it also sizes text fields by character count,
// not bytes, and pulls in jszip and file-saver. The formats are small: ESRI Shapefile Technical
// Description (July 1998) for .shp/.shx and dBASE III for .dbf, here with strings in UTF-8 and a
// .cpg saying so (ArcGIS, QGIS and the `shapefile` package honour it).
import { zipSync } from 'fflate';
import type { Position } from 'geojson';
import { preparedGeometry } from './extract-geojson.ts';
import { chinaDate } from '../china-date.ts';
import { extractFileName, featureFields, flatValue, noticeOf, type ExtractFeature, type ExtractGeometry, type ExtractMeta } from './extract-meta.ts';
import { CODES_ONLY, DEMO_NOTICE_TEXT, featureFieldLabels, readableFeatures, type ExtractOptions } from './extract-labels.ts';
import { label, type Lang } from '../taxonomy.ts';

export const WGS84_PRJ = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

const SHAPE_NULL = 0;
const SHAPE_POINT = 1;
const SHAPE_POLYGON = 5;
const MAX_TEXT = 254;
const MAX_NUMBER_WIDTH = 19;

export interface DbfFieldName {
  /** The field as chosen (a property name, or `demo`). */
  field: string;
  /** Its name in the .dbf: ASCII, at most 10 bytes, unique regardless of case. */
  dbfName: string;
}

/** How the chosen fields (plus `demo` for demo data) are named in the .dbf, for telling the user. */
export function shapefileFieldNames(fields: readonly string[], meta: Pick<ExtractMeta, 'demo'>): DbfFieldName[] {
  const all = meta.demo && !fields.includes('demo') ? [...fields, 'demo'] : [...fields];
  const used = new Set<string>();
  return all.map((field) => {
    let base = field.replace(/[^A-Za-z0-9_]/g, '_') || 'field';
    if (!/^[A-Za-z]/.test(base)) base = `f${base}`;
    base = base.slice(0, 10);
    let dbfName = base;
    for (let i = 1; used.has(dbfName.toUpperCase()); i++) dbfName = base.slice(0, 10 - String(i).length) + i;
    used.add(dbfName.toUpperCase());
    return { field, dbfName };
  });
}

// ---- .shp / .shx ----

type Box = [number, number, number, number];

interface ShapeRecord {
  content: Uint8Array;
  box: Box | null;
}

function boxOf(points: Position[]): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    if (x < box[0]) box[0] = x;
    if (y < box[1]) box[1] = y;
    if (x > box[2]) box[2] = x;
    if (y > box[3]) box[3] = y;
  }
  return box;
}

function shapeRecord(geometry: ExtractGeometry | null): ShapeRecord {
  if (!geometry) {
    const content = new Uint8Array(4);
    new DataView(content.buffer).setInt32(0, SHAPE_NULL, true);
    return { content, box: null };
  }
  const g = preparedGeometry(geometry, 'esri');
  if (g.type === 'Point') {
    const content = new Uint8Array(20);
    const v = new DataView(content.buffer);
    v.setInt32(0, SHAPE_POINT, true);
    v.setFloat64(4, g.coordinates[0], true);
    v.setFloat64(12, g.coordinates[1], true);
    return { content, box: boxOf([g.coordinates]) };
  }
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  const points = rings.flat();
  const box = boxOf(points);
  const content = new Uint8Array(44 + 4 * rings.length + 16 * points.length);
  const v = new DataView(content.buffer);
  v.setInt32(0, SHAPE_POLYGON, true);
  box.forEach((n, i) => v.setFloat64(4 + 8 * i, n, true));
  v.setInt32(36, rings.length, true);
  v.setInt32(40, points.length, true);
  let at = 44;
  let start = 0;
  for (const ring of rings) {
    v.setInt32(at, start, true);
    at += 4;
    start += ring.length;
  }
  for (const [x, y] of points) {
    v.setFloat64(at, x, true);
    v.setFloat64(at + 8, y, true);
    at += 16;
  }
  return { content, box };
}

function writeMainHeader(v: DataView, fileBytes: number, shapeType: number, box: Box | null): void {
  v.setInt32(0, 9994, false);
  v.setInt32(24, fileBytes / 2, false);
  v.setInt32(28, 1000, true);
  v.setInt32(32, shapeType, true);
  (box ?? [0, 0, 0, 0]).forEach((n, i) => v.setFloat64(36 + 8 * i, n, true));
}

function layerShapeType(features: readonly ExtractFeature[], meta: ExtractMeta): number {
  const types = new Set(features.flatMap((f) => (f.geometry ? [f.geometry.type === 'Point' ? SHAPE_POINT : SHAPE_POLYGON] : [])));
  if (types.size > 1) throw new Error('A shapefile holds one geometry type: export points and polygons separately.');
  return types.size === 1 ? [...types][0] : meta.layer === 'enterprises' ? SHAPE_POINT : SHAPE_POLYGON;
}

function shpAndShx(features: readonly ExtractFeature[], shapeType: number): { shp: Uint8Array; shx: Uint8Array } {
  const records = features.map((f) => shapeRecord(f.geometry));
  const boxes = records.flatMap((r) => (r.box ? [r.box] : []));
  const box = boxes.length ? boxes.reduce((a, b): Box => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]) : null;
  const shpBytes = 100 + records.reduce((n, r) => n + 8 + r.content.length, 0);
  const shxBytes = 100 + 8 * records.length;
  const shp = new Uint8Array(shpBytes);
  const shx = new Uint8Array(shxBytes);
  const sv = new DataView(shp.buffer);
  const xv = new DataView(shx.buffer);
  writeMainHeader(sv, shpBytes, shapeType, box);
  writeMainHeader(xv, shxBytes, shapeType, box);
  let at = 100;
  records.forEach((r, i) => {
    sv.setInt32(at, i + 1, false);
    sv.setInt32(at + 4, r.content.length / 2, false);
    shp.set(r.content, at + 8);
    xv.setInt32(100 + 8 * i, at / 2, false);
    xv.setInt32(104 + 8 * i, r.content.length / 2, false);
    at += 8 + r.content.length;
  });
  return { shp, shx };
}

// ---- .dbf ----

type Cell = string | number | boolean | null;

interface Column {
  name: string;
  type: 'C' | 'N' | 'L';
  length: number;
  decimals: number;
  encode: (value: Cell) => Uint8Array;
}

const utf8 = new TextEncoder();
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** UTF-8 bytes of `s`, at most `max`, cut before a character rather than inside one. */
function utf8Truncated(s: string, max: number): Uint8Array {
  const bytes = utf8.encode(s);
  if (bytes.length <= max) return bytes;
  let end = max;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

// Math.max(...list) would overflow the stack for a large selection.
const maxOf = (list: number[]): number => list.reduce((a, b) => (b > a ? b : a), 0);

function decimalsOf(n: number): number {
  for (let d = 0; d < 15; d++) if (Number(n.toFixed(d)) === n) return d;
  return 15;
}

function textColumn(name: string, values: Cell[]): Column {
  const length = Math.max(1, maxOf(values.map((v) => (v === null ? 0 : utf8Truncated(String(v), MAX_TEXT).length))));
  return { name, type: 'C', length, decimals: 0, encode: (v) => (v === null ? new Uint8Array(0) : utf8Truncated(String(v), MAX_TEXT)) };
}

function column(name: string, values: Cell[]): Column {
  const present = values.filter((v) => v !== null);
  if (present.length && present.every((v) => typeof v === 'boolean')) {
    return { name, type: 'L', length: 1, decimals: 0, encode: (v) => ascii(v === null ? '?' : v ? 'T' : 'F') };
  }
  if (present.length && present.every((v) => typeof v === 'number' && Math.abs(v) < 1e18)) {
    const numbers = present as number[];
    let decimals = maxOf(numbers.map(decimalsOf));
    const width = () => maxOf(numbers.map((n) => n.toFixed(decimals).length));
    while (width() > MAX_NUMBER_WIDTH && decimals > 0) decimals--;
    if (width() <= MAX_NUMBER_WIDTH) {
      const d = decimals;
      return { name, type: 'N', length: width(), decimals: d, encode: (v) => ascii(v === null ? '' : (v as number).toFixed(d)) };
    }
  }
  return textColumn(name, values);
}

function dbf(columns: Column[], rows: Cell[][], exportedAt: Date): Uint8Array {
  if (columns.length > 255) throw new Error('A .dbf holds at most 255 fields.');
  const headerBytes = 32 + 32 * columns.length + 1;
  const recordBytes = 1 + columns.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(headerBytes + recordBytes * rows.length + 1);
  const v = new DataView(out.buffer);
  const [year, month, day] = chinaDate(exportedAt).split('-').map(Number);
  v.setUint8(0, 0x03);
  v.setUint8(1, year - 1900);
  v.setUint8(2, month);
  v.setUint8(3, day);
  v.setUint32(4, rows.length, true);
  v.setUint16(8, headerBytes, true);
  v.setUint16(10, recordBytes, true);
  columns.forEach((c, i) => {
    const at = 32 + 32 * i;
    out.set(ascii(c.name), at);
    out[at + 11] = c.type.charCodeAt(0);
    out[at + 16] = c.length;
    out[at + 17] = c.decimals;
  });
  out[headerBytes - 1] = 0x0d;
  let at = headerBytes;
  for (const row of rows) {
    out.fill(0x20, at, at + recordBytes);
    let cell = at + 1;
    columns.forEach((c, i) => {
      const bytes = c.encode(row[i]);
      // Numbers are right-aligned, text and logicals left-aligned; the rest stays blank (spaces).
      out.set(bytes, c.type === 'N' ? cell + c.length - bytes.length : cell);
      cell += c.length;
    });
    at += recordBytes;
  }
  out[at] = 0x1a;
  return out;
}

// ---- zip ----

const FIELDS_TXT: Record<Lang, { file: string; title: string; demo: string }> = {
  'zh-Hans': { file: '字段说明', title: '字段名（.dbf）与名称', demo: '演示数据标记（T = 是）' },
  'zh-Hant': { file: '欄位說明', title: '欄位名（.dbf）與名稱', demo: '示範資料標記（T = 是）' },
  en: { file: 'fields', title: 'Field (.dbf) and name', demo: 'demo data flag (T = yes)' },
};

/** The text file of a readable shapefile: each .dbf name with the field's name in the language, and the notices. */
function fieldsText(meta: ExtractMeta, chosen: readonly string[], names: readonly DbfFieldName[], lang: Lang): string {
  const t = FIELDS_TXT[lang];
  const labels = featureFieldLabels(meta.layer, chosen, lang);
  const lines = [
    ...(meta.demo ? [label(DEMO_NOTICE_TEXT, lang)] : []),
    ...(noticeOf(meta) ? [noticeOf(meta)!] : []),
    '',
    t.title,
    ...names.map(({ field, dbfName }) => `${dbfName}\t${field === 'demo' && !labels.demo ? t.demo : labels[field] ?? field}`),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * Zip of <base>.shp .shx .dbf .prj .cpg, base named like the other extracts (layer-date). Readable
 * (options.labels): the .dbf keeps its safe ASCII names, its values get labels (UTF-8, as the .cpg
 * says) with `<key>Code` beside each coded field, and <base>-字段说明.txt names each field in the language.
 */
export function toShapefileZip(source: readonly ExtractFeature[], chosen: readonly string[], meta: ExtractMeta, options: ExtractOptions = CODES_ONLY): Uint8Array {
  const readable = options.labels === 'readable';
  const { features, fields } = readable ? readableFeatures(meta.layer, source, chosen, options.lang) : { features: source, fields: chosen };
  const exportedAt = new Date(meta.exportedAt);
  const { shp, shx } = shpAndShx(features, layerShapeType(features, meta));
  const names = shapefileFieldNames(fields, meta);
  const rows: Cell[][] = features.map((f) => {
    const picked = featureFields(f, fields);
    return names.map(({ field }, i) => (i >= fields.length ? true : flatValue(picked[field])))
      .map((v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v));
  });
  const columns = names.map(({ dbfName }, i) => column(dbfName, rows.map((r) => r[i])));
  const base = extractFileName(meta.layer, 'shapefile', exportedAt).replace(/\.zip$/, '');
  return zipSync({
    [`${base}.shp`]: shp,
    [`${base}.shx`]: shx,
    [`${base}.dbf`]: dbf(columns, rows, exportedAt),
    [`${base}.prj`]: utf8.encode(WGS84_PRJ),
    [`${base}.cpg`]: utf8.encode('UTF-8'),
    ...(readable ? { [`${base}-${FIELDS_TXT[options.lang].file}.txt`]: utf8.encode(fieldsText(meta, chosen, names, options.lang)) } : {}),
  }, { mtime: exportedAt });
}
