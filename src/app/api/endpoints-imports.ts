// Endpoints of the data imports (administrators): dry run, apply, history, saved mappings.
import type { ColumnMapping, ImportKind, RowIssue, SourceCrs } from '../../domain/import/import-types.ts';
import type { ParkStatusPlan } from '../../domain/import/validate-park-status.ts';
import type { ProblemRef } from '../../domain/problems.ts';
import { get, request } from './client.ts';

export interface ImportCounts {
  total: number;
  valid: number;
  rejected: number;
  errors: number;
  warnings: number;
  added?: number;
  updated?: number;
  unchanged?: number;
}

export interface ImportSummary {
  id: string;
  kind: ImportKind;
  fileName: string;
  format: string;
  encoding: string | null;
  crs: SourceCrs;
  mapping: ColumnMapping;
  username: string;
  createdAt: string;
  appliedAt: string | null;
  status: 'pending' | 'applied' | 'failed';
  /** Why the apply failed, in English (API users); the app shows `errorProblem`. */
  error: string | null;
  /** Why the apply failed as a problem (problem-text.ts words it); null when it did not fail or failed before migration 19. */
  errorProblem: ProblemRef | null;
  counts: ImportCounts;
}

export interface DryRunReport extends ImportSummary {
  headers: string[];
  suggestedMapping: ColumnMapping;
  /** Operating returns: whether the figures were read as cumulative from January. */
  cumulative?: boolean;
  /** Park status files: what applying will do, row by row. */
  plan?: ParkStatusPlan;
  issues: RowIssue[];
  issuesTruncated: boolean;
}

export interface ApplyResult extends ImportCounts {
  id: string;
  kind: ImportKind;
  tilesRebuilt: boolean;
  /** Park status files: rows sent to the city for review. */
  proposed?: number;
}

/** What applying a pending import would change (the apply runs and is rolled back), for the confirmation. */
export interface ApplyPreview {
  total: number;
  rejected: number;
  added?: number;
  updated?: number;
  unchanged?: number;
  proposed?: number;
}

/** The park status template (an official's is filled with their district's parks). */
export const parkStatusTemplateUrl = (format: 'xlsx' | 'csv') => `/api/imports/templates/parkStatus.${format}`;

export interface SavedMapping {
  id: number;
  name: string;
  kind: ImportKind;
  mapping: ColumnMapping;
}

export async function uploadImport(file: File, fields: { kind: ImportKind; crs: SourceCrs; encoding: string; mapping?: ColumnMapping; units?: string; cumulative?: boolean }): Promise<DryRunReport> {
  const form = new FormData();
  form.set('kind', fields.kind);
  form.set('crs', fields.crs);
  form.set('encoding', fields.encoding);
  if (fields.mapping) form.set('mapping', JSON.stringify(fields.mapping));
  if (fields.units) form.set('units', fields.units);
  if (fields.cumulative !== undefined) form.set('cumulative', String(fields.cumulative));
  form.set('file', file, file.name);
  return (await request<DryRunReport>('POST', '/api/imports', { form })).body;
}

export const applyImport = async (id: string) => (await request<ApplyResult>('POST', `/api/imports/${encodeURIComponent(id)}/apply`)).body;
export const previewApply = async (id: string) => (await get<ApplyPreview>(`/api/imports/${encodeURIComponent(id)}/preview`));
export const fetchImports = async (signal?: AbortSignal) => (await get<{ items: ImportSummary[] }>('/api/imports?limit=20', signal)).items;
export const fetchMappings = async (kind: ImportKind, signal?: AbortSignal) => (await get<{ items: SavedMapping[] }>(`/api/import-mappings?kind=${kind}`, signal)).items;
export const saveMapping = async (name: string, kind: ImportKind, mapping: ColumnMapping) =>
  (await request<SavedMapping>('POST', '/api/import-mappings', { json: { name, kind, mapping } })).body;

export interface RecordChange {
  kind: ImportKind;
  recordKey: string;
  recordId: number | null;
  action: 'added' | 'updated';
  changes: Record<string, [unknown, unknown]>;
}
export const fetchImportChanges = async (id: string, limit = 100) =>
  (await get<{ total: number; items: RecordChange[] }>(`/api/imports/${encodeURIComponent(id)}/changes?limit=${limit}`));
