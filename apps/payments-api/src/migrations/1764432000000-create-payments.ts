import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePayments1764432000000 implements MigrationInterface {
  name = 'CreatePayments1764432000000';

  async up(runner: QueryRunner): Promise<void> {
    // UNIQUE (order_id) is what makes "at most one payment per order" hold under concurrent
    // requests and across replicas: the service inserts with ON CONFLICT DO NOTHING, never check-then-insert.
    // numeric(14, 2) is the column orders-api keeps totals in, so every order total can be paid exactly.
    await runner.query(`
      CREATE TABLE payments_api.payments (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL,
        amount numeric(14, 2) NOT NULL CHECK (amount > 0),
        client_id text NOT NULL,
        idempotency_key text CHECK (char_length(idempotency_key) BETWEEN 1 AND 255),
        status text NOT NULL CHECK (status IN ('succeeded')),
        created_at timestamptz NOT NULL,
        CONSTRAINT payments_order_id_key UNIQUE (order_id)
      )`);
    // Idempotency keys are the client's own namespace: two clients may pick the same key.
    await runner.query(`
      CREATE UNIQUE INDEX payments_client_idempotency_key_idx
        ON payments_api.payments (client_id, idempotency_key)
        WHERE idempotency_key IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE payments_api.payments`);
  }
}
