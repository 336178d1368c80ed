import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `api_keys` table, and `server_secrets` where a generated pepper is kept, in the app's
 * `schema`. TypeORM records a migration by its name: this one keeps the name orders-api shipped
 * it under, so databases that already ran it do not run it again.
 *
 * @example
 * migrations: [CreateOrders1764345600000, createApiKeysMigration('orders_api')]
 */
export function createApiKeysMigration(schema: string): new () => MigrationInterface {
  return class CreateApiKeys1764604800000 implements MigrationInterface {
    name = 'CreateApiKeys1764604800000';

    async up(runner: QueryRunner): Promise<void> {
      // Only the HMAC of each secret is stored: a copy of this table cannot call the API.
      await runner.query(`
        CREATE TABLE "${schema}".api_keys (
          id text PRIMARY KEY,
          client_id text NOT NULL,
          secret_hash text NOT NULL,
          scopes text[] NOT NULL,
          rate_limit_per_minute integer NOT NULL CHECK (rate_limit_per_minute BETWEEN 1 AND 10000000),
          created_at timestamptz NOT NULL,
          expires_at timestamptz,
          retired_at timestamptz,
          retired_until timestamptz,
          revoked_at timestamptz,
          last_used_at timestamptz,
          usage_count bigint NOT NULL DEFAULT 0
        )`);
      // Admin lists and the two-working-keys check both look keys up by client.
      await runner.query(`CREATE INDEX api_keys_client_idx ON "${schema}".api_keys (client_id)`);
      // Secrets generated on first start when not configured (the development API-key pepper).
      await runner.query(`
        CREATE TABLE "${schema}".server_secrets (
          name text PRIMARY KEY,
          value text NOT NULL
        )`);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`DROP TABLE "${schema}".server_secrets`);
      await runner.query(`DROP TABLE "${schema}".api_keys`);
    }
  };
}
