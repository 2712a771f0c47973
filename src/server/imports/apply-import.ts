// Applies a pending import, all or nothing: the records, their history rows and the import's
// "applied" mark commit in one transaction. Applying an import twice, or one that failed, is a
// conflict (409). A data problem found while applying (a duplicate key, a record outside every
// district) rolls everything back, answers 422 and marks the import failed, so the same file must
// be corrected and uploaded again. After an import of parks or districts commits, the map tiles are
// rebuilt here, for the server and the CLI alike.
import { todayInChina } from '../../domain/china-date.ts';
import type { ApplyCounts, ImportKind } from '../../domain/import/import-types.ts';
import type { Database, Queryable } from '../db/database.ts';
import { DomainError } from '../domain-error.ts';
import { problem } from '../../domain/problems.ts';
import { applyCityIndicators } from './apply-city-indicators.ts';
import { applyDistricts } from './apply-districts.ts';
import { applyEnterprises } from './apply-enterprises.ts';
import { applyKeyProjects } from './apply-key-projects.ts';
import { applyIndustrialBlocks } from './apply-industrial-blocks.ts';
import { applyOperating } from './apply-operating.ts';
import { applyParks } from './apply-parks.ts';
import { applyZones } from './apply-zones.ts';
import { applyParkStatus } from './apply-park-status.ts';
import { bumpTilesRevision, type ApplyContext, type KindResult } from './apply-sql.ts';
import type { ImportActor, ImportCounts } from './import-store.ts';
import { rebuildTileArchives } from '../tiles/tile-store.ts';

const APPLIERS: Record<ImportKind, (tx: Queryable, ctx: ApplyContext) => Promise<KindResult>> = {
  enterprises: applyEnterprises,
  parks: applyParks,
  districts: applyDistricts,
  operating: applyOperating,
  cityIndicators: applyCityIndicators,
  parkStatus: applyParkStatus,
  keyProjects: applyKeyProjects,
  industrialBlocks: applyIndustrialBlocks,  zones: applyZones,
};

/** The kinds the map draws from vector tiles: applying one makes the tiles out of date. */
export const TILE_KINDS: readonly ImportKind[] = ['parks', 'districts'];

export interface ApplyResult extends ApplyCounts {
  id: string;
  kind: ImportKind;
  /** Data rows in the file. */
  total: number;
  appliedAt: string;
  enterprisesReassigned?: number;
  parksReassigned?: number;
  /** Park status files: rows that became proposals for the city's review. */
  proposed?: number;
  /** Parks and districts: the map tiles were rebuilt after the commit (false when not a tile kind, not asked or failed). */
  tilesRebuilt: boolean;
}

export interface ApplyOptions {
  /** YYYY-MM-DD on which park status changes take effect; default today in China (UTC+8). */
  effectiveDate?: string;
  /**
   * How the map tiles are rebuilt after an import of parks or districts commits: by default into the
   * database (`rebuildTileArchives`, the CLI); the server passes its TileStore, which also serves the
   * new archives at once; null: not rebuilt (a server without tiles).
   */
  tiles?: { rebuild(): Promise<unknown> } | null;
  /** Told when that rebuild fails; the data stays committed and the old tiles are served until the next start rebuilds them. */
  onTilesError?: (err: unknown) => void;
}

interface LockedImport {
  id: string;
  kind: ImportKind;
  file_name: string;
  status: string;
  error: string | null;
  counts: ImportCounts;
  applied_at: string | null;
}

