// Benchmark: a yearly monitoring report, end to end through the server API (docs/architecture.md §9:
// a yearly report on the demo data generated in ≤ 10 s; the time on 1,000,000 enterprises reported).
//
// The real server process (src/server/main.ts, with its report runner) on a freshly seeded database with the
// 10,000-enterprise demo data (PGlite, and PostgreSQL when one is available, see postgres.ts); optionally
// also on a kept million-enterprise PostgreSQL database (--reuse=DB, e.g. the one `indicators --keep` leaves).
// Like a user: GET /api/session (CSRF token), log in as `planner`, POST /api/reports {period} → 202 {id},
// then GET /api/reports/:id every 100 ms until `status` is done (or failed: the error is recorded). Timed
// from the POST to the first poll that sees `done`. Each poll's `step` is noted, so the time per step
// comes out of the same runs (a data step's name is written when that part is finished, html/pdf/docx
// when they start; the runner writes progress at most every 400 ms, so short steps merge into the next).
// After each run the PDF, DOCX and HTML are downloaded: sizes, and the PDF's page count by `pdfinfo`.
//
// Options: --runs=N (reports per data set, default 3), --period=2021, --audience=internal|public,
// --backends=pglite,postgres (demo data), --demo=false (skip the demo data), --reuse=DB (also the
// large case on that PostgreSQL database), --timeout=S (per report, default 600).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { ApiClient } from '../lib/http-client.ts';
import { migrate } from '../../src/server/db/migrations.ts';
import { openPglite } from '../../src/server/db/pglite-database.ts';
import { openPostgres } from '../../src/server/db/postgres-database.ts';
import { seedDatabase } from '../../src/server/db/seed.ts';
import { DEMO_ENTERPRISES, demoData, startApp, type AppServer } from './dashboard.ts';
import { findPostgres, redact, withDatabase } from './postgres.ts';
import { describeMachine, percentile } from './results.ts';
import type { BenchContext, Benchmark } from './types.ts';

const BAR_S = 10;
const WORK = resolve('var/bench/reports');
const POLL_MS = 100;
/** The runner's steps in order (report-data.ts `progress(…)`, then report-runner.ts). */
const DATA_STEPS = ['headline', 'clusters', 'cluster trend', 'districts', 'renovation', 'library changes', 'revenue movers', 'key cities', 'done'] as const;
const RENDER_STEPS = ['html', 'pdf', 'docx'] as const;
const ORDER: string[] = [...DATA_STEPS, ...RENDER_STEPS];

interface Poll { t: number; status: string; step: string | null; progress: number }
interface Run {
  ok: boolean;
  /** POST → first poll seeing done (or failed, or the timeout), ms. */
  ms: number;
  /** Server side: finished_at − requested_at, ms. */
  serverMs: number | null;
  error?: string;
  /** Timed out: the last step and progress seen. */
  timedOut?: { step: string | null; progress: number; status: string };
  polls: Poll[];
  pdfBytes?: number;
  pages?: number | null;
  docxBytes?: number;
  htmlBytes?: number;
}
interface Measured { label: string; enterprises: number; barred: boolean; runs: Run[] }

const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
const s1 = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(1) : '–');
const s2 = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '–');
const kb = (b: number | undefined) => (b === undefined ? '–' : `${Math.round(b / 1024).toLocaleString('en')}`);

/** First time a poll showed this step or a later one (or the end). */
function boundary(run: Run, step: string): number {
  const i = ORDER.indexOf(step);
  const hit = run.polls.find((p) => p.status === 'done' || (p.step !== null && ORDER.indexOf(p.step) >= i));
  return hit ? hit.t : NaN;
}
const firstRunning = (run: Run) => run.polls.find((p) => p.status !== 'queued')?.t ?? NaN;
const endOf = (run: Run) => run.polls.find((p) => p.status === 'done' || p.status === 'failed')?.t ?? NaN;

/** Coarse phases of one run, ms (NaN when not reached or, for docx, when its step was never seen: then the pdf column holds it). */
function phases(run: Run): Record<string, number> {
  const running = firstRunning(run);
  const docxSeen = run.polls.some((p) => p.step === 'docx');
  return {
    queued: running,
    content: boundary(run, 'html') - running,
    html: boundary(run, 'pdf') - boundary(run, 'html'),
    pdf: boundary(run, 'docx') - boundary(run, 'pdf'),
    'docx + store': docxSeen ? endOf(run) - boundary(run, 'docx') : NaN,
  };
}

