// Benchmark: the monitoring dashboard in headless Chromium (docs/architecture.md §9: ≤ 1.5 s from opening
// /dashboard to every card and chart drawn, ≤ 500 ms from a filter change to the dashboard redrawn).
//
// The real server process (src/server/main.ts) serves a production build of the app on a database
// seeded with the 10,000-enterprise demo data (PGlite in var/bench/dashboard/, and PostgreSQL when one
// is available, see postgres.ts); optionally also on 1,000,000 enterprises × 48 months on PostgreSQL
// (the database the `indicators` benchmark builds). A planner logs in (not timed); then:
//   - opens: /dashboard in a new browser context (empty HTTP cache) until "complete", --runs times
//     (the first one right after the server started); and as many repeat opens in new pages of a warm context;
//   - filter changes, --rounds times each, every round in a freshly opened dashboard so that no
//     answer comes from the client's cache: the cluster picker, the metric picker, a click on a
//     district bar of the ranking (drill-down: filter by district, rank its towns), the year.
// "Complete" (measured in the page, on animation frames): the root `[data-testid=dashboard]` has
// data-ready="true" (no TanStack query in flight, session known), no loading text (a `[role=status]`
// saying 加载/載入/loading) is left, every chart box (`.echart`) holds a drawn SVG, no fetch is pending, and all this holds on two
// frames in a row; the time is that of the first of those frames. An open is timed from navigation
// start, a change from the DOM event (change or click) that caused it; a change must have made the
// dashboard busy (data-ready="false") at least once before it counts as redrawn. ECharts' entry
// animations still run after that frame: "drawn" means the final data is on screen, not that the bars
// stopped growing. Where time goes: the browser's resource timings of the API requests of each step.
//
// Options: --runs=N (opens, default 5), --rounds=R (rounds of filter changes, default 5),
// --backends=pglite,postgres (demo data), --demo=false (skip the demo data),
// --enterprises=N or --full (also N = 1,000,000 enterprises × 48 months on PostgreSQL: built with the
// indicators benchmark's code, ~25-30 min on 2 cores, dropped afterwards unless --keep),
// --reuse=DB (measure the large case on an existing database, e.g. one kept by `indicators --keep`),
// --timeline (log every API request of each open), --timeout=S (per step, default 120).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { GENERATOR_VERSION, generateDemoData } from '../lib/demo/generate.ts';
import { freePort } from '../lib/server-process.ts';
import { migrate } from '../../src/server/db/migrations.ts';
import { openPglite } from '../../src/server/db/pglite-database.ts';
import { openPostgres } from '../../src/server/db/postgres-database.ts';
import { DEMO_PASSWORD, seedDatabase } from '../../src/server/db/seed.ts';
import { PICKABLE_METRICS } from '../../src/app/state/dashboard-url.ts';
import { taxonomy } from '../../src/domain/taxonomy.ts';
import { indicatorsBench } from './indicators.ts';
import { findPostgres, redact, withDatabase } from './postgres.ts';
import { describeMachine, percentile } from './results.ts';
import type { BenchContext, Benchmark } from './types.ts';

const BAR = { openMs: 1500, changeMs: 500 };
const WORK = resolve('var/bench/dashboard');
export const DEMO_ENTERPRISES = 10_000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const VIEWPORT = { width: 1440, height: 900 };
const CHANGE_KINDS = ['cluster', 'metric', 'district bar', 'year'] as const;
type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One API request of a step, from the browser's resource timing (ms from the step's start). */
interface ApiTiming {
  /** Path and query, to spot the same request asked twice. */
  url: string;
  what: string;
  start: number;
  /** Waiting for a connection (Chromium opens at most 6 per host over HTTP/1.1). */
  queued: number;
  /** Request sent → first byte: the server's time plus the loopback. */
  server: number;
  end: number;
}
interface Step {
  ms: number;
  /** Finished without the dashboard ever becoming busy: answered from the client's cache. */
  cached: boolean;
  api: ApiTiming[];
  /** Opens: when the last script/style arrived (the dashboard chunk and ECharts), ms. */
  assetsEnd?: number;
}
interface Measured {
  label: string;
  backend: 'pglite' | 'postgres';
  enterprises: number;
  first: Step;
  cold: Step[];
  warm: Step[];
  changes: Record<ChangeKind, Step[]>;
}

