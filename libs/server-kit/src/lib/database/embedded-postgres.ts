import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { type PostgresBinaries, postgresBinaries } from './postgres-binaries';
import { type PostgresServerUser, postgresServerUser } from './postgres-server-user';

export interface EmbeddedPostgres {
  /** A `postgres://` URL on loopback (with its password) for the ordinary `pg` driver. */
  readonly url: string;
  /** Stops the server (fast shutdown: open sessions are ended) and releases the directory. */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The port to try first; when it is taken, or unset, a free one. */
  readonly port?: number;
  /** Receives every line the server logs; unset, lines are kept only to explain a failed start. */
  readonly onLog?: (line: string) => void;
}

/** Names the process that owns a data directory. */
const LOCK_FILE = 'embedded-postgres.pid';
const CLUSTER_DIR = 'postgres';
/** Written last by the first start, so its presence also says the cluster is complete. */
const PASSWORD_FILE = 'postgres-password';

const SERVER_SETTINGS = [
  'listen_addresses=127.0.0.1',
  // TCP only: no socket or lock file in /tmp that another embedded server could collide with.
  'unix_socket_directories=',
  // A development database: small buffers keep the idle stack small, and a crash may lose the
  // last commits but never consistency (fsync stays on).
  'shared_buffers=16MB',
  'synchronous_commit=off',
  // The readiness line below is matched in English.
  'lc_messages=C',
];
const READY_LINE = 'database system is ready to accept connections';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

// The server's parent is this shell, which watches its stdin: the app closes it to stop the
// server, and the kernel closes it when the app dies, so no server outlives its app.
const WATCH_PARENT = [
  'exec 3<&0',
  '"$@" 3<&- </dev/null &',
  'server=$!',
  '{ read -r _ <&3; kill -INT "$server" 2>/dev/null; } &',
  'watcher=$!',
  'wait "$server"; status=$?',
  'kill "$watcher" 2>/dev/null',
  'exit "$status"',
].join('\n');

type ServerProcess = ChildProcessByStdio<Writable, null, Readable>;

/**
 * A real PostgreSQL 17 server without an install: the binaries of the `embedded-postgres`
 * package, a cluster in `<dataDir>/postgres` (created on first start, reused after), on a
 * loopback port with a generated password (kept in `<dataDir>/postgres-password`).
 *
 * One process owns a data directory: a second start is refused while the first runs. The
 * server stops with `stop()`, and also when the owning process dies.
 *
 * @example
 * const db = await startEmbeddedPostgres('.data/orders-api');
 * const dataSource = await new DataSource({ type: 'postgres', url: db.url }).initialize();
 */
export async function startEmbeddedPostgres(dataDir: string, options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  await mkdir(dataDir, { recursive: true });
  const unlock = await lockDataDir(dataDir);
  try {
    const binaries = postgresBinaries();
    const clusterDir = join(dataDir, CLUSTER_DIR);
    const user = await postgresServerUser(dataDir, clusterDir, binaries.postgres);
    const password = await ensureCluster(binaries, user, dataDir, clusterDir);
    await waitForPreviousServer(clusterDir);
    const { server, port } = await startServer(binaries, user, clusterDir, options);
    let stopped: Promise<void> | undefined;
    return {
      url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
      stop: () => (stopped ??= stopServer(server).then(unlock)),
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}

/**
 * The live process using the embedded PostgreSQL in `dataDir` (its owner, or a server still
 * shutting down), or `undefined` when none does.
 */
export async function embeddedPostgresInUse(dataDir: string): Promise<number | undefined> {
  const owner = await readPid(join(dataDir, LOCK_FILE));
  if (owner !== undefined && isRunning(owner)) return owner;
  const server = await readPid(join(dataDir, CLUSTER_DIR, 'postmaster.pid'));
  return server !== undefined && isRunning(server) ? server : undefined;
}

/** The cluster's password, after creating the cluster if this is the first start. */
async function ensureCluster(binaries: PostgresBinaries, user: PostgresServerUser, dataDir: string, clusterDir: string): Promise<string> {
  const passwordFile = join(dataDir, PASSWORD_FILE);
  const existing = await readFile(passwordFile, 'utf8').catch(() => undefined);
  const clusterVersion = await readFile(join(clusterDir, 'PG_VERSION'), 'utf8').catch(() => undefined);
  if (existing !== undefined && clusterVersion !== undefined) return existing.trim();

  // Whatever an interrupted first start left behind is incomplete.
  await rm(clusterDir, { recursive: true, force: true });
  await mkdir(clusterDir, { mode: 0o700 });
  const password = randomBytes(24).toString('base64url');
  const pendingPasswordFile = `${passwordFile}.initdb`;
  await writeFile(pendingPasswordFile, `${password}\n`, { mode: 0o600 });
  if (user.uid !== undefined && user.gid !== undefined) {
    await chown(clusterDir, user.uid, user.gid);
    await chown(pendingPasswordFile, user.uid, user.gid);
  }
  const initdb = spawnAs(
    user,
    binaries.initdb,
    [
      `--pgdata=${clusterDir}`,
      '--username=postgres',
      '--auth=scram-sha-256',
      `--pwfile=${pendingPasswordFile}`,
      '--encoding=UTF8',
      '--locale=C',
      '--no-instructions',
      // A new development cluster: waiting for the disk would cost seconds on every fresh
      // data directory (each e2e app has one) for no data worth keeping yet.
      '--no-sync',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], timeout: START_TIMEOUT_MS },
  );
  let output = '';
  initdb.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  initdb.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((done, fail) => {
    initdb.once('error', fail);
    initdb.once('close', done);
  });
  if (code !== 0) {
    await rm(pendingPasswordFile, { force: true });
    throw new Error(`initdb could not create the embedded PostgreSQL in ${clusterDir} (exit ${code ?? 'by signal'}):\n${output.trim()}`);
  }
  await rename(pendingPasswordFile, passwordFile);
  return password;
}

/** A server of a process that died moments ago is still shutting down: let it finish (bounded). */
async function waitForPreviousServer(clusterDir: string): Promise<void> {
  const pid = await readPid(join(clusterDir, 'postmaster.pid'));
  const deadline = Date.now() + 15_000;
  while (pid !== undefined && isRunning(pid) && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 100));
  }
}

