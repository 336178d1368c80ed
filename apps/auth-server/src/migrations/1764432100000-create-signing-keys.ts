import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSigningKeys1764432100000 implements MigrationInterface {
  name = 'CreateSigningKeys1764432100000';

  async up(runner: QueryRunner): Promise<void> {
    // private_jwk is AES-256-GCM sealed when KEYS_ENCRYPTION_KEY is set.
    await runner.query(`
      CREATE TABLE auth_server.signing_keys (
        kid text PRIMARY KEY,
        private_jwk text NOT NULL,
        signs_from timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Secrets the server generates at first start (cookie signing keys), sealed like the keys.
    await runner.query(`
      CREATE TABLE auth_server.server_secrets (
        name text PRIMARY KEY,
        value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE auth_server.server_secrets`);
    await runner.query(`DROP TABLE auth_server.signing_keys`);
  }
}
