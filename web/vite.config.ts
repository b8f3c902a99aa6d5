// Builds the single-page app into web/dist, which `pledge serve` serves next to the API.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // /assets/ belongs to the server's first-run page; the app's files live under /static/.
    assetsDir: 'static',
    // bench/web-bundle.ts reads the manifest to measure what the dashboard loads first.
    manifest: true,
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
