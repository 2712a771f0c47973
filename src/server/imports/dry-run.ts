// The dry run every import starts with, for the API and the CLI alike: read the file, map its
// columns (as given, or suggested from the headers), validate every row against the city's current
// district boundaries, and store the report and the valid records as a pending import. Nothing in
// the data tables changes until the import is applied.
import { createHash } from 'node:crypto';
import type { FeatureCollection } from 'geojson';
import { suggestMapping } from '../../domain/import/column-mapping.ts';
import { createCityArea } from '../../domain/import/coordinates.ts';
import type { ColumnMapping, ColumnUnits, ImportKind, SourceCrs, SourceTable } from '../../domain/import/import-types.ts';
import type { OperatingLookup, StoredMonth } from '../../domain/import/validate-common.ts';
import { validateImport } from '../../domain/import/validate-import.ts';
import { scanOperatingKeys } from '../../domain/import/validate-operating.ts';
import { parkStatusPlan, scanParkKeys, type ParkStatusLookup, type ParkStatusPlan, type ParkStatusRecord, type StoredParkStatus } from '../../domain/import/validate-park-status.ts';
import { todayInChina } from '../../domain/china-date.ts';
import type { ParkStatus } from '../../domain/renovation-workflow.ts';
import { workflowActor } from '../../domain/permissions.ts';
import { reviewRules } from '../parks/proposals.ts';
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
  /** Units chosen for money fields whose header does not say it (see parseUnitChoice); they win over the headers'. */
  units?: ColumnUnits;
  /** Operating returns: figures cumulative from January; detected from the headers when absent. */
  cumulative?: boolean;
  user: ImportActor;
}

