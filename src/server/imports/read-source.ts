// An uploaded file → SourceTable, whatever its format: the reader is chosen by the file's first bytes
// where they are telling (a zip is an XLSX workbook or a zipped Shapefile, by its contents; an OLE
// file is an old .xls), else by its extension. Types we do not read are refused with 415.
import type { SourceCrs, SourceTable } from '../../domain/import/import-types.ts';
import type { EncodingChoice } from './decode-text.ts';
import { ImportError } from './import-error.ts';
import { problem } from '../../domain/problems.ts';
import { readCsv } from './read-csv.ts';
import { readGeoJson } from './read-geojson.ts';
import { readShapefileZip } from './read-shapefile-zip.ts';
import { readXlsx } from './read-xlsx.ts';
import { isZip, zipEntryNames, type UnzipLimits } from './safe-unzip.ts';

export interface ReadSourceOptions {
  encoding?: EncodingChoice;
  /** The CRS the user chose; a Shapefile's .prj is only checked for WGS84/CGCS2000. */
  crs?: SourceCrs;
  /** Caps for zips (Shapefile, XLSX); defaults in safe-unzip.ts. */
  limits?: Partial<UnzipLimits>;
}

const SUPPORTED = 'Upload CSV, XLSX, GeoJSON or a zipped Shapefile (.zip with .shp, .dbf and .prj).';

export async function readSource(bytes: Uint8Array, fileName: string, options: ReadSourceOptions = {}): Promise<SourceTable> {
  if (!bytes.length) throw new ImportError('invalid', 'The file is empty.', problem('file_empty'));
  const ext = (/\.([^./\\]+)$/.exec(fileName)?.[1] ?? '').toLowerCase();
  if (isZip(bytes)) {
    const names = zipEntryNames(bytes, { limits: options.limits, what: ext === 'xlsx' ? 'The XLSX file' : 'The zip file' });
    if (names.includes('xl/workbook.xml')) return readXlsx(bytes, options);
    if (names.some((n) => /\.shp$/i.test(n))) return readShapefileZip(bytes, options);
    if (ext === 'xlsx') throw new ImportError('invalid', 'The file is a zip archive but not an XLSX workbook (it has no xl/workbook.xml).', problem('file_zip_not_xlsx'));
    throw new ImportError('unsupported', `The zip file holds no Shapefile (.shp) and is no XLSX workbook. ${SUPPORTED}`, problem('file_zip_unknown'));
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    throw new ImportError('unsupported', 'The file is an old Excel workbook (.xls); save it as .xlsx (Excel Workbook) or CSV and upload it again.', problem('file_xls'));
  switch (ext) {
    case 'csv':
    case 'tsv':
    case 'txt':
      return readCsv(bytes, options);
    case 'geojson':
    case 'json':
      return readGeoJson(bytes, options);
    case 'xlsx':
      return readXlsx(bytes, options);
    case 'xls':
      throw new ImportError('unsupported', 'The file is an old Excel workbook (.xls); save it as .xlsx (Excel Workbook) or CSV and upload it again.', problem('file_xls'));
    case 'shp':
    case 'dbf':
    case 'shx':
    case 'prj':
      throw new ImportError('unsupported', `A Shapefile is several files: zip the .shp, .shx, .dbf and .prj (and .cpg) of the layer together and upload the .zip.`, problem('file_shapefile_parts'));
  }
  // No telling extension: JSON text starts with an object.
  const first = bytes.find((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0xef && b !== 0xbb && b !== 0xbf);
  if (first === 0x7b) return readGeoJson(bytes, options);
  throw new ImportError('unsupported', `The type of ${JSON.stringify(fileName)} is not supported. ${SUPPORTED}`, problem('file_type_unsupported', { name: fileName }));
}
