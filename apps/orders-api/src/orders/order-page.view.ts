import { ApiProperty } from '@nestjs/swagger';
import { OrderView } from './order.view';

/** `GET /orders`: a page of orders, newest first. */
export class OrderPageView {
  @ApiProperty({ type: [OrderView] })
  orders!: OrderView[];

  @ApiProperty({ type: 'string', nullable: true, description: 'pass as `cursor` for the next page; `null` on the last page' })
  nextCursor!: string | null;
}
