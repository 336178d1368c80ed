// The embedded PostgreSQL of libs/server-kit for the tools (npm start, npm run reset), so the
// stack and an app started alone share one implementation. That module is plain TypeScript (no
// decorators): esbuild compiles it in a few milliseconds, into dist/ beside the apps it serves,
// where its npm packages resolve from node_modules.
import { buildSync, stop } from 'esbuild';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outfile = `${root}dist/tools/embedded-postgres.cjs`;
buildSync({
  entryPoints: [`${root}libs/server-kit/src/lib/database/embedded-postgres.ts`],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  logLevel: 'warning',
});
// Else esbuild's service process and worker thread would stay beside the stack.
await stop();

export const { startEmbeddedPostgres, embeddedPostgresInUse } = createRequire(import.meta.url)(outfile);
