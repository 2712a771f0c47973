// The dry run every import starts with, for the API and the CLI alike: read the file, map its
// columns (as given, or suggested from the headers), validate every row against the city's current
// district boundaries, and store the report and the valid records as a pending import. Nothing in
// the data tables changes until the import is applied.
import { createHash } from 'node:crypto';
import type { FeatureCollection } from 'geojson';
import { suggestMapping } from '../../domain/import/column-mapping.ts';
import { createCityArea } from '../../domain/import/coordinates.ts';
import type { ColumnMapping, ImportKind, SourceCrs } from '../../domain/import/import-types.ts';
import { validateImport } from '../../domain/import/validate-import.ts';
import type { Database } from '../db/database.ts';
import { createImport, getImport, type ImportActor, type ImportDetail } from './import-store.ts';
import { readSource } from './read-source.ts';

export interface DryRunInput {
  bytes: Uint8Array;
  fileName: string;
  kind: ImportKind;
  crs: SourceCrs;
  encoding?: 'auto' | 'utf-8' | 'gbk';
  /** Target field → source header; suggested from the headers when absent. */
  mapping?: ColumnMapping;
  user: ImportActor;
}

export interface DryRunResult extends ImportDetail {
  /** The file's column headers, to adjust the mapping. */
  headers: string[];
  /** What the headers suggest (the mapping used when none was given). */
  suggestedMapping: ColumnMapping;
}

/** The city as the database knows it now (an import may have replaced a district). */
async function cityArea(db: Database) {
  const rows = await db.query<{ code: string; name: string; geom: string }>('SELECT code, name, ST_AsGeoJSON(geom) AS geom FROM districts ORDER BY code');
  const fc: FeatureCollection = {
    type: 'FeatureCollection',
    features: rows.map((r) => ({ type: 'Feature', properties: { code: r.code, name: r.name }, geometry: JSON.parse(r.geom) })),
  };
  return createCityArea(fc);
}

export async function dryRunImport(db: Database, input: DryRunInput): Promise<DryRunResult> {
  const table = await readSource(input.bytes, input.fileName, { encoding: input.encoding ?? 'auto', crs: input.crs });
  const suggestedMapping = suggestMapping(input.kind, table.headers);
  const mapping = input.mapping ?? suggestedMapping;
  const report = validateImport(input.kind, table, mapping, input.crs, { city: await cityArea(db) });
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const id = await createImport(db, { report, fileName: input.fileName, sha256, user: input.user });
  const detail = await getImport(db, id);
  return { ...detail!, headers: table.headers, suggestedMapping };
}
