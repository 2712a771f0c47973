// Benchmark: a million enterprises on the map in headless Chromium (docs/architecture.md §9). Our path (compact
// payload → worker → bubbles summed on the fixed grid for the view → a small GeoJSON source) against maplibre's
// built-in clustered GeoJSON source on the same points, same viewport, same run; and the app's first screen.
//
// Figures: (a) time to the first clustered frame, each path in a fresh page; (b) tag-filter change →
// new clusters drawn, slowest and median over distinct filters; (c) zooming in one level → new clusters
// drawn; (d) main-thread JS heap after the first frame (CDP Runtime.getHeapUsage after a forced GC);
// (e) bytes on the wire, gzip, counted by the server; (f) the app's first screen (first-screen.ts): its
// script gzipped without maplibre, and navigation → clusters on screen on the demo data, cold cache;
// (g) a second peer for comparison, deck.gl's GridLayer (GPU and CPU aggregation) on the same GeoJSON.
// The page (scripts/bench/map-page) is built with Vite from the real src/app/worker and src/domain.
// Options: --count=N (enterprises, default 1,000,000), --runs=R (first-frame runs of our path,
// default 5), --peer-runs=P (of maplibre's, default 2), --cap=S (seconds to wait for maplibre's
// source, default 180), --zooms=Z (zoom-in steps, default 5), --screen-runs=S (cold opens of the app,
// default 5; 0 skips the server part), --deck-runs=D (of deck.gl's GridLayer, GPU and CPU
// aggregation each, default 2; 0 skips it), --quick (100,000 enterprises, one run each).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { buildApp, firstScreenTimes, scriptSizes, type FirstScreenRun, type ScriptSizes } from './first-screen.ts';
import { ensureDir, prepareFixtures, serveStatic, type Fixtures } from './map-page/fixtures.ts';
import { describeMachine } from './results.ts';
import type { BenchContext, Benchmark } from './types.ts';

const SEED = 'bench-map';
const WORK = resolve('bench/tmp/map-enterprises');
const BARS = { speedup: 20, firstFrameMs: 1000, filterMaxMs: 300, filterMedianMs: 150, zoomInMs: 100, heapMB: 60, payloadMB: 16, firstScreenKB: 250, firstScreenMs: 1500 };
/** Distinct tag filters, one after the other: every tag alone, then some pairs. */
const CHANGES: string[][] = [
  ['srdi'], ['high-tech'], ['hidden-champion'], ['backbone'], ['single-champion'], ['two-high-four-new'],
  ['key-enterprise'], ['small-to-above'], ['above-scale'], ['srdi', 'hidden-champion'], ['high-tech', 'key-enterprise'], ['backbone', 'single-champion'],
];

interface OursRun {
  firstFrameMs: number | null;
  loadMs: number;
  workerLoadMs: number;
  clustersMs: number;
  workerClustersMs: number;
  count: number;
  viewFeatures: number;
  /** Enterprises in the answer's bubbles and points (whole grid cells around the view). */
  answered: number;
  rendered: { features: number; enterprises: number };
  zoom: number;
}
interface ZoomRun {
  zoom: number;
  ms: number | null;
  toClustersMs: number;
  workerClustersMs: number;
  viewFeatures: number;
  answered: number;
}
interface ChangeRun {
  tags: string[];
  matched: number;
  ms: number | null;
  workerFilterMs: number;
  workerClustersMs: number;
  toClustersMs: number;
  viewFeatures: number;
}
interface PeerRun {
  firstFrameMs: number | null;
  rendered: { features: number; enterprises: number } | null;
}
interface DeckRun {
  gpu: boolean;
  firstFrameMs: number | null;
  parseMs: number;
  heap: number | null;
  error?: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const r0 = (x: number) => Math.round(x);
const r1 = (x: number) => Math.round(x * 10) / 10;
const mb = (bytes: number) => r1(bytes / 2 ** 20);

async function buildPage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: resolve('scripts/bench/map-page'),
    base: '/',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000, reportCompressedSize: false },
  });
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return mb(usedSize);
}

async function openPage(context: BrowserContext, url: string, log: (l: string) => void): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && log(`console: ${m.text()}`));
  await page.goto(url);
  await page.waitForFunction(() => 'bench' in window);
  return page;
}

interface Measured {
  runs: OursRun[];
  changes: ChangeRun[];
  clear: ChangeRun;
  zooms: ZoomRun[];
  heap: number;
  peerHeap: number | null;
  peers: PeerRun[];
  capS: number;
  wire: { payload: number; geojson: number };
  sizes: ScriptSizes;
  screen: { runs: FirstScreenRun[]; first: FirstScreenRun; enterprises: number } | null;
  decks: DeckRun[];
}

