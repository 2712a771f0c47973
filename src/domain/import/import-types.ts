// The shapes an import passes through: file → table of raw cells → validated, normalised records →
// database. Shared by the readers (src/server/imports/read-*), the validators (src/domain/import/*)
// and the writer (src/server/imports/apply-*), so each can be tested on its own.
import type { MultiPolygon, Point, Polygon } from 'geojson';
import type { KeyProjectStatus } from '../key-projects.ts';
import type { MonthFigureValues } from '../monitoring/figures.ts';
import type { ProblemCode } from '../problems.ts';
import type { ParkStatusRecord } from './validate-park-status.ts';
import type { ZoneType } from '../renovation-standard.ts';
import type { ImportedEnterpriseFields } from '../enterprise.ts';
import type { ImportedVillageParkFields } from '../parks.ts';

export type ImportKind = 'enterprises' | 'parks' | 'districts' | 'operating' | 'cityIndicators' | 'industrialBlocks' | 'keyProjects' | 'parkStatus' | 'zones';
export const IMPORT_KINDS: readonly ImportKind[] = ['enterprises', 'parks', 'districts', 'operating', 'cityIndicators', 'industrialBlocks', 'keyProjects', 'parkStatus', 'zones'];

/** Coordinate reference system of the uploaded coordinates. CGCS2000 is treated as WGS84 (they differ by centimetres). */
export type SourceCrs = 'wgs84' | 'cgcs2000' | 'gcj02' | 'bd09';
export const SOURCE_CRSES: readonly SourceCrs[] = ['wgs84', 'cgcs2000', 'gcj02', 'bd09'];

export type SourceFormat = 'csv' | 'xlsx' | 'geojson' | 'shapefile';
export type TextEncoding = 'utf-8' | 'gbk';

/** A file read into rows of cells, before any mapping. Row numbers are the ones a person sees in the source. */
export interface SourceTable {
  format: SourceFormat;
  /** Detected or chosen text encoding (CSV, DBF); null for formats that fix it (XLSX, GeoJSON). */
  encoding: TextEncoding | null;
  headers: string[];
  rows: SourceRow[];
  /**
   * Problems the reader found (a ragged CSV line, a file-level note such as a missing .prj). Row 0 means
   * the whole file. Validators copy them into the report; a row with a reader error is rejected.
   */
  issues?: RowIssue[];
}
export interface SourceRow {
  /** 1-based line/row/feature number in the source, as a person would find it (CSV: header is line 1). */
  row: number;
  cells: Record<string, string | number | boolean | null>;
  /** Geometry of the row when the source carries one (GeoJSON, Shapefile), in the source CRS. */
  geometry?: GeoJSON.Geometry | null;
}

/** Target field → source header. Fields not mapped are absent. */
export type ColumnMapping = Partial<Record<string, string>>;

/**
 * Target field → multiplier applied to the number read from its column, so that money is stored in
 * yuan and areas in the record's unit (e.g. revenue from a 营业收入(万元) column → 10000). Fields not
 * listed are taken as they are. Suggested from the header's bracketed unit by `suggestUnits`.
 */
export type ColumnUnits = Partial<Record<string, number>>;

export type IssueSeverity = 'error' | 'warning';
export interface RowIssue {
  row: number;
  /** Target field the issue is about, when there is one. */
  field?: string;
  /** Stable machine code, e.g. 'credit_code_check', 'missing_name', 'outside_city', 'swapped_axes' (src/domain/problems.ts). */
  code: ProblemCode;
  /** The code's parameters (the value, the rows, …), from which the app words the issue in the user's language. */
  params?: Record<string, unknown>;
  severity: IssueSeverity;
  /** Plain-language English message naming the value, e.g. 'credit code 91440101MA59XXXX has a wrong check character (expected 3)'. */
  message: string;
}

