// What every validator shares: reading a mapped cell, collecting issues per row, the checks that
// reject a whole file (a required field nobody mapped), and the report itself.
import { TARGET_FIELDS, suggestUnits, unmappedRequired } from './column-mapping.ts';
import { cellText, parseNumber, quote, type Cell } from './cells.ts';
import type { CityArea } from './coordinates.ts';
import type { ColumnMapping, ColumnUnits, ImportKind, ImportRecord, RowIssue, SourceCrs, SourceRow, SourceTable, ValidationReport } from './import-types.ts';
import type { Problem, ProblemCode, ProblemParams } from '../problems.ts';
import type { ParkStatusLookup } from './validate-park-status.ts';

export interface ValidateContext {
  /** Guangzhou (the districts), see createCityArea in coordinates.ts. */
  city: CityArea;
  /** Multipliers per field, over those suggested from the mapped headers' units (a choice wins). */
  units?: ColumnUnits;
  /** Operating returns: figures cumulative from January; by default detected from the mapped headers. */
  cumulative?: boolean;
  /** Operating returns: what the database knows (see validate-operating.ts). */
  operating?: OperatingLookup;
  /** Operating returns: the current month (YYYYMM) in China; periods after it are refused. */
  currentMonth?: number;
  /** Park status: the file's parks as they are now, who uploads, the review rules (see validate-park-status.ts). */
  parkStatus?: ParkStatusLookup;
}

/** The stored data an operating import is checked against, loaded by the caller for the file's enterprises. */
export interface OperatingLookup {
  /** Credit code → the enterprise's GB/T 4754 class (null when unknown); absent = no such enterprise. */
  enterprises: Map<string, string | null>;
  /** `${creditCode}:${YYYYMM}` → the stored monthly figures (operating_figures) of the months around the file's. */
  stored: Map<string, StoredMonth>;
}

export interface StoredMonth {
  revenue: number;
  output: number;
  valueAdded: number;
  profit: number;
  tax: number;
}

/** Field names as they appear in messages. */
export const FIELD_NAMES: Record<string, string> = {
  investment: 'total investment',
  status: 'project status',
  creditCode: 'credit code',
  name: 'name',
  cluster: 'cluster',
  subIndustry: 'sub-industry',
  futureIndustry: 'future industry',
  tags: 'tags',
  revenue: 'revenue',
  employees: 'employees',
  address: 'address',
  lon: 'longitude',
  lat: 'latitude',
  industryCode: 'industry code',
  period: 'period',
  output: 'gross output',
  valueAdded: 'value added',
  profit: 'total profit',
  tax: 'tax',
  code: 'code',
  areaMu: 'area (mu)',
  buildingAreaM2: 'building area (m²)',
  outputPerMu: 'output per mu',
  taxPerMu: 'tax per mu',
  category: 'renovation category',
  progress: 'renovation progress',
  pilotYear: 'pilot year',
  effectiveDate: 'effective date',
  reason: 'reason',
  level: 'control level',
  zoneType: 'zone type',
  geometry: 'geometry',
  city: 'city',
  indicator: 'indicator',
  year: 'year',
  value: 'value',
  unit: 'unit',
  denominator: 'denominator',
  coverage: 'coverage',
  qualifier: 'qualifier',
  sourceTitle: 'source',
  sourceUrl: 'source address',
  note: 'note',
};

/** The parameters of a code: optional when it has none. */
type ParamsArg<C extends ProblemCode> = keyof ProblemParams<C> extends never ? [params?: ProblemParams<C>] : [params: ProblemParams<C>];

/** Collects the issues of one validation run and knows which rows failed. */
export class IssueLog {
  readonly issues: RowIssue[] = [];
  private readonly failed = new Set<number>();

  constructor(private readonly mapping: ColumnMapping) {}

  /** "Row 5, credit code (column 统一社会信用代码)": where a message points the reader. */
  where(row: number, field?: string): string {
    const at = row > 0 ? `Row ${row}` : 'The file';
    if (!field) return at;
    const header = this.mapping[field];
    return `${at}, ${FIELD_NAMES[field] ?? field}${header ? ` (column ${JSON.stringify(header)})` : ''}`;
  }

  error<C extends ProblemCode>(row: number, field: string | undefined, code: C, text: string, ...params: ParamsArg<C>): void {
    this.issues.push({ row, ...(field ? { field } : {}), code, params: params[0] ?? {}, severity: 'error', message: `${this.where(row, field)}: ${text}` });
    this.failed.add(row);
  }

  warn<C extends ProblemCode>(row: number, field: string | undefined, code: C, text: string, ...params: ParamsArg<C>): void {
    this.issues.push({ row, ...(field ? { field } : {}), code, params: params[0] ?? {}, severity: 'warning', message: `${this.where(row, field)}: ${text}` });
  }

  /** An error given as a problem (a shared check's verdict). */
  errorOf(row: number, field: string | undefined, pr: Problem, text: string): void {
    this.issues.push({ row, ...(field ? { field } : {}), code: pr.code, params: pr.params, severity: 'error', message: `${this.where(row, field)}: ${text}` });
    this.failed.add(row);
  }

