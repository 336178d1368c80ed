import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** A secret generated once per database and kept there, and whether this call generated it. */
export interface ServerSecret {
  readonly value: string;
  readonly generated: boolean;
}

/**
 * Secrets the app generates on first start when the operator configured none (development only:
 * a secret kept beside the data it protects protects little). Replicas starting together must
 * agree on one value, so the read-or-insert runs under a transaction-scoped advisory lock.
 */
export class ServerSecrets {
  constructor(private readonly dataSource: DataSource) {}

  /** The secret `name`: the stored one, or 32 random bytes (base64url) stored now. */
  async getOrCreate(name: string): Promise<ServerSecret> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('orders_api:server_secrets'))`);
      const [row] = await manager.query<{ value: string }[]>('SELECT value FROM orders_api.server_secrets WHERE name = $1', [name]);
      if (row) return { value: row.value, generated: false };
      const value = randomBytes(32).toString('base64url');
      await manager.query('INSERT INTO orders_api.server_secrets (name, value) VALUES ($1, $2)', [name, value]);
      return { value, generated: true };
    });
  }
}
