// `npm start` end to end, as a developer runs it: the built stack on one embedded PostgreSQL,
// every health endpoint, Ctrl-C, no process left, a second start on the same data, and
// `npm run reset`. It runs in a temporary working directory, so a developer's .data/ is never
// touched; the ports are the contract's fixed ones, so they must be free.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const APPS = ['auth-server', 'orders-api', 'payments-api', 'job-runner'];
const webAppBuilt = () => existsSync(join(root, 'dist/apps/orders-web/main.js'));
const PORTS = { 3000: 'auth-server', 3001: 'orders-api', 3002: 'payments-api', 5173: 'orders-web' };

let cwd;

function portIsFree(port) {
  return new Promise((done) => {
    const probe = createServer()
      .once('error', () => done(false))
      .listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

/** `node tools/start.mjs` in the temporary directory; resolves once it printed its ready block. */
async function startStack() {
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'DATA_DIR']) delete env[name];
  const child = spawn(process.execPath, [join(root, 'tools/start.mjs')], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  await new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no ready block within 120 s:\n${output}`)), 120_000);
    child.stdout.on('data', () => /^Ready in /m.test(output) && (clearTimeout(timer), done()));
    void exited.then(({ code, signal }) => (clearTimeout(timer), fail(new Error(`start.mjs exited (${signal ?? code}):\n${output}`))));
  });
  return { child, exited, output: () => output };
}

/** The pid and every descendant's, from /proc (Linux). */
function processTree(pid) {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  return [pid, ...children.flatMap(processTree)];
}

const alive = (pid) => spawnSync('kill', ['-0', String(pid)]).status === 0;

async function allGone(pids, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
  return pids.filter(alive);
}

const reset = () => spawnSync(process.execPath, [join(root, 'tools/reset.mjs')], { cwd, encoding: 'utf8', timeout: 30_000 });

beforeAll(async () => {
  const taken = [];
  for (const [port, app] of Object.entries(PORTS)) if (!(await portIsFree(Number(port)))) taken.push(`${port} (${app})`);
  if (taken.length > 0)
    throw new Error(`npm start needs the contract's ports, but ${taken.join(', ')} in use on 127.0.0.1: stop what holds them`);
  // CI runs npm test on a clean clone (no dist/): build the way npm start does.
  if (APPS.some((app) => !existsSync(join(root, `dist/apps/${app}/main.js`)))) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', timeout: 600_000 });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  }
  cwd = await mkdtemp(join(tmpdir(), 'npm-start-'));
  // mkdtemp makes it 0700; as root, PostgreSQL runs as nobody, who must pass through to .data/.
  await chmod(cwd, 0o755);
  await writeFile(join(cwd, 'not-data.txt'), 'reset deletes .data/ only');
}, 660_000);

afterAll(async () => {
  if (cwd) await rm(cwd, { recursive: true, force: true });
});

describe('npm start', () => {
  it('serves every app on one embedded PostgreSQL, and Ctrl-C stops every process with exit code 0', async () => {
    const stack = await startStack();
    const tree = processTree(stack.child.pid);
    try {
      for (const port of [3000, 3001, 3002]) {
        expect({ port, status: (await fetch(`http://127.0.0.1:${port}/health/ready`)).status }).toEqual({ port, status: 200 });
      }
      const discovery = await (await fetch('http://127.0.0.1:3000/.well-known/openid-configuration')).json();
      expect(discovery.issuer).toBe('http://localhost:3000');
      // The ready block's curl line: a client-credentials token.
      const token = await fetch('http://127.0.0.1:3000/token', {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from('job-runner:dev-only-job-runner-secret').toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'client_credentials', resource: 'urn:orders-api' }),
      });
      expect(token.status).toBe(200);
      if (webAppBuilt()) {
        expect((await fetch('http://127.0.0.1:5173/health/live')).status).toBe(200);
        expect((await fetch('http://127.0.0.1:5173/')).status).toBe(200);
      }
      // One PostgreSQL for the whole stack.
      const servers = tree.filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0].endsWith('/native/bin/postgres'));
      expect(servers).toHaveLength(1);
    } finally {
      stack.child.kill('SIGINT');
    }
    expect(await stack.exited).toEqual({ code: 0, signal: null });
    expect(await allGone(tree, 5_000)).toEqual([]);
    expect(stack.output()).toContain('database system is shut down');
  }, 180_000);

  it('starts again on the same data; killed outright, leaves no process; npm run reset then deletes .data/ and nothing else', async () => {
    const cluster = join(cwd, '.data/postgres/PG_VERSION');
    const created = (await stat(cluster)).mtimeMs;
    const stack = await startStack();
    const tree = processTree(stack.child.pid);
    expect((await stat(cluster)).mtimeMs).toBe(created);
    expect(stack.output()).toContain('database system was shut down');

    const refused = reset();
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('is in use by process');
    expect(existsSync(cluster)).toBe(true);

    stack.child.kill('SIGKILL');
    await stack.exited;
    expect(await allGone(tree, 20_000)).toEqual([]);

    const done = reset();
    expect(done.status).toBe(0);
    expect(existsSync(join(cwd, '.data'))).toBe(false);
    expect(existsSync(join(cwd, 'not-data.txt'))).toBe(true);
  }, 180_000);
});
