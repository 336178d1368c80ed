import type { Adapter, AdapterConstructor, AdapterPayload } from 'oidc-provider';
import type { DataSource } from 'typeorm';

/** The auth-server's PostgreSQL schema; the migration and the adapter qualify their table with it. */
export const AUTH_SERVER_SCHEMA = 'auth_server';

/** The table holding every oidc-provider model (sessions, codes, tokens, grants, interactions). */
export const OIDC_PAYLOADS_TABLE = `${AUTH_SERVER_SCHEMA}.oidc_payloads`;

interface PayloadRow {
  id: string;
  payload: unknown;
  consumed_at: Date | null;
}

// A row past expires_at is gone for oidc-provider even before the clean-up deletes it.
const LIVE = '(expires_at IS NULL OR expires_at > now())';

/**
 * oidc-provider's `adapter` option: stores all its models in `auth_server.oidc_payloads`, one
 * row per (model, id). Expiry is computed by PostgreSQL (`now()`), so the app's clock never
 * disagrees with the database's about what has expired.
 */
export function createPostgresOidcAdapter(dataSource: DataSource): AdapterConstructor {
  return class PostgresOidcAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      const ttlS = typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : null;
      // A NULL ttl makes expires_at NULL (make_interval is strict): no expiry. consumed_at is left
      // as it is on update: re-saving a used code must not make it usable again.
      await dataSource.query(
        `INSERT INTO ${OIDC_PAYLOADS_TABLE} (model, id, payload, grant_id, user_code, uid, expires_at)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6, now() + make_interval(secs => $7::double precision))
         ON CONFLICT (model, id) DO UPDATE SET
           payload = EXCLUDED.payload,
           grant_id = EXCLUDED.grant_id,
           user_code = EXCLUDED.user_code,
           uid = EXCLUDED.uid,
           expires_at = EXCLUDED.expires_at`,
        [this.model, id, JSON.stringify(payload), payload.grantId ?? null, payload.userCode ?? null, payload.uid ?? null, ttlS],
      );
    }

    find(id: string): Promise<AdapterPayload | undefined> {
      return this.findWhere('id', id);
    }

    findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return this.findWhere('user_code', userCode);
    }

    findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return this.findWhere('uid', uid);
    }

    async consume(id: string): Promise<void> {
      await dataSource.query(`UPDATE ${OIDC_PAYLOADS_TABLE} SET consumed_at = now() WHERE model = $1 AND id = $2`, [this.model, id]);
    }

    async destroy(id: string): Promise<void> {
      await dataSource.query(`DELETE FROM ${OIDC_PAYLOADS_TABLE} WHERE model = $1 AND id = $2`, [this.model, id]);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      // Across models: revoking a grant revokes its access and refresh tokens, codes and so on.
      await dataSource.query(`DELETE FROM ${OIDC_PAYLOADS_TABLE} WHERE grant_id = $1`, [grantId]);
    }

    private async findWhere(column: 'id' | 'user_code' | 'uid', value: string): Promise<AdapterPayload | undefined> {
      const [row] = await dataSource.query<PayloadRow[]>(
        `SELECT id, payload, consumed_at FROM ${OIDC_PAYLOADS_TABLE}
         WHERE model = $1 AND ${column} = $2 AND ${LIVE} LIMIT 1`,
        [this.model, value],
      );
      if (row === undefined) return undefined;
      const payload = asPayload(row.payload, `${this.model} ${row.id}`);
      // oidc-provider treats a code or token with `consumed` set as used (replay detection).
      return row.consumed_at === null ? payload : { ...payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) };
    }
  };
}

/**
 * Deletes the rows whose expiry has passed and returns how many; the app runs it periodically,
 * since expired rows are already invisible to oidc-provider but still take space.
 */
export async function deleteExpiredOidcPayloads(dataSource: DataSource): Promise<number> {
  const [{ count }] = await dataSource.query<{ count: number }[]>(
    `WITH deleted AS (DELETE FROM ${OIDC_PAYLOADS_TABLE} WHERE expires_at <= now() RETURNING 1)
     SELECT count(*)::int AS count FROM deleted`,
  );
  return count;
}

function asPayload(value: unknown, what: string): AdapterPayload {
  // upsert only ever stores objects; anything else was written by something other than this adapter.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${OIDC_PAYLOADS_TABLE}: the payload of ${what} is not a JSON object`);
  }
  return value as AdapterPayload;
}
