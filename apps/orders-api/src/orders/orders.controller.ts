import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { OrderScopes } from '@platform/api-catalog';
import { AnyScope, CurrentPrincipal, type Principal, Scopes } from '@platform/auth';
import { CreateOrderDto } from './create-order.dto';
import { ListOrdersQuery } from './list-orders.query';
import type { OrderView } from './order.view';
import { type OrderPage, OrdersService } from './orders.service';
import { UpdateOrderStatusDto } from './update-order-status.dto';

@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  /** Places an order owned by the caller (`sub`). */
  @Scopes(OrderScopes.write)
  @Post()
  @HttpCode(201)
  create(@CurrentPrincipal() caller: Principal, @Body() order: CreateOrderDto): Promise<OrderView> {
    return this.orders.create(caller, order);
  }

  @AnyScope(OrderScopes.read, OrderScopes.readOwn, OrderScopes.readAny)
  @Get()
  list(@CurrentPrincipal() caller: Principal, @Query() query: ListOrdersQuery): Promise<OrderPage> {
    return this.orders.list(caller, query.limit ?? 20, query.cursor, query.status);
  }

  @AnyScope(OrderScopes.read, OrderScopes.readOwn, OrderScopes.readAny)
  @Get(':id')
  get(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<OrderView> {
    return this.orders.get(caller, id);
  }

  /** Marks a pending order paid (the job runner, after payments-api took the payment). */
  @Scopes(OrderScopes.writeStatus)
  @Patch(':id')
  updateStatus(@Param('id', new ParseUUIDPipe()) id: string, @Body() change: UpdateOrderStatusDto): Promise<OrderView> {
    return this.orders.markPaid(id, change.paymentId);
  }
}
