// Starts a built app (dist/apps/<app>/main.js) as a child process on a free loopback port and a
// fresh embedded database, and waits until it is ready. Used by `npm run bench` and `npm run jobs:demo`
// (`waitUntilReady` by `npm start` too).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export async function listen(server) {
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return server.address().port;
}

export async function freePort() {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((done) => probe.close(done));
  return port;
}

/**
 * Polls `readyUrl` every 100 ms until it answers 2xx. `stillRunning` is asked before each try:
 * false stops waiting quietly (the caller is shutting down); a throw stops with that error.
 */
export async function waitUntilReady(readyUrl, { name, timeoutMs, stillRunning = () => true }) {
  const deadline = Date.now() + timeoutMs;
  while (stillRunning()) {
    const ready = await fetch(readyUrl).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`${name} did not become ready at ${readyUrl} within ${timeoutMs / 1000} s`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** `extraEnv` is an object, or a function of the app's base URL (auth-server needs its issuer). */
export function startBuiltApp(app, extraEnv = {}, options = {}) {
  return startNodeServer(app, resolve(`dist/apps/${app}/main.js`), extraEnv, options);
}

/**
 * Runs `script` with plain node as a server on a free loopback port (`PORT`, `HOST`), a fresh
 * `DATA_DIR` and no `DATABASE_URL` / `REDIS_URL`, and waits until its `/health/ready` answers.
 * `nodeArgs` go before the script (`--cpu-prof`, say).
 */
export async function startNodeServer(name, script, extraEnv = {}, { stdio = 'inherit', nodeArgs = [] } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), `${name}-`));
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const url = `http://127.0.0.1:${port}`;
  Object.assign(env, typeof extraEnv === 'function' ? extraEnv(url) : extraEnv);
  const child = spawn(process.execPath, [...nodeArgs, script], { env, stdio: ['ignore', stdio, stdio] });
  const exited = new Promise((done) => child.once('exit', done));
  await waitUntilReady(`${url}/health/ready`, {
    name,
    timeoutMs: 30_000,
    stillRunning: () => {
      if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
      return true;
    },
  });
  return {
    url,
    // utime + stime of the server process, in microseconds (the kernel counts in 10 ms ticks).
    cpuMicros: () => {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10_000;
    },
    rssMiB: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
