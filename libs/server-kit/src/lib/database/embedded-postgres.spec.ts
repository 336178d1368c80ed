import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'embedded-postgres-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function selectOne(url: string): Promise<unknown> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one;
  } finally {
    await client.end();
  }
}

describe('startEmbeddedPostgres', () => {
  it('serves PostgreSQL to the pg driver, and refuses a second owner of the data directory while it runs', async () => {
    const first = await startEmbeddedPostgres(dataDir);
    try {
      expect(await selectOne(first.url)).toBe(1);
      await expect(startEmbeddedPostgres(dataDir)).rejects.toThrow(`is in use by process ${process.pid}`);
    } finally {
      await first.stop();
    }
    const again = await startEmbeddedPostgres(dataDir);
    await again.stop();
  });

  it('takes over a data directory whose owner died without stopping', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(join(dataDir, 'embedded-postgres.pid'), String(dead));
    const db = await startEmbeddedPostgres(dataDir);
    expect(await selectOne(db.url)).toBe(1);
    await db.stop();
  });
});