async function startServer(
  binaries: PostgresBinaries,
  user: PostgresServerUser,
  clusterDir: string,
  options: EmbeddedPostgresOptions,
): Promise<{ server: ServerProcess; port: number }> {
  // Another process may take a free port between our probe and the server's bind: try again.
  for (let attempt = 1; ; attempt++) {
    const port = attempt === 1 && options.port !== undefined ? options.port : await freePort();
    const settings = SERVER_SETTINGS.flatMap((setting) => ['-c', setting]);
    const server = spawnAs(
      user,
      '/bin/sh',
      ['-c', WATCH_PARENT, 'sh', binaries.postgres, '-D', clusterDir, '-p', String(port), ...settings],
      {
        // Its own process group: a Ctrl-C in the terminal reaches the app, which stops the server
        // after its own connections have closed.
        detached: true,
        stdio: ['pipe', 'ignore', 'pipe'],
      },
    ) as ServerProcess;
    const outcome = await serverReady(server, options.onLog);
    if (outcome.ready) return { server, port };
    const portTaken = outcome.log.some((line) => line.includes('could not create any TCP/IP sockets'));
    if (portTaken && attempt < 5) continue;
    throw new Error(`the embedded PostgreSQL in ${clusterDir} did not start: ${outcome.reason}\n${outcome.log.join('\n')}`);
  }
}

type StartOutcome = { ready: true } | { ready: false; reason: string; log: string[] };

function serverReady(server: ServerProcess, onLog: ((line: string) => void) | undefined): Promise<StartOutcome> {
  const recent: string[] = [];
  let pending = '';
  return new Promise((done) => {
    const timer = setTimeout(() => {
      process.kill(-(server.pid as number), 'SIGKILL');
      done({ ready: false, reason: `not ready within ${START_TIMEOUT_MS / 1000} s`, log: recent });
    }, START_TIMEOUT_MS);
    server.stderr.setEncoding('utf8');
    server.stderr.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        onLog?.(line);
        recent.push(line);
        if (recent.length > 30) recent.shift();
        if (line.includes(READY_LINE)) {
          clearTimeout(timer);
          done({ ready: true });
        }
      }
    });
    server.once('error', (error) => {
      clearTimeout(timer);
      done({ ready: false, reason: error.message, log: recent });
    });
    server.once('exit', (code, signal) => {
      clearTimeout(timer);
      done({ ready: false, reason: `the server exited (${signal ?? `code ${code}`})`, log: recent });
    });
  });
}

async function stopServer(server: ServerProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((done) => server.once('exit', done));
  server.stdin.end();
  const timer = setTimeout(() => process.kill(-(server.pid as number), 'SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function spawnAs(user: PostgresServerUser, command: string, args: readonly string[], options: Parameters<typeof spawn>[2]) {
  const [wrapper, ...wrapperArgs] = user.command;
  const env = { ...process.env, LC_ALL: 'C' };
  const identity = user.uid === undefined ? {} : { uid: user.uid, gid: user.gid };
  return wrapper === undefined
    ? spawn(command, args, { ...options, ...identity, env })
    : spawn(wrapper, [...wrapperArgs, command, ...args], { ...options, env });
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as AddressInfo;
  await new Promise((done) => probe.close(done));
  return port;
}

async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, LOCK_FILE);
  try {
    await writeFile(path, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = await readPid(path);
    if (owner !== undefined && isRunning(owner)) {
      throw new Error(
        `the embedded PostgreSQL in ${dataDir} is in use by process ${owner}: stop it first, use another DATA_DIR, or set DATABASE_URL to share a real PostgreSQL`,
      );
    }
    // Left by a process that died without stopping.
    await writeFile(path, String(process.pid));
  }
  return () => rm(path, { force: true });
}

/** The pid on the first line of a pid file, `undefined` when there is none. */
async function readPid(path: string): Promise<number | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  const pid = Number(text?.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
