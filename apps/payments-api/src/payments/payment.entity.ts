import { Column, Entity, PrimaryColumn } from 'typeorm';

export type PaymentStatus = 'succeeded';

@Entity({ name: 'payments' })
export class PaymentEntity {
  /** Chosen by the app, so an insert that wins needs no second read to return the row. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** Unique: at most one payment per order. */
  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  /** numeric(14,2): pg returns it as a string with two decimals, which keeps it exact. */
  @Column({ type: 'numeric', precision: 14, scale: 2 })
  amount!: string;

  /** The client-credentials client that made the payment. */
  @Column({ name: 'client_id', type: 'text' })
  clientId!: string;

  /** Unique per client when set. */
  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey!: string | null;

  @Column({ type: 'text' })
  status!: PaymentStatus;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