/** What has finished when a step is first seen: a content step's name is written when it is done, html/pdf/docx when they start. */
const FINISHED: Record<string, string> = { done: 'assembly', html: '', pdf: 'html', docx: 'pdf', end: 'docx + store' };
const THROTTLE_MS = 400;

/**
 * The run cut where the polls saw `step` change: each piece names the work that finished in it. A step the
 * polls never saw (skipped by the runner's 400 ms throttle, or shorter than a poll) merges into the next
 * one; a content step skipped by the throttle ended within 400 ms of the step written before it, so the
 * last step of such a piece took at least the rest (`atLeast`).
 */
function segments(run: Run): { label: string; ms: number; atLeast?: { step: string; ms: number } }[] {
  const seen = new Set(run.polls.map((p) => p.step));
  const out: { label: string; ms: number; atLeast?: { step: string; ms: number } }[] = [];
  let pending: string[] = [];
  let from = firstRunning(run);
  const ended = run.polls.some((p) => p.status === 'done');
  for (const s of [...ORDER, 'end']) {
    const work = FINISHED[s] ?? s;
    if (work) pending.push(work);
    if (s === 'end' ? !ended : !seen.has(s)) continue;
    const t = s === 'end' ? endOf(run) : boundary(run, s);
    if (!Number.isFinite(t)) break;
    if (pending.length) {
      const seg: (typeof out)[number] = { label: pending.join(' + '), ms: t - from };
      const skippedContent = pending.slice(0, -1).filter((x) => (DATA_STEPS as readonly string[]).includes(x));
      if (skippedContent.length && (DATA_STEPS as readonly string[]).includes(pending[pending.length - 1]) && seg.ms > THROTTLE_MS + POLL_MS)
        seg.atLeast = { step: pending[pending.length - 1], ms: seg.ms - THROTTLE_MS - POLL_MS };
      out.push(seg);
    }
    from = t;
    pending = [];
  }
  return out;
}
const describeSegments = (run: Run) => segments(run).map((x) => `${x.label} ${s2(x.ms)}${x.atLeast ? ` (${x.atLeast.step} alone ≥ ${s2(x.atLeast.ms)})` : ''}`).join(', ');

function pdfPages(file: string): number | null {
  const r = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  const m = /^Pages:\s+(\d+)/m.exec(r.stdout ?? '');
  return m ? Number(m[1]) : null;
}

async function oneReport(server: AppServer, c: ApiClient, ctx: BenchContext, label: string, i: number): Promise<Run> {
  const period = ctx.options.period ?? '2021';
  const timeoutMs = Number(ctx.options.timeout ?? 600) * 1000;
  const t0 = performance.now();
  const body: Record<string, string> = { period };
  if (ctx.options.audience) body.audience = ctx.options.audience;
  const posted = await c.request<{ id: number; status: string }>('POST', '/api/reports', { json: body });
  if (posted.status !== 202) throw new Error(`POST /api/reports answered ${posted.status}: ${JSON.stringify(posted.body)}`);
  const id = posted.body.id;
  const polls: Poll[] = [];
  let lastStep: string | null | undefined;
  type Info = { status: string; step: string | null; progress: number; error: string | null; requestedAt: string; finishedAt: string | null };
  for (;;) {
    // A poll that gets no answer (a busy loopback, a server that died) is tried again for 5 s before the run gives up.
    let r: Awaited<ReturnType<typeof c.get<Info>>> | null = null;
    for (let attempt = 0; !r; attempt++) {
      try {
        r = await c.get<Info>(`/api/reports/${id}`);
      } catch (err) {
        if (attempt >= 10 || server.exited()) throw new Error(`GET /api/reports/${id} after ${s2(performance.now() - t0)} s: ${(err as Error).message}${(err as Error).cause ? ` (${String((err as Error).cause)})` : ''}${server.exited() ? '; the server process has exited' : ''}`);
        await new Promise((res) => setTimeout(res, 500));
      }
    }
    const t = performance.now() - t0;
    if (r.status !== 200) throw new Error(`GET /api/reports/${id} answered ${r.status}: ${JSON.stringify(r.body)}`);
    const { status, step, progress } = r.body;
    polls.push({ t, status, step, progress });
    if (step !== lastStep) {
      ctx.log(`${label} #${i + 1}: ${s2(t)} s ${status}${step ? ` · ${step}` : ''} (${Math.round(progress * 100)} %)`);
      lastStep = step;
    }
    const serverMs = r.body.finishedAt ? Date.parse(r.body.finishedAt) - Date.parse(r.body.requestedAt) : null;
    if (status === 'failed') return { ok: false, ms: t, serverMs, error: r.body.error ?? 'unknown', polls };
    if (status === 'done') {
      const run: Run = { ok: true, ms: t, serverMs, polls };
      const file = async (format: string) => {
        const res = await fetch(`${c.baseUrl}/api/reports/${id}/file?format=${format}`, { headers: { cookie: c.cookieHeader() } });
        if (res.status !== 200) throw new Error(`GET /api/reports/${id}/file?format=${format} answered ${res.status}`);
        return Buffer.from(await res.arrayBuffer());
      };
      const pdf = await file('pdf');
      run.pdfBytes = pdf.length;
      const path = join(WORK, `report-${id}.pdf`);
      writeFileSync(path, pdf);
      run.pages = pdfPages(path);
      rmSync(path, { force: true });
      run.docxBytes = (await file('docx')).length;
      run.htmlBytes = (await file('html')).length;
      return run;
    }
    if (t > timeoutMs) return { ok: false, ms: t, serverMs: null, timedOut: { step, progress, status }, polls };
    await new Promise((res) => setTimeout(res, POLL_MS));
  }
}

