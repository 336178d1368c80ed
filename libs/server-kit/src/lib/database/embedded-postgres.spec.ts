import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { Client } from 'pg';
import { embeddedPostgresInUse, startEmbeddedPostgres } from './embedded-postgres';

const ROOT = resolve(__dirname, '../../../../..');
const asRoot = process.getuid?.() === 0 ? it : it.skip;

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'embedded-postgres-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function query<Row>(url: string, sql: string): Promise<Row[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Row[];
  } finally {
    await client.end();
  }
}

async function serverPid(dir: string): Promise<number> {
  return Number((await readFile(join(dir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

function isRunning(pid: number): boolean {
  return spawnSync('kill', ['-0', String(pid)]).status === 0;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((done) => setTimeout(done, 100));
  }
  return true;
}

describe('startEmbeddedPostgres', () => {
  it('serves PostgreSQL 17 to the pg driver, and refuses a second owner of the data directory while it runs', async () => {
    const first = await startEmbeddedPostgres(dataDir);
    try {
      const [row] = await query<{ server_version: string }>(first.url, 'SHOW server_version');
      expect(row?.server_version).toMatch(/^17\./);
      expect(await embeddedPostgresInUse(dataDir)).toBe(process.pid);
      await expect(startEmbeddedPostgres(dataDir)).rejects.toThrow(`is in use by process ${process.pid}`);
    } finally {
      await first.stop();
    }
    expect(await embeddedPostgresInUse(dataDir)).toBeUndefined();
  });

  it('keeps the data across restarts, reusing the cluster and its password', async () => {
    const first = await startEmbeddedPostgres(dataDir);
    await query(first.url, 'CREATE TABLE kept (value text); INSERT INTO kept VALUES ($$still here$$)');
    await first.stop();
    const password = await readFile(join(dataDir, 'postgres-password'), 'utf8');

    const again = await startEmbeddedPostgres(dataDir);
    try {
      expect(await query(again.url, 'SELECT value FROM kept')).toEqual([{ value: 'still here' }]);
      expect(await readFile(join(dataDir, 'postgres-password'), 'utf8')).toBe(password);
    } finally {
      await again.stop();
    }
  });

  it('accepts loopback connections only with the password', async () => {
    const db = await startEmbeddedPostgres(dataDir);
    try {
      const wrong = new URL(db.url);
      wrong.password = 'wrong';
      await expect(query(wrong.href, 'SELECT 1')).rejects.toThrow('password authentication failed');
    } finally {
      await db.stop();
    }
  });

  it('takes over a data directory whose owner died without stopping', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(join(dataDir, 'embedded-postgres.pid'), String(dead));
    const db = await startEmbeddedPostgres(dataDir);
    expect(await query(db.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await db.stop();
  });

  it('stops the server when the owning process is killed, so the next owner can start at once', async () => {
    // The owner is another node process, running this module bundled.
    const script = join(dataDir, 'owner.cjs');
    const [bundle] = buildSync({
      entryPoints: [join(__dirname, 'embedded-postgres.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      packages: 'external',
      write: false,
    }).outputFiles;
    const owned = join(dataDir, 'owned');
    await writeFile(
      script,
      `${bundle?.text}\nmodule.exports.startEmbeddedPostgres(${JSON.stringify(owned)}).then(() => process.stdout.write('ready\\n'));`,
    );
    const owner = spawn(process.execPath, [script], {
      env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise((done) => owner.stdout.once('data', done));
    const pid = await serverPid(owned);
    expect(isRunning(pid)).toBe(true);

    owner.kill('SIGKILL');
    expect(await until(() => !isRunning(pid), 15_000)).toBe(true);
    const next = await startEmbeddedPostgres(owned);
    expect(await query(next.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await next.stop();
  });

  asRoot('runs the server unprivileged when started by root (PostgreSQL refuses root)', async () => {
    const db = await startEmbeddedPostgres(dataDir);
    try {
      const pid = await serverPid(dataDir);
      const uid = Number(/^Uid:\s+(\d+)/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1]);
      const ownNamespace = (await readFile(`/proc/${pid}/uid_map`, 'utf8')) !== (await readFile('/proc/self/uid_map', 'utf8'));
      expect(uid !== 0 || ownNamespace).toBe(true);
    } finally {
      await db.stop();
    }
  });

  asRoot('as root under a directory user nobody cannot enter, runs in a user namespace or says what to do', async () => {
    // mkdtemp makes a 0700 directory: nobody cannot pass through it to the data directory.
    const hidden = join(dataDir, 'hidden', 'app');
    await startEmbeddedPostgres(hidden).then(
      async (db) => {
        expect(await query(db.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
        await db.stop();
      },
      (error: Error) => expect(error.message).toContain('neither can user nobody reach'),
    );
  });
});
