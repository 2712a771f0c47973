import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  root: '.',
  publicDir: 'public',
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 2000 },
  preview: { port: 8080, host: '127.0.0.1', strictPort: true },
  server: { port: 5173, host: '127.0.0.1' },
});
