import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** A secret generated once per database and kept there, and whether this call generated it. */
export interface ServerSecret {
  readonly value: string;
  readonly generated: boolean;
}

/** How stored values are protected at rest; the default keeps them as they are. */
export interface SecretSealing {
  seal(plaintext: string): string;
  open(stored: string): string;
}

const UNSEALED: SecretSealing = { seal: (value) => value, open: (value) => value };

/**
 * Secrets an app generates on first start, such as cookie keys, or a pepper when the operator
 * configured none (development only: a secret kept beside the data it protects protects little).
 * Kept in `<schema>.server_secrets (name text primary key, value text not null)`. Replicas
 * starting together must agree on one value, so the read-or-insert runs under a
 * transaction-scoped advisory lock.
 *
 * @example
 * const { value } = await new ServerSecrets(dataSource, 'auth_server', keyEncryption).getOrCreate('cookie-key');
 */
export class ServerSecrets {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly sealing: SecretSealing = UNSEALED,
  ) {}

  /** The secret `name`: the stored one, or 32 random bytes (base64url) stored now. */
  async getOrCreate(name: string): Promise<ServerSecret> {
    const table = `"${this.schema}".server_secrets`;
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${this.schema}:server_secrets`]);
      const [row] = await manager.query<{ value: string }[]>(`SELECT value FROM ${table} WHERE name = $1`, [name]);
      if (row) return { value: this.sealing.open(row.value), generated: false };
      const value = randomBytes(32).toString('base64url');
      await manager.query(`INSERT INTO ${table} (name, value) VALUES ($1, $2)`, [name, this.sealing.seal(value)]);
      return { value, generated: true };
    });
  }
}
