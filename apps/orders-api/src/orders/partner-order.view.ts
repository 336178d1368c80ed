import { ApiProperty } from '@nestjs/swagger';
import { ORDER_STATUSES, type OrderEntity, type OrderStatus } from './order.entity';

/** An order as partners (API keys) see it: no owner, no items. */
export class PartnerOrderView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ORDER_STATUSES })
  status!: OrderStatus;

  @ApiProperty({ description: 'a decimal string with two decimals', example: '19.98' })
  total!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export function toPartnerOrderView(order: OrderEntity): PartnerOrderView {
  return { id: order.id, status: order.status, total: order.total, createdAt: order.createdAt.toISOString() };
}
