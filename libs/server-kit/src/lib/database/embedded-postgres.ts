import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** A `postgres://` URL on loopback for the ordinary `pg` driver. */
  readonly url: string;
  stop(): Promise<void>;
}

/** Names the process that owns a data directory. */
const LOCK_FILE = 'embedded-postgres.pid';

/**
 * PostgreSQL without a server install: PGlite (PostgreSQL compiled to WebAssembly) keeping its
 * files in `dataDir`, served on a random loopback port by pglite-socket, so the app talks to it
 * with the same `pg` driver, SQL and migrations as to a real PostgreSQL.
 *
 * One process owns a data directory: PGlite has no shared memory between processes, so a second
 * one writing the same files would corrupt them. A second start is refused while the first runs.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  await mkdir(dataDir, { recursive: true });
  const unlock = await lockDataDir(dataDir);
  try {
    const db = await PGlite.create(dataDir);
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
    await server.start();
    const address = server.getServerConn();
    return {
      url: `postgres://postgres@${address}/postgres`,
      async stop() {
        await server.stop();
        await db.close();
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}

async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, LOCK_FILE);
  try {
    await writeFile(path, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number(await readFile(path, 'utf8'));
    if (isRunning(owner)) {
      throw new Error(
        `the embedded PostgreSQL in ${dataDir} is in use by process ${owner}: stop it first, use another DATA_DIR, or set DATABASE_URL to share a real PostgreSQL`,
      );
    }
    // Left by a process that died without stopping.
    await writeFile(path, String(process.pid));
  }
  return () => rm(path, { force: true });
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
