// Test databases: a template is migrated and seeded once per test run (tests/global-setup.ts);
// each suite gets its own copy, so suites run in parallel and never see each other's writes.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { Database } from '../../src/server/db/database.ts';
import { openPglite } from '../../src/server/db/pglite-database.ts';
import { openPostgres } from '../../src/server/db/postgres-database.ts';

export type Backend = 'pglite' | 'postgres';
// Each `vitest run` gets its own folder and PostgreSQL template (tests/global-setup.ts sets
// IGIS_TEST_RUN before the workers start), so parallel runs never clobber each other.
export const testRunDir = (run = process.env.IGIS_TEST_RUN ?? 'default') => resolve('var/test', run);
export const TEMPLATE_DIR = join(testRunDir(), 'template-db');
export const TEST_DATA_DIR = join(testRunDir(), 'generated');
export const pgTemplateName = (run = process.env.IGIS_TEST_RUN ?? 'default') => `igis_tpl_${run.replace(/\W/g, '_')}`;
export const PG_TEMPLATE = pgTemplateName();

/** The backends to run API suites on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function backends(): Backend[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export function databaseUrl(name: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestDatabase {
  db: Database;
  /** Where the data lives (PGlite directory or PostgreSQL URL), to reopen it from another process. */
  location: string;
  drop: () => Promise<void>;
}

/** A fresh copy of the seeded template. PGlite runs in a worker thread, as the server runs it
 * (docs/architecture.md §8), unless `inProcess` asks for PGlite on the test's own thread. */
export async function copyTemplate(backend: Backend, opts: { inProcess?: boolean } = {}): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'igis-db-'));
    cpSync(TEMPLATE_DIR, dir, { recursive: true });
    const db = await openPglite(dir, { worker: !opts.inProcess });
    return { db, location: dir, drop: async () => { await db.close().catch(() => undefined); rmSync(dir, { recursive: true, force: true }); } };
  }
  const name = `igis_test_${(process.env.IGIS_TEST_RUN ?? 'default').replace(/\W/g, '_')}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE}`);
  await admin.end();
  const db = await openPostgres(databaseUrl(name));
  return {
    db,
    location: databaseUrl(name),
    drop: async () => {
      await db.close().catch(() => undefined);
      const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await c.connect();
      try {
        // pg's Pool.end() resolves before its sockets are closed; a connection that FORCE then
        // terminates would surface as an unhandled "57P01" error, so wait until all are gone.
        for (let i = 0; i < 200; i++) {
          const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
          if (rows[0].n === 0) break;
          await new Promise((r) => setTimeout(r, 25));
        }
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
