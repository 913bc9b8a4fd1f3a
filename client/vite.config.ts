import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `pnpm demo` listens (CONCORD_URL overrides it); `vite` (the dev server) forwards the API and the websockets there. */
const concordServer = process.env.CONCORD_URL ?? 'http://127.0.0.1:8787';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Nothing inlined as data: URLs; the Content-Security-Policy allows fonts and scripts only from the server.
    assetsInlineLimit: 0,
  },
  server: {
    // The Host header is kept (changeOrigin false; Vite's string shorthand would rewrite it), so the server's
    // same-origin check sees the dev server's origin in both Origin and Host.
    proxy: {
      '/api': { target: concordServer, changeOrigin: false },
      '/collab': { target: concordServer, changeOrigin: false, ws: true },
    },
  },
});
