// Builds the dashboard front end (web/) into dist/web, served by `twocities serve`.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  base: './',
  logLevel: 'warn',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
});
