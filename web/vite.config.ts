import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The dashboard's build: `npm run build` writes web/dist, which `invitekeeper serve` serves. The
 * page bundles the core's note rules (src/core/notes) so the composer lints exactly as the CLI does.
 * `npm run dev:web` serves it with hot reload against a running `invitekeeper serve --port 7755`.
 */
export default defineConfig(({ command }) => ({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // A build is always React's production build, whatever NODE_ENV the caller runs under (vitest
  // sets "test", which would otherwise give the development JSX and runtime).
  ...(command === 'build'
    ? {
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
        oxc: { jsx: { development: false } },
      }
    : {}),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No inline polyfill script: the Content-Security-Policy allows scripts from the server only.
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    // One 505 kB chunk (154 kB gzipped; React, and zod and luxon through the core's note rules), served
    // from this machine: splitting it would save nothing worth a second request.
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:7755', changeOrigin: true } },
  },
}));
