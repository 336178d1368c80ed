// Starts a built app (dist/apps/<app>/main.js) as a child process on a free loopback port and a
// fresh embedded database, and waits until it is ready. Used by `npm run bench` and `npm run jobs:demo`.
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

/** `extraEnv` is an object, or a function of the app's base URL (auth-server needs its issuer). */
export async function startBuiltApp(app, extraEnv = {}, { stdio = 'inherit' } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), `${app}-`));
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const url = `http://127.0.0.1:${port}`;
  Object.assign(env, typeof extraEnv === 'function' ? extraEnv(url) : extraEnv);
  const child = spawn(process.execPath, [resolve(`dist/apps/${app}/main.js`)], { env, stdio: ['ignore', stdio, stdio] });
  const exited = new Promise((done) => child.once('exit', done));
  for (let attempt = 0; ; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`${app} exited with code ${child.exitCode}`);
    const ready = await fetch(`${url}/health/ready`).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) break;
    if (attempt > 300) throw new Error(`${app} did not become ready within 30 s`);
    await new Promise((done) => setTimeout(done, 100));
  }
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
