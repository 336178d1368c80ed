// Builds one app to dist/apps/<app>/main.js, runnable with plain `node` (and any other entry
// named after it: `node tools/build-app.mjs job-runner main demo` also builds src/demo.ts).
// esbuild bundles the app with its workspace libs (resolving the tsconfig path aliases);
// SWC compiles each TypeScript file because Nest needs emitted decorator metadata,
// which esbuild does not produce. npm packages stay external and load from node_modules.
import { build } from 'esbuild';
import { transformFile } from '@swc/core';
import { createRequire } from 'node:module';
import { rm } from 'node:fs/promises';

const require = createRequire(import.meta.url);
const swcOptions = require('./swc-options.cjs');

const [app, ...entryNames] = process.argv.slice(2);
if (!app) {
  console.error('usage: node tools/build-app.mjs <app> [entry ...]   (entries default to main)');
  process.exit(2);
}

const swcTypeScript = {
  name: 'swc-typescript',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const { code } = await transformFile(path, swcOptions('es6'));
      return { contents: code, loader: 'js' };
    });
  },
};

const outdir = `dist/apps/${app}`;
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: Object.fromEntries((entryNames.length > 0 ? entryNames : ['main']).map((entry) => [entry, `apps/${app}/src/${entry}.ts`])),
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: true,
  tsconfig: 'tsconfig.base.json',
  plugins: [swcTypeScript],
  logLevel: 'warning',
});
console.log(`built ${outdir}`);
