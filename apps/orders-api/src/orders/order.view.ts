import type { OrderEntity, OrderItem, OrderStatus } from './order.entity';

/** An order as clients see it. */
export interface OrderView {
  id: string;
  ownerId: string;
  items: OrderItem[];
  total: string;
  status: OrderStatus;
  createdAt: string;
}

export function toOrderView(order: OrderEntity): OrderView {
  return {
    id: order.id,
    ownerId: order.ownerId,
    items: order.items,
    total: order.total,
    status: order.status,
    createdAt: order.createdAt.toISOString(),
  };
}
