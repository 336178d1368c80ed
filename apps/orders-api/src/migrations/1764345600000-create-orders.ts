import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrders1764345600000 implements MigrationInterface {
  name = 'CreateOrders1764345600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE orders_api.orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id text NOT NULL,
        items jsonb NOT NULL,
        total numeric(14, 2) NOT NULL CHECK (total >= 0),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid')),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // Keyset pagination walks (created_at, id) newest first, for one owner or for all.
    await runner.query(`CREATE INDEX orders_owner_created_idx ON orders_api.orders (owner_id, created_at DESC, id DESC)`);
    await runner.query(`CREATE INDEX orders_created_idx ON orders_api.orders (created_at DESC, id DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE orders_api.orders`);
  }
}