  /** An issue found elsewhere (the reader); an error rejects its row. */
  add(issue: RowIssue): void {
    this.issues.push(issue);
    if (issue.severity === 'error') this.failed.add(issue.row);
  }

  hasFailed(row: number): boolean {
    return this.failed.has(row);
  }

  sorted(): RowIssue[] {
    return this.issues.map((issue, i) => ({ issue, i })).sort((a, b) => a.issue.row - b.issue.row || a.i - b.i).map((x) => x.issue);
  }
}

/** The mapped cell of a row; undefined when the field is not mapped. */
export function cellOf(row: SourceRow, mapping: ColumnMapping, field: string): Cell | undefined {
  const header = mapping[field];
  return header === undefined ? undefined : row.cells[header];
}

export interface Context {
  kind: ImportKind;
  table: SourceTable;
  mapping: ColumnMapping;
  crs: SourceCrs;
  units: ColumnUnits;
  log: IssueLog;
  /** False when the file as a whole cannot be imported (nothing is validated row by row). */
  usable: boolean;
}

/**
 * Starts a validation: checks the mapping against the headers, takes over the reader's issues and
 * settles the unit multipliers (given, or suggested from the headers).
 */
export function begin(kind: ImportKind, table: SourceTable, mapping: ColumnMapping, crs: SourceCrs, units?: ColumnUnits): Context {
  const log = new IssueLog(mapping);
  let usable = true;
  const known = new Set(TARGET_FIELDS[kind].map((f) => f.field));
  const headers = new Set(table.headers);
  for (const [field, header] of Object.entries(mapping)) {
    if (header === undefined) continue;
    if (!known.has(field)) {
      log.error(0, undefined, 'unknown_field', `the mapping names the field ${JSON.stringify(field)}, which ${kind} do not have.`, { field });
      usable = false;
    } else if (!headers.has(header)) {
      log.error(0, field, 'unknown_column', `the mapped column ${JSON.stringify(header)} is not in the file (its columns are ${table.headers.map((h) => JSON.stringify(h)).join(', ') || 'none'}).`,
        { column: header, columns: table.headers });
      usable = false;
    }
  }
  const hasGeometry = table.rows.length > 0 && table.rows.every((r) => r.geometry !== undefined);
  for (const field of unmappedRequired(kind, mapping, hasGeometry)) {
    log.error(0, field, 'unmapped_field', `no column is mapped to the required field ${FIELD_NAMES[field] ?? field}; choose the column that holds it.`);
    usable = false;
  }
  if (!table.rows.length) log.warn(0, undefined, 'empty_file', 'there are no data rows under the header.');
  // Reader problems: a row the reader could not read whole is rejected; a file-level error rejects all.
  for (const issue of table.issues ?? []) {
    log.add(issue);
    if (issue.severity === 'error' && issue.row === 0) usable = false;
  }
  return { kind, table, mapping, crs, units: { ...suggestUnits(kind, mapping), ...units }, log, usable };
}

/** Builds the report: accepted records, every issue, in row order. */
export function finish<R extends ImportRecord>(ctx: Context, records: R[]): ValidationReport<R> {
  const units = Object.keys(ctx.units).length ? { units: ctx.units } : {};
  return {
    kind: ctx.kind,
    format: ctx.table.format,
    encoding: ctx.table.encoding,
    crs: ctx.crs,
    mapping: ctx.mapping,
    ...units,
    total: ctx.table.rows.length,
    records: ctx.usable ? records.filter((r) => !ctx.log.hasFailed(r.row)) : [],
    issues: ctx.log.sorted(),
  };
}

/** Trimmed text of a mapped cell. */
export const textOf = (ctx: Context, row: SourceRow, field: string) => cellText(cellOf(row, ctx.mapping, field));

/**
 * A non-negative number from a mapped cell, multiplied by the field's unit: undefined when empty,
 * null (with an error logged) when it is not a number or is negative.
 */
export function nonNegative(ctx: Context, row: SourceRow, field: string): number | undefined | null {
  const v = cellOf(row, ctx.mapping, field);
  const n = parseNumber(v);
  if (!n.ok) {
    if (n.empty) return undefined;
    ctx.log.error(row.row, field, 'not_a_number', `${quote(v)} is not a number.`, { value: cellText(v) });
    return null;
  }
  if (n.value < 0) {
    ctx.log.error(row.row, field, 'negative_number', `${quote(v)} is negative; it must be 0 or more.`, { value: cellText(v) });
    return null;
  }
  return n.value * (ctx.units[field] ?? 1);
}

/** Rows sharing a key (credit code, park code, district code) are all errors: which one is right is the user's call. */
export function flagDuplicates(ctx: Context, keys: Map<string, number[]>, field: string, code: 'duplicate_code' | 'duplicate_credit_code' | 'duplicate_period' | 'duplicate_figure', what: string): void {
  for (const [key, rows] of keys) {
    if (rows.length < 2) continue;
    for (const row of rows) {
      const others = rows.filter((r) => r !== row);
      ctx.log.error(row, field, code, `${what} ${JSON.stringify(key)} also appears on row${others.length > 1 ? 's' : ''} ${others.join(', ')}; each must appear once in a file.`, { key, rows: others });
    }
  }
}

/** Formats a number for a message: 12,345,678.5 */
export const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 7 });