/**
 * Runs in every page before its own scripts (plain JS: the functions are not transpiled). Counts the
 * pending fetches, notes the DOM event that starts a change, watches data-ready and, on animation
 * frames, decides when the dashboard is complete.
 */
const INSTRUMENT = `(() => {
  let inflight = 0;
  const pendingUrls = new Map();
  const fetch0 = window.fetch.bind(window);
  window.fetch = async (...args) => {
    const key = String(args[0] && args[0].url ? args[0].url : args[0]) + ' #' + Math.random();
    inflight++; pendingUrls.set(key, performance.now());
    try { return await fetch0(...args); } finally { inflight--; pendingUrls.delete(key); }
  };
  performance.setResourceTimingBufferSize(5000);
  let t0 = 0, busy = true, pending = null;
  for (const type of ['change', 'click']) window.addEventListener(type, (e) => { if (t0 === null) t0 = e.timeStamp; }, true);
  new MutationObserver((records) => {
    for (const r of records) if (t0 !== null && r.target.getAttribute && r.target.getAttribute('data-ready') === 'false') busy = true;
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
  // Loading messages are live regions (role=status) saying "loading"; other live regions (a table's row range) are not.
  const loadingTexts = (root) => [...root.querySelectorAll('[role="status"]')].filter((e) => /加载|載入|loading/i.test(e.textContent ?? ''))
    .map((e) => (e.closest('[data-testid]')?.getAttribute('data-testid') ?? '?') + ': ' + (e.textContent ?? '').slice(0, 40));
  const complete = () => {
    const root = document.querySelector('[data-testid="dashboard"]');
    if (!root || root.getAttribute('data-ready') !== 'true' || inflight > 0) return false;
    if (loadingTexts(root).length) return false;
    const charts = root.querySelectorAll('.echart');
    if (!charts.length) return false;
    for (const c of charts) if (!c.querySelector('svg path')) return false;
    return true;
  };
  const resources = (from) => {
    const api = [], assets = [];
    for (const e of performance.getEntriesByType('resource')) {
      if (e.startTime < from - 1) continue;
      const u = new URL(e.name);
      if (u.pathname.startsWith('/api/')) {
        const q = u.searchParams;
        const what = u.pathname + (q.get('metric') ? ' ' + q.get('metric') : '') + (q.get('by') ? ' by ' + q.get('by') : '')
          + (q.get('periods') ? ' ×' + q.get('periods').split(',').length : '') + (q.get('cluster') ? ' cluster' : '') + (q.get('district') ? ' district' : '');
        api.push({ url: u.pathname + u.search, what, start: e.startTime - from, queued: (e.requestStart || e.startTime) - e.startTime,
          server: e.responseStart && e.requestStart ? e.responseStart - e.requestStart : e.duration, end: e.responseEnd - from });
      } else if (/\\.(js|css)$/.test(u.pathname)) assets.push(e.responseEnd - from);
    }
    return { api, assetsEnd: assets.length ? Math.max(...assets) : undefined };
  };
  const watch = (kind, timeoutMs) => new Promise((resolve) => {
    const deadline = performance.now() + timeoutMs;
    let candidate = null, firstComplete = null;
    const frame = () => {
      const now = performance.now();
      if (now > deadline) return resolve({ error: 'not complete after ' + timeoutMs + ' ms', ready: document.querySelector('[data-testid="dashboard"]')?.getAttribute('data-ready'), inflight,
        pending: [...pendingUrls.keys()].map((k) => k.replace(/ #.*$/, '').replace(/^https?:[/][/][^/]+/, '')),
        loading: loadingTexts(document),
        undrawn: [...document.querySelectorAll('[data-testid="dashboard"] .echart')].filter((c) => !c.querySelector('svg path')).map((c) => c.getAttribute('data-testid') ?? '?') });
      if (t0 === null) { requestAnimationFrame(frame); return; }
      const ok = complete();
      if (ok && firstComplete === null) firstComplete = now;
      if (!ok) firstComplete = null;
      const settled = kind === 'open' || busy || now - t0 > 1500;
      if (ok && settled) {
        if (candidate !== null) {
          const cached = !busy;
          const t1 = cached ? firstComplete : candidate;
          const r = resources(t0);
          return resolve({ ms: t1 - t0, cached, api: r.api, assetsEnd: kind === 'open' ? r.assetsEnd : undefined });
        }
        candidate = now;
      } else candidate = null;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  window.__dashBench = {
    open: (timeoutMs) => (pending ??= watch('open', timeoutMs)),
    arm: (timeoutMs) => { t0 = null; busy = false; performance.clearResourceTimings(); pending = watch('change', timeoutMs); },
    wait: () => pending,
  };
})();`;

