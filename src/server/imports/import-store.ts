// Imports as stored between the dry run and the apply: the upload's metadata, its validation issues,
// and the validated records, one row each in import_records (100,000 rows never travel as one JSON
// value, and a preview can be paged). Saved column mappings live here too.
import { randomUUID } from 'node:crypto';
import type { ApplyCounts, ColumnMapping, ImportKind, ImportRecord, RowIssue, SourceCrs, SourceFormat, TextEncoding, ValidationReport } from '../../domain/import/import-types.ts';
import type { Database, Queryable } from '../db/database.ts';
import { DomainError } from '../domain-error.ts';
import { problem, withFields, type ProblemRef } from '../../domain/problems.ts';
import type { Role, SessionUser } from '../../domain/permissions.ts';

/** Who uploads or applies: a session user, or a named operator for the CLI (id null). */
export interface ImportActor {
  id: number | null;
  username: string;
  /** A session user's role and district (park status files: an official changes only their district's parks); absent for the CLI. */
  role?: Role;
  district?: SessionUser['district'];
}

export type ImportStatus = 'pending' | 'applied' | 'failed';

/** Known at the dry run: total/valid/rejected; after the apply also added/updated/unchanged. */
export interface ImportCounts extends Partial<ApplyCounts> {
  total: number;
  valid: number;
  rejected: number;
  /** Issues of the dry run, by severity. */
  errors: number;
  warnings: number;
  /** Enterprises/parks whose park or district assignment moved because outlines changed (parks and districts imports). */
  enterprisesReassigned?: number;
  parksReassigned?: number;
  /** Park status files, after the apply: rows sent to the city for review. */
  proposed?: number;
}

export interface ImportSummary {
  id: string;
  kind: ImportKind;
  fileName: string;
  sha256: string;
  format: SourceFormat;
  encoding: TextEncoding | null;
  crs: SourceCrs;
  mapping: ColumnMapping;
  userId: number | null;
  username: string;
  createdAt: string;
  appliedAt: string | null;
  status: ImportStatus;
  /** Why the apply failed (status 'failed'), in English for API users. */
  error: string | null;
  /** The same as a problem (code and parameters) the app renders in the user's language; null before migration 19. */
  errorProblem: ProblemRef | null;
  counts: ImportCounts;
}

export interface ImportDetail extends ImportSummary {
  issues: RowIssue[];
}

export interface CreateImportInput {
  report: ValidationReport;
  fileName: string;
  sha256: string;
  user: ImportActor;
}

/** The record property holding the key: credit code, park or district code, `${creditCode}:${YYYY-MM}` of a return, `${city}:${indicator}:${year}` of a key-city figure. */
const keyFieldOf = (kind: ImportKind) => (kind === 'enterprises' ? 'creditCode' : kind === 'operating' || kind === 'cityIndicators' || kind === 'parkStatus' ? 'key' : 'code');

/** The key a record is upserted by. */
export const recordKey = (kind: ImportKind, r: ImportRecord): string => (r as unknown as Record<string, string>)[keyFieldOf(kind)];

// Batches of about 4 MB of JSON: few statements (each costs ~0.5 ms on PGlite) without huge parameters.
const BATCH_CHARS = 4_000_000;

const RECORDS_SQL = `
INSERT INTO import_records (import_id, row_no, key, record)
SELECT $1, (r->>'row')::int, r->>$2, r FROM jsonb_array_elements($3::jsonb) r`;

