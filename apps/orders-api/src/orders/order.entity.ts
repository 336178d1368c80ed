import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ORDER_STATUSES = ['pending', 'paid'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderItem {
  sku: string;
  quantity: number;
  unitPrice: string;
}

@Entity({ name: 'orders' })
export class OrderEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The `sub` of the token that created the order. */
  @Column({ name: 'owner_id', type: 'text' })
  ownerId!: string;

  @Column({ type: 'jsonb' })
  items!: OrderItem[];

  /** numeric(14,2): pg returns it as a string, which keeps it exact. */
  @Column({ type: 'numeric', precision: 14, scale: 2 })
  total!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: OrderStatus;

  /** The payment that settled the order; set with the status, never shown in the order view. */
  @Column({ name: 'payment_id', type: 'text', nullable: true })
  paymentId!: string | null;

  // Set by the app with millisecond precision, so a list cursor (a JS Date) matches it exactly.
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