type PageResult = Step | { error: string; ready?: string; inflight?: number; pending?: string[]; loading?: string[]; undrawn?: string[] };
interface BenchWindow {
  __dashBench: { open: (t: number) => Promise<PageResult>; arm: (t: number) => void; wait: () => Promise<PageResult> };
}

const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
const p95 = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 95);
const r0 = (x: number) => (Number.isFinite(x) ? String(Math.round(x)) : '–');

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, f) => Math.max(m, newest(join(path, f))), s.mtimeMs);
}

/** dist/ when it is newer than the sources, otherwise a fresh production build under WORK (dist/ is left alone). */
async function appBuild(log: (l: string) => void): Promise<string> {
  const sources = Math.max(newest('src'), newest('index.html'), newest('seeds'), newest('vite.config.ts'));
  if (newest('dist/index.html') >= sources) {
    log('using dist/ (newer than src/)');
    return resolve('dist');
  }
  const outDir = join(WORK, 'app');
  log('dist/ is older than src/: building the app with Vite into var/bench/dashboard/app …');
  const t = performance.now();
  const { build } = await import('vite');
  await build({ root: resolve('.'), logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false, reportCompressedSize: false } });
  rmSync(join(outDir, 'tiles'), { recursive: true, force: true });
  log(`built in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  return outDir;
}

/** The demo data of `npm start` (data/generated) when current, else the same generated under WORK. */
export function demoData(log: (l: string) => void): string {
  const meta = join('data/generated/meta.json');
  if (existsSync(meta)) {
    const m = JSON.parse(readFileSync(meta, 'utf8')) as { generatorVersion?: number; enterprises?: number };
    if (m.generatorVersion === GENERATOR_VERSION && m.enterprises === DEMO_ENTERPRISES) return resolve('data/generated');
  }
  const out = join(WORK, 'generated');
  log(`generating the demo data (${DEMO_ENTERPRISES.toLocaleString('en')} enterprises with monthly figures) …`);
  rmSync(out, { recursive: true, force: true });
  generateDemoData({ seed: 'guangzhou-2021', enterprises: DEMO_ENTERPRISES, outDir: out });
  return out;
}

export interface AppServer { url: string; stop: () => Promise<void>; /** The last 20 kB of its stdout and stderr. */ output: () => string; exited: () => boolean }

/** src/server/main.ts as `npm start` runs it, serving the built app (scripts/lib/server-process.ts serves none); no tiles unless `tilesDir`. */
export async function startApp(db: { pgliteDir: string } | { databaseUrl: string }, staticDir: string, dataDir: string, tilesDir = join(WORK, 'no-tiles')): Promise<AppServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: staticDir, TILES_DIR: tilesDir };
  delete env.DATABASE_URL;
  delete env.PGLITE_DIR;
  if ('pgliteDir' in db) env.PGLITE_DIR = db.pgliteDir;
  else env.DATABASE_URL = db.databaseUrl;
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (b: Buffer) => { out = (out + b.toString()).slice(-20_000); };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  let gone = false;
  const exited = new Promise<void>((r) => proc.once('exit', () => { gone = true; r(); }));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (gone) throw new Error(`the server exited before it was ready:\n${out}`);
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`the server did not answer within 300 s:\n${out}`);
    }
    try {
      if ((await fetch(`${url}/api/health`)).status === 200) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    output: () => out,
    exited: () => gone,
    stop: async () => {
      if (gone) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function check(r: PageResult, what: string): Step {
  if ('error' in r) throw new Error(`${what}: ${r.error} (data-ready=${r.ready}; ${r.inflight} fetches pending${r.pending?.length ? `: ${r.pending.join(', ')}` : ''}; loading text left: ${r.loading?.join(', ') || 'none'}; charts without a drawing: ${r.undrawn?.join(', ') || 'none'})`);
  return r;
}

/** A browser context with the planner logged in (cookies shared with its pages); not timed. */
async function plannerContext(browser: Browser, base: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await context.addInitScript({ content: INSTRUMENT });
  const { csrfToken } = (await (await context.request.get(`${base}/api/session`)).json()) as { csrfToken: string };
  const login = await context.request.post(`${base}/api/session`, { data: { username: 'planner', password: DEMO_PASSWORD }, headers: { 'x-csrf-token': csrfToken } });
  if (login.status() !== 200) throw new Error(`login as planner: ${login.status()} ${await login.text()}`);
  return context;
}

async function open(context: BrowserContext, url: string, timeoutMs: number, log: (l: string) => void): Promise<{ page: Page; step: Step }> {
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  await page.goto(url, { waitUntil: 'commit' });
  const step = check(await page.evaluate((t) => (window as unknown as BenchWindow).__dashBench.open(t), timeoutMs), `open ${url}`);
  return { page, step };
}

async function change(page: Page, kind: ChangeKind, round: number, timeoutMs: number): Promise<Step> {
  await page.evaluate((t) => (window as unknown as BenchWindow).__dashBench.arm(t), timeoutMs);
  const clusters = taxonomy.clusters.map((c) => c.code as string);
  if (kind === 'cluster') await page.getByTestId('cluster-picker').selectOption(clusters[round % clusters.length]);
  else if (kind === 'metric') await page.getByTestId('metric-picker').selectOption(PICKABLE_METRICS[1 + (round % (PICKABLE_METRICS.length - 1))]);
  else if (kind === 'year') await page.getByTestId('period-year').selectOption(String(2020 - (round % 3)));
  else {
    // The ranking's bars, bottom to top in the SVG; round r clicks the (r+1)-th district from the top.
    const bars = page.getByTestId('ranking-card-chart').locator('svg path[fill="#2f5d85"]');
    const n = await bars.count();
    if (!n) throw new Error('no bars in the ranking chart to click');
    const box = (await bars.nth(Math.max(0, n - 1 - (round % n))).boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  }
  return check(await page.evaluate(() => (window as unknown as BenchWindow).__dashBench.wait()), `change ${kind}`);
}

/** Where a step's time went: API requests done by, the slowest request, render after the last answer. */
function breakdown(s: Step): string {
  if (!s.api.length) return `${r0(s.ms)} ms, no API request`;
  const lastEnd = Math.max(...s.api.map((a) => a.end));
  const slow = s.api.reduce((a, b) => (b.server > a.server ? b : a));
  const queued = Math.max(...s.api.map((a) => a.queued));
  const firstSent = Math.min(...s.api.map((a) => a.start));
  const repeated = s.api.length - new Set(s.api.map((a) => a.url)).size;
  return `${r0(s.ms)} ms: ${s.api.length} API requests${repeated ? ` (${repeated} of them the same URL asked again)` : ''}, the first sent at ${r0(firstSent)} ms, last answer at ${r0(lastEnd)} ms${s.assetsEnd !== undefined ? `, scripts in by ${r0(s.assetsEnd)} ms` : ''}; slowest \`${slow.what}\` ${r0(slow.server)} ms in the server (sent at ${r0(slow.start + slow.queued)} ms); longest wait for a connection ${r0(queued)} ms; drawn ${r0(s.ms - lastEnd)} ms after the last answer`;
}

