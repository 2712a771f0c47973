// `npm start`: make whatever is missing (demo data, tiles, the built app), then run the server
// (src/server/main.ts), which migrates and seeds the database and serves the app and the API on
// PORT (default 8080).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'vite';
import { GENERATOR_VERSION, generateDemoData } from './lib/demo/generate.ts';
import { buildTiles } from '../src/server/tiles/tiles-pipeline.ts';

const newest = (path: string): number => {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, f) => Math.max(m, newest(join(path, f))), s.mtimeMs);
};

// Report PDFs are printed by Debian's Chromium with CJK fonts: install them once, like CI does
// (needs root and apt-get; otherwise the app runs and a report says which packages are missing).
if (!process.env.CHROMIUM_PATH && !existsSync('/usr/bin/chromium')) {
  console.log('Installing chromium and fonts-noto-cjk for report PDFs (.ci/run --packages-only)…');
  spawnSync('bash', ['.ci/run', '--packages-only'], { stdio: 'inherit' });
}

const DATA = 'data/generated';
const TILES = 'public/tiles';

const DEMO_ENTERPRISES = 10_000;
const generatedBy = existsSync(join(DATA, 'meta.json')) ? (JSON.parse(readFileSync(join(DATA, 'meta.json'), 'utf8')) as { generatorVersion?: number }).generatorVersion : undefined;
if (generatedBy !== GENERATOR_VERSION) {
  console.log(`generating demo data (${DEMO_ENTERPRISES.toLocaleString('en')} enterprises with monthly figures 2018-2021)…`);
  generateDemoData({ seed: 'guangzhou-2021', enterprises: DEMO_ENTERPRISES, outDir: DATA });
  if (generatedBy !== undefined && existsSync('var/db') && !process.env.DATABASE_URL)
    console.log('  the demo data changed: remove var/db (the embedded database) to reseed it with the new data.');
}
const tileFiles = ['districts', 'village-parks', 'value-parks'].map((n) => join(TILES, `${n}.pmtiles`));
if (tileFiles.some((f) => !existsSync(f)) || Math.min(...tileFiles.map(newest)) < Math.max(newest(DATA), newest('data/boundaries'))) {
  console.log('building tiles…');
  buildTiles({ inDir: 'data', outDir: TILES, log: (l) => console.log(`  ${l}`) });
}
const sources = Math.max(newest('src'), newest('index.html'), newest('public'), newest('seeds'), newest('vite.config.ts'));
if (newest('dist/index.html') < sources) {
  console.log('building the app…');
  await build({ logLevel: 'warn' });
}
await import('../src/server/main.ts');
