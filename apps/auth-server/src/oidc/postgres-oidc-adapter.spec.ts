import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@platform/server-kit';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { DataSource } from 'typeorm';
import { CreateOidcPayloads1764432000000 } from '../migrations/1764432000000-create-oidc-payloads';
import { AUTH_SERVER_SCHEMA, OIDC_PAYLOADS_TABLE, createPostgresOidcAdapter, deleteExpiredOidcPayloads } from './postgres-oidc-adapter';

// A real PostgreSQL: DATABASE_URL when set (CI), else the embedded one. Other suites may share
// the database and its auth_server schema, so every row here has a random id of its own and
// the tests assert only on those rows.
let dataSource: DataSource;
let embedded: EmbeddedPostgres | undefined;
let dataDir: string | undefined;
const ownIds: string[] = [];

beforeAll(async () => {
  let url = process.env['DATABASE_URL'];
  if (!url) {
    dataDir = await mkdtemp(join(tmpdir(), 'oidc-adapter-spec-'));
    embedded = await startEmbeddedPostgres(dataDir);
    url = embedded.url;
  }
  dataSource = await new DataSource({
    type: 'postgres',
    url,
    schema: AUTH_SERVER_SCHEMA,
    migrations: [CreateOidcPayloads1764432000000],
    migrationsTableName: 'migrations',
    synchronize: false,
  }).initialize();
  await migrate();
}, 60_000);