/** measure(), but a step that does not complete ends this data set with a note instead of the whole benchmark. */
async function measureOrNote(base: string, label: string, backend: 'pglite' | 'postgres', enterprises: number, ctx: BenchContext, notes: string[]): Promise<Measured | null> {
  try {
    return await measure(base, label, backend, enterprises, ctx);
  } catch (err) {
    const why = (err as Error).message.split('\n')[0];
    ctx.log(`${label}: FAILED — ${why}`);
    notes.push(`**${label}: not measured to the end — ${why.replace(/\|/g, '/')}.** Counts as a miss.`);
    failures.push(label);
    return null;
  }
}
const failures: string[] = [];

/** Starts the server on the database and measures; a server that does not start is noted like a step that does not complete. */
async function serveAndMeasure(db: { pgliteDir: string } | { databaseUrl: string }, staticDir: string, dataDir: string, label: string, backend: 'pglite' | 'postgres', enterprises: number, ctx: BenchContext, notes: string[]): Promise<Measured | null> {
  let server: AppServer;
  try {
    server = await startApp(db, staticDir, dataDir);
  } catch (err) {
    const why = (err as Error).message.split('\n').filter((l) => /error/i.test(l)).slice(0, 2).join(' ') || (err as Error).message.split('\n')[0];
    ctx.log(`${label}: the server did not start — ${why}`);
    notes.push(`**${label}: not measured — the server did not start: ${why.replace(/\|/g, '/')}.** Counts as a miss.`);
    failures.push(label);
    return null;
  }
  try {
    return await measureOrNote(server.url, label, backend, enterprises, ctx, notes);
  } finally {
    await server.stop();
  }
}

