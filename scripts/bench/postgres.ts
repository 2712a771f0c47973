// A PostgreSQL + PostGIS server for benchmarks: BENCH_DATABASE_URL or TEST_DATABASE_URL when set,
// otherwise the local cluster that .ci/run creates (`.ci/run --postgres-only`), started if it is stopped.
import { spawnSync } from 'node:child_process';

export type PostgresSource = { url: string; how: string } | { url: null; why: string };

export function findPostgres(opts: { install: boolean }): PostgresSource {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, how: 'BENCH_DATABASE_URL' };
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, how: 'TEST_DATABASE_URL' };
  const r = spawnSync('bash', ['.ci/run', '--postgres-only', ...(opts.install ? [] : ['--no-install'])], { encoding: 'utf8' });
  const line = /^TEST_DATABASE_URL=(\S+)$/m.exec(r.stdout ?? '');
  if (r.status === 0 && line) return { url: line[1], how: 'local cluster started by `.ci/run --postgres-only`' };
  const why = (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').filter(Boolean).slice(-3).join(' / ');
  return { url: null, why: why || 'unknown' };
}

/** The same server, another database. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The URL without its password, for reports. */
export function redact(url: string): string {
  const u = new URL(url);
  return u.password ? u.toString().replace(`:${u.password}@`, ':***@') : u.toString();
}
