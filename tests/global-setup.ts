// Once per `vitest run` (however many projects ask for it): generate a small deterministic demo dataset and build the template
// databases (PGlite always; PostgreSQL when TEST_DATABASE_URL is set) that API suites copy.
// Everything lives under a folder of this run (IGIS_TEST_RUN), removed again at the end.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { generateDemoData } from '../scripts/lib/demo/generate.ts';
import { migrate } from '../src/server/db/migrations.ts';
import { openPglite } from '../src/server/db/pglite-database.ts';
import { openPostgres } from '../src/server/db/postgres-database.ts';
import { seedDatabase } from '../src/server/db/seed.ts';
import { databaseUrl, pgTemplateName, testRunDir } from './helpers/test-db.ts';

async function dropDatabases(like: string): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  const dbs = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [like]);
  for (const { datname } of dbs.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  await admin.end();
}

/** Set once the databases of this run exist: the `api` and `e2e` projects both name this setup, and the second one reuses them. */
const BUILT = Symbol.for('igis.test-databases');

export default async function setup(): Promise<() => Promise<void>> {
  const registry = globalThis as { [BUILT]?: Promise<void> };
  if (registry[BUILT]) {
    await registry[BUILT];
    return async () => {};
  }
  let built!: () => void;
  let failed!: (e: unknown) => void;
  registry[BUILT] = new Promise((resolve, reject) => { built = resolve; failed = reject; });
  registry[BUILT].catch(() => {});
  try {
    return await build(built);
  } catch (e) {
    failed(e);
    throw e;
  }
}

async function build(built: () => void): Promise<() => Promise<void>> {
  const t0 = Date.now();
  const run = `run-${process.pid}-${Date.now().toString(36)}`;
  process.env.IGIS_TEST_RUN = run;
  const dir = testRunDir(run);
  const generated = join(dir, 'generated');
  generateDemoData({ seed: 'api-tests', enterprises: 5000, outDir: generated });
  const db = await openPglite(join(dir, 'template-db'));
  await migrate(db);
  await seedDatabase(db, 'data', undefined, generated);
  await db.close();
  const tpl = pgTemplateName(run);
  if (process.env.TEST_DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${tpl}`);
    await admin.end();
    const pgdb = await openPostgres(databaseUrl(tpl));
    await migrate(pgdb);
    await seedDatabase(pgdb, 'data', undefined, generated);
    await pgdb.close();
  } else {
    console.log('PostgreSQL backend not tested here: TEST_DATABASE_URL is not set (CI sets it; see .ci/run).');
  }
  console.log(`test databases ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  built();
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (process.env.TEST_DATABASE_URL) await dropDatabases(`igis_%${run.replace(/\W/g, '_')}%`);
  };
}
