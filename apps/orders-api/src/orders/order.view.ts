import { ApiProperty } from '@nestjs/swagger';
import { ORDER_STATUSES, type OrderEntity, type OrderItem, type OrderStatus } from './order.entity';

/** A line of an order as clients see it: what was asked for, at the price asked. */
export class OrderItemView implements OrderItem {
  @ApiProperty({ example: 'ABC-1' })
  sku!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 2 })
  quantity!: number;

  @ApiProperty({ description: 'a decimal string with at most two decimals', example: '9.99' })
  unitPrice!: string;
}

/** An order as clients see it. */
export class OrderView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'the `sub` of the token that placed the order' })
  ownerId!: string;

  @ApiProperty({ type: [OrderItemView] })
  items!: OrderItemView[];

  @ApiProperty({ description: 'the sum of quantity × unitPrice, a decimal string with two decimals', example: '19.98' })
  total!: string;

  @ApiProperty({ enum: ORDER_STATUSES })
  status!: OrderStatus;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
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