async function measure(server: AppServer, label: string, enterprises: number, barred: boolean, ctx: BenchContext): Promise<Measured> {
  const c = new ApiClient(server.url);
  const login = await c.login('planner');
  if (login.status !== 200) throw new Error(`login as planner: ${login.status} ${JSON.stringify(login.body)}`);
  const runs: Run[] = [];
  const n = Number(ctx.options.runs ?? 3);
  for (let i = 0; i < n; i++) {
    let run: Run;
    const t = performance.now();
    try {
      run = await oneReport(server, c, ctx, label, i);
    } catch (err) {
      // The runs before stay measured; this one is recorded as failed, with the server's last words.
      const tail = server.output().trim().split('\n').slice(-5).join(' / ');
      ctx.log(`${label} #${i + 1}: client error — ${(err as Error).message}\n    server output: ${tail}`);
      run = { ok: false, ms: performance.now() - t, serverMs: null, error: `client: ${(err as Error).message}${server.exited() ? `; server output: ${tail.slice(-300)}` : ''}`, polls: [] };
    }
    runs.push(run);
    const ph = phases(run);
    ctx.log(`${label} #${i + 1}: ${run.ok ? 'done' : run.timedOut ? 'NOT DONE' : 'FAILED'} in ${s2(run.ms)} s (server ${run.serverMs === null ? '–' : s2(run.serverMs)} s)` +
      `${run.error ? ` — ${run.error}` : ''}; ${Object.entries(ph).map(([k, v]) => `${k} ${s2(v)}`).join(', ')}` +
      `${run.ok ? `; PDF ${kb(run.pdfBytes)} KB, ${run.pages ?? '?'} pages; DOCX ${kb(run.docxBytes)} KB; HTML ${kb(run.htmlBytes)} KB` : ''}`);
    ctx.log(`    steps: ${describeSegments(run)}`);
    if (!run.ok) break; // a failed or unfinished report: the next ones would say the same
  }
  return { label, enterprises, barred, runs };
}

async function serveAndMeasure(db: { pgliteDir: string } | { databaseUrl: string }, label: string, enterprises: number, barred: boolean, ctx: BenchContext, notes: string[]): Promise<Measured | null> {
  let server: AppServer;
  const t = performance.now();
  try {
    server = await startApp(db, join(WORK, 'no-static'), resolve('data'));
  } catch (err) {
    const why = (err as Error).message.split('\n').filter((l) => /error/i.test(l)).slice(0, 2).join(' ') || (err as Error).message.split('\n')[0];
    notes.push(`**${label}: not measured — the server did not start: ${why.replace(/\|/g, '/')}.**`);
    return null;
  }
  ctx.log(`${label}: server ready in ${s1(performance.now() - t)} s`);
  try {
    return await measure(server, label, enterprises, barred, ctx);
  } catch (err) {
    notes.push(`**${label}: not measured — ${(err as Error).message.split('\n')[0].replace(/\|/g, '/')}.**`);
    return null;
  } finally {
    await server.stop();
  }
}

