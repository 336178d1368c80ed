import type { OrderEntity, OrderStatus } from './order.entity';

/** An order as partners (API keys) see it: no owner, no items. */
export interface PartnerOrderView {
  id: string;
  status: OrderStatus;
  total: string;
  createdAt: string;
}

export function toPartnerOrderView(order: OrderEntity): PartnerOrderView {
  return { id: order.id, status: order.status, total: order.total, createdAt: order.createdAt.toISOString() };
}
