import { mkdirSync } from 'node:fs';
import type { Database } from './database.ts';
import { openPglite } from './pglite-database.ts';
import { openPostgres } from './postgres-database.ts';

/** `pgliteWorker` (default false; PGLITE_WORKER=true): the server runs PGlite on a worker thread, off the
 * request thread (docs/architecture.md §8); by default it runs in process, which measured faster here. */
export async function openDatabase(opts: { databaseUrl?: string; pgliteDir: string; pgliteWorker?: boolean }): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  mkdirSync(opts.pgliteDir, { recursive: true });
  return openPglite(opts.pgliteDir, { worker: opts.pgliteWorker ?? false });
}
