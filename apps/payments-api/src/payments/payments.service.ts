import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { CreatePaymentDto } from './create-payment.dto';
import { normalizePaymentAmount } from './payment-amount';
import { PaymentEntity } from './payment.entity';
import { toPaymentView, type PaymentView } from './payment.view';

export interface PaymentOutcome {
  readonly payment: PaymentView;
  /** `false` when the payment existed already (a repeat, or a request that lost a race). */
  readonly created: boolean;
}

@Injectable()
export class PaymentsService {
  constructor(@InjectRepository(PaymentEntity) private readonly payments: Repository<PaymentEntity>) {}

  /**
   * Pays an order at most once. The insert is `ON CONFLICT DO NOTHING` on both unique keys
   * (the order, and the client's idempotency key), so concurrent requests and replicas cannot
   * create a second payment; whoever does not insert reads the row that won and returns it,
   * unless it pays something else (409).
   */
  async pay(clientId: string, request: CreatePaymentDto, idempotencyKey: string | undefined): Promise<PaymentOutcome> {
    const candidate = this.payments.create({
      id: randomUUID(),
      // PostgreSQL returns uuids in lower case; compare like with like.
      orderId: request.orderId.toLowerCase(),
      amount: normalizePaymentAmount(request.amount),
      clientId,
      idempotencyKey: idempotencyKey ?? null,
      status: 'succeeded',
      createdAt: new Date(),
    });
    const inserted = await this.payments
      .createQueryBuilder()
      .insert()
      .into(PaymentEntity)
      .values(candidate)
      .orIgnore()
      .returning('id')
      .execute();
    if ((inserted.raw as unknown[]).length === 1) {
      return { payment: toPaymentView(candidate), created: true };
    }
    return { payment: toPaymentView(await this.existingFor(candidate)), created: false };
  }

  async get(id: string): Promise<PaymentView> {
    const payment = await this.payments.findOneBy({ id });
    if (!payment) {
      throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `payment ${id} not found` });
    }
    return toPaymentView(payment);
  }

  async listForOrder(orderId: string): Promise<PaymentView[]> {
    const payments = await this.payments.find({ where: { orderId: orderId.toLowerCase() }, order: { createdAt: 'ASC', id: 'ASC' } });
    return payments.map(toPaymentView);
  }

  /**
   * The payment an insert conflicted with, if it is the same payment. The idempotency key is
   * checked first: a key names one request, and reusing it for another is the client's bug.
   *
   * @throws ConflictException when the key was used for another payment, or the order was paid another amount
   */
  private async existingFor(candidate: PaymentEntity): Promise<PaymentEntity> {
    const { clientId, idempotencyKey, orderId, amount } = candidate;
    if (idempotencyKey !== null) {
      const earlier = await this.payments.findOneBy({ clientId, idempotencyKey });
      if (earlier) {
        if (earlier.orderId !== orderId || earlier.amount !== amount) {
          throw conflict(
            `this Idempotency-Key was already used for a payment of ${earlier.amount} for order ${earlier.orderId}; ` +
              'use a new key for a different payment',
          );
        }
        return earlier;
      }
    }
    // The insert did nothing, so the row it collided with is committed and visible to this read.
    const paid = await this.payments.findOneByOrFail({ orderId });
    if (paid.amount !== amount) {
      throw conflict(`order ${orderId} is already paid (payment ${paid.id} of ${paid.amount}); a second payment of ${amount} was refused`);
    }
    return paid;
  }
}

function conflict(message: string): ConflictException {
  return new ConflictException({ statusCode: 409, error: 'Conflict', message });
}