/**
 * An enterprise row after mapping, validation and conversion to WGS84 (lon/lat rounded to 7
 * decimals): the imported fields of the enterprise record (domain/enterprise.ts). `industryCode` is
 * null when the file gives none (the stored one is then kept); `employees` null when left empty.
 */
export interface EnterpriseRecord extends ImportedEnterpriseFields {
  row: number;
}

/** A village industrial park row after mapping and validation (domain/parks.ts); geometry in WGS84. */
export interface ParkRecord extends ImportedVillageParkFields {
  row: number;
  geometry: Polygon;
}

/** A district boundary row; geometry in WGS84. */
export interface DistrictRecord {
  row: number;
  code: string;
  name: string;
  geometry: MultiPolygon;
}

/**
 * One enterprise's operating figures for one month (a monthly or cumulative return, turned into the
 * month's own flows). Money in whole yuan; employees at the month's end.
 */
export interface OperatingRecord extends MonthFigureValues {
  row: number;
  /** `${creditCode}:${YYYY-MM}`, the record key. */
  key: string;
  creditCode: string;
}

/**
 * One published figure of a key city (src/domain/monitoring/city-indicators.ts): value in the
 * indicator's unit, null when no figure was published.
 */
export interface CityIndicatorRecord {
  row: number;
  /** `${city}:${indicator}:${year}`, the record key. */
  key: string;
  city: string;
  indicator: string;
  year: number;
  value: number | null;
  unit: string;
  denominator: string | null;
  coverage: string | null;
  qualifier: string | null;
  sourceTitle: string | null;
  sourceUrl: string | null;
  note: string | null;
}

/**
 * An industrial block (工业产业区块, plan §三(三)): the city's protected industrial land, an outline
 * with a code, a name and its control level; geometry in WGS84, always a MultiPolygon.
 */
export interface IndustrialBlockRecord {
  row: number;
  code: string;
  name: string;
  /** 一级控制线 → 'first', 二级控制线 → 'second'; null when the file gives none. */
  level: 'first' | 'second' | null;
  /** Land area in mu: the file's, else computed from the outline. */
  areaMu: number;
  geometry: MultiPolygon;
}

/** A key project (重点项目, src/domain/key-projects.ts); money in whole yuan, geometry in WGS84. */
export interface KeyProjectRecord {
  row: number;
  /** 项目代码 as given, else the name (the record key). */
  code: string;
  name: string;
  investment: number;
  /** Mu; from the file, else from the parcel's polygon; null for a point without an area. */
  areaMu: number | null;
  cluster: string | null;
  status: KeyProjectStatus;
  geometry: Point | Polygon;
}

/**
 * A zone of the classification standard's polygon layers (src/domain/renovation-standard.ts
 * ZONE_TYPES: ecological red line, basic farmland, …); geometry in WGS84, always a MultiPolygon.
 */
export interface ZoneRecord {
  row: number;
  code: string;
  name: string;
  zoneType: ZoneType;
  geometry: MultiPolygon;
}

export type ImportRecord = EnterpriseRecord | ParkRecord | DistrictRecord | OperatingRecord | CityIndicatorRecord | IndustrialBlockRecord | KeyProjectRecord | ParkStatusRecord | ZoneRecord;

export interface ValidationReport<R extends ImportRecord = ImportRecord> {
  kind: ImportKind;
  format: SourceFormat;
  encoding: TextEncoding | null;
  crs: SourceCrs;
  mapping: ColumnMapping;
  /** Multipliers used per field (see ColumnUnits); absent or empty when every column was taken as is. */
  units?: ColumnUnits;
  /** Operating returns: whether the figures were read as cumulative from January (累计). */
  cumulative?: boolean;
  /** Data rows read from the file. */
  total: number;
  /** Rows that passed (they may carry warnings). */
  records: R[];
  /** Rows rejected, with every error found on them; plus warnings on accepted rows. */
  issues: RowIssue[];
}

/** What applying a report changed, per record key (credit code, park code, district code). */
export interface ApplyCounts {
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
}
