import type { PaymentEntity, PaymentStatus } from './payment.entity';

/** A payment as clients see it (the idempotency key stays the caller's business). */
export interface PaymentView {
  id: string;
  orderId: string;
  amount: string;
  status: PaymentStatus;
  clientId: string;
  createdAt: string;
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