async function measure(base: string, label: string, backend: 'pglite' | 'postgres', enterprises: number, ctx: BenchContext): Promise<Measured> {
  const runs = Number(ctx.options.runs ?? 5);
  const rounds = Number(ctx.options.rounds ?? 5);
  const timeoutMs = Number(ctx.options.timeout ?? 120) * 1000;
  const url = `${base}/dashboard?p=2021`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=zh-CN'],
  });
  try {
    const cold: Step[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await plannerContext(browser, base);
      const { step } = await open(context, url, timeoutMs, ctx.log);
      cold.push(step);
      ctx.log(`${label}: ${i ? 'cold open' : 'first open after the server started'}: ${breakdown(step)}`);
      if (ctx.options.timeline) for (const a of [...step.api].sort((x, y) => x.start - y.start)) ctx.log(`    ${r0(a.start)} +${r0(a.queued)} queued +${r0(a.server)} server → ${r0(a.end)}  ${a.what}`);
      await context.close();
    }
    const context = await plannerContext(browser, base);
    try {
      await (await open(context, url, timeoutMs, ctx.log)).page.close(); // warms the HTTP cache
      const warm: Step[] = [];
      for (let i = 0; i < runs; i++) {
        const { page, step } = await open(context, url, timeoutMs, ctx.log);
        warm.push(step);
        ctx.log(`${label}: repeat open, new page: ${breakdown(step)}`);
        await page.close();
      }
      const changes = Object.fromEntries(CHANGE_KINDS.map((k) => [k, [] as Step[]])) as Record<ChangeKind, Step[]>;
      for (let r = 0; r < rounds; r++) {
        const { page } = await open(context, url, timeoutMs, ctx.log);
        for (const kind of CHANGE_KINDS) {
          const step = await change(page, kind, r, timeoutMs);
          changes[kind].push(step);
          ctx.log(`${label}: ${kind} → ${new URL(page.url()).search}: ${step.cached ? '(from the client cache) ' : ''}${breakdown(step)}`);
        }
        await page.close();
      }
      return { label, backend, enterprises, first: cold[0], cold: cold.slice(1).length ? cold.slice(1) : cold, warm, changes };
    } finally {
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

/** Seeds a fresh database with the demo data, serves it, measures, cleans up. */
async function demoRun(backend: 'pglite' | 'postgres', staticDir: string, generated: string, ctx: BenchContext, notes: string[]): Promise<Measured | null> {
  const label = `demo ${DEMO_ENTERPRISES.toLocaleString('en')} · ${backend}`;
  const dataDir = resolve('data');
  const seed = async (db: Awaited<ReturnType<typeof openPglite>>) => {
    const t = performance.now();
    await migrate(db);
    await seedDatabase(db, dataDir, undefined, generated);
    ctx.log(`${label}: migrated and seeded in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    await db.close();
  };
  if (backend === 'pglite') {
    const dir = join(WORK, 'pglite');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await seed(await openPglite(dir));
    try {
      return await serveAndMeasure({ pgliteDir: dir }, staticDir, dataDir, label, backend, DEMO_ENTERPRISES, ctx, notes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const source = findPostgres({ install: false });
  if (source.url === null) {
    notes.push(`PostgreSQL not measured: ${source.why}.`);
    return null;
  }
  const name = `igis_bench_dashboard_${process.pid}`;
  ctx.log(`${label}: ${redact(source.url)} (${source.how}), database ${name}`);
  const admin = new pg.Client({ connectionString: source.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const dbUrl = withDatabase(source.url, name);
    await seed(await openPostgres(dbUrl));
    return await serveAndMeasure({ databaseUrl: dbUrl }, staticDir, dataDir, label, backend, DEMO_ENTERPRISES, ctx, notes);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** N enterprises × 48 months on PostgreSQL: a kept database (--reuse) or one built by the indicators benchmark's code. */
async function largeRun(n: number, staticDir: string, ctx: BenchContext, notes: string[]): Promise<Measured | null> {
  const source = findPostgres({ install: false });
  if (source.url === null) {
    notes.push(`${n.toLocaleString('en')} enterprises not measured: no PostgreSQL (${source.why}).`);
    return null;
  }
  const reuse = ctx.options.reuse;
  let name = reuse;
  let built = 0;
  if (!name) {
    // The indicators benchmark fills and keeps the database (its figures are not written to bench/results.md from here).
    ctx.log(`building ${n.toLocaleString('en')} enterprises × 48 months on PostgreSQL with the indicators benchmark (--keep) …`);
    const t = performance.now();
    await indicatorsBench.run({ ...ctx, options: { backends: 'postgres', enterprises: String(n), keep: 'true', runs: '1' }, log: (l) => ctx.log(`[indicators] ${l}`) });
    built = (performance.now() - t) / 1000;
    name = `igis_bench_indicators_${process.pid}`;
    ctx.log(`built in ${(built / 60).toFixed(1)} min: database ${name}`);
  }
  const dbUrl = withDatabase(source.url, name);
  const probe = new pg.Client({ connectionString: dbUrl });
  await probe.connect();
  const [{ count }] = (await probe.query<{ count: number }>('SELECT count(*)::int AS count FROM enterprises')).rows;
  await probe.end();
  const label = `${count.toLocaleString('en')} × 48 months · postgres`;
  notes.push(reuse
    ? `${label}: database \`${reuse}\` kept by an earlier \`indicators --keep\` run (reused, not rebuilt).`
    : `${label}: database built in this run by the indicators benchmark's code in ${(built / 60).toFixed(1)} min${ctx.options.keep ? ` and kept as \`${name}\`` : ', then dropped'}.`);
  try {
    return await serveAndMeasure({ databaseUrl: dbUrl }, staticDir, resolve('data'), label, 'postgres', count, ctx, notes);
  } finally {
    if (!reuse && !ctx.options.keep) {
      const admin = new pg.Client({ connectionString: source.url });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }
}

function markdown(ctx: BenchContext, results: Measured[], notes: string[]): { markdown: string; pass: boolean } {
  const runs = Number(ctx.options.runs ?? 5);
  const rounds = Number(ctx.options.rounds ?? 5);
  const openOk = (m: Measured) => median(m.cold.map((s) => s.ms)) <= BAR.openMs;
  const changeOk = (steps: Step[]) => median(steps.map((s) => s.ms)) <= BAR.changeMs;
  const verdict = (ok: boolean, barred: boolean) => (!barred ? 'no bar' : ok ? 'pass' : 'MISS');
  const isDemo = (m: Measured) => m.enterprises === DEMO_ENTERPRISES;
  const lines = [
    `Bar (docs/architecture.md §9): on the demo data, ≤ ${BAR.openMs} ms from opening \`/dashboard\` to every card and chart drawn, ≤ ${BAR.changeMs} ms`,
    'from a filter change to the dashboard redrawn (judged on the median); the 1,000,000-enterprise figures are reported, without a bar.',
    '',
    `Method: \`npm run bench -- dashboard\` (options \`--runs=${runs}\`, \`--rounds=${rounds}\`, \`--backends=pglite,postgres\`, \`--full\` or \`--enterprises=N\`, \`--reuse=DB\`).`,
    'The real server process (src/server/main.ts) serves a production build of the app on a freshly seeded database (the demo data: 10,000',
    'enterprises with 48 months of figures), or on the million-enterprise PostgreSQL database of the `indicators` benchmark. Headless Chromium',
    `(playwright-core), 1440×900, logged in as \`planner\`, on the same machine as the server. Opens: a new browser context each (empty HTTP`,
    'cache), timed from navigation start; the first right after the server started is shown apart; repeat opens are new pages of one warm',
    `context. Filter changes: ${rounds} rounds, each on a freshly opened \`/dashboard?p=2021\`: cluster picker, metric picker, a click on a district bar of`,
    'the ranking (filters by that district and ranks its towns), the year; each timed from its DOM event. Complete = `data-ready="true"` on',
    '`[data-testid=dashboard]` (no query in flight, session known), no loading text, every chart box holding a drawn SVG, no fetch pending,',
    'on two animation frames in a row (ECharts\' entry animation still runs afterwards). A change must make the dashboard busy to count.',
    '',
    `Machine: ${describeMachine(ctx.machine)}. Date: ${ctx.date}.`,
    '',
    '| data · backend | step | n | median ms | p95 ms | max ms | bar | result |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const m of results) {
    const row = (step: string, steps: Step[], bar: number | null, ok: boolean) => {
      const ms = steps.map((s) => s.ms);
      lines.push(`| ${m.label} | ${step} | ${steps.length} | ${r0(median(ms))} | ${r0(p95(ms))} | ${r0(Math.max(...ms))} | ${bar === null ? '–' : `≤ ${bar}`} | ${verdict(ok, bar !== null)} |`);
    };
    row('first open after server start', [m.first], null, true);
    row('open, new context (cold)', m.cold, isDemo(m) ? BAR.openMs : null, openOk(m));
    row('open again, new page', m.warm, null, true);
    for (const k of CHANGE_KINDS) row(`change: ${k}`, m.changes[k], isDemo(m) ? BAR.changeMs : null, changeOk(m.changes[k]));
  }
  lines.push('', 'Where the time goes (the median run of each step; API timings from the browser\'s resource timing):', '');
  for (const m of results) {
    const mid = (steps: Step[]) => [...steps].sort((a, b) => a.ms - b.ms)[Math.floor((steps.length - 1) / 2)];
    lines.push(`- ${m.label}, open (cold): ${breakdown(mid(m.cold))}.`);
    for (const k of CHANGE_KINDS) lines.push(`- ${m.label}, change ${k}: ${breakdown(mid(m.changes[k]))}.`);
  }
  for (const m of results) {
    const s = [...m.cold].sort((a, b) => a.ms - b.ms)[Math.floor((m.cold.length - 1) / 2)];
    lines.push('', `The API requests of the median cold open, ${m.label} (${r0(s.ms)} ms; ms from navigation start):`, '',
      '| request | asked at | waited for a connection | sent → first byte | answered at |', '|---|---|---|---|---|',
      ...[...s.api].sort((a, b) => a.start - b.start).map((a) => `| \`${a.what}\` | ${r0(a.start)} | ${r0(a.queued)} | ${r0(a.server)} | ${r0(a.end)} |`));
  }
  if (results.some((m) => m.cold.some((s) => s.api.length > new Set(s.api.map((a) => a.url)).size)))
    lines.push('', '"The same URL asked again": one page sent the identical request twice (a question asked under two query keys, e.g. before and after the',
      'session is known); the repeats add to the server\'s work on the open.');
  const cachedAny = results.some((m) => CHANGE_KINDS.some((k) => m.changes[k].some((s) => s.cached)));
  if (cachedAny) lines.push('', 'Some changes were answered from the client\'s cache (the dashboard never became busy); they are timed to the first complete frame.');
  if (notes.length) lines.push('', ...notes);
  const demo = results.filter(isDemo);
  const pass = failures.length === 0 && demo.length > 0 && demo.every((m) => openOk(m) && CHANGE_KINDS.every((k) => changeOk(m.changes[k])));
  return { markdown: lines.join('\n'), pass };
}

export const dashboardBench: Benchmark = {
  name: 'dashboard',
  title: 'Dashboard',
  async run(ctx) {
    mkdirSync(WORK, { recursive: true });
    failures.length = 0;
    const notes: string[] = [];
    const results: Measured[] = [];
    const staticDir = await appBuild(ctx.log);
    if (ctx.options.demo !== 'false') {
      const generated = demoData(ctx.log);
      for (const backend of (ctx.options.backends ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[]) {
        const m = await demoRun(backend, staticDir, generated, ctx, notes);
        if (m) results.push(m);
      }
    }
    const large = ctx.options.enterprises ? Number(ctx.options.enterprises) : ctx.options.full || ctx.options.reuse ? 1_000_000 : 0;
    if (large) {
      const m = await largeRun(large, staticDir, ctx, notes);
      if (m) results.push(m);
    } else notes.push('The 1,000,000-enterprise case was not run this time (`--full`, `--enterprises=N` or `--reuse=DB`).');
    const out = markdown(ctx, results, notes);
    for (const m of results) {
      const med = median(m.cold.map((s) => s.ms));
      ctx.log(`${m.label}: open median ${r0(med)} ms ${m.enterprises === DEMO_ENTERPRISES ? (med <= BAR.openMs ? 'PASS' : 'MISS') : '(no bar)'}; ` +
        CHANGE_KINDS.map((k) => { const x = median(m.changes[k].map((s) => s.ms)); return `${k} ${r0(x)} ms${m.enterprises === DEMO_ENTERPRISES ? (x <= BAR.changeMs ? ' PASS' : ' MISS') : ''}`; }).join(', '));
    }
    rmSync(join(WORK, 'app'), { recursive: true, force: true });
    return out;
  },
};
