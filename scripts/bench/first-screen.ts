// The app's first screen, for the map benchmark (map-enterprises.ts, docs/architecture.md §9): how
// much script the map page needs before it can draw, and how long it takes from navigation to
// enterprise clusters on screen with a cold cache.
//
// Size: a production build of the app (Vite, the project's config) with its manifest. The script
// of the first screen is index.html's entry chunk (main.tsx: it starts the payload, then imports the
// app), the app it imports at once (render-app.tsx), every chunk these import statically, plus the enterprise worker's script, which the first screen starts at once;
// maplibre-gl (a chunk of its own, vite.config.ts) and maplibre's worker are counted apart. Chunks
// reached only through import() (panels, drawing, buffers, the dashboard) are not in it. Sizes are
// gzip level 9 of each file, as a server would send them.
//
// Time: the real server (src/server/main.ts, as `npm start` runs it) serves that build, the demo
// data's tiles and a freshly seeded PGlite database of the demo data (10,000 enterprises). Each run
// opens / in a new browser context (empty HTTP cache), not logged in, 1280×800, SwiftShader WebGL,
// after one open that is reported apart (the server builds its payload cache on the first request);
// an init script checks on every animation frame whether the enterprise layer has rendered features
// (maplibre queryRenderedFeatures); the time is performance.now() then, i.e. from navigation start.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { demoData, startApp } from './dashboard.ts';
import { migrate } from '../../src/server/db/migrations.ts';
import { openPglite } from '../../src/server/db/pglite-database.ts';
import { seedDatabase } from '../../src/server/db/seed.ts';
import { buildTiles } from '../../src/server/tiles/tiles-pipeline.ts';

const WORK = resolve('bench/tmp/map-enterprises/first-screen');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ScriptSizes {
  /** Gzipped bytes of the first screen's script without maplibre (entry, its static imports, the enterprise worker). */
  firstScreenGz: number;
  /** Of which the enterprise worker. */
  workerGz: number;
  maplibreGz: number;
  maplibreWorkerGz: number;
  /** Every chunk of the first screen: file, gzipped bytes. */
  chunks: { file: string; gz: number; maplibre: boolean }[];
  /** Gzipped bytes of everything fetched later (dynamic imports), for comparison. */
  laterGz: number;
  /** The largest chunks fetched later. */
  later: { file: string; gz: number }[];
}

export interface FirstScreenRun {
  /** Navigation start → enterprise features rendered, ms. */
  ms: number;
  /** When the last script had arrived, and the first frame at which the main thread knew the payload was loaded (the worker's answer), ms from navigation start. */
  scriptsEnd: number;
  payloadReady: number;
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

/** A production build of the app with its manifest, into `outDir`. */
export async function buildApp(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({ root: resolve('.'), logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false, manifest: true, reportCompressedSize: false } });
  // As in the browser tests: tiles copied from public/ would shadow the ones served from TILES_DIR.
  rmSync(join(outDir, 'tiles'), { recursive: true, force: true });
}

export function scriptSizes(outDir: string): ScriptSizes {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry && k.endsWith('index.html'));
  if (!entry) throw new Error('no index.html entry in the build manifest');
  const first = new Set<string>();
  const walk = (key: string) => {
    if (first.has(key)) return;
    first.add(key);
    for (const k of manifest[key].imports ?? []) walk(k);
  };
  walk(entry);
  // main.tsx starts the payload load, then imports the app at once: that app is first-screen script too.
  for (const k of manifest[entry].dynamicImports ?? []) walk(k);
  const isMaplibre = (file: string) => /(^|\/)maplibre-gl-[^/]*\.js$/.test(file);
  const chunks = [...first].map((k) => ({ file: manifest[k].file, gz: gz(join(outDir, manifest[k].file)), maplibre: isMaplibre(manifest[k].file) }));
  const assets = readdirSync(join(outDir, 'assets'));
  const worker = assets.find((f) => /^enterprise-worker-.*\.js$/.test(f));
  if (!worker) throw new Error('no enterprise worker script in the build');
  const workerGz = gz(join(outDir, 'assets', worker));
  const mlWorker = assets.find((f) => /^maplibre-gl-worker-.*\.m?js$/.test(f));
  const firstFiles = new Set(chunks.map((c) => c.file));
  const later = Object.values(manifest)
    .filter((c) => c.file.endsWith('.js') && !firstFiles.has(c.file))
    .map((c) => ({ file: c.file, gz: gz(join(outDir, c.file)) }))
    .sort((a, b) => b.gz - a.gz);
  return {
    firstScreenGz: chunks.filter((c) => !c.maplibre).reduce((n, c) => n + c.gz, 0) + workerGz,
    workerGz,
    maplibreGz: chunks.filter((c) => c.maplibre).reduce((n, c) => n + c.gz, 0),
    maplibreWorkerGz: mlWorker ? gz(join(outDir, 'assets', mlWorker)) : 0,
    chunks,
    laterGz: later.reduce((n, c) => n + c.gz, 0),
    later,
  };
}

