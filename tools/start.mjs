// npm start: runs the local stack from dist/ (built just before by `npm run build`), each app
// on its embedded defaults, with its output prefixed by its name. Ctrl-C stops them all; if
// one app exits, the others are stopped too, so a broken app never hides behind a running one.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { waitUntilReady } from './lib/start-built-app.mjs';

// In start order, each waiting for the one before to be ready: the issuer first (the APIs
// discover its JWKS), the job runner last (it calls everything else).
const apps = [
  { name: 'auth-server', ready: 'http://127.0.0.1:3000/health/ready' },
  { name: 'orders-api', ready: 'http://127.0.0.1:3001/health/ready' },
  { name: 'payments-api', ready: 'http://127.0.0.1:3002/health/ready' },
  { name: 'job-runner' },
];

const running = new Map();
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

function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  process.exitCode = exitCode;
  for (const child of running.values()) child.kill('SIGTERM');
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => stopAll(0));
}

for (const { name: app, ready } of apps) {
  if (stopping) break;
  const main = `dist/apps/${app}/main.js`;
  if (!existsSync(main)) {
    console.error(`${main} is missing: run \`npm run build\` first (npm start does).`);
    process.exit(1);
  }
  const child = spawn(process.execPath, [main], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.set(app, child);
  prefixLines(app, child.stdout, process.stdout);
  prefixLines(app, child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    running.delete(app);
    if (!stopping) {
      console.error(`[start] ${app} exited (${signal ?? `code ${code}`}); stopping the others`);
      stopAll(code || 1);
    }
  });
  if (ready) {
    await waitUntilReady(ready, { name: app, timeoutMs: 60_000, stillRunning: () => !stopping }).catch((error) => {
      console.error(`[start] ${error.message}; stopping`);
      stopAll(1);
    });
  }
}
