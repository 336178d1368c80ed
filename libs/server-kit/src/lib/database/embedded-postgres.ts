import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** A `postgres://` URL on loopback for the ordinary `pg` driver. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL without a server install: PGlite (PostgreSQL compiled to WebAssembly) keeping its
 * files in `dataDir`, served on a random loopback port by pglite-socket, so the app talks to it
 * with the same `pg` driver, SQL and migrations as to a real PostgreSQL.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgres://postgres@${address}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
