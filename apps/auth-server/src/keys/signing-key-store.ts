import { createHash, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { ServerSecrets } from '@platform/server-kit';
import type { DataSource } from 'typeorm';
import type { KeyEncryption } from './key-encryption';
import type { ScheduledKey } from './signing-key-schedule';

/** A stored signing key with its private JWK (RS256, `kid` and `alg` set). */
export interface StoredSigningKey extends ScheduledKey {
  readonly privateJwk: JsonWebKey & { kid: string; alg: 'RS256'; use: 'sig' };
}

interface SigningKeyRow {
  kid: string;
  private_jwk: string;
  signs_from: Date;
}

/**
 * The auth-server's signing keys and generated secrets in PostgreSQL (never in the repository),
 * sealed by `KeyEncryption`. Writes that must happen once across replicas (the first key, the
 * cookie keys) run under an advisory lock.
 */
export class SigningKeyStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly encryption: KeyEncryption,
  ) {}

  async list(): Promise<StoredSigningKey[]> {
    const rows = await this.dataSource.query<SigningKeyRow[]>(
      'SELECT kid, private_jwk, signs_from FROM auth_server.signing_keys ORDER BY signs_from',
    );
    return rows.map((row) => ({
      kid: row.kid,
      signsFrom: new Date(row.signs_from),
      privateJwk: JSON.parse(this.encryption.open(row.private_jwk)) as StoredSigningKey['privateJwk'],
    }));
  }

  /** Generates the first key, signing at once, unless a key exists. */
  async ensureFirstKey(): Promise<void> {
    await this.locked(async (query) => {
      const [{ count }] = await query<{ count: string }[]>('SELECT count(*) AS count FROM auth_server.signing_keys');
      if (Number(count) === 0) await this.insert(query, 0);
    });
  }

  /** Adds a key that is published now and signs from `leadS` seconds from now. */
  async rotate(leadS: number): Promise<{ kid: string; signsFrom: Date }> {
    return this.locked((query) => this.insert(query, leadS));
  }

  async delete(kids: readonly string[]): Promise<void> {
    if (kids.length === 0) return;
    await this.dataSource.query('DELETE FROM auth_server.signing_keys WHERE kid = ANY($1)', [kids]);
  }

  /** A secret generated once (random, 32 bytes, base64url) and kept sealed, such as cookie keys. */
  async secret(name: string): Promise<string> {
    return (await new ServerSecrets(this.dataSource, 'auth_server', this.encryption).getOrCreate(name)).value;
  }

  private async insert(query: Query, leadS: number): Promise<{ kid: string; signsFrom: Date }> {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = privateKey.export({ format: 'jwk' });
    const kid = thumbprint(jwk);
    const privateJwk = { ...jwk, kid, alg: 'RS256', use: 'sig' };
    const [row] = await query<{ signs_from: Date }[]>(
      `INSERT INTO auth_server.signing_keys (kid, private_jwk, signs_from)
       VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING signs_from`,
      [kid, this.encryption.seal(JSON.stringify(privateJwk)), leadS],
    );
    return { kid, signsFrom: new Date(row.signs_from) };
  }

  private async locked<T>(work: (query: Query) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query("SELECT pg_advisory_xact_lock(hashtext('auth_server:keys'))");
      return work((sql, parameters) => manager.query(sql, parameters));
    });
  }
}

type Query = <T = unknown>(sql: string, parameters?: unknown[]) => Promise<T>;

/** RFC 7638 JWK thumbprint of an RSA key: a `kid` that names the key itself. */
function thumbprint(jwk: JsonWebKey): string {
  const canonical = JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
  return createHash('sha256').update(canonical).digest('base64url');
}
