import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { OrderScopes } from '@platform/api-catalog';
import { AuthMethods, Scopes } from '@platform/auth';
import { OrdersService } from './orders.service';
import type { PartnerOrderView } from './partner-order.view';

/** Partners look orders up by id with an API key; bearer tokens are not accepted here. */
@AuthMethods('api_key')
@Controller('partner/orders')
export class PartnerOrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Scopes(OrderScopes.read)
  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<PartnerOrderView> {
    return this.orders.getForPartner(id);
  }
}
