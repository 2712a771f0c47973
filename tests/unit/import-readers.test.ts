// The upload readers: text decoding (UTF-8 with or without BOM, GBK, neither), CSV, XLSX, GeoJSON,
// zipped Shapefiles in UTF-8 and GBK, and the zip guard (bombs, `../` paths, entry counts). Every
// file is built in the test.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Polygon } from 'geojson';
import { makeCreditCode } from '../../src/domain/credit-code.ts';
import { suggestMapping } from '../../src/domain/import/column-mapping.ts';
import { createCityArea } from '../../src/domain/import/coordinates.ts';
import { validateEnterprises } from '../../src/domain/import/validate-enterprises.ts';
import { validateParks } from '../../src/domain/import/validate-parks.ts';
import { decodeText } from '../../src/server/imports/decode-text.ts';
import { ImportError } from '../../src/server/imports/import-error.ts';
import { DOMAIN_STATUS } from '../../src/server/http/errors.ts';
import { readCsv } from '../../src/server/imports/read-csv.ts';
import { readShapefileZip } from '../../src/server/imports/read-shapefile-zip.ts';
import { readSource } from '../../src/server/imports/read-source.ts';
import { readXlsx } from '../../src/server/imports/read-xlsx.ts';
import { DEFAULT_UNZIP_LIMITS, safeUnzip } from '../../src/server/imports/safe-unzip.ts';
import { BEIJING54_PRJ, CGCS2000_PRJ, concat, GAUSS_PRJ, gbk, makeDbf, makeShp, makeXlsx, strToU8, utf8, WGS84_PRJ, zipSync, type DbfField } from './import-fixtures.ts';

/** The ImportError a call throws (sync or async), or fails the test. */
async function importError(f: () => unknown): Promise<ImportError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected an ImportError');
}

const city = createCityArea(JSON.parse(readFileSync('data/boundaries/guangzhou-districts.geojson', 'utf8')) as FeatureCollection);

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(utf8('企业,x'))).toEqual({ text: '企业,x', encoding: 'utf-8' });
    expect(decodeText(concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8('企业')))).toEqual({ text: '企业', encoding: 'utf-8' });
  });

  it('detects GBK', () => {
    // 广州 in GBK, hard-coded; the test encoder agrees.
    const bytes = Uint8Array.of(0xb9, 0xe3, 0xd6, 0xdd);
    expect(gbk('广州')).toEqual(bytes);
    expect(decodeText(bytes)).toEqual({ text: '广州', encoding: 'gbk' });
    expect(decodeText(gbk('统一社会信用代码,企業名稱'), 'gbk').text).toBe('统一社会信用代码,企業名稱');
  });

  it('never yields U+FFFD: bytes that are neither UTF-8 nor GBK are refused with a clear message', async () => {
    for (const bytes of [Uint8Array.of(0x41, 0x81, 0x20, 0x42), Uint8Array.of(0x41, 0xff, 0x41), Uint8Array.of(0xb9, 0xe3, 0xd6)]) {
      const e = await importError(() => decodeText(bytes));
      expect(DOMAIN_STATUS[e.kind]).toBe(400);
      expect(e.message).toMatch(/neither UTF-8 nor GBK/);
    }
  });

  it('reports a UTF-8 file cut inside a character as truncated, not as GBK', async () => {
    const cut = utf8('名称\n广州').subarray(0, -1);
    expect((await importError(() => decodeText(cut))).message).toMatch(/truncated/);
  });

  it('holds the chosen encoding to account', async () => {
    expect((await importError(() => decodeText(gbk('广州'), 'utf-8'))).message).toMatch(/not valid UTF-8: byte 0xB9 at offset 0/);
    expect((await importError(() => decodeText(Uint8Array.of(0x81, 0x20), 'gbk'))).message).toMatch(/not valid GBK/);
    expect((await importError(() => decodeText(Uint8Array.of(0xff, 0xfe, 0x41, 0)))).message).toMatch(/UTF-16/);
    expect((await importError(() => decodeText(utf8('a,b\u0000c')))).message).toMatch(/U\+0000/);
  });
});

