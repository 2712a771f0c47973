import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// Tiles are rebuilt whenever the data changes and the server serves them from public/tiles; a copy
// frozen into dist/ by the build would hide newer tiles (with other feature ids) behind stale ones.
const keepTilesOutOfDist = (): Plugin => ({
  name: 'keep-tiles-out-of-dist',
  apply: 'build',
  writeBundle(options) {
    rmSync(resolve(options.dir ?? 'dist', 'tiles'), { recursive: true, force: true });
  },
});

export default defineConfig({
  plugins: [react(), keepTilesOutOfDist()],
  root: '.',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    // maplibre-gl in a chunk of its own: it changes less often than the app (a long-lived cache
    // entry), and the first-screen budget is measured without it (scripts/bench/first-screen.ts).
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'maplibre-gl', test: /[\\/]node_modules[\\/]maplibre-gl[\\/]/ }] } } },
  },
  preview: { port: 8080, host: '127.0.0.1', strictPort: true },
  server: { port: 5173, host: '127.0.0.1' },
});
