import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { OrderScopes } from '@platform/api-catalog';
import { AnyScope, CurrentPrincipal, type Principal, Scopes } from '@platform/auth';
import { CreateOrderDto } from './create-order.dto';
import { ListOrdersQuery } from './list-orders.query';
import { OrderPageView } from './order-page.view';
import { OrderView } from './order.view';
import { OrdersService } from './orders.service';
import { UpdateOrderStatusDto } from './update-order-status.dto';

@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  /** Places an order owned by the caller (`sub`). */
  @Scopes(OrderScopes.write)
  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: OrderView, description: 'the new order, pending, owned by the caller' })
  create(@CurrentPrincipal() caller: Principal, @Body() order: CreateOrderDto): Promise<OrderView> {
    return this.orders.create(caller, order);
  }

  @AnyScope(OrderScopes.read, OrderScopes.readOwn, OrderScopes.readAny)
  @Get()
  @ApiOkResponse({ type: OrderPageView, description: "the orders the caller may see (with read:orders:any, everyone's), newest first" })
  list(@CurrentPrincipal() caller: Principal, @Query() query: ListOrdersQuery): Promise<OrderPageView> {
    return this.orders.list(caller, query.limit ?? 20, query.cursor, query.status);
  }

  @AnyScope(OrderScopes.read, OrderScopes.readOwn, OrderScopes.readAny)
  @Get(':id')
  @ApiOkResponse({ type: OrderView, description: "the order (another owner's is a 404 without read:orders:any)" })
  get(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<OrderView> {
    return this.orders.get(caller, id);
  }

  /** Marks a pending order paid (the job runner, after payments-api took the payment). */
  @Scopes(OrderScopes.writeStatus)
  @Patch(':id')
  @ApiOkResponse({ type: OrderView, description: 'the order, now paid' })
  updateStatus(@Param('id', new ParseUUIDPipe()) id: string, @Body() change: UpdateOrderStatusDto): Promise<OrderView> {
    return this.orders.markPaid(id, change.paymentId);
  }
}