describe('readCsv', () => {
  it('reads a GBK CSV', () => {
    const t = readCsv(gbk('企业名称,经度,纬度\r\n广州某某有限公司,113.3,23.1\r\n'));
    expect(t).toMatchObject({ format: 'csv', encoding: 'gbk', headers: ['企业名称', '经度', '纬度'], rows: [{ row: 2, cells: { 企业名称: '广州某某有限公司', 经度: '113.3', 纬度: '23.1' } }] });
  });

  it('reads a UTF-8 CSV with a BOM (the BOM is not part of the first header)', () => {
    const t = readCsv(concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8('名称,code\n甲,1\n')));
    expect(t.encoding).toBe('utf-8');
    expect(t.headers).toEqual(['名称', 'code']);
  });

  it('keeps line numbers across quoted line breaks and empty lines; skips title rows', () => {
    const t = readCsv(utf8('2021年名单\na,b\n1,"x\ny"\n\n,\n3,4\n'));
    expect(t.headers).toEqual(['a', 'b']);
    expect(t.rows).toEqual([
      { row: 3, cells: { a: '1', b: 'x\ny' } },
      { row: 7, cells: { a: '3', b: '4' } },
    ]);
    expect(t.issues).toEqual([expect.objectContaining({ row: 0, code: 'skipped_title_rows', severity: 'warning' })]);
  });

  it('reports rows that do not fit the header', () => {
    const t = readCsv(utf8('a,b,c\n1,2,3\n1,2\n1,2,3,4\n1,2,3,,\n'));
    expect(t.issues).toEqual([
      { row: 3, code: 'missing_fields', params: { count: 2, width: 3 }, severity: 'error', message: 'Row 3 has 2 fields but the header has 3; the line is cut off or a separator is missing.' },
      { row: 4, code: 'extra_fields', params: { count: 4, width: 3 }, severity: 'error', message: 'Row 4 has 4 fields but the header has 3; a value may hold an unquoted separator, or the columns are shifted.' },
    ]);
    expect(t.rows.map((r) => r.row)).toEqual([2, 3, 4, 5]);
  });

  it('refuses a file cut off inside a quoted field, naming the line', async () => {
    const e = await importError(() => readCsv(utf8('a,b\n1,2\n3,"unterminated\n')));
    expect(DOMAIN_STATUS[e.kind]).toBe(400);
    expect(e.message).toBe('The CSV file has a quoted field that is never closed, starting on line 3: the file looks truncated, or a quote inside a field is not doubled ("").');
  });

  it('detects tabs and semicolons, and names empty or repeated headers', () => {
    expect(readCsv(utf8('a\tb\n1\t2\n')).rows[0].cells).toEqual({ a: '1', b: '2' });
    expect(readCsv(utf8('a;b\n1;2\n')).rows[0].cells).toEqual({ a: '1', b: '2' });
    expect(readCsv(utf8('名称,,名称\n1,2,3\n')).headers).toEqual(['名称', 'Column 2', '名称 (2)']);
  });
});

