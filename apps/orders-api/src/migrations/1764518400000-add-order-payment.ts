import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddOrderPayment1764518400000 implements MigrationInterface {
  name = 'AddOrderPayment1764518400000';

  async up(runner: QueryRunner): Promise<void> {
    // The payment that settled the order (payments-api's id), kept for reconciliation.
    await runner.query(`ALTER TABLE orders_api.orders ADD COLUMN payment_id text`);
    // The job runner lists pending orders, oldest work first, on every pass.
    await runner.query(`CREATE INDEX orders_status_created_idx ON orders_api.orders (status, created_at DESC, id DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX orders_api.orders_status_created_idx`);
    await runner.query(`ALTER TABLE orders_api.orders DROP COLUMN payment_id`);
  }
}
