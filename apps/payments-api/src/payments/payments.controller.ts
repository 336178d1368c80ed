import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { PaymentScopes } from '@platform/api-catalog';
import { CurrentPrincipal, type Principal, Scopes } from '@platform/auth';
import { ClientCredentialsOnlyGuard } from './client-credentials-only.guard';
import { CreatePaymentDto } from './create-payment.dto';
import { IdempotencyKey } from './idempotency-key.decorator';
import { ListPaymentsQuery } from './list-payments.query';
import { PaymentListView } from './payment-list.view';
import { PaymentView } from './payment.view';
import { PaymentsService } from './payments.service';

/** What this controller needs of the HTTP reply; both Fastify's and Express's have it. */
interface ReplyStatus {
  status(code: number): unknown;
}

@Controller('payments')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  /** Pays an order: 201 with a new payment, 200 with the existing one when the order is already paid. */
  @Scopes(PaymentScopes.process)
  @UseGuards(ClientCredentialsOnlyGuard)
  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: PaymentView, description: 'the new payment' })
  @ApiOkResponse({
    type: PaymentView,
    description: 'the order was paid already (the same amount, or the same Idempotency-Key): that payment',
  })
  async pay(
    @CurrentPrincipal() caller: Principal,
    @Body() request: CreatePaymentDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: ReplyStatus,
  ): Promise<PaymentView> {
    // ClientCredentialsOnlyGuard let only machine tokens through, and a machine token names its client.
    const { payment, created } = await this.payments.pay(caller.clientId ?? caller.sub, request, idempotencyKey);
    if (!created) {
      reply.status(200);
    }
    return payment;
  }

  @Scopes(PaymentScopes.read)
  @Get()
  @ApiOkResponse({ type: PaymentListView, description: "the order's payments, oldest first" })
  async list(@Query() query: ListPaymentsQuery): Promise<PaymentListView> {
    return { payments: await this.payments.listForOrder(query.orderId) };
  }

  @Scopes(PaymentScopes.read)
  @Get(':id')
  @ApiOkResponse({ type: PaymentView, description: 'the payment' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<PaymentView> {
    return this.payments.get(id);
  }
}