afterAll(async () => {
  if (dataSource?.isInitialized) {
    await dataSource.query(`DELETE FROM ${OIDC_PAYLOADS_TABLE} WHERE id = ANY($1)`, [ownIds]);
    await dataSource.destroy();
  }
  await embedded?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Creates the schema and runs the migration under the lock the app's DatabaseModule takes (the server may be shared). */
async function migrate(): Promise<void> {
  const lock = `migrations:${AUTH_SERVER_SCHEMA}`;
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [lock]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS ${AUTH_SERVER_SCHEMA}`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [lock]);
    await runner.release();
  }
}

function adapter(model: string): Adapter {
  const PostgresOidcAdapter = createPostgresOidcAdapter(dataSource);
  return new PostgresOidcAdapter(model);
}

/** A random id, deleted after the suite. */
function newId(suffix = ''): string {
  const id = `${randomUUID()}${suffix}`;
  ownIds.push(id);
  return id;
}

async function expireNow(model: string, id: string): Promise<void> {
  await dataSource.query(`UPDATE ${OIDC_PAYLOADS_TABLE} SET expires_at = now() - interval '1 second' WHERE model = $1 AND id = $2`, [
    model,
    id,
  ]);
}

/** Seconds from the database's now() to the row's expires_at; null when it never expires. */
async function remainingS(model: string, id: string): Promise<number | null> {
  const [row] = await dataSource.query<{ remaining_s: number | null }[]>(
    `SELECT extract(epoch FROM expires_at - now())::float8 AS remaining_s FROM ${OIDC_PAYLOADS_TABLE} WHERE model = $1 AND id = $2`,
    [model, id],
  );
  if (row === undefined) throw new Error(`no row ${model} ${id}`);
  return row.remaining_s;
}

describe('createPostgresOidcAdapter', () => {
  it('finds the payload that upsert stored', async () => {
    const sessions = adapter('Session');
    const id = newId();
    const payload: AdapterPayload = { jti: id, kind: 'Session', accountId: 'user-1', loginTs: 1_764_432_000, uid: newId() };

    await sessions.upsert(id, payload, 3600);

    expect(await sessions.find(id)).toEqual(payload);
  });

  it('replaces payload, expiry and lookups when upsert is called again for the same id', async () => {
    const codes = adapter('DeviceCode');
    const id = newId();
    const [firstCode, firstUid, firstGrant] = [newId(), newId(), newId()];
    const [secondCode, secondUid, secondGrant] = [newId(), newId(), newId()];
    await codes.upsert(id, { jti: id, userCode: firstCode, uid: firstUid, grantId: firstGrant, clientId: 'first' }, 60);
    const second: AdapterPayload = { jti: id, userCode: secondCode, uid: secondUid, grantId: secondGrant, clientId: 'second' };

    await codes.upsert(id, second);

    expect(await codes.find(id)).toEqual(second);
    expect(await remainingS('DeviceCode', id)).toBeNull();
    expect(await codes.findByUserCode(firstCode)).toBeUndefined();
    expect(await codes.findByUserCode(secondCode)).toEqual(second);
    expect(await codes.findByUid(firstUid)).toBeUndefined();
    expect(await codes.findByUid(secondUid)).toEqual(second);
    await codes.revokeByGrantId(firstGrant);
    expect(await codes.find(id)).toEqual(second);
  });

  it('finds nothing for an id that was never stored', async () => {
    expect(await adapter('AccessToken').find(newId())).toBeUndefined();
  });

  it('keeps the same id under two models as two separate rows', async () => {
    const id = newId();
    await adapter('AccessToken').upsert(id, { jti: id, kind: 'AccessToken' }, 600);
    await adapter('RefreshToken').upsert(id, { jti: id, kind: 'RefreshToken' }, 600);

    await adapter('AccessToken').destroy(id);

    expect(await adapter('AccessToken').find(id)).toBeUndefined();
    expect(await adapter('RefreshToken').find(id)).toEqual({ jti: id, kind: 'RefreshToken' });
    expect(await adapter('Grant').find(id)).toBeUndefined();
  });

  it('sets expires_at expiresIn seconds after the database clock', async () => {
    const id = newId();
    await adapter('AccessToken').upsert(id, { jti: id }, 3600);

    const remaining = await remainingS('AccessToken', id);

    expect(remaining).toBeGreaterThan(3590);
    expect(remaining).toBeLessThanOrEqual(3600);
  });

  it('finds nothing by id, user code or uid once expires_at has passed', async () => {
    const codes = adapter('DeviceCode');
    const sessions = adapter('Session');
    const [codeId, userCode, sessionId, uid] = [newId(), newId(), newId(), newId()];
    await codes.upsert(codeId, { jti: codeId, userCode }, 1);
    await sessions.upsert(sessionId, { jti: sessionId, uid }, 1);
    expect(await codes.find(codeId)).toBeDefined();

    // Moves the expiry into the past instead of sleeping past it.
    await expireNow('DeviceCode', codeId);
    await expireNow('Session', sessionId);

    expect(await codes.find(codeId)).toBeUndefined();
    expect(await codes.findByUserCode(userCode)).toBeUndefined();
    expect(await sessions.findByUid(uid)).toBeUndefined();
  });

  it('never expires a payload upserted without a positive expiresIn', async () => {
    const grants = adapter('Grant');
    const [withoutTtl, zeroTtl] = [newId(), newId()];

    await grants.upsert(withoutTtl, { jti: withoutTtl, accountId: 'user-1' });
    await grants.upsert(zeroTtl, { jti: zeroTtl, accountId: 'user-1' }, 0);
    await deleteExpiredOidcPayloads(dataSource);

    expect(await remainingS('Grant', withoutTtl)).toBeNull();
    expect(await remainingS('Grant', zeroTtl)).toBeNull();
    expect(await grants.find(withoutTtl)).toEqual({ jti: withoutTtl, accountId: 'user-1' });
  });

  it('marks a consumed row with consumed in epoch seconds and still finds it', async () => {
    const codes = adapter('AuthorizationCode');
    const id = newId();
    await codes.upsert(id, { jti: id, clientId: 'app' }, 60);
    expect(await codes.find(id)).not.toHaveProperty('consumed');

    await codes.consume(id);

    const found = await codes.find(id);
    expect(found).toMatchObject({ jti: id, clientId: 'app', consumed: expect.any(Number) });
    const consumed = found?.consumed as number;
    expect(Number.isInteger(consumed)).toBe(true);
    expect(Math.abs(consumed - Date.now() / 1000)).toBeLessThan(60);
  });

  it('keeps a consumed row consumed when it is upserted again', async () => {
    const tokens = adapter('RefreshToken');
    const id = newId();
    await tokens.upsert(id, { jti: id, rotations: 0 }, 60);
    await tokens.consume(id);

    await tokens.upsert(id, { jti: id, rotations: 1 }, 60);

    expect(await tokens.find(id)).toMatchObject({ jti: id, rotations: 1, consumed: expect.any(Number) });
  });

  it('consumes only the row of that model and id', async () => {
    const [id, otherId] = [newId(), newId()];
    await adapter('AuthorizationCode').upsert(id, { jti: id }, 60);
    await adapter('AuthorizationCode').upsert(otherId, { jti: otherId }, 60);
    await adapter('DeviceCode').upsert(id, { jti: id }, 60);

    await adapter('AuthorizationCode').consume(id);

    expect(await adapter('AuthorizationCode').find(otherId)).not.toHaveProperty('consumed');
    expect(await adapter('DeviceCode').find(id)).not.toHaveProperty('consumed');
  });

  it('destroys only the row of that model and id', async () => {
    const interactions = adapter('Interaction');
    const [id, otherId] = [newId(), newId()];
    await interactions.upsert(id, { jti: id }, 600);
    await interactions.upsert(otherId, { jti: otherId }, 600);

    await interactions.destroy(id);

    expect(await interactions.find(id)).toBeUndefined();
    expect(await interactions.find(otherId)).toEqual({ jti: otherId });
  });

  it('revokeByGrantId deletes the rows of every model with that grant and keeps the rest', async () => {
    const [grantId, otherGrantId] = [newId(), newId()];
    const [accessId, refreshId, codeId, otherAccessId] = [newId(), newId(), newId(), newId()];
    await adapter('Grant').upsert(grantId, { jti: grantId, accountId: 'user-1' }, 3600);
    await adapter('AccessToken').upsert(accessId, { jti: accessId, grantId }, 3600);
    await adapter('RefreshToken').upsert(refreshId, { jti: refreshId, grantId }, 3600);
    await adapter('AuthorizationCode').upsert(codeId, { jti: codeId, grantId }, 60);
    await adapter('AccessToken').upsert(otherAccessId, { jti: otherAccessId, grantId: otherGrantId }, 3600);

    await adapter('AccessToken').revokeByGrantId(grantId);

    expect(await adapter('AccessToken').find(accessId)).toBeUndefined();
    expect(await adapter('RefreshToken').find(refreshId)).toBeUndefined();
    expect(await adapter('AuthorizationCode').find(codeId)).toBeUndefined();
    expect(await adapter('AccessToken').find(otherAccessId)).toEqual({ jti: otherAccessId, grantId: otherGrantId });
    // The Grant itself has no grantId; oidc-provider destroys it separately.
    expect(await adapter('Grant').find(grantId)).toEqual({ jti: grantId, accountId: 'user-1' });
  });

  it('findByUserCode finds the row of its own model with that user code', async () => {
    const [id, userCode] = [newId(), newId()];
    await adapter('DeviceCode').upsert(id, { jti: id, userCode, clientId: 'tv' }, 600);

    expect(await adapter('DeviceCode').findByUserCode(userCode)).toEqual({ jti: id, userCode, clientId: 'tv' });
    expect(await adapter('AccessToken').findByUserCode(userCode)).toBeUndefined();
    expect(await adapter('DeviceCode').findByUserCode(newId())).toBeUndefined();
  });

  it('findByUid finds the row of its own model with that uid', async () => {
    const [id, uid] = [newId(), newId()];
    await adapter('Session').upsert(id, { jti: id, uid, accountId: 'user-1' }, 600);

    expect(await adapter('Session').findByUid(uid)).toEqual({ jti: id, uid, accountId: 'user-1' });
    expect(await adapter('Interaction').findByUid(uid)).toBeUndefined();
    expect(await adapter('Session').findByUid(newId())).toBeUndefined();
  });

  it('round-trips quotes, backslashes and unicode unchanged, in the payload and the id', async () => {
    const sessions = adapter('Session');
    const id = newId(`'"\\ é 🔐`);
    const payload: AdapterPayload = {
      jti: id,
      accountId: `O'Brien "the \\ user"`,
      extra: {
        sql: `'); DROP TABLE ${OIDC_PAYLOADS_TABLE}; --`,
        placeholders: '$1 $2 ?',
        escapes: 'tab\tnewline\nbackslash\\u0041 \\"',
        unicode: 'Grüße, 認証, مرحبا, e\u0301, 🔐👩‍💻',
        nested: [{ 'key "quoted"': "it's" }, null, true, 1.5],
      },
    };

    await sessions.upsert(id, payload, 600);

    expect(await sessions.find(id)).toEqual(payload);
  });
});

describe('deleteExpiredOidcPayloads', () => {
  it('deletes rows past their expiry, keeps live ones and returns how many it deleted', async () => {
    const tokens = adapter('AccessToken');
    const [expiredId, liveId, foreverId] = [newId(), newId(), newId()];
    await tokens.upsert(expiredId, { jti: expiredId }, 1);
    await tokens.upsert(liveId, { jti: liveId }, 3600);
    await tokens.upsert(foreverId, { jti: foreverId });
    await expireNow('AccessToken', expiredId);

    const deleted = await deleteExpiredOidcPayloads(dataSource);

    expect(deleted).toBeGreaterThanOrEqual(1);
    const [{ count }] = await dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM ${OIDC_PAYLOADS_TABLE} WHERE model = 'AccessToken' AND id = $1`,
      [expiredId],
    );
    expect(count).toBe(0);
    expect(await tokens.find(liveId)).toEqual({ jti: liveId });
    expect(await tokens.find(foreverId)).toEqual({ jti: foreverId });
  });
});
