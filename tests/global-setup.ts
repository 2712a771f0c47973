// Once per `vitest run`: generate a small deterministic demo dataset and build the template
// databases (PGlite always; PostgreSQL when TEST_DATABASE_URL is set) that API suites copy.
import { existsSync, rmSync } from 'node:fs';
import pg from 'pg';
import { generateDemoData } from '../scripts/lib/demo/generate.ts';
import { migrate } from '../src/server/db/migrations.ts';
import { openPglite } from '../src/server/db/pglite-database.ts';
import { openPostgres } from '../src/server/db/postgres-database.ts';
import { seedDatabase } from '../src/server/db/seed.ts';
import { PG_TEMPLATE, TEMPLATE_DIR, TEST_DATA_DIR, databaseUrl } from './helpers/test-db.ts';

export default async function setup(): Promise<void> {
  const t0 = Date.now();
  rmSync(TEST_DATA_DIR, { recursive: true, force: true });
  generateDemoData({ seed: 'api-tests', enterprises: 5000, outDir: TEST_DATA_DIR });
  rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  const db = await openPglite(TEMPLATE_DIR);
  await migrate(db);
  await seedDatabase(db, 'data', undefined, TEST_DATA_DIR);
  await db.close();
  if (!existsSync(TEMPLATE_DIR)) throw new Error('template database was not created');
  if (process.env.TEST_DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const old = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'igis_test_%'`);
    for (const { datname } of old.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${PG_TEMPLATE}`);
    await admin.end();
    const pgdb = await openPostgres(databaseUrl(PG_TEMPLATE));
    await migrate(pgdb);
    await seedDatabase(pgdb, 'data', undefined, TEST_DATA_DIR);
    await pgdb.close();
  } else {
    console.log('PostgreSQL backend not tested here: TEST_DATABASE_URL is not set (CI sets it; see .ci/run).');
  }
  console.log(`test databases ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
