import { ApiProperty } from '@nestjs/swagger';
import type { PaymentEntity, PaymentStatus } from './payment.entity';

// Keyed by every PaymentStatus, so a new status cannot be left out of the documented enum.
const PAYMENT_STATUSES = Object.keys({ succeeded: true } satisfies Record<PaymentStatus, true>) as PaymentStatus[];

/** A payment as clients see it (the idempotency key stays the caller's business). */
export class PaymentView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'the orders-api order it paid' })
  orderId!: string;

  @ApiProperty({ description: 'a decimal string with two decimals', example: '12.50' })
  amount!: string;

  @ApiProperty({ enum: PAYMENT_STATUSES })
  status!: PaymentStatus;

  @ApiProperty({ description: 'the client-credentials client that made the payment' })
  clientId!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export function toPaymentView(payment: PaymentEntity): PaymentView {
  return {
    id: payment.id,
    orderId: payment.orderId,
    amount: payment.amount,
    status: payment.status,
    clientId: payment.clientId,
    createdAt: payment.createdAt.toISOString(),
  };
}