export interface DryRunResult extends ImportDetail {
  /** The file's column headers, to adjust the mapping. */
  headers: string[];
  /** What the headers suggest (the mapping used when none was given). */
  suggestedMapping: ColumnMapping;
  /** Multipliers applied per field (from the headers' units or chosen). */
  units: ColumnUnits;
  /** Operating returns: whether the figures were read as cumulative. */
  cumulative?: boolean;
  /** Park status files: what applying will do, row by row. */
  plan?: ParkStatusPlan;
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

const CRS_HEADER = /^\s*(crs|srs|epsg|坐标系|坐標系|坐标系统|坐標系統|coordinate[ _-]?(reference[ _-]?)?system)\s*$/i;
const CRS_WORDS: [RegExp, SourceCrs][] = [
  [/^(wgs84|epsg4326|4326|crs84|wgs)$/, 'wgs84'],
  [/^(cgcs2000|epsg4490|4490|国家2000|國家2000)$/, 'cgcs2000'],
  [/^(gcj02|gcj|amap|高德|火星|火星坐标|国测局)$/, 'gcj02'],
  [/^(bd09|bd09ll|baidu|百度)$/, 'bd09'],
];
const crsOfWord = (value: string) => CRS_WORDS.find(([re]) => re.test(value.toLowerCase().replace(/[\s:_-]/g, '')))?.[1] ?? null;

/**
 * Coordinates are always read in the CRS chosen for the upload. A file that names its own CRS in a
 * column (crs, 坐标系, …) gets a warning when that column says something else, instead of being
 * silently read in the chosen one.
 */
function crsColumnWarning(table: SourceTable, crs: SourceCrs): void {
  for (const header of table.headers.filter((h) => CRS_HEADER.test(h))) {
    const values = [...new Set(table.rows.map((r) => r.cells[header]).filter((v) => v !== null && v !== undefined && String(v).trim() !== '').map((v) => String(v).trim()))];
    const other = values.filter((v) => crsOfWord(v) !== crs);
    if (!other.length) continue;
    const shown = other.slice(0, 5).join(', ') + (other.length > 5 ? ', …' : '');
    (table.issues ??= []).push({
      row: 0, code: 'crs_column', params: { column: header, values: other.slice(0, 5), crs }, severity: 'warning',
      message: `The file has a column "${header}" that names the coordinate system ${shown}; coordinates are read as ${crs}, the coordinate system chosen for this upload, not from that column. If they are in another system, choose it and upload the file again.`,
    });
  }
}

export async function dryRunImport(db: Database, input: DryRunInput): Promise<DryRunResult> {
  const table = await readSource(input.bytes, input.fileName, { encoding: input.encoding ?? 'auto', crs: input.crs });
  crsColumnWarning(table, input.crs);
  const suggestedMapping = suggestMapping(input.kind, table.headers);
  const mapping = input.mapping ?? suggestedMapping;
  const operating = input.kind === 'operating' ? await operatingLookup(db, table, mapping) : undefined;
  const parkStatus = input.kind === 'parkStatus' ? await parkStatusLookup(db, table, mapping, input.user) : undefined;
  const report = validateImport(input.kind, table, mapping, input.crs, { city: await cityArea(db), units: input.units, cumulative: input.cumulative, operating, parkStatus });
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const id = await createImport(db, { report, fileName: input.fileName, sha256, user: input.user });
  const detail = await getImport(db, id);
  return {
    ...detail!, headers: table.headers, suggestedMapping, units: report.units ?? {}, ...(report.cumulative !== undefined ? { cumulative: report.cumulative } : {}),
    ...(input.kind === 'parkStatus' ? { plan: parkStatusPlan(report.records as ParkStatusRecord[]) } : {}),
  };
}

/**
 * What an operating import is checked against: the file's enterprises (and their industry codes) and
 * their stored months from December of the year before the file's first period to its last.
 */
async function operatingLookup(db: Database, table: SourceTable, mapping: ColumnMapping): Promise<OperatingLookup> {
  const { creditCodes, fromMonth, toMonth } = scanOperatingKeys(table, mapping);
  const ents = await db.query<{ credit_code: string; industry_code: string | null }>(
    'SELECT credit_code, industry_code FROM enterprises WHERE credit_code = ANY($1::text[])', [creditCodes]);
  const stored = new Map<string, StoredMonth>();
  if (fromMonth !== null && toMonth !== null && ents.length) {
    const rows = await db.query<StoredMonth & { credit_code: string; month: number }>(
      `SELECT e.credit_code, f.month, f.revenue::float8 AS revenue, f.output::float8 AS output, f.value_added::float8 AS "valueAdded",
         f.profit::float8 AS profit, f.tax::float8 AS tax
       FROM operating_figures f JOIN enterprises e ON e.id = f.enterprise_id
       WHERE e.credit_code = ANY($1::text[]) AND f.month BETWEEN $2 AND $3`, [ents.map((e) => e.credit_code), fromMonth, toMonth]);
    for (const r of rows) stored.set(`${r.credit_code}:${r.month}`, { revenue: r.revenue, output: r.output, valueAdded: r.valueAdded, profit: r.profit, tax: r.tax });
  }
  return { enterprises: new Map(ents.map((e) => [e.credit_code, e.industry_code])), stored };
}

/**
 * What a park status file is checked against: its parks as they are now (by code, and by id for the
 * old bulk files), their pending proposals, the review rules, and who uploads.
 */
async function parkStatusLookup(db: Database, table: SourceTable, mapping: ColumnMapping, user: ImportActor): Promise<ParkStatusLookup> {
  const keys = scanParkKeys(table, mapping);
  const rows = await db.query<{ id: number; code: string; name: string; district: string; category: string; progress: string; pilot_year: number | null; version: number; status_date: string }>(
    `SELECT id, code, name, district, category, progress, pilot_year, version, to_char(status_date, 'YYYY-MM-DD') AS status_date
     FROM village_parks WHERE code = ANY($1::text[]) OR id::text = ANY($1::text[])`, [keys]);
  const parks = new Map<string, StoredParkStatus>();
  for (const r of rows) {
    const park = { id: r.id, code: r.code, name: r.name, district: r.district, category: r.category, progress: r.progress, pilotYear: r.pilot_year, version: r.version, statusDate: r.status_date } as StoredParkStatus;
    parks.set(String(r.id), park).set(r.code, park);
  }
  const pending = new Map<number, ParkStatus[]>();
  const proposals = await db.query<{ park_id: number; to_status: ParkStatus }>(
    `SELECT park_id, to_status FROM park_proposals WHERE status = 'pending' AND park_id = ANY($1::int[])`, [rows.map((r) => r.id)]);
  for (const p of proposals) pending.set(p.park_id, [...(pending.get(p.park_id) ?? []), p.to_status]);
  const { rules } = await reviewRules(db);
  const actor = { role: user.role ? workflowActor({ role: user.role }) : 'admin' as const, district: user.district ?? null };
  return { parks, actor, rules, today: todayInChina(), pending };
}