const kb = (bytes: number) => r1(bytes / 1024);

function markdown(ctx: BenchContext, fx: Fixtures, o: Measured) {
  const oursFirst = median(o.runs.map((r) => r.firstFrameMs ?? Infinity));
  const capped = o.peers.some((p) => p.firstFrameMs === null);
  const peerFirst = capped ? null : median(o.peers.map((p) => p.firstFrameMs!));
  const lastPeer = o.peers[o.peers.length - 1];
  const speedup = peerFirst === null ? null : peerFirst / oursFirst;
  const speedupText = speedup === null ? `> ${r1((o.capS * 1000) / oursFirst)}× (maplibre's source did not finish within the ${o.capS} s cap)` : `${r1(speedup)}×`;
  const times = o.changes.map((c) => c.ms ?? Infinity);
  const filterMedian = median(times);
  const filterMax = Math.max(...times);
  const zoomTimes = o.zooms.map((z) => z.ms ?? Infinity);
  const zoomMax = Math.max(...zoomTimes);
  const screenMs = o.screen ? median(o.screen.runs.map((r) => r.ms)) : null;
  const pass = {
    speedup: (speedup ?? (o.capS * 1000) / oursFirst) >= BARS.speedup && oursFirst <= BARS.firstFrameMs,
    filter: filterMax <= BARS.filterMaxMs && filterMedian <= BARS.filterMedianMs,
    zoom: zoomMax <= BARS.zoomInMs,
    heap: o.heap <= BARS.heapMB,
    payload: o.wire.payload / 2 ** 20 <= BARS.payloadMB,
    size: o.sizes.firstScreenGz / 1024 <= BARS.firstScreenKB,
    screen: screenMs !== null && screenMs <= BARS.firstScreenMs,
  };
  const m = ctx.machine;
  const verdict = (ok: boolean) => (ok ? 'pass' : 'FAIL');
  const md = [
    `Bars (docs/architecture.md §9): with 1,000,000 points, first clustered frame ≥ ${BARS.speedup}× sooner than maplibre's built-in \`cluster: true\` GeoJSON source on the same points and ≤ ${BARS.firstFrameMs} ms;`,
    `every tag-filter change → new clusters ≤ ${BARS.filterMaxMs} ms, median ≤ ${BARS.filterMedianMs} ms; zooming in one level → new clusters ≤ ${BARS.zoomInMs} ms; main-thread memory ≤ ${BARS.heapMB} MB; payload ≤ ${BARS.payloadMB} MB compressed on the wire;`,
    `the app's first screen: script ≤ ${BARS.firstScreenKB} KB gzipped without maplibre, navigation → clusters on screen ≤ ${BARS.firstScreenMs} ms on the demo data with a cold cache.`,
    '',
    `Method: \`npm run bench -- map-enterprises\`. ${fx.count.toLocaleString('en')} demo enterprises (seed "${SEED}"), headless Chromium (SwiftShader WebGL), 1280×800, view centre 113.45 E 23.2 N zoom 8.6 (clusters of zoom ${o.runs[0]?.zoom}),`,
    'a background-only style. Both paths are served gzipped by the same local HTTP server. Ours: a page built with Vite from src/app/worker and src/domain fetches',
    'the payload in the worker (EnterpriseWorkerClient.load), asks for the view\'s clusters (bubbles summed on the fixed 64-px grid of the zoom for the cells the view touches, with per-industry composition and key-tag counts) and',
    'draws them as a plain GeoJSON source. Peer: maplibre\'s GeoJSON source with `data` = the URL of the same points as a FeatureCollection (properties id, industry, tags),',
    '`cluster: true`, clusterRadius 60, clusterMaxZoom 16 (no clusterProperties, so the peer does less than ours). First frame = the first render/idle at which the source is',
    `loaded and its features are on screen (ours: every drawn feature is of the new answer, and at least as many as the answer has on screen), timed from the moment the data is requested (after the map's style loaded and the map went idle; ours has its empty source and layer in the style then, as the app has); each path in a fresh page. Filter changes:`,
    `setFilter and clusters sent together → setData → the new clusters on screen, ${o.changes.length} distinct tag filters in a row. Zooming in: the camera jumps one level around the centre, then clusters → setData → on screen, timed from the request, ${o.zooms.length} levels in a row.`,
    'Heap: CDP Runtime.getHeapUsage on the page (main thread) after a forced GC, after the first frame.',
    'First screen (first-screen.ts): a production build of the app; its script = index.html\'s entry and the chunks it imports statically, plus the enterprise worker, gzip -9, maplibre-gl (its own chunk) apart;',
    `the time = navigation start → the first animation frame at which the enterprise layer has rendered features, the real server (PGlite, the demo data${o.screen ? ` of ${o.screen.enterprises.toLocaleString('en')} enterprises` : ''}, its tiles) and a new browser context each run, not logged in; one open right after the server started warms its payload cache and is reported apart.`,
    '',
    `Machine: ${describeMachine(m)}. Date: ${ctx.date}. The machine's 2 cores are shared with other work (the load above is the 1-minute average when the run started), so the figures may be pessimistic.`,
    '',
    '| figure | ours | maplibre `cluster: true` | bar | result |',
    '|---|---|---|---|---|',
    `| first clustered frame, ms (median of ${o.runs.length} runs / ${o.peers.length}) | ${r0(oursFirst)} | ${peerFirst === null ? `> ${o.capS * 1000} (cap)` : r0(peerFirst)} | ≥ ${BARS.speedup}× sooner, ≤ ${BARS.firstFrameMs} | ${speedupText} — ${verdict(pass.speedup)} |`,
    `| tag-filter change → new clusters, slowest / median ms (n = ${o.changes.length}) | ${r0(filterMax)} / ${r0(filterMedian)} | – | ≤ ${BARS.filterMaxMs} / ≤ ${BARS.filterMedianMs} | ${verdict(pass.filter)} |`,
    `| zoom in one level → new clusters, slowest / median ms (n = ${o.zooms.length}) | ${r0(zoomMax)} / ${r0(median(zoomTimes))} | – | ≤ ${BARS.zoomInMs} | ${verdict(pass.zoom)} |`,
    `| main-thread JS heap after first frame, MB | ${o.heap} | ${o.peerHeap ?? '–'} | ≤ ${BARS.heapMB} | ${verdict(pass.heap)} |`,
    `| bytes on the wire (gzip), MB | ${mb(o.wire.payload)} | ${mb(o.wire.geojson)} | ≤ ${BARS.payloadMB} (ours) | ${verdict(pass.payload)} |`,
    `| app first screen: script gzipped without maplibre, KB | ${kb(o.sizes.firstScreenGz)} | – | ≤ ${BARS.firstScreenKB} | ${verdict(pass.size)} |`,
    `| app first screen: navigation → clusters on screen, cold cache, ms (median of ${o.screen?.runs.length ?? 0}) | ${screenMs === null ? 'not measured' : r0(screenMs)} | – | ≤ ${BARS.firstScreenMs} | ${verdict(pass.screen)} |`,
    '',
    '',
    'Second peer, deck.gl 9 `GridLayer` (what a kepler.gl user picks to aggregate points), no basemap, same view, cells of 18 km (64 px at zoom 8 here, as ours): the same GeoJSON fetched and parsed on the main thread',
    '(as a user\'s file), positions by accessor; first frame = the first render after which deck picks grid cells on screen, timed from the request. No bar; for comparison.',
    '',
    '| deck.gl GridLayer | first frame, ms (median) | of which fetch + parse, ms | main-thread heap, MB | ours sooner by |',
    '|---|---|---|---|---|',
    ...[true, false].map((gpu) => {
      const runs = o.decks.filter((d) => d.gpu === gpu);
      if (!runs.length) return `| ${gpu ? 'GPU' : 'CPU'} aggregation | not run | – | – | – |`;
      const failed = runs.find((d) => d.firstFrameMs === null);
      if (failed) return `| ${gpu ? 'GPU' : 'CPU'} aggregation | nothing drawn within ${o.capS} s${failed.error ? ` (${failed.error.replace(/\|/g, '/').slice(0, 120)})` : ''} | ${r0(failed.parseMs)} | – | – |`;
      const first = median(runs.map((d) => d.firstFrameMs!));
      return `| ${gpu ? 'GPU (WebGL2)' : 'CPU'} aggregation (${runs.length} runs: ${runs.map((d) => r0(d.firstFrameMs!)).join(', ')}) | ${r0(first)} | ${r0(median(runs.map((d) => d.parseMs)))} | ${runs[runs.length - 1].heap ?? '–'} | ${r1(first / oursFirst)}× |`;
    }),
    '',
    `Uncompressed: payload ${mb(fx.payloadBytes)} MB, GeoJSON ${mb(fx.geojsonBytes)} MB. Peer first frames (ms): ${o.peers.length === 0 ? 'not run (--peer-runs=0)' : ''}${o.peers.map((p) => (p.firstFrameMs === null ? 'cap' : r0(p.firstFrameMs))).join(', ')}; at its first frame ${lastPeer?.rendered ? `${lastPeer.rendered.features} features drawn for ${lastPeer.rendered.enterprises.toLocaleString('en')} enterprises` : 'nothing drawn'}.`,
    '',
    'Our first frames (ms): ' + o.runs.map((r) => `${r.firstFrameMs === null ? 'cap' : r0(r.firstFrameMs)} (payload fetched+decoded ${r0(r.loadMs)}, clusters ${r0(r.clustersMs)} of which worker ${r0(r.workerClustersMs)} incl. building the grid; ${r.viewFeatures} features for ${r.answered.toLocaleString('en')} enterprises, ${r.rendered.features} drawn on screen)`).join('; ') + '.',
    '',
    '| tag filter | matched | to new clusters on screen, ms | worker: filter + counts, ms | worker: clusters of the view, ms |',
    '|---|---|---|---|---|',
    ...o.changes.map((c) => `| ${c.tags.join(' or ')} | ${c.matched.toLocaleString('en')} | ${c.ms === null ? 'cap' : r0(c.ms)} | ${r0(c.workerFilterMs)} | ${r0(c.workerClustersMs)} |`),
    '',
    `Clearing the filter afterwards: ${o.clear.ms === null ? 'cap' : r0(o.clear.ms)} ms.`,
    '',
    '| zoom in to | to new clusters on screen, ms | worker: clusters of the view, ms | features | enterprises in them |',
    '|---|---|---|---|---|',
    ...o.zooms.map((z) => `| ${z.zoom} | ${z.ms === null ? 'cap' : r0(z.ms)} | ${r1(z.workerClustersMs)} | ${z.viewFeatures} | ${z.answered.toLocaleString('en')} |`),
    '',
    `First screen script (gzip -9, KB): ${o.sizes.chunks.filter((c) => !c.maplibre).map((c) => `${c.file.replace(/^assets\//, '')} ${kb(c.gz)}`).join(', ')}, enterprise worker ${kb(o.sizes.workerGz)}; maplibre-gl apart: ${kb(o.sizes.maplibreGz)} + its worker ${kb(o.sizes.maplibreWorkerGz)}.`,
    `Fetched when opened: ${kb(o.sizes.laterGz)} KB in all, the largest ${o.sizes.later.slice(0, 5).map((c) => `${c.file.replace(/^assets\//, '')} ${kb(c.gz)}`).join(', ')}.`,
    o.screen ? `First screen, each cold open (ms to clusters on screen; last script in by; payload loaded in the worker, as the main thread saw it, by): ${o.screen.runs.map((r) => `${r0(r.ms)} (${r0(r.scriptsEnd)}; ${r0(r.payloadReady)})`).join(', ')}; the first open after the server started, not counted: ${r0(o.screen.first.ms)} (${r0(o.screen.first.scriptsEnd)}; ${r0(o.screen.first.payloadReady)}).` : 'First screen time not measured (--screen-runs=0).',
  ];
  return { markdown: md.join('\n'), pass: Object.values(pass).every(Boolean) };
}

export const mapEnterprises: Benchmark = {
  name: 'map-enterprises',
  title: 'Enterprises on the map',
  async run(ctx) {
    const quick = ctx.options.quick === 'true';
    const count = Number(ctx.options.count ?? (quick ? 100_000 : 1_000_000));
    const runs = Number(ctx.options.runs ?? (quick ? 1 : 5));
    const peerRuns = Number(ctx.options['peer-runs'] ?? (quick ? 1 : 2));
    const capS = Number(ctx.options.cap ?? 180);
    const zoomSteps = Number(ctx.options.zooms ?? 5);
    const deckRuns = Number(ctx.options['deck-runs'] ?? (quick ? 1 : 2));
    const screenRuns = Number(ctx.options['screen-runs'] ?? (quick ? 1 : 5));
    // The app's first screen first, on an idle browser: its build, script sizes and cold opens.
    const appDir = join(WORK, 'app');
    ctx.log('building the app with Vite …');
    await buildApp(appDir);
    const sizes = scriptSizes(appDir);
    ctx.log(`first screen script: ${kb(sizes.firstScreenGz)} KB gzipped without maplibre (${kb(sizes.maplibreGz)} KB)`);
    const screen = screenRuns > 0 ? await firstScreenTimes(appDir, screenRuns, capS * 1000, ctx.log) : null;
    const dir = ensureDir(join(WORK, String(count)));
    const fx = await prepareFixtures(dir, SEED, count, ctx.log);
    const pageDir = join(WORK, 'page');
    ctx.log('building the page with Vite …');
    await buildPage(pageDir);
    const server = await serveStatic(pageDir, dir);
    const profile = mkdtempSync(join(tmpdir(), 'igis-bench-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
    });
    try {
      const oursRuns: OursRun[] = [];
      let heap = NaN;
      let page: Page | null = null;
      for (let i = 0; i < runs; i++) {
        await page?.close();
        page = await openPage(context, server.url, ctx.log);
        server.sent.clear();
        const r = (await page.evaluate((cap) => window.bench.ours(cap), capS * 1000)) as OursRun;
        oursRuns.push(r);
        ctx.log(`ours: first clustered frame ${r.firstFrameMs === null ? 'cap' : r0(r.firstFrameMs)} ms (load ${r0(r.loadMs)}, clusters ${r0(r.clustersMs)}, worker ${r0(r.workerClustersMs)})`);
      }
      heap = await heapMB(page!);
      const wirePayload = server.sent.get('/data/payload.bin') ?? NaN;
      ctx.log(`ours: main-thread heap ${heap} MB, payload ${mb(wirePayload)} MB on the wire`);
      const changes: ChangeRun[] = [];
      for (const tags of CHANGES) {
        const c = (await page!.evaluate(([t, cap]) => window.bench.change(t as string[], cap as number), [tags, capS * 1000] as const)) as ChangeRun;
        changes.push(c);
        ctx.log(`filter ${tags.join('+')}: ${c.matched} matched, ${c.ms === null ? 'cap' : r0(c.ms)} ms (worker filter ${r0(c.workerFilterMs)}, clusters ${r0(c.workerClustersMs)})`);
      }
      const clear = (await page!.evaluate((cap) => window.bench.change([], cap), capS * 1000)) as ChangeRun;
      ctx.log(`clear: ${clear.ms === null ? 'cap' : r0(clear.ms)} ms`);
      const zooms: ZoomRun[] = [];
      for (let i = 0; i < zoomSteps; i++) {
        const z = (await page!.evaluate((cap) => window.bench.zoomIn(cap), capS * 1000)) as ZoomRun;
        zooms.push(z);
        ctx.log(`zoom in to ${z.zoom}: ${z.ms === null ? 'cap' : r0(z.ms)} ms (worker ${r1(z.workerClustersMs)}; ${z.viewFeatures} features)`);
      }
      await page!.close();

      ctx.log(`maplibre cluster:true on the same points (cap ${capS} s) …`);
      const peers: PeerRun[] = [];
      let peerHeap: number | null = null;
      let wireGeojson = fx.geojsonGzBytes;
      for (let i = 0; i < peerRuns; i++) {
        const peerPage = await openPage(context, server.url, ctx.log);
        server.sent.clear();
        const peer = (await peerPage.evaluate((cap) => window.bench.peer(cap), capS * 1000)) as PeerRun;
        wireGeojson = server.sent.get('/data/points.geojson') ?? wireGeojson;
        peerHeap = peer.firstFrameMs === null ? null : await heapMB(peerPage);
        peers.push(peer);
        ctx.log(`peer: first clustered frame ${peer.firstFrameMs === null ? `> cap` : r0(peer.firstFrameMs)} ms, heap ${peerHeap} MB`);
        await peerPage.close();
        if (peer.firstFrameMs === null) break;
      }
      const decks: DeckRun[] = [];
      for (const gpu of [true, false])
        for (let i = 0; i < deckRuns; i++) {
          const deckPage = await openPage(context, server.url, ctx.log);
          const d = (await deckPage.evaluate(([cap, g]) => window.bench.deck(cap as number, g as boolean), [capS * 1000, gpu] as const)) as Omit<DeckRun, 'gpu' | 'heap'>;
          const heapNow = d.firstFrameMs === null ? null : await heapMB(deckPage);
          decks.push({ ...d, gpu, heap: heapNow });
          ctx.log(`deck.gl GridLayer, ${gpu ? 'GPU' : 'CPU'} aggregation: first frame ${d.firstFrameMs === null ? `none (${d.error ?? 'cap'})` : r0(d.firstFrameMs)} ms (fetch + parse ${r0(d.parseMs)}), heap ${heapNow} MB`);
          await deckPage.close();
          if (d.firstFrameMs === null) break;
        }
      return markdown(ctx, fx, { runs: oursRuns, changes, clear, zooms, heap, peerHeap, peers, capS, wire: { payload: wirePayload, geojson: wireGeojson }, sizes, screen, decks });
    } finally {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    }
  },
};
