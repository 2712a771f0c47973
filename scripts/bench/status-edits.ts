// Benchmark: renovation-status edits with 20 concurrent editors (docs/architecture.md §9: p95 ≤ 50 ms), on the
// embedded database (PGlite) and on a PostgreSQL server, each behind the real server process.
//
// Each editor has its own session (an administrator or the official of the park's district) and
// edits its own park in a loop, toggling progress not_started ↔ in_progress with If-Match set to the
// ETag of its previous edit, so every edit succeeds and each is a full transaction: lock, version
// check, UPDATE and audit INSERT. The latency of each PATCH is measured by the client over HTTP, after
// a warm-up. Options: --seconds=N (measured time per backend, default 15), --edits=M (stop earlier
// after M measured edits), --warmup=S (default 3), --quick (5 s), --install-postgres (let
// `.ci/run --postgres-only` install the Debian packages when no PostgreSQL is available),
// --pglite-worker (one more PGlite row with PGLITE_WORKER=true: the database on a worker thread instead of the request
// thread; shown for comparison, not held to the bar).
import { mkdirSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { generateDemoData } from '../lib/demo/generate.ts';
import type { Database } from '../../src/server/db/database.ts';
import { migrate } from '../../src/server/db/migrations.ts';
import { openPglite } from '../../src/server/db/pglite-database.ts';
import { openPostgres } from '../../src/server/db/postgres-database.ts';
import { DEMO_PASSWORD, seedDatabase } from '../../src/server/db/seed.ts';
import { ApiClient } from '../lib/http-client.ts';
import { findPostgres, redact, withDatabase } from './postgres.ts';
import { describeMachine, percentile } from './results.ts';
import { startServer } from '../lib/server-process.ts';
import type { BenchContext, Benchmark } from './types.ts';

const EDITORS = 20;
const BAR_P95_MS = 50;

interface Park { id: number; district: string }

interface Figures {
  backend: 'pglite' | 'postgres';
  /** The backend column's text when it is not just the backend (the in-process comparison row). */
  label?: string;
  n: number;
  errors: number;
  errorSample?: string;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  perSecond: number;
}

type Row = Figures | { backend: 'pglite' | 'postgres'; unavailable: string };

/** 20 editable parks (a category chosen, work not completed), spread over the districts. */
async function pickParks(db: Database): Promise<Park[]> {
  const rows = await db.query<Park>(
    `SELECT id, district FROM village_parks WHERE category <> 'unclassified' AND progress IN ('not_started', 'in_progress') ORDER BY district, id`,
  );
  const byDistrict = new Map<string, Park[]>();
  for (const r of rows) byDistrict.set(r.district, [...(byDistrict.get(r.district) ?? []), r]);
  const picked: Park[] = [];
  for (let round = 0; picked.length < EDITORS; round++) {
    let any = false;
    for (const list of byDistrict.values()) {
      if (round < list.length && picked.length < EDITORS) {
        picked.push(list[round]);
        any = true;
      }
    }
    if (!any) throw new Error(`only ${picked.length} editable parks in the demo data, need ${EDITORS}`);
  }
  return picked;
}

async function measure(url: string, parks: Park[], opts: { seconds: number; edits: number; warmup: number }): Promise<Omit<Figures, 'backend'>> {
  // Log-ins one after another (parallel log-ins of one account are throttled like guesses).
  const sessions: ApiClient[] = [];
  for (const [i, p] of parks.entries()) {
    const c = new ApiClient(url);
    const username = i % 4 === 0 ? 'admin' : `official-${p.district}`;
    const r = await c.login(username, DEMO_PASSWORD);
    if (r.status !== 200) throw new Error(`login as ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
    sessions.push(c);
  }
  const read = async (i: number) => {
    const r = await sessions[i].request('GET', `/api/parks/${parks[i].id}`);
    if (r.status !== 200) throw new Error(`GET park ${parks[i].id}: ${r.status}`);
    return { version: r.body.properties.version as number, progress: r.body.properties.progress as string };
  };
  const state = await Promise.all(parks.map((_, i) => read(i)));
  const latencies: number[] = [];
  let errors = 0;
  let errorSample: string | undefined;
  let measuring = false;
  let stop = false;
  let t0 = 0;
  let t1 = 0;
  const finish = () => {
    if (measuring) t1 = performance.now();
    measuring = false;
    stop = true;
  };
  const editor = async (i: number) => {
    let n = 0;
    while (!stop) {
      const s = state[i];
      const progress = s.progress === 'not_started' ? 'in_progress' : 'not_started';
      const counted = measuring;
      const t = performance.now();
      const r = await sessions[i].patchPark(parks[i].id, s.version, { progress, reason: `benchmark edit ${n++}`, effectiveDate: '2026-01-20' });
      const ms = performance.now() - t;
      if (r.status === 200) {
        state[i] = { version: r.body.properties.version, progress: r.body.properties.progress };
        if (counted && measuring) latencies.push(ms);
      } else {
        if (counted && measuring) errors++;
        errorSample ??= `${r.status} ${JSON.stringify(r.body).slice(0, 200)}`;
        state[i] = await read(i);
      }
      if (measuring && latencies.length + errors >= opts.edits) finish();
    }
  };
  const loops = parks.map((_, i) => editor(i));
  await new Promise((r) => setTimeout(r, opts.warmup * 1000));
  errorSample = undefined;
  measuring = true;
  t0 = performance.now();
  const deadline = t0 + opts.seconds * 1000;
  while (!stop && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  finish();
  await Promise.all(loops);
  const seconds = (t1 - t0) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    n: sorted.length,
    errors,
    errorSample,
    seconds: round(seconds),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? NaN),
    mean: round(sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1)),
    perSecond: round(sorted.length / seconds),
  };
}

function markdown(ctx: BenchContext, rows: Row[], opts: { seconds: number; warmup: number }): string {
  const m = ctx.machine;
  const machine = `${m.cpus} CPUs, ${m.memoryGiB} GiB, node ${m.node}, load ${m.loadAverage}`;
  const lines = [
    `Bar (docs/architecture.md §9): status edit p95 ≤ ${BAR_P95_MS} ms with ${EDITORS} concurrent editors.`,
    '',
    `Method: the real server process (src/server/main.ts) on a freshly seeded demo database; ${EDITORS} editors, each with its own`,
    'session, edit their own park in a loop (PATCH /api/parks/:id with If-Match, progress not_started ↔ in_progress: one',
    'transaction with row lock, version check, UPDATE and audit INSERT; on PGlite queued edits share one transaction, see',
    'src/server/parks/edit-batcher.ts; PGlite runs in the server process, and "pglite, worker thread" is the same with',
    'PGLITE_WORKER=true, src/server/db/pglite-worker.ts, for comparison). Latency is measured per PATCH by the client over',
    `HTTP on the same machine, after ${opts.warmup} s of warm-up, for up to ${opts.seconds} s. The editors do not pause`,
    `between edits, so latency ≈ ${EDITORS} / throughput: the bar needs more than ${Math.round((EDITORS * 1000) / BAR_P95_MS)} edits/s.`,
    '',
    `Machine: ${describeMachine(m)}.`,
    '',
    '| date | machine | backend | editors | n | p50 ms | p95 ms | p99 ms | max ms | edits/s | errors | p95 ≤ 50 ms |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    if ('unavailable' in r) lines.push(`| ${ctx.date} | ${machine} | ${r.backend} | ${EDITORS} | – | – | – | – | – | – | – | not run: ${r.unavailable.replace(/\|/g, '/')} |`);
    else
      lines.push(
        `| ${ctx.date} | ${machine} | ${r.label ?? r.backend} | ${EDITORS} | ${r.n} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.max} | ${r.perSecond} | ${r.errors} | ${r.p95 <= BAR_P95_MS && r.errors === 0 ? 'pass' : 'FAIL'} |`,
      );
  }
  const [a, b] = rows;
  if (a && b && !('unavailable' in a) && !('unavailable' in b))
    lines.push('', `Peer comparison: p95 ${a.backend} / ${b.backend} = ${(a.p95 / b.p95).toFixed(2)}; throughput ${a.backend} / ${b.backend} = ${(a.perSecond / b.perSecond).toFixed(2)}.`);
  const local = rows.find((r): r is Figures => !('unavailable' in r) && r.label !== undefined);
  if (a && !('unavailable' in a) && local)
    lines.push('', `Worker thread vs in process (PGlite): p95 ${local.p95} / ${a.p95} ms = ${(local.p95 / a.p95).toFixed(2)}; throughput ${(local.perSecond / a.perSecond).toFixed(2)}×.`);
  const errs = rows.filter((r): r is Figures => !('unavailable' in r) && r.errors > 0);
  for (const e of errs) lines.push('', `${e.label ?? e.backend}: ${e.errors} edits failed, e.g. ${e.errorSample}`);
  return lines.join('\n');
}

export const statusEdits: Benchmark = {
  name: 'status-edits',
  title: 'Status edits',
  async run(ctx) {
    const opts = {
      seconds: Number(ctx.options.seconds ?? (ctx.options.quick ? 5 : 15)),
      edits: Number(ctx.options.edits ?? Infinity),
      warmup: Number(ctx.options.warmup ?? (ctx.options.quick ? 1 : 3)),
    };
    const work = resolve('bench/tmp/status-edits');
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const generated = join(work, 'generated');
    ctx.log('generating demo data (5,000 enterprises)…');
    generateDemoData({ seed: 'bench', enterprises: 5000, outDir: generated });
    const rows: Row[] = [];

    // Embedded PGlite + PostGIS (on its worker thread, as the server runs it).
    let parksPglite: Park[] = [];
    {
      const dir = join(work, 'pglite');
      ctx.log('pglite: creating and seeding the database…');
      const db = await openPglite(dir);
      await migrate(db);
      await seedDatabase(db, 'data', undefined, generated);
      const parks = await pickParks(db);
      parksPglite = parks;
      await db.close();
      const server = await startServer({ pgliteDir: dir }, generated);
      try {
        ctx.log(`pglite: ${EDITORS} editors for ${opts.seconds} s…`);
        rows.push({ backend: 'pglite', ...(await measure(server.url, parks, opts)) });
      } finally {
        await server.stop();
      }
    }

    // PostgreSQL + PostGIS.
    const source = findPostgres({ install: ctx.options['install-postgres'] === 'true' });
    if (source.url === null) {
      ctx.log(`postgres: unavailable (${source.why}); set BENCH_DATABASE_URL or run .ci/run --postgres-only`);
      rows.push({ backend: 'postgres', unavailable: `no PostgreSQL + PostGIS here (${source.why})` });
    } else {
      const name = `igis_bench_${process.pid}`;
      ctx.log(`postgres: ${redact(source.url)} (${source.how}), database ${name}`);
      const admin = new pg.Client({ connectionString: source.url });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
      try {
        const url = withDatabase(source.url, name);
        const db = await openPostgres(url);
        await migrate(db);
        await seedDatabase(db, 'data', undefined, generated);
        const parks = await pickParks(db);
        await db.close();
        const server = await startServer({ databaseUrl: url }, generated);
        try {
          ctx.log(`postgres: ${EDITORS} editors for ${opts.seconds} s…`);
          rows.push({ backend: 'postgres', ...(await measure(server.url, parks, opts)) });
        } finally {
          await server.stop();
        }
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    }
    // The comparison row runs last, on the same PGlite database (measure() reads each park's version first).
    if (ctx.options['pglite-worker']) {
      const local = await startServer({ pgliteDir: join(work, 'pglite') }, generated, { PGLITE_WORKER: 'true' });
      try {
        ctx.log(`pglite, worker thread: ${EDITORS} editors for ${opts.seconds} s…`);
        rows.push({ backend: 'pglite', label: 'pglite, worker thread', ...(await measure(local.url, parksPglite, opts)) });
      } finally {
        await local.stop();
      }
    }
    rmSync(work, { recursive: true, force: true });
    try {
      rmdirSync(dirname(work)); // bench/tmp, when nothing else is in it
    } catch {
      /* not empty */
    }

    for (const r of rows) {
      if ('unavailable' in r) ctx.log(`${r.backend}: not run — ${r.unavailable}`);
      else ctx.log(`${r.label ?? r.backend}: n=${r.n} p50=${r.p50} ms p95=${r.p95} ms p99=${r.p99} ms max=${r.max} ms ${r.perSecond} edits/s errors=${r.errors} → ${r.p95 <= BAR_P95_MS && r.errors === 0 ? 'pass' : 'FAIL'} (bar p95 ≤ ${BAR_P95_MS} ms)`);
    }
    const measured = rows.filter((r): r is Figures => !('unavailable' in r) && r.label === undefined);
    return { markdown: markdown(ctx, rows, opts), pass: measured.length > 0 && measured.every((r) => r.p95 <= BAR_P95_MS && r.errors === 0) };
  },
};
