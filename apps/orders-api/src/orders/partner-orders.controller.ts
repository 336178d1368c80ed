import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { OrderScopes } from '@platform/api-catalog';
import { AuthMethods, Scopes } from '@platform/auth';
import { OrdersService } from './orders.service';
import { PartnerOrderView } from './partner-order.view';

/** Partners look orders up by id with an API key; bearer tokens are not accepted here. */
@AuthMethods('api_key')
@Controller('partner/orders')
export class PartnerOrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Scopes(OrderScopes.read)
  @Get(':id')
  @ApiOkResponse({ type: PartnerOrderView, description: 'any order, whoever owns it, without its owner or items' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<PartnerOrderView> {
    return this.orders.getForPartner(id);
  }
}
