import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Builds GraphiQL into `playground/dist/` (`npm run build:playground`), which Tessera serves at
 * `/graphiql` and to browsers at `/graphql` (src/http/playground.ts). Everything the page needs,
 * fonts and editor workers included, is in the output: nothing is loaded from a CDN.
 *
 * No HTML entry: the server writes the page itself from `.vite/manifest.json`, so it can put the
 * tabs and headers of this deployment's mode into it. `base: './'` makes the bundle's own
 * references (workers, lazy chunks) relative to wherever the assets are served.
 */
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  logLevel: 'warn',
  // esbuild's own JSX transform is enough: no React plugin (Fast Refresh is a dev-server feature).
  esbuild: { jsx: 'automatic' },
  // Monaco's workers are ES modules (graphiql/setup-workers/vite).
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    // Monaco alone is several megabytes; the bundle is served from the gateway itself.
    chunkSizeWarningLimit: 8000,
    // Sizes of gzip output are only a report, and cost seconds.
    reportCompressedSize: false,
    rollupOptions: {
      input: `${root}src/main.tsx`,
      onwarn(warning, warn) {
        // React libraries' "use client" directives mean nothing in a client-only bundle.
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