async function demoRun(backend: 'pglite' | 'postgres', generated: string, ctx: BenchContext, notes: string[]): Promise<Measured | null> {
  const label = `demo ${DEMO_ENTERPRISES.toLocaleString('en')} · ${backend}`;
  const seed = async (db: Awaited<ReturnType<typeof openPglite>>) => {
    const t = performance.now();
    await migrate(db);
    await seedDatabase(db, resolve('data'), undefined, generated);
    ctx.log(`${label}: migrated and seeded in ${s1(performance.now() - t)} s`);
    await db.close();
  };
  if (backend === 'pglite') {
    const dir = join(WORK, 'pglite');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await seed(await openPglite(dir));
    try {
      return await serveAndMeasure({ pgliteDir: dir }, label, DEMO_ENTERPRISES, true, ctx, notes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const source = findPostgres({ install: false });
  if (source.url === null) {
    notes.push(`PostgreSQL not measured: ${source.why}.`);
    return null;
  }
  const name = `igis_bench_reports_${process.pid}`;
  ctx.log(`${label}: ${redact(source.url)} (${source.how}), database ${name}`);
  const admin = new pg.Client({ connectionString: source.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const dbUrl = withDatabase(source.url, name);
    await seed(await openPostgres(dbUrl));
    return await serveAndMeasure({ databaseUrl: dbUrl }, label, DEMO_ENTERPRISES, true, ctx, notes);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** A kept large PostgreSQL database (--reuse=DB): no bar, the time is reported. */
async function largeRun(name: string, ctx: BenchContext, notes: string[]): Promise<Measured | null> {
  const source = findPostgres({ install: false });
  if (source.url === null) {
    notes.push(`\`${name}\` not measured: no PostgreSQL (${source.why}).`);
    return null;
  }
  const dbUrl = withDatabase(source.url, name);
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const [{ count }] = (await client.query<{ count: number }>('SELECT count(*)::int AS count FROM enterprises')).rows;
    const label = `${count.toLocaleString('en')} × 48 months · postgres`;
    const before = await client.query<{ max: number | null }>("SELECT max(id) AS max FROM reports").catch(() => ({ rows: [{ max: null }] }));
    const maxBefore = before.rows[0]?.max ?? 0;
    notes.push(`${label}: database \`${name}\` kept by an earlier \`indicators --keep\` run (reused, not rebuilt); the reports this run made are deleted afterwards.`);
    try {
      return await serveAndMeasure({ databaseUrl: dbUrl }, label, count, false, ctx, notes);
    } finally {
      // A report left running would be requeued by the next server on this database: remove what this run made.
      const del = await client.query('DELETE FROM reports WHERE id > $1 AND NOT published', [maxBefore]).catch((err: Error) => {
        ctx.log(`could not delete this run's reports from ${name}: ${err.message}`);
        return null;
      });
      if (del) ctx.log(`${name}: removed ${del.rowCount} report(s) made by this run`);
    }
  } finally {
    await client.end();
  }
}

function markdown(ctx: BenchContext, results: Measured[], notes: string[]): { markdown: string; pass: boolean } {
  const runs = Number(ctx.options.runs ?? 3);
  const period = ctx.options.period ?? '2021';
  const audience = ctx.options.audience ?? 'internal';
  const okRuns = (m: Measured) => m.runs.filter((r) => r.ok);
  const passes = (m: Measured) => m.runs.length > 0 && m.runs.every((r) => r.ok) && median(m.runs.map((r) => r.ms)) <= BAR_S * 1000;
  const lines = [
    `Bar (docs/architecture.md §9): a yearly report on the demo data generated in ≤ ${BAR_S} s (judged on the median); on 1,000,000`,
    'enterprises the time is reported, without a bar.',
    '',
    `Method: \`npm run bench -- reports\` (options \`--runs=${runs}\`, \`--period=${period}\`, \`--backends=pglite,postgres\`, \`--reuse=DB\`, \`--timeout=S\`).`,
    'The real server process (src/server/main.ts, with its report runner) on a freshly seeded database with the demo data (10,000 enterprises',
    'with 48 months of figures), or on the million-enterprise PostgreSQL database kept by `indicators --keep`. A client on the same machine logs in',
    `as \`planner\` (CSRF token from GET /api/session), posts \`/api/reports {period: '${period}'}\` (audience ${audience}) → 202 {id} and polls`,
    `GET /api/reports/:id every ${POLL_MS} ms until \`status\` is \`done\`; the time is from the POST to the first poll that sees \`done\` (the server's own`,
    '`finished_at − requested_at` is shown next to it). Reports run one after another on one server. The PDF, DOCX and HTML are then',
    'downloaded (sizes; pages by `pdfinfo`). Where the time goes comes from the same polls: `step` is written by the runner as it goes',
    '(a content step when it is finished, html/pdf/docx when they start; at most every 400 ms, so short steps merge into the next one).',
    '',
    `Machine: ${describeMachine(ctx.machine)}. Date: ${ctx.date}.`,
    '',
    '| data · backend | reports | median s | max s | server median s | bar | result | PDF KB | PDF pages | DOCX KB | HTML KB |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const m of results) {
    const ok = okRuns(m);
    const last = ok[ok.length - 1];
    const bad = m.runs.find((r) => !r.ok);
    const times = ok.map((r) => r.ms);
    const result = bad
      ? bad.timedOut ? `NOT DONE after ${s1(bad.ms)} s (${bad.timedOut.status}, step ${bad.timedOut.step ?? '–'}, ${Math.round(bad.timedOut.progress * 100)} %)` : `FAILED after ${s1(bad.ms)} s`
      : m.barred ? (passes(m) ? 'PASS' : 'MISS') : 'no bar';
    const server = ok.map((r) => r.serverMs).filter((x): x is number => x !== null);
    lines.push(`| ${m.label} | ${ok.length}${bad ? ` of ${m.runs.length}` : ''} | ${times.length ? s2(median(times)) : '–'} | ${times.length ? s2(Math.max(...times)) : '–'} | ${server.length ? s2(median(server)) : '–'} | ${m.barred ? `≤ ${BAR_S}` : '–'} | ${result} | ${kb(last?.pdfBytes)} | ${last?.pages ?? '–'} | ${kb(last?.docxBytes)} | ${kb(last?.htmlBytes)} |`);
  }
  for (const m of results) for (const r of m.runs) if (r.error) lines.push('', `${m.label}: the report failed: \`${r.error.replace(/\s+/g, ' ').slice(0, 400)}\``);

  lines.push('', 'Where the time goes (seconds, median over the reports of each data set; "content" = `buildReportData`: the engine\'s questions,',
    'the renovation summary, the library changes, the revenue movers and the key-city rows; "pdf" = Chromium launched, two prints for the',
    'contents\' page numbers; "docx + store" = the DOCX (with PNG fallbacks of the charts) and the UPDATE that stores the three files):', '',
    '| data · backend | queued → running | content | html | pdf | docx + store | total |', '|---|---|---|---|---|---|---|');
  for (const m of results) {
    const ph = m.runs.map(phases);
    const col = (k: string) => s2(median(ph.map((p) => p[k]).filter(Number.isFinite)));
    lines.push(`| ${m.label} | ${col('queued')} | ${col('content')} | ${col('html')} | ${col('pdf')} | ${col('docx + store')} | ${s2(median(m.runs.map((r) => r.ms)))} |`);
  }
  lines.push('', 'Step by step, every report (seconds between the polls that first saw each step; steps the polls never saw are merged into the',
    'next one: the runner writes `step` at most every 400 ms, and a step written less than a poll before the next is missed; a content step',
    'skipped by that throttle ended within 0.4 s of the step written before it, hence the "alone ≥" figures):', '');
  for (const m of results)
    m.runs.forEach((r, i) => { if (r.polls.length) lines.push(`- ${m.label} #${i + 1} (${s2(r.ms)} s${r.ok ? '' : ', unfinished'}): ${describeSegments(r) || 'no step seen'}.`); });
  if (notes.length) lines.push('', ...notes);
  const demo = results.filter((m) => m.barred);
  const pass = demo.length > 0 && demo.every(passes) && !notes.some((n) => n.startsWith('**'));
  return { markdown: lines.join('\n'), pass };
}

export const reportsBench: Benchmark = {
  name: 'reports',
  title: 'Reports',
  async run(ctx) {
    mkdirSync(WORK, { recursive: true });
    const notes: string[] = [];
    const results: Measured[] = [];
    if (spawnSync('pdfinfo', ['-v']).error) notes.push('`pdfinfo` (poppler-utils) not found: page counts not measured.');
    if (ctx.options.demo !== 'false') {
      const generated = demoData(ctx.log);
      for (const backend of (ctx.options.backends ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[]) {
        const m = await demoRun(backend, generated, ctx, notes);
        if (m) results.push(m);
      }
    }
    if (ctx.options.reuse) {
      const m = await largeRun(ctx.options.reuse, ctx, notes);
      if (m) results.push(m);
    } else notes.push('The 1,000,000-enterprise case was not run this time (`--reuse=DB` with a database kept by `indicators --keep`).');
    const out = markdown(ctx, results, notes);
    for (const m of results) {
      const med = median(m.runs.map((r) => r.ms));
      ctx.log(`${m.label}: median ${s2(med)} s over ${m.runs.length} report(s)${m.barred ? (med <= BAR_S * 1000 && m.runs.every((r) => r.ok) ? ' PASS' : ' MISS') : ' (no bar)'}`);
    }
    rmSync(WORK, { recursive: true, force: true });
    return out;
  },
};
