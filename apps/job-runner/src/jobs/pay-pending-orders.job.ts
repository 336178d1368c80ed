import type { ApiClient } from '../api/api-client';
import type { JsonLog } from '../observability/json-log';

interface PendingOrder {
  readonly id: string;
  readonly total: string;
}

interface OrderPage {
  readonly orders: PendingOrder[];
  readonly nextCursor: string | null;
}

export interface PassResult {
  /** Orders paid and marked paid in this pass. */
  readonly paid: number;
  /** Orders another pass (or replica) marked paid first. */
  readonly alreadyPaid: number;
  /** Orders left pending: a call was refused or failed; the next pass tries again. */
  readonly leftPending: number;
  /** Whether the pending orders could be listed at all. */
  readonly listed: boolean;
}

const PAGE_SIZE = 100;

/**
 * One pass: every `pending` order is paid (POST /payments) and then marked paid
 * (PATCH /orders/:id). Paying is idempotent (one payment per order, and an Idempotency-Key), so a
 * pass that died between the two steps is repaired by the next: the payment comes back as the
 * existing one (200) and only the mark is done.
 */
export class PayPendingOrdersJob {
  constructor(
    private readonly orders: ApiClient,
    private readonly payments: ApiClient,
    private readonly log: JsonLog,
  ) {}

  async runPass(): Promise<PassResult> {
    let paid = 0;
    let alreadyPaid = 0;
    let leftPending = 0;
    let listed = false;
    let cursor: string | null = null;
    do {
      const page = await this.pendingOrders(cursor);
      if (!page) return { paid, alreadyPaid, leftPending, listed };
      listed = true;
      for (const [index, order] of page.orders.entries()) {
        const outcome = await this.settle(order);
        if (outcome === 'paid') paid += 1;
        else if (outcome === 'already_paid') alreadyPaid += 1;
        else {
          leftPending += 1;
          if (outcome === 'stop') {
            // A refusal (401/403) would repeat for every order: one logged line says it all.
            leftPending += page.orders.length - index - 1;
            return { paid, alreadyPaid, leftPending, listed: true };
          }
        }
      }
      cursor = page.nextCursor;
    } while (cursor !== null);
    return { paid, alreadyPaid, leftPending, listed: true };
  }

  private async pendingOrders(cursor: string | null): Promise<OrderPage | undefined> {
    const query = new URLSearchParams({ status: 'pending', limit: String(PAGE_SIZE), ...(cursor === null ? {} : { cursor }) });
    const outcome = await this.orders.call('GET', `/orders?${query.toString()}`);
    if (outcome.kind !== 'answered') return undefined;
    if (outcome.status !== 200 || !isOrderPage(outcome.body)) {
      this.log.write('error', { event: 'unexpected_answer', api: this.orders.name, path: '/orders', status: outcome.status });
      return undefined;
    }
    return outcome.body;
  }

  private async settle(order: PendingOrder): Promise<'paid' | 'already_paid' | 'skipped' | 'stop'> {
    const payment = await this.payments.call('POST', '/payments', {
      body: { orderId: order.id, amount: order.total },
      idempotencyKey: `order-${order.id}`,
    });
    if (payment.kind === 'refused') return 'stop';
    if (payment.kind === 'unavailable') return 'skipped';
    const paymentId = paymentIdOf(payment.body);
    if ((payment.status !== 201 && payment.status !== 200) || paymentId === undefined) {
      this.log.write('error', { event: 'payment_failed', orderId: order.id, status: payment.status, answer: payment.body });
      return 'skipped';
    }

    const mark = await this.orders.call('PATCH', `/orders/${encodeURIComponent(order.id)}`, { body: { status: 'paid', paymentId } });
    if (mark.kind === 'refused') return 'stop';
    if (mark.kind === 'unavailable') return 'skipped';
    if (mark.status === 409) {
      this.log.write('info', { event: 'order_already_paid', orderId: order.id, paymentId });
      return 'already_paid';
    }
    if (mark.status !== 200) {
      this.log.write('error', { event: 'mark_paid_failed', orderId: order.id, paymentId, status: mark.status, answer: mark.body });
      return 'skipped';
    }
    this.log.write('info', { event: 'order_paid', orderId: order.id, paymentId, amount: order.total, newPayment: payment.status === 201 });
    return 'paid';
  }
}

function isOrderPage(body: unknown): body is OrderPage {
  const page = body as Partial<OrderPage> | undefined;
  return (
    Array.isArray(page?.orders) &&
    page.orders.every((order) => typeof order?.id === 'string' && typeof order.total === 'string') &&
    (page.nextCursor === null || typeof page.nextCursor === 'string')
  );
}

function paymentIdOf(body: unknown): string | undefined {
  const id = (body as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}
