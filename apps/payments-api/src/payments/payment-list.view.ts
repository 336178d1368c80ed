import { ApiProperty } from '@nestjs/swagger';
import { PaymentView } from './payment.view';

/** `GET /payments?orderId=`: an order's payments, oldest first (at most one today). */
export class PaymentListView {
  @ApiProperty({ type: [PaymentView] })
  payments!: PaymentView[];
}
