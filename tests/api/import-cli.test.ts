// `npm run import`: the scripted load applies a file to the database the server would use, prints
// the report, and exits 1 without writing when the file has no valid row.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../src/domain/credit-code.ts';
import { openPglite } from '../../src/server/db/pglite-database.ts';
import { openPostgres } from '../../src/server/db/postgres-database.ts';
import { backends, copyTemplate, TEST_DATA_DIR, type TestDatabase } from '../helpers/test-db.ts';

const run = promisify(execFile);

describe.each(backends())('npm run import (%s)', (backend) => {
  let t: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'igis-cli-'));
  const env = () => ({
    ...process.env,
    ...(backend === 'pglite' ? { PGLITE_DIR: t.location, DATABASE_URL: '' } : { DATABASE_URL: t.location }),
    DATA_DIR: TEST_DATA_DIR, TILES_DIR: join(dir, 'no-tiles'),
  });
  const cli = (...args: string[]) => run('npx', ['tsx', 'scripts/import.ts', ...args], { env: env() }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
  const reopen = () => (backend === 'pglite' ? openPglite(t.location) : openPostgres(t.location));

  beforeAll(async () => {
    t = await copyTemplate(backend);
    await t.db.close(); // the CLI opens the database itself (PGlite serves one process at a time)
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies a CSV and prints the counts', async () => {
    const code = makeCreditCode('440112', '81234567');
    const file = join(dir, 'enterprises.csv');
    writeFileSync(file, `\uFEFFcredit_code,name,sub_industry,revenue,lon,lat\n${code},命令行导入企业有限公司,robots,35000000,113.4812,23.1205\n`);
    const r = await cli('--kind', 'enterprises', '--file', file, '--user', 'ops');
    expect(r.out).toMatch(/rows 1: 1 valid, 0 rejected/);
    expect(r.out).toMatch(/applied: 1 added, 0 updated, 0 unchanged, 0 rejected/);
    expect(r.code).toBe(0);
    const db = await reopen();
    try {
      const [e] = await db.query<{ district: string; cluster: string }>('SELECT district, cluster FROM enterprises WHERE credit_code = $1', [code]);
      expect(e).toEqual({ district: '440112', cluster: 'equipment' });
      const [imp] = await db.query<{ username: string; status: string }>('SELECT username, status FROM imports ORDER BY created_at DESC LIMIT 1');
      expect(imp).toEqual({ username: 'ops', status: 'applied' });
    } finally {
      await db.close();
    }
  });

  it('exits 1 and writes nothing when no row is valid; 2 on bad arguments', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'credit_code,name,sub_industry,revenue,lon,lat\n123,无效企业,robots,1,0,0\n');
    const r = await cli('--kind', 'enterprises', '--file', file);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/row 2 error/);
    expect(r.out).toMatch(/nothing to apply/);
    expect((await cli('--kind', 'firms', '--file', file)).code).toBe(2);
  });
});