describe('safeUnzip', () => {
  it('unpacks a plain zip, skipping folders and macOS noise', () => {
    const zip = zipSync({ 'data/a.txt': strToU8('hello'), '__MACOSX/data/._a.txt': strToU8('x'), 'data/': new Uint8Array(0) });
    expect(safeUnzip(zip).map((e) => [e.name, new TextDecoder().decode(e.data)])).toEqual([['data/a.txt', 'hello']]);
    expect(DEFAULT_UNZIP_LIMITS).toEqual({ maxTotalBytes: 200 * 1024 * 1024, maxEntries: 1000 });
  });

  it('stops a zip bomb while inflating (413)', async () => {
    const zip = zipSync({ 'bomb.shp': new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
    expect(zip.length).toBeLessThan(100_000);
    const e = await importError(() => safeUnzip(zip, { limits: { maxTotalBytes: 5 * 1024 * 1024 } }));
    expect(DOMAIN_STATUS[e.kind]).toBe(413);
    expect(e.message).toBe('The zip file unpacks to more than 5 MB (reached while unpacking "bomb.shp"); split the data or remove what is not needed.');
  });

  it('does not believe declared sizes: a bomb that lies is still stopped, and a lie is a damaged file', async () => {
    const zip = zipSync({ 'bomb.dbf': new Uint8Array(8 * 1024 * 1024) }, { level: 9 });
    // Declare 100 bytes in the local header (offset 22) and the central directory (offset 24 of its entry).
    const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    v.setUint32(22, 100, true);
    const cd = v.getUint32(zip.length - 22 + 16, true);
    v.setUint32(cd + 24, 100, true);
    expect(DOMAIN_STATUS[(await importError(() => safeUnzip(zip, { limits: { maxTotalBytes: 1024 * 1024 } }))).kind]).toBe(413);
    const e = await importError(() => safeUnzip(zip));
    expect(DOMAIN_STATUS[e.kind]).toBe(400);
    expect(e.message).toMatch(/does not match its recorded size/);
  });

  it.each([['../evil.shp', /climbs out/], ['a/../../evil.shp', /climbs out/], ['dir\\evil.shp', /backslash/], ['/etc/evil.shp', /absolute/], ['C:/evil.shp', /absolute/]])(
    'refuses the entry name %s (400)',
    async (name, reason) => {
      const zip = zipSync({ 'ok.dbf': strToU8('x'), [name]: strToU8('x') });
      const e = await importError(() => safeUnzip(zip));
      expect(DOMAIN_STATUS[e.kind]).toBe(400);
      expect(e.message).toMatch(reason);
      expect(e.message).toContain(JSON.stringify(name));
    },
  );

  it('caps the number of entries (413) and refuses damaged archives (400)', async () => {
    const many = zipSync(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}.txt`, strToU8('x')])));
    expect(DOMAIN_STATUS[(await importError(() => safeUnzip(many, { limits: { maxEntries: 10 } }))).kind]).toBe(413);
    const zip = zipSync({ 'a.txt': strToU8('hello hello hello hello') });
    expect((await importError(() => safeUnzip(zip.subarray(0, zip.length - 30)))).message).toMatch(/not a complete zip archive/);
    const flipped = zip.slice();
    flipped[40] ^= 0xff;
    expect((await importError(() => safeUnzip(flipped))).message).toMatch(/damaged/);
    expect(DOMAIN_STATUS[(await importError(() => safeUnzip(utf8('not a zip at all, just text')))).kind]).toBe(400);
  });
});

describe('readXlsx', () => {
  it('reads the first sheet: text, numbers, booleans, dates as ISO, sheet row numbers', async () => {
    const bytes = makeXlsx([['企业名称', '营业收入', '成立日期', '规上'], ['甲公司', 1234.5, new Date(Date.UTC(2015, 5, 30)), true], null, ['乙公司', 2e7, null, false]]);
    const t = await readXlsx(bytes);
    expect(t).toMatchObject({ format: 'xlsx', encoding: null, headers: ['企业名称', '营业收入', '成立日期', '规上'] });
    expect(t.rows).toEqual([
      { row: 2, cells: { 企业名称: '甲公司', 营业收入: 1234.5, 成立日期: '2015-06-30', 规上: true } },
      { row: 4, cells: { 企业名称: '乙公司', 营业收入: 2e7, 成立日期: null, 规上: false } },
    ]);
  });

  it('goes through the zip guard: a bomb inside a workbook is stopped (413)', async () => {
    const bytes = makeXlsx([['a', 'b']], { 'xl/bomb.xml': new Uint8Array(20 * 1024 * 1024) });
    const e = await importError(() => readXlsx(bytes, { limits: { maxTotalBytes: 5 * 1024 * 1024 } }));
    expect(DOMAIN_STATUS[e.kind]).toBe(413);
    expect(e.message).toMatch(/^The XLSX file unpacks to more than 5 MB/);
  });

  it('refuses what is not an XLSX workbook', async () => {
    expect(DOMAIN_STATUS[(await importError(() => readXlsx(Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1)))).kind]).toBe(415);
    expect(DOMAIN_STATUS[(await importError(() => readXlsx(utf8('a,b\n1,2\n')))).kind]).toBe(400);
    expect((await importError(() => readXlsx(zipSync({ 'x.xml': strToU8('<x/>') })))).message).toMatch(/not an XLSX workbook/);
  });
});

const code1 = makeCreditCode('440106', '12345678');
const code2 = makeCreditCode('440112', '87654321');
const POINT_FIELDS = (name: (s: string) => string): DbfField[] => [
  { name: name('统一社会信用代码'), type: 'C', length: 18 },
  { name: name('企业名称'), type: 'C', length: 60 },
  { name: name('细分行业'), type: 'C', length: 20 },
  { name: name('营业收入'), type: 'N', length: 14, decimals: 2 },
];
const POINT_ROWS = [
  [code1, '广州市天河区示例汽车零部件有限公司', '汽车零部件', 25000000],
  [code2, '廣州黃埔顯示材料有限公司', '新型显示', 123456789.5],
];
const POINTS = makeShp(1, [{ type: 'Point', coordinates: [113.3612, 23.1247] }, { type: 'Point', coordinates: [113.459, 23.106] }]);

describe('readShapefileZip', () => {
  it('reads a UTF-8 Shapefile (with .cpg) and validates it end to end', async () => {
    const zip = zipSync({ 'layer/qy.shp': POINTS, 'layer/qy.dbf': makeDbf(POINT_FIELDS((s) => s), POINT_ROWS, utf8), 'layer/qy.prj': strToU8(WGS84_PRJ), 'layer/qy.cpg': strToU8('UTF-8') });
    const t = await readShapefileZip(zip);
    // Field names stop at 10 bytes: 统一社会信用代码 keeps three characters and a broken fourth, which is dropped.
    expect(t).toMatchObject({ format: 'shapefile', encoding: 'utf-8', headers: ['统一社', '企业名', '细分行', '营业收'] });
    expect(t.rows[1]).toEqual({ row: 2, cells: { 统一社: code2, 企业名: '廣州黃埔顯示材料有限公司', 细分行: '新型显示', 营业收: 123456789.5 }, geometry: { type: 'Point', coordinates: [113.459, 23.106] } });
    const mapping = suggestMapping('enterprises', t.headers);
    expect(mapping).toEqual({ creditCode: '统一社', name: '企业名', subIndustry: '细分行', revenue: '营业收' });
    const report = validateEnterprises(t, mapping, 'wgs84', { city });
    expect(report.records.map((r) => [r.creditCode, r.cluster, r.subIndustry, r.revenue, r.lon, r.lat])).toEqual([
      [code1, 'auto', 'auto-parts', 25000000, 113.3612, 23.1247],
      [code2, 'display', 'new-display', 123456790, 113.459, 23.106],
    ]);
  });

  it('detects GBK attributes without a .cpg (CGCS2000 .prj accepted)', async () => {
    const zip = zipSync({ 'qy.shp': POINTS, 'qy.dbf': makeDbf(POINT_FIELDS((s) => s), POINT_ROWS, gbk), 'qy.prj': strToU8(CGCS2000_PRJ) });
    const t = await readShapefileZip(zip);
    expect(t.encoding).toBe('gbk');
    expect(t.headers).toEqual(['统一社会信', '企业名称', '细分行业', '营业收入']);
    expect(t.rows[0].cells['企业名称']).toBe('广州市天河区示例汽车零部件有限公司');
    expect(t.rows[1].cells['企业名称']).toBe('廣州黃埔顯示材料有限公司');
    expect(suggestMapping('enterprises', t.headers).creditCode).toBe('统一社会信');
  });

  it('honours a .cpg that says GBK (936) and the encoding the user chose', async () => {
    const files = { 'qy.shp': POINTS, 'qy.dbf': makeDbf(POINT_FIELDS((s) => s), POINT_ROWS, gbk), 'qy.prj': strToU8(WGS84_PRJ) };
    expect((await readShapefileZip(zipSync({ ...files, 'qy.cpg': strToU8('936\r\n') }))).encoding).toBe('gbk');
    const e = await importError(() => readShapefileZip(zipSync(files), { encoding: 'utf-8' }));
    expect(e.message).toMatch(/not valid UTF-8/);
  });

  it('refuses attributes that are neither UTF-8 nor GBK, asking for a .cpg', async () => {
    const dbf = makeDbf([{ name: 'name', type: 'C', length: 4 }], [['x'], ['y']], utf8);
    dbf.set([0x81, 0x20, 0x20, 0xff], dbf.length - 1 - 5 + 1);
    const e = await importError(() => readShapefileZip(zipSync({ 'a.shp': POINTS, 'a.dbf': dbf })));
    expect(DOMAIN_STATUS[e.kind]).toBe(400);
    expect(e.message).toMatch(/neither UTF-8 nor GBK\. Add a \.cpg file/);
  });

  it('reads polygons, and warns when there is no .prj', async () => {
    const ring = [[113.22, 23.4], [113.22, 23.402], [113.222, 23.402], [113.222, 23.4], [113.22, 23.4]]; // clockwise, as Shapefiles store outer rings
    const zip = zipSync({
      'yq.shp': makeShp(5, [{ type: 'Polygon', coordinates: [ring] }]),
      'yq.dbf': makeDbf([{ name: '园区编码', type: 'C', length: 10 }, { name: '园区名称', type: 'C', length: 40 }, { name: '改造类型', type: 'C', length: 20 }], [['HD-001', '某村工业园', '改造提升']], gbk),
    });
    const t = await readShapefileZip(zip);
    expect(t.issues).toEqual([expect.objectContaining({ row: 0, code: 'no_prj', severity: 'warning' })]);
    expect(t.rows[0].geometry?.type).toBe('Polygon');
    const report = validateParks(t, suggestMapping('parks', t.headers), 'wgs84', { city });
    expect(report.records.map((p) => [p.code, p.name, p.category, p.progress])).toEqual([['HD-001', '某村工业园', 'upgrade', 'not_started']]);
    expect((report.records[0].geometry as Polygon).coordinates[0]).toHaveLength(5);
  });

  it('refuses a .prj that is projected or on another datum, unless the user says GCJ-02/BD-09', async () => {
    const files = (prj: string) => zipSync({ 'qy.shp': POINTS, 'qy.dbf': makeDbf(POINT_FIELDS((s) => s), POINT_ROWS, utf8), 'qy.prj': strToU8(prj) });
    const projected = await importError(() => readShapefileZip(files(GAUSS_PRJ)));
    expect(DOMAIN_STATUS[projected.kind]).toBe(400);
    expect(projected.message).toMatch(/projected \(CGCS2000_3_Degree_GK_CM_114E\)\. Re-project the layer to WGS84/);
    expect((await importError(() => readShapefileZip(files(BEIJING54_PRJ)))).message).toMatch(/GCS_Beijing_1954 \(datum D_Beijing_1954\), not WGS84/);
    expect((await readShapefileZip(files(WGS84_PRJ.replace('WGS_1984', 'WGS_1984')), { crs: 'gcj02' })).rows).toHaveLength(2);
    expect((await readShapefileZip(files(BEIJING54_PRJ), { crs: 'gcj02' })).rows).toHaveLength(2);
  });

  it('refuses incomplete or ambiguous archives', async () => {
    const dbf = makeDbf(POINT_FIELDS((s) => s), POINT_ROWS, utf8);
    expect((await importError(() => readShapefileZip(zipSync({ 'a.shp': POINTS })))).message).toMatch(/no a\.dbf/);
    expect((await importError(() => readShapefileZip(zipSync({ 'a.shp': POINTS, 'a.dbf': dbf, 'b.shp': POINTS, 'b.dbf': dbf })))).message).toMatch(/holds 2 Shapefiles/);
    expect((await importError(() => readShapefileZip(zipSync({ 'a.txt': strToU8('x') })))).message).toMatch(/holds no Shapefile/);
    const one = makeShp(1, [{ type: 'Point', coordinates: [113.3, 23.1] }]);
    expect((await importError(() => readShapefileZip(zipSync({ 'a.shp': one, 'a.dbf': dbf })))).message).toMatch(/has 1 shapes but its attribute table has 2 records/);
    expect(DOMAIN_STATUS[(await importError(() => readShapefileZip(zipSync({ '../a.shp': POINTS, 'a.dbf': dbf })))).kind]).toBe(400);
  });
});

describe('readSource', () => {
  it('chooses the reader by content and extension', async () => {
    expect((await readSource(utf8('a,b\n1,2\n'), '企业.csv')).format).toBe('csv');
    expect((await readSource(makeXlsx([['a', 'b'], [1, 2]]), 'book.XLSX')).format).toBe('xlsx');
    expect((await readSource(makeXlsx([['a', 'b'], [1, 2]]), 'mislabelled.zip')).format).toBe('xlsx');
    const shp = zipSync({ 'qy.shp': POINTS, 'qy.dbf': makeDbf(POINT_FIELDS((s) => s), POINT_ROWS, utf8), 'qy.prj': strToU8(WGS84_PRJ) });
    expect((await readSource(shp, 'qy.zip', { crs: 'wgs84' })).format).toBe('shapefile');
    expect((await readSource(utf8('{"type":"Point","coordinates":[113.3,23.1]}'), 'upload')).format).toBe('geojson');
  });

  it('reads GeoJSON properties as cells, the feature id as a column, and keeps the geometry', async () => {
    const fc = { type: 'FeatureCollection', features: [
      { type: 'Feature', id: 'HD-1', properties: { name: '甲', area: 12.5, meta: { a: 1 } }, geometry: { type: 'Polygon', coordinates: [[[113.22, 23.4], [113.22, 23.41], [113.23, 23.41], [113.23, 23.4], [113.22, 23.4]]] } },
      { type: 'Feature', properties: { name: '乙', extra: true }, geometry: null },
    ] };
    const t = await readSource(utf8(JSON.stringify(fc)), 'parks.geojson');
    expect(t.headers).toEqual(['name', 'area', 'meta', 'extra', 'id']);
    expect(t.rows[0].cells).toEqual({ name: '甲', area: 12.5, meta: '{"a":1}', extra: null, id: 'HD-1' });
    expect(t.rows[1]).toMatchObject({ row: 2, geometry: null });
    // The clockwise ring was rewound, and the report says so.
    expect(t.issues?.[0]).toMatchObject({ row: 0, code: 'geojson_normalised' });
    expect((await importError(() => readSource(utf8('{"type":"Feature"}'), 'x.geojson'))).message).toMatch(/^The GeoJSON is invalid: "properties" member required/);
  });

  it('refuses what it does not read, with the right status', async () => {
    expect(DOMAIN_STATUS[(await importError(() => readSource(new Uint8Array(0), 'a.csv'))).kind]).toBe(400);
    expect(DOMAIN_STATUS[(await importError(() => readSource(utf8('<kml/>'), 'a.kml'))).kind]).toBe(415);
    expect(DOMAIN_STATUS[(await importError(() => readSource(Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0, 0), 'a.xls'))).kind]).toBe(415);
    expect((await importError(() => readSource(POINTS, 'a.shp'))).message).toMatch(/zip the \.shp, \.shx, \.dbf and \.prj/);
    expect(DOMAIN_STATUS[(await importError(() => readSource(zipSync({ 'a.txt': strToU8('x') }), 'a.zip'))).kind]).toBe(415);
  });
});
