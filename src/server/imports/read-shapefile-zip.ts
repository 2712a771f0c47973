// A zipped Shapefile → SourceTable: one .shp with its .dbf (same base name), optionally .prj and
// .cpg. Geometry comes from the shapefile package; attributes from our strict DBF reader, decoded in
// the user's chosen encoding, else the .cpg's, else detected (UTF-8 or GBK).
//
// The .prj must describe WGS84 or CGCS2000 longitude/latitude: a projected system (Gauss-Krüger,
// Web Mercator) or another datum (Beijing 1954, Xi'an 1980) would put every feature in the wrong
// place, so it is refused with a request to re-project. When the user says the coordinates are
// GCJ-02 or BD-09, the .prj is not consulted: such data is usually labelled WGS84 by the tool that
// wrote it, or carries no .prj at all.
import * as shapefile from 'shapefile';
import type { Geometry } from 'geojson';
import type { SourceCrs, SourceRow, SourceTable, TextEncoding } from '../../domain/import/import-types.ts';
import type { EncodingChoice } from './decode-text.ts';
import { decodeText } from './decode-text.ts';
import { ImportError } from './import-error.ts';
import { problem } from '../../domain/problems.ts';
import { readDbf } from './read-dbf.ts';
import { safeUnzip, type UnzipLimits } from './safe-unzip.ts';

export interface ShapefileOptions {
  encoding?: EncodingChoice;
  crs?: SourceCrs;
  limits?: Partial<UnzipLimits>;
}

const CPG: Record<string, TextEncoding> = {
  'UTF-8': 'utf-8', UTF8: 'utf-8', '65001': 'utf-8',
  GBK: 'gbk', '936': 'gbk', CP936: 'gbk', GB2312: 'gbk', GB18030: 'gbk', 'ANSI 936': 'gbk', 'WINDOWS-936': 'gbk', 'X-GBK': 'gbk',
};

const base = (name: string) => name.replace(/\.[^./]+$/, '').toLowerCase();
const ext = (name: string) => (/\.([^./]+)$/.exec(name)?.[1] ?? '').toLowerCase();

export async function readShapefileZip(bytes: Uint8Array, options: ShapefileOptions = {}): Promise<SourceTable> {
  const wanted = new Set(['shp', 'dbf', 'prj', 'cpg']);
  const entries = safeUnzip(bytes, { what: 'The zip file', limits: options.limits, filter: (name) => wanted.has(ext(name)) });
  const shps = entries.filter((e) => ext(e.name) === 'shp');
  if (!shps.length) throw new ImportError('invalid', `The zip file holds no Shapefile (.shp)${entries.length ? `; it holds ${entries.map((e) => e.name).join(', ')}` : ''}. Zip the .shp, .shx, .dbf and .prj files of one layer together.`, problem('zip_no_shp', { entries: entries.map((e) => e.name) }));
  if (shps.length > 1) throw new ImportError('invalid', `The zip file holds ${shps.length} Shapefiles (${shps.map((e) => e.name).join(', ')}); upload one layer per zip.`, problem('zip_many_shp', { names: shps.map((e) => e.name) }));
  const shp = shps[0];
  const sibling = (x: string) => entries.find((e) => ext(e.name) === x && base(e.name) === base(shp.name));
  const dbf = sibling('dbf');
  if (!dbf) throw new ImportError('invalid', `The zip file has ${shp.name} but no ${shp.name.replace(/\.shp$/i, '.dbf')}; the attribute table is needed.`, problem('zip_no_dbf', { shp: shp.name }));
  const prj = sibling('prj');
  const cpg = sibling('cpg');
  const issues: SourceTable['issues'] = [];
  const crs = options.crs ?? 'wgs84';

  if (prj && crs !== 'gcj02' && crs !== 'bd09') checkPrj(decodeText(prj.data, 'auto', 'The .prj file').text);
  if (!prj) issues.push({ row: 0, code: 'no_prj', params: { crs }, severity: 'warning', message: `The file: the zip has no .prj file, so the coordinates are taken as ${crs.toUpperCase()} longitude/latitude, as chosen for the upload.` });

  let encoding: TextEncoding | null = options.encoding && options.encoding !== 'auto' ? options.encoding : null;
  if (!encoding && cpg) {
    const name = new TextDecoder().decode(cpg.data).trim().toUpperCase();
    encoding = CPG[name] ?? null;
    if (!encoding && name) issues.push({ row: 0, code: 'unknown_cpg', params: { name }, severity: 'warning', message: `The file: the .cpg names the encoding ${JSON.stringify(name)}, which is not UTF-8 or GBK; the encoding was detected instead.` });
  }
  const table = readDbf(dbf.data, encoding, `The attribute table ${dbf.name}`);
  issues.push(...table.issues);

  const geometries: (Geometry | null)[] = [];
  try {
    const source = await shapefile.openShp(shp.data);
    for (;;) {
      const { done, value } = await source.read();
      if (done) break;
      geometries.push((value as Geometry | null) ?? null);
    }
  } catch (e) {
    throw new ImportError('invalid', `The Shapefile ${shp.name} could not be read (${e instanceof Error ? e.message : String(e)}); it may be damaged.`, problem('shp_unreadable', { name: shp.name }));
  }
  if (geometries.length !== table.records.length)
    throw new ImportError('invalid', `The Shapefile ${shp.name} has ${geometries.length} shapes but its attribute table has ${table.records.length} records; the files do not belong together or one is damaged.`, problem('shp_dbf_mismatch', { name: shp.name, shapes: geometries.length, records: table.records.length }));

  const rows: SourceRow[] = [];
  table.records.forEach((cells, i) => {
    if (!cells) return;
    const row: SourceRow = { row: i + 1, cells: {}, geometry: geometries[i] };
    table.headers.forEach((h, k) => (row.cells[h] = cells[k]));
    rows.push(row);
  });
  return { format: 'shapefile', encoding: table.encoding, headers: table.headers, rows, issues };
}

// Datums that are WGS84 or CGCS2000 (which differ by centimetres), as ESRI and OGC WKT spell them.
const ACCEPTED_DATUM = /WGS[_ ]?(19)?84|CHINA[_ ]?2000|CGCS[_ ]?2000|CHINA GEODETIC COORDINATE SYSTEM 2000/i;

/** Refuses a .prj that is not WGS84/CGCS2000 longitude/latitude. */
export function checkPrj(wkt: string): void {
  const text = wkt.trim();
  if (!text) return;
  const name = /^\s*[A-Z]+\[\s*"([^"]*)"/i.exec(text)?.[1] ?? text.slice(0, 60);
  if (/^\s*(PROJCS|PROJCRS|PROJECTEDCRS)\[/i.test(text))
    throw new ImportError('invalid', `The .prj file says the coordinates are projected (${name}). Re-project the layer to WGS84 (EPSG:4326) or CGCS2000 (EPSG:4490) longitude/latitude and upload it again.`, problem('prj_projected', { name }));
  const datum = /DATUM\[\s*"([^"]*)"/i.exec(text)?.[1] ?? '';
  if (!/^\s*(GEOGCS|GEOGCRS|GEODCRS)\[/i.test(text) || !(ACCEPTED_DATUM.test(datum) || ACCEPTED_DATUM.test(name)))
    throw new ImportError('invalid', `The .prj file says the coordinates are in ${name}${datum ? ` (datum ${datum})` : ''}, not WGS84 or CGCS2000. Re-project the layer to WGS84 (EPSG:4326) and upload it again, or choose GCJ-02 or BD-09 if the coordinates are in one of those.`, problem('prj_other_datum', { name }));
}
