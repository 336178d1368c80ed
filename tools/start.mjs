// npm start: the local stack from dist/ (built just before by `npm run build`) on ONE embedded
// PostgreSQL, its cluster in .data/postgres under the working directory (kept between runs;
// `npm run reset` deletes it). Each app gets DATABASE_URL to it and keeps its tables in its own
// schema. Output is prefixed by each process's name. Ctrl-C (SIGINT or SIGTERM) stops the apps,
// then PostgreSQL; so does any app exiting, so a broken app never hides behind a running one.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from './lib/embedded-postgres.mjs';
import { waitUntilReady } from './lib/start-built-app.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const exitWithParent = `${root}tools/lib/exit-with-parent.cjs`;
const startedAt = Date.now();

// In start order, each waiting for the one before to be ready: the issuer first (the APIs
// discover its JWKS), the job runner after the APIs it calls, the web app last.
const apps = [
  { name: 'auth-server', port: 3000, ready: 'http://127.0.0.1:3000/health/ready' },
  { name: 'orders-api', port: 3001, ready: 'http://127.0.0.1:3001/health/ready' },
  { name: 'payments-api', port: 3002, ready: 'http://127.0.0.1:3002/health/ready' },
  { name: 'job-runner' },
  { name: 'orders-web', port: 5173, ready: 'http://127.0.0.1:5173/health/live', optional: true },
];
const mainOf = (app) => `${root}dist/apps/${app}/main.js`;
const APP_STOP_TIMEOUT_MS = 15_000;

const running = new Map();
let databaseStarting;
let database;
let stopping = false;

function prefixLines(name, stream, target) {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop();
    for (const line of lines) target.write(`[${name}] ${line}\n`);
  });
  stream.on('end', () => pending && target.write(`[${name}] ${pending}\n`));
}

async function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  process.exitCode = exitCode;
  await Promise.all([...running.values()].map(stopApp));
  // Last, once no app holds a connection: a fast shutdown that keeps the data.
  await databaseStarting?.then(
    (started) => started.stop(),
    () => undefined,
  );
  console.log('[start] stopped');
}

function stopApp(child) {
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  // Each app is its own process group (detached): this reaches anything it started too.
  const timer = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), APP_STOP_TIMEOUT_MS);
  return exited.finally(() => clearTimeout(timer));
}

function portIsFree(port) {
  return new Promise((done) => {
    const probe = createServer()
      .once('error', () => done(false))
      .listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

function startApp(name, env) {
  // Detached: a Ctrl-C in the terminal reaches only start.mjs, which stops the apps before
  // PostgreSQL. Their stdin pipe (see exit-with-parent.cjs) ends them if start.mjs dies.
  // A small young generation: garbage from start-up is collected early, so the stack idles
  // under 600 MB from the start (720 MB ten seconds after ready without it); a development stack
  // does not need the throughput a larger one buys.
  const child = spawn(process.execPath, ['--max-semi-space-size=2', '--require', exitWithParent, mainOf(name)], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  running.set(name, child);
  prefixLines(name, child.stdout, process.stdout);
  prefixLines(name, child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    running.delete(name);
    if (!stopping) {
      console.error(`[start] ${name} exited (${signal ?? `code ${code}`}); stopping the others`);
      void stopAll(code || 1);
    }
  });
}

function readyBlock(webApp) {
  const web = webApp ? 'http://localhost:5173' : 'http://localhost:5173 (not started: orders-web is not built yet)';
  return [
    '',
    `Ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s. Ctrl-C stops everything; the data stays in .data/ (npm run reset deletes it).`,
    `  web app         ${web}`,
    '  Swagger UI      http://localhost:3001/docs  http://localhost:3002/docs',
    '  OIDC discovery  http://localhost:3000/.well-known/openid-configuration',
    '  sign in as      alice / alice-password, bob / bob-password, ops / ops-password',
    '  machine token   curl -s -u job-runner:dev-only-job-runner-secret -d grant_type=client_credentials -d resource=urn:orders-api http://localhost:3000/token',
    `  PostgreSQL      ${new URL(database.url).host}, user postgres, password in .data/postgres-password`,
    '',
  ].join('\n');
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => void stopAll(0));
}

async function main() {
  const missing = apps.filter(({ name, optional }) => !optional && !existsSync(mainOf(name)));
  if (missing.length > 0) {
    throw new Error(`${missing.map(({ name }) => mainOf(name)).join(', ')} missing: run \`npm run build\` first (npm start does)`);
  }
  const toStart = apps.filter(({ name }) => existsSync(mainOf(name)));
  for (const { name, port } of toStart) {
    if (port !== undefined && !(await portIsFree(port))) {
      throw new Error(`port ${port} (${name}) is in use on 127.0.0.1: stop whatever holds it, then run npm start again`);
    }
  }

  databaseStarting = startEmbeddedPostgres('.data', {
    port: 5433,
    onLog: (line) => line && process.stdout.write(`[postgres] ${line}\n`),
  });
  database = await databaseStarting;
  const env = { ...process.env, DATABASE_URL: database.url };

  for (const { name, ready } of toStart) {
    if (stopping) return;
    startApp(name, env);
    if (ready) await waitUntilReady(ready, { name, timeoutMs: 60_000, stillRunning: () => !stopping });
  }
  if (!stopping) console.log(readyBlock(running.has('orders-web')));
}

main().catch(async (error) => {
  console.error(`[start] ${error.message}; stopping`);
  await stopAll(1);
});