async function lockImport(tx: Queryable, id: string): Promise<LockedImport> {
  // Sorts and hashes over the staged records stay in memory (PGlite's default 4 MB spills to disk).
  await tx.query(`SET LOCAL work_mem = '64MB'`);
  const [imp] = await tx.query<LockedImport>(
    `SELECT id, kind, file_name, status, error, counts, to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS applied_at
     FROM imports WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!imp) throw new DomainError('not_found', `There is no import with id ${id}.`, problem('not_found', { thing: 'import', id }));
  if (imp.status === 'applied')
    throw new DomainError('conflict', `Import ${id} (${imp.file_name}) was already applied at ${imp.applied_at}; upload the file again to re-import it.`,
      problem('import_already_applied', { id, file: imp.file_name, at: imp.applied_at ?? '' }), { importStatus: imp.status });
  if (imp.status === 'failed')
    throw new DomainError('conflict', `Import ${id} (${imp.file_name}) failed and cannot be applied: ${imp.error ?? 'see its report'}. Correct the file and upload it again.`,
      problem('import_failed_before', { id, file: imp.file_name }), { importStatus: imp.status });
  return imp;
}

function context(imp: LockedImport, user: ImportActor, opts: ApplyOptions): ApplyContext {
  const effectiveDate = opts.effectiveDate ?? todayInChina();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveDate))
    throw new DomainError('invalid', `The effective date must look like 2021-12-31 (got "${effectiveDate}").`, problem('effective_date_invalid', { value: effectiveDate }));
  return { importId: imp.id, fileName: imp.file_name, user, effectiveDate };
}

/**
 * Applies a pending import; returns what changed. Throws DomainError not_found / conflict / rejected
 * (404 / 409 / 422). After the commit of parks or districts, rebuilds the map tiles (`opts.tiles`),
 * so the route and the CLI follow one rule.
 */
export async function applyImport(db: Database, id: string, user: ImportActor, opts: ApplyOptions = {}): Promise<ApplyResult> {
  const result = await commitImport(db, id, user, opts);
  let tilesRebuilt = false;
  const tiles = opts.tiles === undefined ? { rebuild: () => rebuildTileArchives(db) } : opts.tiles;
  if (tiles && TILE_KINDS.includes(result.kind)) {
    // The data is committed; new tiles follow, into the database, so every server process serves
    // them. A failure here leaves the old tiles, is reported, and the next server start rebuilds.
    try {
      await tiles.rebuild();
      tilesRebuilt = true;
    } catch (err) {
      opts.onTilesError?.(err);
    }
  }
  return { ...result, tilesRebuilt };
}

async function commitImport(db: Database, id: string, user: ImportActor, opts: ApplyOptions): Promise<Omit<ApplyResult, 'tilesRebuilt'>> {
  try {
    return await db.transaction(async (tx) => {
      const imp = await lockImport(tx, id);
      const changed = await APPLIERS[imp.kind](tx, context(imp, user, opts));
      // Parks and districts are drawn from tiles: in the same transaction, so no process can see the
      // new data and still take the old tiles for current (the rebuild follows the commit).
      if (TILE_KINDS.includes(imp.kind)) await bumpTilesRevision(tx);
      const counts: ImportCounts = { ...imp.counts, ...changed, rejected: imp.counts.rejected };
      const [done] = await tx.query<{ applied_at: string }>(
        `UPDATE imports SET status = 'applied', applied_at = now(), counts = $2::jsonb WHERE id = $1
         RETURNING to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS applied_at`,
        [id, JSON.stringify(counts)],
      );
      // The records now live in their tables and the changes in record_history.
      await tx.query('DELETE FROM import_records WHERE import_id = $1', [id]);
      return { id, kind: imp.kind, total: counts.total, appliedAt: done.applied_at, ...changed, rejected: counts.rejected };
    });
  } catch (err) {
    // A data problem stays a problem on retry: remember it (outside the rolled-back transaction).
    if (err instanceof DomainError && err.kind === 'rejected')
      // The problem (code and parameters) is what the app shows, in the user's language; the text is for API users.
      await db.query(`UPDATE imports SET status = 'failed', error = $2, error_problem = $3::jsonb WHERE id = $1 AND status = 'pending'`,
        [id, err.message, JSON.stringify({ code: err.problem.code, params: err.problem.params })]);
    throw err;
  }
}

class Preview extends Error {
  constructor(readonly result: KindResult) {
    super('preview');
  }
}

/**
 * What applying a pending import would change, without changing anything: the apply runs and is
 * rolled back. Throws what applyImport would (404 / 409 / 422), without marking the import failed.
 */
export async function previewImport(db: Database, id: string, user: ImportActor, opts: ApplyOptions = {}): Promise<ApplyCounts & KindResult & { total: number }> {
  try {
    await db.transaction(async (tx) => {
      const imp = await lockImport(tx, id);
      throw new Preview(await APPLIERS[imp.kind](tx, context(imp, user, opts)));
    });
  } catch (err) {
    if (!(err instanceof Preview)) throw err;
    const [imp] = await db.query<{ counts: ImportCounts }>('SELECT counts FROM imports WHERE id = $1', [id]);
    return { total: imp.counts.total, ...err.result, rejected: imp.counts.rejected };
  }
  throw new Error('unreachable: the preview transaction always rolls back');
}
