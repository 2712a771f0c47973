// Browser-test helpers: a real Chromium (playwright-core) on a fresh profile, a production build of
// the SPA, and PMTiles built from the test dataset so tile feature ids match the test database.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildTiles } from '../../src/server/tiles/tiles-pipeline.ts';
import { startTestServer, type TestServer } from './api-client.ts';
import { TEST_DATA_DIR } from './test-db.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = resolve('tests/e2e/__screenshots__');

/** Why browser tests cannot run here, or null when they can. */
export function browserUnavailable(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `browser tests skipped: no Chromium at ${CHROMIUM_PATH} (install the Debian package "chromium" or set CHROMIUM_PATH)`;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

/** Chromium with WebGL through SwiftShader, on a throw-away profile, nothing phoning home. */
export async function launchBrowser(viewport = { width: 1280, height: 800 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'igis-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    deviceScaleFactor: 1,
    // The bureau's locale, so native widgets (date and file inputs) match the app's default language.
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--lang=zh-CN',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A production build of the SPA (vite build) into a fresh temporary folder; returns the folder. */
export async function buildSpa(): Promise<string> {
  const { build } = await import('vite');
  const outDir = mkdtempSync(join(tmpdir(), 'igis-dist-'));
  await build({ root: resolve('.'), logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
  // public/tiles (the full demo data, if built) is copied into the build; with @fastify/static's
  // per-file routes it would shadow the test tiles served from tilesDir.
  rmSync(join(outDir, 'tiles'), { recursive: true, force: true });
  return outDir;
}

/** PMTiles of the real boundaries and the test dataset (var/test/generated); returns the tiles folder. */
export function buildTestTiles(): string {
  const root = mkdtempSync(join(tmpdir(), 'igis-tiles-'));
  const inDir = join(root, 'in');
  const outDir = join(root, 'tiles');
  mkdirSync(inDir, { recursive: true });
  cpSync(resolve('data/boundaries'), join(inDir, 'boundaries'), { recursive: true });
  cpSync(TEST_DATA_DIR, join(inDir, 'generated'), { recursive: true });
  buildTiles({ inDir, outDir });
  return outDir;
}

/** Saves a screenshot once the map has drawn everything it is loading. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.evaluate(() => new Promise<void>((res) => {
    const m = (window as unknown as { __igisMap?: { once: (e: string, f: () => void) => void; triggerRepaint: () => void } }).__igisMap;
    if (!m) return res();
    m.once('idle', () => res());
    m.triggerRepaint();
  }));
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** The RGB colour of one page pixel as drawn on screen (WebGL canvases cannot be read back directly). */
export async function pixelAt(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const png = await page.screenshot({ clip: { x: Math.round(x) - 1, y: Math.round(y) - 1, width: 3, height: 3 } });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const [r, g, b] = ctx.getImageData(1, 1, 1, 1).data;
    return [r, g, b] as [number, number, number];
  }, png.toString('base64'));
}

export interface AppServer {
  server: TestServer;
  /** Stops the server and removes the built app and tiles. */
  close: () => Promise<void>;
}

/** The built app with tiles of the test dataset, served on a fresh copy of the test database. */
/** `basemapOrigins`: origins an online basemap may contact (the CSP lets exactly those through). */
/** `extraTiles`: more archives for the tiles folder by file name (e.g. a `basemap.pmtiles`). */
export async function startAppServer(opts: { basemapOrigins?: string[]; extraTiles?: Record<string, Uint8Array> } = {}): Promise<AppServer> {
  const { extraTiles, ...serverOpts } = opts;
  const [distDir, tilesDir] = [await buildSpa(), buildTestTiles()];
  for (const [name, bytes] of Object.entries(extraTiles ?? {})) writeFileSync(join(tilesDir, name), bytes);
  const server = await startTestServer('pglite', { staticDir: distDir, tilesDir, ...serverOpts });
  return {
    server,
    close: async () => {
      await server.close();
      for (const dir of [distDir, dirname(tilesDir)]) rmSync(dir, { recursive: true, force: true });
    },
  };
}
