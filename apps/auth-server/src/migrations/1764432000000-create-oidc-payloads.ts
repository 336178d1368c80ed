import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OIDC_PAYLOADS_TABLE } from '../oidc/postgres-oidc-adapter';

export class CreateOidcPayloads1764432000000 implements MigrationInterface {
  name = 'CreateOidcPayloads1764432000000';

  async up(runner: QueryRunner): Promise<void> {
    // Every oidc-provider model in one table; expires_at NULL means the row never expires.
    await runner.query(`
      CREATE TABLE ${OIDC_PAYLOADS_TABLE} (
        model text NOT NULL,
        id text NOT NULL,
        payload jsonb NOT NULL,
        grant_id text,
        user_code text,
        uid text,
        expires_at timestamptz,
        consumed_at timestamptz,
        PRIMARY KEY (model, id)
      )`);
    // Lookups of the adapter (revokeByGrantId, findByUserCode, findByUid) and of the expiry clean-up.
    await runner.query(`CREATE INDEX oidc_payloads_grant_id_idx ON ${OIDC_PAYLOADS_TABLE} (grant_id) WHERE grant_id IS NOT NULL`);
    await runner.query(`CREATE INDEX oidc_payloads_user_code_idx ON ${OIDC_PAYLOADS_TABLE} (model, user_code) WHERE user_code IS NOT NULL`);
    await runner.query(`CREATE INDEX oidc_payloads_uid_idx ON ${OIDC_PAYLOADS_TABLE} (model, uid) WHERE uid IS NOT NULL`);
    await runner.query(`CREATE INDEX oidc_payloads_expires_at_idx ON ${OIDC_PAYLOADS_TABLE} (expires_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${OIDC_PAYLOADS_TABLE}`);
  }
}