const newest = (path: string): number => {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  return s.isDirectory() ? readdirSync(path).reduce((m, f) => Math.max(m, newest(join(path, f))), s.mtimeMs) : s.mtimeMs;
};

/** The demo data's tiles: public/tiles when newer than the data, else built under WORK. */
function demoTiles(generated: string, log: (l: string) => void): string {
  const pub = resolve('public/tiles');
  if (existsSync(join(pub, 'districts.pmtiles')) && newest(pub) >= newest(generated)) return pub;
  const inDir = join(WORK, 'tiles-in');
  const outDir = join(WORK, 'tiles');
  log('building the demo tiles …');
  // The pipeline reads <inDir>/boundaries and <inDir>/generated.
  rmSync(inDir, { recursive: true, force: true });
  cpSync(resolve('data/boundaries'), join(inDir, 'boundaries'), { recursive: true });
  cpSync(generated, join(inDir, 'generated'), { recursive: true });
  buildTiles({ inDir, outDir });
  rmSync(inDir, { recursive: true, force: true });
  return outDir;
}

/** Runs in every page before its scripts: resolves with the time of the first frame that shows enterprises. */
const INSTRUMENT = `(() => {
  window.__firstScreen = new Promise((resolve) => {
    let payloadReady = NaN;
    const tick = () => {
      try {
        const s = window.__igisEnterprises && window.__igisEnterprises.getState();
        if (s && s.status === 'ready' && payloadReady !== payloadReady) payloadReady = performance.now();
        const m = window.__igisMap;
        if (m && m.getLayer('enterprise-cluster') && m.queryRenderedFeatures({ layers: ['enterprise-cluster', 'enterprise-point'] }).length > 0) {
          const ms = performance.now();
          const res = performance.getEntriesByType('resource');
          const scripts = res.filter((e) => /\\.m?js$/.test(new URL(e.name).pathname)).map((e) => e.responseEnd);
          resolve({ ms, scriptsEnd: scripts.length ? Math.max(...scripts) : NaN, payloadReady: payloadReady !== payloadReady ? ms : payloadReady });
          return;
        }
      } catch { /* the style is not loaded yet */ }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
})();`;

/**
 * Seeds the demo database, serves the build, and opens the map `runs` times with a cold browser
 * cache, after one open that warms the server (its payload cache; reported apart, as `first`).
 */
export async function firstScreenTimes(appDir: string, runs: number, timeoutMs: number, log: (l: string) => void): Promise<{ runs: FirstScreenRun[]; first: FirstScreenRun; enterprises: number }> {
  const generated = demoData(log);
  const enterprises = (JSON.parse(readFileSync(join(generated, 'meta.json'), 'utf8')) as { enterprises: number }).enterprises;
  const tiles = demoTiles(generated, log);
  const dbDir = join(WORK, 'pglite');
  rmSync(dbDir, { recursive: true, force: true });
  mkdirSync(dbDir, { recursive: true });
  const t = performance.now();
  const db = await openPglite(dbDir);
  await migrate(db);
  await seedDatabase(db, resolve('data'), undefined, generated);
  await db.close();
  log(`first screen: demo database seeded in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  const server = await startApp({ pgliteDir: dbDir }, appDir, resolve('data'), tiles);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--lang=zh-CN'],
  });
  try {
    const out: FirstScreenRun[] = [];
    for (let i = 0; i <= runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      await context.addInitScript({ content: INSTRUMENT });
      const page = await context.newPage();
      page.on('pageerror', (e) => log(`first screen: page error: ${e.message}`));
      await page.goto(server.url, { waitUntil: 'commit' });
      const r = await page.evaluate((cap) => Promise.race([
        (window as unknown as { __firstScreen: Promise<FirstScreenRun> }).__firstScreen,
        new Promise<null>((res) => setTimeout(() => res(null), cap)),
      ]), timeoutMs);
      await context.close();
      if (!r) throw new Error(`no enterprise drawn within ${timeoutMs / 1000} s`);
      out.push(r);
      log(`first screen, cold cache${i ? '' : ', first open after the server started'}: clusters on screen at ${Math.round(r.ms)} ms (scripts in by ${Math.round(r.scriptsEnd)} ms, payload loaded by ${Math.round(r.payloadReady)} ms)`);
    }
    return { runs: out.slice(1), first: out[0], enterprises };
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dbDir, { recursive: true, force: true });
  }
}
