import { mkdirSync } from 'node:fs';
import type { Database } from './database.ts';
import { openPglite } from './pglite-database.ts';
import { openPostgres } from './postgres-database.ts';

/** `pgliteWorker` (default true): the server runs PGlite on a worker thread, off the request thread
 * (docs/architecture.md §8); false runs it in process, as before (PGLITE_WORKER=false). */
export async function openDatabase(opts: { databaseUrl?: string; pgliteDir: string; pgliteWorker?: boolean }): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  mkdirSync(opts.pgliteDir, { recursive: true });
  return openPglite(opts.pgliteDir, { worker: opts.pgliteWorker ?? true });
}
