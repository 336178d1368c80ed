import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Principal } from '@platform/auth';
import type { Repository } from 'typeorm';
import type { CreateOrderDto } from './create-order.dto';
import { fromCents, toCents } from './money';
import { decodeOrderCursor, encodeOrderCursor } from './order-cursor';
import { OrderEntity, type OrderStatus } from './order.entity';
import type { OrderPageView } from './order-page.view';
import { toOrderView, type OrderView } from './order.view';
import { visibleOwner } from './order-visibility';
import { type PartnerOrderView, toPartnerOrderView } from './partner-order.view';

@Injectable()
export class OrdersService {
  constructor(@InjectRepository(OrderEntity) private readonly orders: Repository<OrderEntity>) {}

  async create(owner: Principal, order: CreateOrderDto): Promise<OrderView> {
    const total = order.items.reduce((sum, item) => sum + BigInt(item.quantity) * toCents(item.unitPrice), 0n);
    const now = new Date();
    const saved = await this.orders.save(
      this.orders.create({
        ownerId: owner.sub,
        items: order.items.map(({ sku, quantity, unitPrice }) => ({ sku, quantity, unitPrice })),
        total: fromCents(total),
        status: 'pending',
        createdAt: now,
        updatedAt: now,
      }),
    );
    return toOrderView(saved);
  }

  /** Newest first, `limit` at a time; `cursor` continues after the previous page. */
  async list(reader: Principal, limit: number, cursor: string | undefined, status?: OrderStatus): Promise<OrderPageView> {
    const query = this.orders
      .createQueryBuilder('o')
      .orderBy('o.created_at', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .limit(limit + 1);
    const owner = visibleOwner(reader);
    if (owner !== null) {
      query.andWhere('o.owner_id = :owner', { owner });
    }
    if (status !== undefined) {
      query.andWhere('o.status = :status', { status });
    }
    if (cursor !== undefined) {
      const after = decodeOrderCursor(cursor);
      query.andWhere('(o.created_at, o.id) < (:createdAt, :id)', { createdAt: after.createdAt, id: after.id });
    }
    const rows = await query.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      orders: page.map(toOrderView),
      nextCursor: rows.length > limit && last ? encodeOrderCursor(last) : null,
    };
  }

  /** Another owner's order is "not found", not "forbidden": its existence is not disclosed. */
  async get(reader: Principal, id: string): Promise<OrderView> {
    const owner = visibleOwner(reader);
    const order = await this.orders.findOneBy(owner === null ? { id } : { id, ownerId: owner });
    if (!order) throw orderNotFound(id);
    return toOrderView(order);
  }

  /** Any order, whoever owns it, in the partner view (which shows no owner). */
  async getForPartner(id: string): Promise<PartnerOrderView> {
    const order = await this.orders.findOneBy({ id });
    if (!order) throw orderNotFound(id);
    return toPartnerOrderView(order);
  }

  /**
   * pending → paid, as one conditional UPDATE: two concurrent calls cannot both succeed, and an
   * order already paid (or in any other state) is a 409, never overwritten.
   */
  async markPaid(id: string, paymentId: string): Promise<OrderView> {
    const result = await this.orders
      .createQueryBuilder()
      .update()
      .set({ status: 'paid', paymentId, updatedAt: new Date() })
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
    if (result.affected === 1) {
      return toOrderView(await this.orders.findOneByOrFail({ id }));
    }
    const order = await this.orders.findOneBy({ id });
    if (!order) throw orderNotFound(id);
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message: `order ${id} is ${order.status}: only a pending order can be marked paid`,
    });
  }
}

function orderNotFound(id: string): NotFoundException {
  return new NotFoundException({ statusCode: 404, error: 'Not Found', message: `order ${id} not found` });
}