/** Stores a dry-run report as a pending import; returns its id. */
export async function createImport(db: Database, input: CreateImportInput): Promise<string> {
  const { report, user } = input;
  const id = randomUUID();
  const counts: ImportCounts = {
    total: report.total, valid: report.records.length, rejected: Math.max(0, report.total - report.records.length),
    errors: report.issues.filter((i) => i.severity === 'error').length, warnings: report.issues.filter((i) => i.severity === 'warning').length,
  };
  const keyField = keyFieldOf(report.kind);
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO imports (id, kind, file_name, file_sha256, format, encoding, crs, mapping, user_id, username, report, counts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11::jsonb, $12::jsonb)`,
      [id, report.kind, input.fileName, input.sha256, report.format, report.encoding, report.crs, JSON.stringify(report.mapping ?? {}), user.id, user.username,
        JSON.stringify(report.issues), JSON.stringify(counts)],
    );
    let batch: string[] = [];
    let chars = 0;
    const flush = async () => {
      if (batch.length) await tx.query(RECORDS_SQL, [id, keyField, `[${batch.join(',')}]`]);
      batch = [];
      chars = 0;
    };
    for (const r of report.records) {
      const json = JSON.stringify(r);
      batch.push(json);
      chars += json.length;
      if (chars >= BATCH_CHARS) await flush();
    }
    await flush();
  });
  return id;
}

interface ImportRow {
  id: string;
  kind: ImportKind;
  file_name: string;
  file_sha256: string;
  format: SourceFormat;
  encoding: TextEncoding | null;
  crs: SourceCrs;
  mapping: ColumnMapping;
  user_id: number | null;
  username: string;
  created_at: string;
  applied_at: string | null;
  status: ImportStatus;
  error: string | null;
  error_problem: ProblemRef | null;
  counts: ImportCounts;
  report?: RowIssue[];
}

const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const COLUMNS = `id, kind, file_name, file_sha256, format, encoding, crs, mapping, user_id, username, ${iso('created_at')} AS created_at,
  ${iso('applied_at')} AS applied_at, status, error, error_problem, counts`;

const summary = (r: ImportRow): ImportSummary => ({
  id: r.id, kind: r.kind, fileName: r.file_name, sha256: r.file_sha256, format: r.format, encoding: r.encoding, crs: r.crs, mapping: r.mapping,
  userId: r.user_id, username: r.username, createdAt: r.created_at, appliedAt: r.applied_at, status: r.status, error: r.error, errorProblem: r.error_problem, counts: r.counts,
});

/** One import with its issues; null when there is none with that id. */
export async function getImport(db: Queryable, id: string): Promise<ImportDetail | null> {
  const [r] = await db.query<ImportRow>(`SELECT ${COLUMNS}, report FROM imports WHERE id = $1`, [id]);
  return r ? { ...summary(r), issues: r.report ?? [] } : null;
}

/** What an applied import changed, record by record (from record_history), a page at a time, and how many in all. */
export async function importChanges(db: Queryable, id: string, page: { limit: number; offset: number }): Promise<{ total: number; items: Record<string, unknown>[] }> {
  const [{ total }] = await db.query<{ total: number }>('SELECT count(*)::int AS total FROM record_history WHERE import_id = $1', [id]);
  const items = await db.query(`SELECT kind, record_key AS "recordKey", record_id AS "recordId", action, changes FROM record_history
    WHERE import_id = $1 ORDER BY action DESC, record_key LIMIT ${page.limit} OFFSET ${page.offset}`, [id]);
  return { total, items };
}

/** Recent imports, newest first (without their issues). */
export async function listImports(db: Queryable, opts: { kind?: ImportKind; userId?: number; limit?: number; offset?: number } = {}): Promise<ImportSummary[]> {
  const rows = await db.query<ImportRow>(
    `SELECT ${COLUMNS} FROM imports WHERE ($1::text IS NULL OR kind = $1) AND ($4::int IS NULL OR user_id = $4) ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
    [opts.kind ?? null, Math.min(Math.max(opts.limit ?? 50, 1), 500), Math.max(opts.offset ?? 0, 0), opts.userId ?? null],
  );
  return rows.map(summary);
}

/** A page of the validated records of a pending import, in row order (empty once applied: the records then live in their tables). */
export async function listImportRecords<R extends ImportRecord = ImportRecord>(db: Queryable, id: string, opts: { limit?: number; offset?: number } = {}): Promise<R[]> {
  const rows = await db.query<{ record: R }>(
    'SELECT record FROM import_records WHERE import_id = $1 ORDER BY row_no LIMIT $2 OFFSET $3',
    [id, Math.min(Math.max(opts.limit ?? 100, 1), 10_000), Math.max(opts.offset ?? 0, 0)],
  );
  return rows.map((r) => r.record);
}

export interface SavedMapping {
  id: number;
  name: string;
  kind: ImportKind;
  mapping: ColumnMapping;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

const MAPPING_COLUMNS = `id, name, kind, mapping, created_by AS "createdBy", ${iso('created_at')} AS "createdAt", ${iso('updated_at')} AS "updatedAt"`;

/** Saves a column mapping under a name (per kind); saving an existing name replaces its mapping. */
export async function saveMapping(db: Queryable, input: { name: string; kind: ImportKind; mapping: ColumnMapping; user: ImportActor }): Promise<SavedMapping> {
  const name = input.name.trim();
  if (!name) throw new DomainError('invalid', 'A saved mapping needs a name.', withFields(problem('mapping_name_required'), { name: problem('field_required') }), undefined, { name: 'is required' });
  if (name.length > 100)
    throw new DomainError('invalid', 'A mapping name may have at most 100 characters.', withFields(problem('mapping_name_too_long', { max: 100 }), { name: problem('field_too_long', { max: 100 }) }), undefined, { name: 'is too long' });
  const [m] = await db.query<SavedMapping>(
    `INSERT INTO import_mappings (name, kind, mapping, created_by) VALUES ($1, $2, $3::jsonb, $4)
     ON CONFLICT (kind, name) DO UPDATE SET mapping = EXCLUDED.mapping, updated_at = now()
     RETURNING ${MAPPING_COLUMNS}`,
    [name, input.kind, JSON.stringify(input.mapping), input.user.username],
  );
  return m;
}

/** Saved mappings, by name; of one kind when given. */
export async function listMappings(db: Queryable, kind?: ImportKind): Promise<SavedMapping[]> {
  return db.query<SavedMapping>(`SELECT ${MAPPING_COLUMNS} FROM import_mappings WHERE ($1::text IS NULL OR kind = $1) ORDER BY kind, name`, [kind ?? null]);
}

/** Deletes a saved mapping; false when there was none with that id. */
export async function deleteMapping(db: Queryable, id: number): Promise<boolean> {
  return (await db.query('DELETE FROM import_mappings WHERE id = $1 RETURNING id', [id])).length > 0;
}
