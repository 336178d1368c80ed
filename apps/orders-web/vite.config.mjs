import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./web', import.meta.url));

// The browser app. Its output goes beside the static server's main.js, which serves it; the
// dev server is not used (the static server's CSP and /config.json are what the app runs under).
export default defineConfig({
  root,
  base: '/',
  // No public/ directory: every file served is one Vite built.
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/orders-web/public', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Inlined assets would be data: URLs, which the CSP refuses.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  logLevel: 'warn',
});
